import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy that a test can cut and restore: an app pointed at it sees its Redis or Postgres go
 * down and come back, while the machine's real server keeps running for everyone else.
 */
export interface TcpProxy {
  /** The proxy's port on 127.0.0.1. */
  readonly port: number;
  /** `tcp://127.0.0.1:<port>`; callers build their own scheme's URL from `port`. */
  readonly url: string;
  /** Refuses new connections and cuts the open ones. */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a proxy to `host:port`. */
export async function startTcpProxy(host: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const makeServer = (): Server =>
    createServer((client) => {
      const upstream = connect(targetPort, host);
      track(client);
      track(upstream);
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  const listen = (server: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  const shut = (server: Server) => new Promise<void>((resolve) => {
    server.close(() => resolve());
    for (const s of sockets) s.destroy();
  });
  let server = makeServer();
  const port = await listen(server, 0);
  let open = true;
  return {
    port,
    url: `tcp://127.0.0.1:${port}`,
    async cut() {
      if (!open) return;
      open = false;
      await shut(server);
    },
    async restore() {
      if (open) return;
      server = makeServer();
      await listen(server, port);
      open = true;
    },
    async close() {
      if (open) await shut(server);
      open = false;
    },
  };
}

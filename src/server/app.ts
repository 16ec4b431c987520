import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Services } from '../graphql/context.js';
import { buildSchema } from '../graphql/schema.js';
import { simulate } from '../service/decisions.js';
import { createApollo } from './apollo.js';
import type { Config } from './config.js';
import { createRequestListener, ROUTES } from './http.js';
import { createLogger } from './logger.js';

/** A running app. */
export interface App {
  /** The GraphQL endpoint, e.g. `http://localhost:4000/graphql`; other routes resolve against it. */
  readonly url: string;
  /** The bound port (the real one when `config.port` is 0). */
  readonly port: number;
  readonly logger: Logger;
  /** Stops accepting, drains in-flight requests, then releases resources. Idempotent. */
  stop(): Promise<void>;
}

/** Replacements for tests; production passes none. */
export interface AppOptions {
  readonly logger?: Logger;
  readonly services?: Services;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** A URL host for a bind address: wildcard binds are reached via localhost. */
const urlHost = (host: string): string =>
  host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;

/**
 * The composition root: logger → services → schema → Apollo → HTTP, in plain code. Tests start
 * apps on port 0 through it; main.ts adds only signals.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config);
  const services: Services = options.services ?? { simulate };
  const schema = await buildSchema();
  const httpServer = createServer();
  const apollo = createApollo({ schema, httpServer, logger });
  await apollo.start();

  let stopping: Promise<void> | undefined;
  httpServer.on(
    'request',
    createRequestListener({ apollo, services, logger, bodyLimitBytes: config.bodyLimitBytes, isStopping: () => stopping !== undefined }),
  );
  let port: number;
  try {
    port = await listen(httpServer, config.port, config.host);
  } catch (error) {
    await apollo.stop();
    throw error;
  }
  return {
    url: `http://${urlHost(config.host)}:${port}${ROUTES.graphql}`,
    port,
    logger,
    stop: () => {
      // The drain plugin closes the HTTP server and waits for in-flight requests.
      stopping ??= apollo.stop().then(() => logger.info('stopped'));
      return stopping;
    },
  };
}

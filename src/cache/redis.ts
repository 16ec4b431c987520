import { Redis, type RedisOptions } from 'ioredis';

/** The logging a cache needs (a pino logger fits). */
export interface CacheLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

/** How the shared cache connects. */
export interface RedisCacheOptions {
  readonly url: string;
  /** Put in front of every key and channel: separates deployments (and test files) sharing a server. */
  readonly keyPrefix: string;
  readonly logger: CacheLogger;
  /** A command slower than this is a failure (a miss for the caller); default 200 ms. */
  readonly commandTimeoutMs?: number;
}

/** What the shared cache reports. */
export interface RedisStats {
  /** Whether the command connection is up right now. */
  readonly connected: boolean;
  /** False from the first failure until the connection is ready again. */
  readonly available: boolean;
  /** Whether the commit channel is subscribed right now. */
  readonly subscribed: boolean;
  /** Commands that failed or were skipped because Redis was not reachable. */
  readonly failures: number;
}

/**
 * Redis as an optional, shared cache. No operation ever throws or waits long: when Redis is down,
 * slow or returns an error, reads are misses and writes are dropped, so the service answers from
 * Postgres and its in-process caches. The client reconnects in the background. A degradation is
 * logged once, and so is the recovery; never once per request.
 */
export interface RedisCache {
  /** The value under `key`, or null on a miss or any failure. */
  get(key: string): Promise<string | null>;
  /** Sets `key` with a TTL (which only bounds memory: cached values are immutable). */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Raises the number under `key` to `value`; never lowers it (latest versions only grow). */
  setMax(key: string, value: number): Promise<void>;
  publish(channel: string, message: string): Promise<void>;
  /**
   * Listens on `channel`; `onState(true)` each time the subscription is (re)established, and
   * `onState(false)` when it is lost (messages may have been missed in between).
   */
  subscribe(channel: string, onMessage: (message: string) => void, onState: (subscribed: boolean) => void): void;
  stats(): RedisStats;
  /** Disconnects both connections; idempotent. */
  close(): Promise<void>;
}

// Raise-only SET: a replica that read an old version from Postgres must not overwrite a newer one.
const SET_MAX = `local cur = tonumber(redis.call('GET', KEYS[1]))
if cur == nil or tonumber(ARGV[1]) > cur then redis.call('SET', KEYS[1], ARGV[1]) return 1 end
return 0`;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Connects to Redis at `options.url` (in the background: this returns at once). */
export function createRedisCache(options: RedisCacheOptions): RedisCache {
  const { logger, keyPrefix } = options;
  const common: RedisOptions = {
    commandTimeout: options.commandTimeoutMs ?? 200,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    autoResubscribe: false,
    // Reconnect forever, backing off to one attempt a second.
    retryStrategy: (times) => Math.min(times * 100, 1_000),
  };
  const client = new Redis(options.url, common);
  const subscriber = new Redis(options.url, common);
  let available = true;
  let subscribed = false;
  let failures = 0;
  let closing = false;

  const degrade = (error: unknown): void => {
    failures++;
    if (!available || closing) return;
    available = false;
    logger.warn({ err: messageOf(error) }, 'redis unavailable: serving from in-process caches and Postgres until it is back');
  };
  const recover = (): void => {
    if (available || closing) return;
    available = true;
    logger.info({}, 'redis available again: shared caching resumed');
  };
  client.on('error', degrade);
  client.on('close', () => degrade(new Error('connection closed')));
  client.on('ready', recover);
  subscriber.on('error', degrade);

  async function run<T>(command: (c: Redis) => Promise<T>, fallback: T): Promise<T> {
    if (client.status !== 'ready') {
      failures++;
      return fallback;
    }
    try {
      const value = await command(client);
      recover();
      return value;
    } catch (error) {
      degrade(error);
      return fallback;
    }
  }

  return {
    get: (key) => run((c) => c.get(keyPrefix + key), null),
    set: (key, value, ttlSeconds) => run(async (c) => void (await c.set(keyPrefix + key, value, 'EX', ttlSeconds)), undefined),
    setMax: (key, value) => run(async (c) => void (await c.eval(SET_MAX, 1, keyPrefix + key, String(value))), undefined),
    publish: (channel, message) => run(async (c) => void (await c.publish(keyPrefix + channel, message)), undefined),
    subscribe(channel, onMessage, onState) {
      const full = keyPrefix + channel;
      subscriber.on('message', (from: string, message: string) => {
        if (from === full) onMessage(message);
      });
      const attach = (): void => {
        subscriber.subscribe(full).then(
          () => {
            subscribed = true;
            onState(true);
          },
          (error: unknown) => degrade(error),
        );
      };
      subscriber.on('ready', attach);
      subscriber.on('close', () => {
        if (subscribed) onState(false);
        subscribed = false;
      });
      if (subscriber.status === 'ready') attach();
    },
    stats: () => ({ connected: client.status === 'ready', available, subscribed, failures }),
    async close() {
      closing = true;
      client.disconnect();
      subscriber.disconnect();
    },
  };
}

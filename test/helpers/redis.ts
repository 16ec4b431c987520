import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

/** REDIS_URL when the Redis-backed tests can run (global-setup checked it), else null. */
export const redisUrl = (): string | null => inject('redisUrl');

/**
 * A key and channel prefix of its own for one test file (and run), so that files running in
 * parallel, and earlier runs, never see each other's entries or commit announcements.
 */
export const redisTestPrefix = (label: string): string => `iamtest:${label}:${process.pid}:${randomBytes(4).toString('hex')}:`;

/** Deletes every key under `prefix` (the TTLs would do it too, later). */
export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

/** A TCP proxy to Redis that a test can cut and restore (see tcp-proxy.ts); `url` is `redis://127.0.0.1:<port>`. */
export type RedisProxy = TcpProxy;

/** Starts a proxy to the Redis at `url`. */
export async function startRedisProxy(url: string): Promise<RedisProxy> {
  const target = new URL(url);
  const proxy = await startTcpProxy(target.hostname, Number(target.port || 6379));
  return { ...proxy, url: `redis://127.0.0.1:${proxy.port}` };
}

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import { migrate, MIGRATIONS_DIR } from '../../src/store/migrate.js';
import { createPgDb } from '../../src/store/pg-db.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** DATABASE_URL as given, or null when the Postgres-backed tests are skipped. */
    databaseUrl: string | null;
    /** The migrated template database that `freshPgDb()` clones. */
    pgTemplate: string | null;
    /** REDIS_URL as given (and reachable), or null when the Redis-backed tests are skipped. */
    redisUrl: string | null;
  }
}

/** `url` with its database replaced by `name`. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The template's name carries a hash of the migrations, so a changed migration means a new template. */
async function templateName(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of (await readdir(MIGRATIONS_DIR)).sort()) hash.update(name).update(await readFile(join(MIGRATIONS_DIR, name)));
  return `iam_test_template_${hash.digest('hex').slice(0, 12)}`;
}

/**
 * Builds the template under a private name and renames it into place, so that a template either
 * is fully migrated or does not exist, even with several test runs on one server.
 */
async function ensureTemplate(url: string): Promise<string> {
  const template = await templateName();
  const admin = createPgDb(url, { max: 1 });
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (exists.length > 0) return template;
    const build = `${template}_build_${process.pid}`;
    await admin.query(`drop database if exists "${build}"`);
    await admin.query(`create database "${build}"`);
    const db = createPgDb(withDatabase(url, build), { max: 1 });
    await migrate(db).finally(() => db.close());
    try {
      await admin.query(`alter database "${build}" rename to "${template}"`);
    } catch (error) {
      await admin.query(`drop database if exists "${build}"`);
      const [raced] = await admin.query('select 1 from pg_database where datname = $1', [template]);
      if (!raced) throw error;
    }
    const stale = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'iam\\_test\\_template\\_%' and datname <> $1 and datname not like '%\\_build\\_%'`,
      [template],
    );
    for (const { datname } of stale) await admin.query(`drop database if exists "${datname}"`).catch(() => undefined);
    return template;
  } finally {
    await admin.close();
  }
}

/** PINGs Redis once, failing within a few seconds when it cannot be reached. */
async function pingRedis(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 3_000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  client.on('error', () => undefined); // reported by connect() below
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}

/**
 * With REDIS_URL, checks Redis is reachable (failing loudly if not). In CI REDIS_URL is required,
 * so the Redis-backed cache tests can never be skipped there; elsewhere its absence skips them visibly.
 */
async function setupRedis(project: TestProject): Promise<void> {
  const url = process.env.REDIS_URL?.trim() || null;
  if (!url) {
    if (process.env.CI) throw new Error('REDIS_URL is not set: in CI the Redis-backed integration tests must run (see .ci/run)');
    console.warn('integration: REDIS_URL is not set; the Redis-backed tests ("requires REDIS_URL") are skipped');
    project.provide('redisUrl', null);
    return;
  }
  try {
    await pingRedis(url);
  } catch (error) {
    throw new Error(`Redis at REDIS_URL=${redact(url)} is not reachable (${messageOf(error)}); start it, or unset REDIS_URL outside CI to skip the Redis-backed tests`, { cause: error });
  }
  project.provide('redisUrl', url);
}

/**
 * Integration global setup: checks Redis (see `setupRedis`); with DATABASE_URL, checks Postgres is
 * reachable (failing loudly if not) and provides a migrated template database for `freshPgDb()`.
 * In CI, DATABASE_URL is required, so the Postgres contract can never be skipped there; elsewhere
 * its absence skips those tests visibly.
 */
export async function setup(project: TestProject): Promise<void> {
  await setupRedis(project);
  const url = process.env.DATABASE_URL?.trim() || null;
  if (!url) {
    if (process.env.CI) throw new Error('DATABASE_URL is not set: in CI the Postgres-backed integration tests must run (see .ci/run)');
    console.warn('integration: DATABASE_URL is not set; the Postgres-backed tests ("requires DATABASE_URL") are skipped');
    project.provide('databaseUrl', null);
    project.provide('pgTemplate', null);
    return;
  }
  const probe = createPgDb(url, { max: 1, connectionTimeoutMillis: 5_000 });
  try {
    await probe.query('select 1');
  } catch (error) {
    throw new Error(`Postgres at DATABASE_URL=${redact(url)} is not reachable (${messageOf(error)}); start it, or unset DATABASE_URL outside CI to skip the Postgres-backed tests`, { cause: error });
  } finally {
    await probe.close();
  }
  project.provide('databaseUrl', url);
  project.provide('pgTemplate', await ensureTemplate(url));
}

import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Umzug, type RunnableMigration, type UmzugStorage } from 'umzug';
import type { Db } from './db.js';

/**
 * The package's own folder: the nearest one above this module that holds package.json. The module
 * runs from src/store (tsx, tests), dist/src/store (`npm start`) or .bench-dist/src/store (benchmarks).
 */
function packageDir(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** Where the numbered plain-SQL migrations live. */
export const MIGRATIONS_DIR = join(packageDir(dirname(fileURLToPath(import.meta.url))), 'db', 'migrations');

/** `NNNN_description.sql`: the number orders them, the whole name identifies one. */
const MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/;

// One lock for every migrating process; transaction-scoped, so a crash cannot leave it held.
const LOCK = `select pg_advisory_xact_lock(hashtext('iam-decision-service:migrate'))`;

const CREATE_TABLE = `create table if not exists schema_migrations (
  name       text primary key,
  applied_at timestamptz not null default now()
)`;

/** Options for tests and tools; the service uses the defaults. */
export interface MigrateOptions {
  readonly dir?: string;
}

async function migrationFiles(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const bad = names.filter((name) => !MIGRATION_FILE.test(name));
  if (bad.length > 0) throw new Error(`migration files must be named NNNN_description.sql: ${bad.join(', ')}`);
  const numbers = names.map((name) => name.slice(0, 4));
  const duplicate = numbers.find((n, i) => numbers.indexOf(n) !== i);
  if (duplicate) throw new Error(`two migrations share the number ${duplicate}`);
  return names;
}

/**
 * One migration = one transaction that takes the migration lock, skips the file if another process
 * applied it meanwhile, runs it and records it. Recording it inside that transaction is what makes
 * "applied" and "recorded" the same fact; umzug only orders the files and computes what is pending.
 */
function toMigration(db: Db, dir: string, name: string, applied: string[]): RunnableMigration<Db> {
  return {
    name,
    path: join(dir, name),
    up: () =>
      db.transaction(async (tx) => {
        await tx.query(LOCK);
        const done = await tx.query('select 1 from schema_migrations where name = $1', [name]);
        if (done.length > 0) return;
        await tx.query(await readFile(join(dir, name), 'utf8'));
        await tx.query('insert into schema_migrations (name) values ($1)', [name]);
        applied.push(name);
      }),
  };
}

/** umzug storage in `schema_migrations`, through the Db port (pg and PGlite alike). */
function tableStorage(db: Db): UmzugStorage<Db> {
  return {
    async executed() {
      const [table] = await db.query<{ present: boolean }>(`select to_regclass('schema_migrations') is not null as present`);
      if (!table?.present) return [];
      const rows = await db.query<{ name: string }>('select name from schema_migrations order by name');
      return rows.map((row) => row.name);
    },
    // Recorded by the migration itself, in its own transaction (see toMigration).
    logMigration: () => Promise.resolve(),
    unlogMigration: () => Promise.reject(new Error('migrations are forward-only')),
  };
}

async function umzugFor(db: Db, dir: string, applied: string[] = []): Promise<Umzug<Db>> {
  const names = await migrationFiles(dir);
  return new Umzug<Db>({
    migrations: names.map((name) => toMigration(db, dir, name, applied)),
    storage: tableStorage(db),
    context: db,
    logger: undefined,
  });
}

/**
 * Applies the pending migrations of db/migrations in order, each in one transaction; safe to run
 * from several processes at once. Returns the names this call applied (not those another process did).
 */
export async function migrate(db: Db, options: MigrateOptions = {}): Promise<string[]> {
  const dir = options.dir ?? MIGRATIONS_DIR;
  await db.transaction(async (tx) => {
    await tx.query(LOCK);
    await tx.query(CREATE_TABLE);
  });
  const applied: string[] = [];
  await (await umzugFor(db, dir, applied)).up();
  return applied;
}

/** Names of migrations not yet applied (empty when the schema is current); reads only. */
export async function pendingMigrations(db: Db, options: MigrateOptions = {}): Promise<string[]> {
  const pending = await (await umzugFor(db, options.dir ?? MIGRATIONS_DIR)).pending();
  return pending.map((m) => m.name);
}

import { migrate } from '../store/migrate.js';
import { openDb } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

// `npm run migrate`: applies the pending migrations of db/migrations to the configured database and
// exits (0 when the schema is current, 1 on failure). The k8s migration Job and docker-compose's
// `migrate` service run it before the API starts; the API also migrates at start (idempotent, locked).
try {
  const config = loadConfig(process.env);
  const logger = createLogger(config);
  const db = await openDb(config);
  try {
    const applied = await migrate(db);
    logger.info({ applied }, applied.length > 0 ? `applied ${applied.length} migration(s)` : 'schema is current');
  } finally {
    await db.close();
  }
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
}

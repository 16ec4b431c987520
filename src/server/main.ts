import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

// The process entry point: configuration, the app, and signals; nothing else.
try {
  const app = await createApp(loadConfig(process.env));
  app.logger.info({ url: app.url }, `serving ${app.url}`);
  const shutdown = (signal: NodeJS.Signals) => {
    app.logger.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
}

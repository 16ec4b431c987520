import { createApp, type AppOptions } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';

/** A started app for a test file. */
export interface TestApp {
  /** The GraphQL endpoint; other routes resolve against it (`new URL('/healthz', url)`). */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts an app on a free port of 127.0.0.1 with logging off; config overrides win over those
 * defaults, and `options` can replace the logger or the services.
 */
export async function startApp(overrides: Partial<Config> = {}, options: AppOptions = {}): Promise<TestApp> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }, overrides);
  const app = await createApp(config, options);
  return { url: app.url, stop: () => app.stop() };
}

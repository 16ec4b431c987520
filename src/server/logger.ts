import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

/** The structured JSON logger of one app; child loggers carry the request id. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'iam-decision-service' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}

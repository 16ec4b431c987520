import { once } from 'node:events';
import { pino } from 'pino';
import type { DecisionRecord } from '../service/decision-log.js';

/** Where decision records go (DECISION_LOG): written asynchronously, one JSON line each. */
export interface DecisionLogSink {
  write(record: DecisionRecord): void;
  /** Flushes what is buffered; closes a file (stdout stays open). */
  close(): Promise<void>;
}

/**
 * The sink for a DECISION_LOG setting: null for `off`, standard output for `stdout`, else the file
 * at that path (appended, directories created). pino's destination (sonic-boom) buffers and writes
 * without blocking the request that made the decision.
 */
export function openDecisionLog(setting: string): DecisionLogSink | null {
  if (setting === 'off') return null;
  const toStdout = setting === 'stdout';
  const destination = pino.destination({ dest: toStdout ? 1 : setting, sync: false, mkdir: !toStdout, append: true });
  let closed = false;
  return {
    write(record) {
      if (!closed) destination.write(`${JSON.stringify(record)}\n`);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (toStdout) {
        await new Promise<void>((resolve) => destination.flush(() => resolve()));
        return;
      }
      const done = once(destination, 'close');
      destination.end();
      await done;
    },
  };
}

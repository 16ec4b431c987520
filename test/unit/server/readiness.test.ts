import { describe, expect, it } from 'vitest';
import type { Db } from '../../../src/store/db.js';
import { migrate } from '../../../src/store/migrate.js';
import { createPgliteDb } from '../../../src/store/pglite-db.js';
import { checkReadiness } from '../../../src/server/readiness.js';

describe('checkReadiness', () => {
  it('is not ready while migrations are pending, and ready once they are applied', async () => {
    const db = await createPgliteDb('memory://');
    try {
      expect(await checkReadiness(db)).toEqual({ status: 'not ready', reason: expect.stringMatching(/^migrations pending: 0001_/) });
      await migrate(db);
      expect(await checkReadiness(db)).toEqual({ status: 'ready' });
    } finally {
      await db.close();
    }
  }, 60_000);

  it.each([
    ['fails', () => Promise.reject(new Error('connect ECONNREFUSED'))],
    ['hangs', () => new Promise<never>(() => undefined)],
  ])('is not ready when the database %s', async (_name, query) => {
    const db = { kind: 'pg', query } as unknown as Db;
    expect(await checkReadiness(db, 50)).toEqual({ status: 'not ready', reason: expect.stringMatching(/^database unreachable: /) });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/service/catalog.js';
import { createDecisionService, type StoredDecision } from '../../src/service/decisions.js';
import { createModelService } from '../../src/service/model.js';
import { versionSourceOf } from '../../src/service/version-source.js';
import type { Db } from '../../src/store/db.js';
import { createModelStore } from '../../src/store/model-store.js';
import { createSnapshotReader } from '../../src/store/snapshot-reader.js';
import { freshPgliteDb } from '../helpers/database.js';
import { casesByFile } from './load-cases.js';
import { LAYER_OF } from './policy-set-of.js';
import { storedCase } from './stored-model.js';

/**
 * Every conformance case, loaded as a stored organization (one organization and one commit per
 * case) and asked through `authorize` against that version: the service must resolve principals,
 * groups, boundaries, SCP/RCP chains and resource policies back into what the case states.
 */
const NOW = new Date('2026-06-15T12:00:00Z');
let db: Db;
let model: ReturnType<typeof createModelService>;
let decisions: ReturnType<typeof createDecisionService>;

beforeAll(async () => {
  db = await freshPgliteDb();
  const store = createModelStore(db);
  model = createModelService({ store, catalog: await loadCatalog() });
  decisions = createDecisionService({
    snapshots: createSnapshotReader(db), batchMax: 1000,
    versions: versionSourceOf(store),
  });
});
afterAll(async () => db?.close());

let orgCounter = 0;

async function decideStored(c: Parameters<typeof storedCase>[0]): Promise<StoredDecision> {
  const stored = storedCase(c);
  const id = `conf-${orgCounter++}`;
  await model.createOrganization({ id, name: id, ...stored.org }, 'conformance');
  const { version } = await model.commit(id, 0, c.name, 'conformance', stored.changes);
  return decisions.authorize(id, version, stored.request, { explain: false, now: NOW });
}

for (const [file, cases] of casesByFile()) {
  describe(`stored model: ${file}`, () => {
    for (const { case: c, divergence } of cases) {
      const run = divergence ? it.skip : it;
      run(divergence ? `${c.name} (known divergence: ${divergence.reason})` : c.name, async () => {
        const result = await decideStored(c);
        expect(result.decision).toBe(c.expect.decision);
        if (c.expect.blockedBy) expect([...result.blockedBy].sort()).toEqual(c.expect.blockedBy.map((l) => LAYER_OF[l]).sort());
      });
    }
  });
}

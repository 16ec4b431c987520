import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema as buildSdlSchema, findBreakingChanges } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema, printSchemaFile } from '../../src/graphql/schema.js';

const SCHEMA_FILE = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));

describe('schema/schema.graphql', () => {
  it('equals the schema printed from the code (run `npm run schema:print` after a deliberate change)', async () => {
    const schema = await buildSchema();
    const current = printSchemaFile(schema);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (current !== committed) {
      const breaking = findBreakingChanges(buildSdlSchema(committed), schema);
      const list = breaking.map((c) => `  ${c.type}: ${c.description}`).join('\n');
      expect.fail(
        'schema/schema.graphql is out of date; run `npm run schema:print` and commit it.\n' +
          (breaking.length > 0 ? `Breaking changes against the committed schema:\n${list}` : 'No breaking changes.'),
      );
    }
  });
});

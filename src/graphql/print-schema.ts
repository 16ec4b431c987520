import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, printSchemaFile } from './schema.js';

// Where the committed schema lives; test/repo/schema-drift.test.ts reads the same file.
const SCHEMA_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../schema/schema.graphql');

// CLI behind `npm run schema:print`: writes schema/schema.graphql.
const text = printSchemaFile(await buildSchema());
await mkdir(dirname(SCHEMA_FILE), { recursive: true });
await writeFile(SCHEMA_FILE, text);
process.stdout.write(`wrote ${SCHEMA_FILE}\n`);

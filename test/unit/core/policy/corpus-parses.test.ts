import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../../src/core/policy/parse.js';

const CORPUS = fileURLToPath(new URL('../../../../../shared/conformance/', import.meta.url));

interface OrgLevel { readonly policies?: readonly unknown[] }
interface CorpusCase {
  readonly name: string;
  readonly policies: {
    readonly identity?: readonly unknown[] | null;
    readonly permissionBoundary?: unknown;
    readonly session?: unknown;
    readonly resource?: unknown;
    readonly scp?: readonly OrgLevel[];
    readonly rcp?: readonly OrgLevel[];
  };
}

/** Every policy document of a case, labelled by where it sits. */
function documentsOf(c: CorpusCase): [string, unknown][] {
  const p = c.policies;
  const docs: [string, unknown][] = (p.identity ?? []).map((d, i) => [`identity[${i}]`, d]);
  for (const kind of ['permissionBoundary', 'session', 'resource'] as const) {
    if (p[kind] !== null && p[kind] !== undefined) docs.push([kind, p[kind]]);
  }
  for (const kind of ['scp', 'rcp'] as const) {
    (p[kind] ?? []).forEach((level, l) => (level.policies ?? []).forEach((d, i) => docs.push([`${kind}[${l}].policies[${i}]`, d])));
  }
  return docs;
}

const files = readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort();

it('finds the conformance corpus', () => expect(files.length).toBeGreaterThan(0));

describe.each(files)('%s', (file) => {
  const cases = JSON.parse(readFileSync(`${CORPUS}${file}`, 'utf8')) as CorpusCase[];
  const rows = cases.flatMap((c) => documentsOf(c).map(([where, d]) => [`${c.name} › ${where}`, d] as const));
  it.each(rows)('%s parses', (_label, document) => {
    const r = parsePolicy(document);
    expect(r.ok ? [] : r.error).toEqual([]);
  });
});

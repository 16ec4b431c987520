/** Benchmark results: `bench-results/<name>.json` plus a console table and a markdown table. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

type Row = Record<string, unknown>;

/** The machine's load when the benchmark started (before its own processes added to it). */
const loadAtStart = loadavg().map((x) => Math.round(x * 100) / 100).join(' / ');

const cell = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'number' ? v.toLocaleString('en-US') : String(v));

/** `rows` as a GitHub markdown table, columns in first-seen order. */
export function markdownTable(rows: readonly Row[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
}

/**
 * Writes `{ benchmark, date, node, cpus, loadAverageAtStart, ...summary, tables, details }` to
 * `bench-results/<name>.json`; prints the summary, then each table as a console table and as
 * markdown. `details` (e.g. raw cache counters) go to the file only. Returns the path written.
 */
export function writeReport(name: string, summary: Row, tables: Record<string, readonly Row[]>, details: Row = {}): string {
  const path = `bench-results/${name}.json`;
  const result = { benchmark: name, date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadAverageAtStart: loadAtStart, ...summary, tables, details };
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  console.table({ ...summary, loadAverageAtStart: loadAtStart });
  for (const [title, rows] of Object.entries(tables)) {
    console.log(`\n${title}`);
    console.table(rows);
    console.log(`\n${markdownTable(rows)}`);
  }
  console.log(`\nwritten to ${path}`);
  return path;
}

type Counters = { hits: number; misses: number };
const isCounters = (v: unknown): v is Counters =>
  typeof v === 'object' && v !== null && typeof (v as Counters).hits === 'number' && typeof (v as Counters).misses === 'number';

/**
 * Hit rate (%) of each cache between two `App.cacheStats()` readings, by path (`principals`,
 * `redis.principals`, …); caches without lookups in between are left out; `{}` without stats.
 */
export function hitRates(before: unknown, after: unknown, prefix = ''): Record<string, number> {
  if (typeof after !== 'object' || after === null) return {};
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(after)) {
    const was = (before as Record<string, unknown> | null)?.[key];
    if (isCounters(value)) {
      const hits = value.hits - (isCounters(was) ? was.hits : 0);
      const lookups = hits + value.misses - (isCounters(was) ? was.misses : 0);
      if (lookups > 0) out[`${prefix}${key}`] = Math.round((1000 * hits) / lookups) / 10;
    } else Object.assign(out, hitRates(was, value, `${prefix}${key}.`));
  }
  return out;
}

/** A progress line on stderr, so stdout stays the report. */
export const progress = (message: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
};

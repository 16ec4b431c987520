import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One decision case, in the format of ../shared/conformance/FORMAT.md. */
export interface ConformanceCase {
  readonly name: string;
  readonly source?: string;
  readonly request: {
    readonly principal: string;
    readonly action: string;
    readonly resource: string;
    readonly resourceAccount?: string;
    readonly context?: Record<string, string | string[]>;
  };
  readonly policies: {
    readonly identity?: unknown[] | null;
    readonly permissionBoundary?: unknown;
    readonly session?: unknown;
    readonly scp?: { target: string; policies: unknown[] }[];
    readonly rcp?: { target: string; policies: unknown[] }[];
    readonly resource?: unknown;
  };
  readonly expect: { readonly decision: 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY'; readonly blockedBy?: string[] };
}

/** A case with where it came from. */
export interface LoadedCase {
  readonly file: string;
  readonly case: ConformanceCase;
  /** Set when the case is listed in known-divergences.json: the reason and the AWS source. */
  readonly divergence?: { reason: string; source: string };
}

const here = dirname(fileURLToPath(import.meta.url));
/** The shared corpus sits beside the project folder. */
export const SHARED_DIR = resolve(here, '../../../shared/conformance');
const OWN_DIR = join(here, 'cases');

interface Divergence { file: string; name: string; reason: string; source: string }

function readDir(dir: string, prefix: string): LoadedCase[] {
  const divergences = JSON.parse(readFileSync(join(here, 'known-divergences.json'), 'utf8')) as Divergence[];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      const cases = JSON.parse(readFileSync(join(dir, f), 'utf8')) as ConformanceCase[];
      const file = `${prefix}${f}`;
      return cases.map((c) => {
        const d = divergences.find((x) => x.file === file && x.name === c.name);
        return d ? { file, case: c, divergence: { reason: d.reason, source: d.source } } : { file, case: c };
      });
    });
}

/** Every shared case and every case of our own; fails loudly when the shared corpus is missing. */
export function loadCases(): LoadedCase[] {
  if (!existsSync(SHARED_DIR)) throw new Error(`conformance corpus not found at ${SHARED_DIR}`);
  return [...readDir(SHARED_DIR, 'shared/'), ...readDir(OWN_DIR, 'own/')];
}

/** Groups cases by file, for one `describe` per file. */
export function casesByFile(): Map<string, LoadedCase[]> {
  const byFile = new Map<string, LoadedCase[]>();
  for (const c of loadCases()) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
  return byFile;
}

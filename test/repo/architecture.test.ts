import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Import boundaries (STYLE.md: server → graphql → service → (store, cache) → model → core), checked by
// scanning the import specifiers of every file under src/, so a broken boundary fails `npm test`
// even where lint is skipped.

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

type Layer = 'core' | 'model' | 'access' | 'store' | 'cache' | 'service' | 'graphql' | 'server';

/** Layers each layer may import (itself included); arrows may skip downward, never go up. */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  core: ['core'],
  model: ['model', 'core'],
  // The effective-access engine is pure like the model: it sits on the core's compiled forms.
  access: ['access', 'model', 'core'],
  store: ['store', 'model', 'core'],
  cache: ['cache', 'model', 'core'],
  service: ['service', 'access', 'store', 'cache', 'model', 'core'],
  graphql: ['graphql', 'service', 'access', 'store', 'cache', 'model', 'core'],
  server: ['server', 'graphql', 'service', 'access', 'store', 'cache', 'model', 'core'],
};

const IO_AND_API_PACKAGES = [
  'pg',
  '@electric-sql/pglite',
  'ioredis',
  'redis',
  'graphql',
  'type-graphql',
  'graphql-scalars',
  '@apollo/server',
  'fs',
  'http',
  'https',
  'net',
];
const GRAPHQL_PACKAGES = ['graphql', 'type-graphql', 'graphql-scalars', '@apollo/server'];

/**
 * Pure, I/O-free libraries the core may use (STYLE.md: "CIDR via a well-kept library, e.g. ipaddr.js").
 * An allowlist, so that each new core dependency is a deliberate, reviewed change to this file.
 */
const CORE_PURE_PACKAGES: readonly string[] = ['ipaddr.js'];

/** Packages (and every `node:` builtin) a layer must not import; core may import only the allowlist. */
const FORBIDDEN_PACKAGES: Partial<Record<Layer, (pkg: string) => boolean>> = {
  core: (pkg) => !CORE_PURE_PACKAGES.includes(pkg),
  model: (pkg) => pkg.startsWith('node:') || builtinModules.includes(pkg) || IO_AND_API_PACKAGES.includes(pkg),
  access: (pkg) => pkg.startsWith('node:') || builtinModules.includes(pkg) || IO_AND_API_PACKAGES.includes(pkg),
  service: (pkg) => GRAPHQL_PACKAGES.includes(pkg),
};

interface ImportRef {
  readonly file: string;
  readonly layer: string;
  readonly specifier: string;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(path);
    return /\.(ts|mts|cts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

const layerOf = (path: string): string => relative(SRC, path).split(sep)[0] ?? '';

/** Static imports, re-exports, `import type`, `import()` and `require()` of one file. */
function importsOf(file: string): ImportRef[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((ref) => ({ file: relative(SRC, file), layer: layerOf(file), specifier: ref.fileName }));
}

const packageName = (specifier: string): string =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier);

const isRelative = (specifier: string) => specifier.startsWith('./') || specifier.startsWith('../');

/** Every violation of one import, as readable text. */
function violations(ref: ImportRef): string[] {
  const layer = ref.layer as Layer;
  const where = `src/${ref.file} imports '${ref.specifier}'`;
  if (!(layer in MAY_IMPORT)) return [`src/${ref.file} is in an unknown layer '${ref.layer}'; add it to MAY_IMPORT`];
  if (!isRelative(ref.specifier)) {
    const pkg = packageName(ref.specifier);
    return FORBIDDEN_PACKAGES[layer]?.(pkg) ? [`${where}: ${layer} may not import the package '${pkg}'`] : [];
  }
  const target = resolve(SRC, dirname(ref.file), ref.specifier);
  if (relative(SRC, target).startsWith('..')) return [`${where}: src may not import from outside src/`];
  const targetLayer = layerOf(target) as Layer;
  if (!MAY_IMPORT[layer].includes(targetLayer)) return [`${where}: ${layer} may not import ${targetLayer}`];
  if (!/\.js$/.test(ref.specifier)) return [`${where}: relative ESM imports end in '.js'`];
  return [];
}

const files = listFiles(SRC);
const imports = files.flatMap(importsOf);

describe('import boundaries', () => {
  it('finds the sources it checks', () => {
    expect(files.some((f) => layerOf(f) === 'core')).toBe(true);
    expect(imports.length).toBeGreaterThan(0);
  });

  it.each(Object.keys(MAY_IMPORT))('%s respects its boundaries', (layer) => {
    expect(imports.filter((ref) => ref.layer === layer).flatMap(violations)).toEqual([]);
  });

  it('every file under src/ belongs to a known layer', () => {
    const unknown = [...new Set(files.map(layerOf))].filter((l) => !(l in MAY_IMPORT));
    expect(unknown).toEqual([]);
  });
});

describe('the checker itself', () => {
  const check = (file: string, specifier: string) => violations({ file, layer: file.split('/')[0]!, specifier });

  it.each([
    ['core/a.ts', 'node:fs'],
    ['core/a.ts', 'lodash'],
    ['core/a.ts', 'fs'],
    ['core/a.ts', '../service/errors.js'],
    ['core/a.ts', '../../test/x.js'],
    ['service/a.ts', '../graphql/context.js'],
    ['service/a.ts', '../server/config.js'],
    ['service/a.ts', 'graphql'],
    ['graphql/a.ts', '../server/app.js'],
    ['store/a.ts', '../cache/lru.js'],
    ['cache/a.ts', '../store/db.js'],
    ['model/a.ts', 'pg'],
    ['model/a.ts', '../service/x.js'],
    ['model/a.ts', '../access/index.js'],
    ['access/a.ts', '../store/db.js'],
    ['access/a.ts', '../service/x.js'],
    ['access/a.ts', 'node:crypto'],
    ['access/a.ts', 'pg'],
    ['server/a.ts', './b'],
  ])('rejects %s importing %s', (file, specifier) => {
    expect(check(file, specifier)).not.toEqual([]);
  });

  it.each([
    ['core/a/b.ts', '../c.js'],
    ['core/a.ts', 'ipaddr.js'],
    ['service/a.ts', '../core/index.js'],
    ['service/a.ts', '../access/index.js'],
    ['access/a.ts', '../model/assemble.js'],
    ['graphql/a.ts', '../service/errors.js'],
    ['server/a.ts', '../graphql/schema.js'],
    ['server/a.ts', 'node:http'],
  ])('accepts %s importing %s', (file, specifier) => {
    expect(check(file, specifier)).toEqual([]);
  });
});

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createCompiledPolicies } from '../../../src/cache/compiled-policies.js';
import { withCompiledSides } from '../../../src/cache/compiled-sides.js';
import { withLru } from '../../../src/cache/snapshots.js';
import type { PrincipalSnapshot, ResourceSnapshot, SnapshotSource } from '../../../src/model/ports.js';
import { generateWorkload, type Workload } from '../../bench/workload.js';

const w = generateWorkload({ roles: 300, requests: 0 });
const ORG = 'o-workload01';
const BOUNDARY = 'arn:aws:iam::aws:policy/Boundary';

/** The snapshot the store would return for role i of the workload (fresh objects on every call, as the store's). */
function roleSnapshot(work: Workload, i: number): PrincipalSnapshot {
  const r = work.roles[i]!;
  const boundary = work.roles.find((x) => x.boundary)!.boundary!;
  return structuredClone({
    user: null,
    role: {
      arn: `arn:aws:iam::${r.account}:role/${r.name}`, accountId: r.account, name: r.name, path: '/', tags: { team: 'red' },
      inlinePolicies: r.identity.map((document, n) => ({ name: `p${n}`, document })), managedPolicies: [],
      trustPolicy: { Version: '2012-10-17', Statement: [] }, permissionsBoundary: r.boundary ? BOUNDARY : null, serviceLinked: false,
    },
    groups: [],
    managedPolicies: r.boundary ? [{ arn: BOUNDARY, name: 'Boundary', path: '/', accountId: 'aws', document: boundary }] : [],
    account: { id: r.account, name: r.account, parentId: 'ou-prod', tags: {}, scps: [], rcps: [] },
    placement: { awsOrgId: ORG, orgPath: `${ORG}/r-root/ou-prod/`, isManagementAccount: false },
    scpChain: work.scpLevels.map((l, n) => ({ target: l.target, policies: l.policies.map((document) => ({ id: `p-scp${n}`, name: 'scp', type: 'SCP' as const, document })) })),
  });
}

/** A store stand-in: role ARNs `…:role/role-<i>`, every resource without policy. */
function fakeSource(): SnapshotSource & { reads: number } {
  const source = {
    reads: 0,
    async principalSnapshot(_org: string, _version: number, arn: string) {
      source.reads++;
      return roleSnapshot(w, Number(/role-(\d+)$/.exec(arn)?.[1]));
    },
    async resourceSnapshot(): Promise<ResourceSnapshot> {
      source.reads++;
      return { resource: null, role: null, accountId: null, placement: null, rcpChain: null };
    },
  };
  return source;
}

const arnOf = (i: number) => `arn:aws:iam::${w.roles[i]!.account}:role/role-${i}`;

describe('withCompiledSides', () => {
  it('over the snapshot LRU, builds each side once and returns the same object after', async () => {
    const policies = createCompiledPolicies({ max: 10_000 });
    const source = fakeSource();
    const sides = withCompiledSides(policies.compileStored, withLru({ principals: 100, resources: 100 }, source));
    const first = await sides.principalSide('acme', 1, arnOf(7));
    const again = await sides.principalSide('acme', 1, arnOf(7));
    expect(again).toBe(first);
    expect(first.identity.map((p) => p.id)).toEqual(w.roles[7]!.identity.map((_, n) => `inline:role-7/p${n}`));
    expect(first.scp?.map((l) => l.target)).toEqual(['r-root', 'ou-prod']);
    expect(source.reads).toBe(1);
    expect(sides.stats().principals).toMatchObject({ hits: 1, misses: 1 });
    // Another version is another snapshot and another side; its SCPs (same documents) compile to shared forms.
    const next = await sides.principalSide('acme', 2, arnOf(7));
    expect(next).not.toBe(first);
    expect(next.scp?.[0]?.policies[0]?.statements).toBe(first.scp?.[0]?.policies[0]?.statements);
  });

  it('over the snapshot LRU, answers a loaded side synchronously (the same object), and nothing before it is loaded', async () => {
    const policies = createCompiledPolicies({ max: 10_000 });
    const source = fakeSource();
    const sides = withCompiledSides(policies.compileStored, withLru({ principals: 100, resources: 100 }, source));
    expect(sides.cachedPrincipalSide?.('acme', 1, arnOf(5))).toBeUndefined();
    expect(sides.cachedResourceSide?.('acme', 1, 'arn:aws:s3:::b', '111122223333')).toBeUndefined();
    const loaded = await sides.principalSide('acme', 1, arnOf(5));
    const resource = await sides.resourceSide('acme', 1, 'arn:aws:s3:::b', '111122223333');
    expect(sides.cachedPrincipalSide?.('acme', 1, arnOf(5))).toBe(loaded);
    expect(sides.cachedResourceSide?.('acme', 1, 'arn:aws:s3:::b', '111122223333')).toBe(resource);
    // Another version, principal or account is another key.
    expect(sides.cachedPrincipalSide?.('acme', 2, arnOf(5))).toBeUndefined();
    expect(sides.cachedPrincipalSide?.('acme', 1, arnOf(6))).toBeUndefined();
    expect(sides.cachedResourceSide?.('acme', 1, 'arn:aws:s3:::b', '444455556666')).toBeUndefined();
    expect(source.reads).toBe(2);
  });

  it('without an LRU, rebuilds sides from fresh snapshots but compiles each document once', async () => {
    const policies = createCompiledPolicies({ max: 10_000 });
    const sides = withCompiledSides(policies.compileStored, fakeSource());
    await sides.principalSide('acme', 1, arnOf(3));
    const compiledOnce = policies.stats().misses;
    await sides.principalSide('acme', 1, arnOf(3));
    expect(policies.stats().misses).toBe(compiledOnce);
    expect(sides.stats().principals).toMatchObject({ hits: 0, misses: 2 });
    expect(sides.cachedPrincipalSide).toBeUndefined();
  });

  it('reports the memory of a cached principal (snapshot + compiled side)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const policies = createCompiledPolicies({ max: 100_000 });
    const sides = withCompiledSides(policies.compileStored, withLru({ principals: 10_000, resources: 10 }, fakeSource()));
    const held: unknown[] = [];
    await sides.principalSide('acme', 1, arnOf(0)); // warm the code paths and shared SCPs
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 1; i < w.roles.length; i++) held.push(await sides.principalSide('acme', 1, arnOf(i)));
    gc();
    const perPrincipal = (process.memoryUsage().heapUsed - before) / (w.roles.length - 1);
    const statements = w.roles.reduce((n, r) => n + r.identity.reduce((m, d) => m + (d['Statement'] as unknown[]).length, 0), 0) / w.roles.length;
    console.info(`cache memory: ${Math.round(perPrincipal / 1024)} KiB per cached principal (${statements.toFixed(1)} statements of its own on average; repeated patterns and conditions share compiled parts)`);
    expect(held).toHaveLength(w.roles.length - 1);
    expect(perPrincipal).toBeGreaterThan(0);
    // About 39 KiB here; about 90 KiB before compiled parts were shared (core/compile/intern.ts).
    expect(perPrincipal).toBeLessThan(64 * 1024);
  });
});

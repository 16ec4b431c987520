import { describe, expect, it, vi } from 'vitest';

/** DataLoader as is, counting how many are built. */
const built = vi.hoisted(() => ({ count: 0 }));
vi.mock('dataloader', async (importOriginal) => {
  const { default: DataLoader } = await importOriginal<{ default: typeof import('dataloader') }>();
  return {
    default: class CountedLoader<K, V, C> extends DataLoader<K, V, C> {
      constructor(...args: ConstructorParameters<typeof DataLoader<K, V, C>>) {
        super(...args);
        built.count++;
      }
    },
  };
});
import { createLoaders, entityKey, loadBodies, type LoaderSource } from '../../../src/graphql/loaders.js';
import type { Entity, EntityKind } from '../../../src/model/types.js';

const policy = (arn: string): Entity => ({
  kind: 'policy', key: arn, body: { arn, name: arn.split('/').at(-1) ?? '', path: '/', accountId: '111122223333', document: {} },
});

function fakeSource(stored: readonly Entity[]) {
  const getEntities = vi.fn(async (_org: string, version: number, refs: readonly { kind: EntityKind; key: string }[]) => {
    if (version > 5) throw new Error(`no version ${version}`);
    return refs.map((r) => stored.find((e) => e.kind === r.kind && e.key === r.key) ?? null);
  });
  const unused = async (): Promise<never> => {
    throw new Error('not used by this test');
  };
  const source: LoaderSource = {
    getEntities, getVersionDetails: vi.fn(async () => ({ changes: [], findings: [] })),
    getOrganization: unused, listOrganizations: unused, getVersion: unused, listVersions: unused, listEntities: unused,
  };
  return { source, getEntities };
}

describe('createLoaders', () => {
  it('batches the loads of one tick into one getEntities call per version, in key order', async () => {
    const { source, getEntities } = fakeSource([policy('p/a'), policy('p/b')]);
    const loaders = createLoaders(source);
    const [one, two, three] = await Promise.all([
      loadBodies(loaders, 'o', 1, 'policy', ['p/b', 'p/missing']),
      loadBodies(loaders, 'o', 1, 'policy', ['p/a']),
      loadBodies(loaders, 'o', 2, 'policy', ['p/a|with|bars']),
    ]);
    expect(one.map((p) => p.arn)).toEqual(['p/b']);
    expect(two.map((p) => p.arn)).toEqual(['p/a']);
    expect(three).toEqual([]);
    expect(getEntities).toHaveBeenCalledTimes(2);
    expect(getEntities).toHaveBeenCalledWith('o', 1, [
      { kind: 'policy', key: 'p/b' }, { kind: 'policy', key: 'p/missing' }, { kind: 'policy', key: 'p/a' },
    ]);
    expect(getEntities).toHaveBeenCalledWith('o', 2, [{ kind: 'policy', key: 'p/a|with|bars' }]);
  });

  it('gives every key of a failed version its error, and other versions their entities', async () => {
    const { source } = fakeSource([policy('p/a')]);
    const loader = createLoaders(source).entities('o');
    const [bad, good] = await Promise.allSettled([loader.load(entityKey(9, 'policy', 'p/a')), loader.load(entityKey(1, 'policy', 'p/a'))]);
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: 'no version 9' } });
    expect(good).toMatchObject({ status: 'fulfilled', value: { key: 'p/a' } });
  });

  it('builds each loader once, on first use, and hands out the same one after', () => {
    const before = built.count;
    const loaders = createLoaders(fakeSource([]).source);
    expect(built.count).toBe(before);
    for (const name of ['organizations', 'versions', 'versionPages', 'entityPages', 'versionDetails'] as const) {
      expect(loaders[name], name).toBe(loaders[name]);
    }
    expect(built.count).toBe(before + 5);
  });

  it('keeps one loader per organization', () => {
    const loaders = createLoaders(fakeSource([]).source);
    expect(loaders.entities('a')).toBe(loaders.entities('a'));
    expect(loaders.entities('a')).not.toBe(loaders.entities('b'));
  });

  it('reads each organization, version and page once per request, with an error for a failing key only', async () => {
    const org = { id: 'o', name: 'O', awsOrgId: 'o-x', managementAccountId: '1', createdAt: '', latestVersion: 1 };
    const source = {
      ...fakeSource([]).source,
      getOrganization: vi.fn(async (id: string) => {
        if (id !== 'o') throw new Error(`no organization ${id}`);
        return org;
      }),
      listOrganizations: vi.fn(async () => [org]),
      listVersions: vi.fn(async () => ({ items: [], hasNextPage: false })),
    };
    const loaders = createLoaders(source);
    const [a, b, missing] = await Promise.allSettled([loaders.organizations.load('o'), loaders.organizations.load('o'), loaders.organizations.load('x')]);
    expect([a.status, b.status, missing.status]).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(source.getOrganization).toHaveBeenCalledTimes(2);
    await Promise.all([loaders.organizationList(), loaders.organizationList()]);
    expect(source.listOrganizations).toHaveBeenCalledTimes(1);
    await Promise.all([
      loaders.versionPages.load({ org: 'o', first: 5 }), loaders.versionPages.load({ org: 'o', first: 5 }), loaders.versionPages.load({ org: 'o', first: 5, after: 3 }),
    ]);
    expect(source.listVersions).toHaveBeenCalledTimes(2);
  });
});

import DataLoader from 'dataloader';
import type { Entity, EntityBodies, EntityKind, OrgId } from '../model/types.js';
import type { ModelService, VersionDetails } from '../service/model.js';

/** What the loaders read; the model service implements it (errors already mapped to ServiceError). */
export type LoaderSource = Pick<ModelService, 'getEntities' | 'getVersionDetails'>;

/** The DataLoaders of one request (DataLoader README: never share them between requests). */
export interface Loaders {
  /** Entities of one organization, keyed `${version}|${kind}|${key}` (see `entityKey`). */
  entities(org: OrgId): DataLoader<string, Entity | null>;
  /** Changes and findings of a version, keyed `${org}|${version}`. */
  readonly versionDetails: DataLoader<string, VersionDetails>;
}

/** The loader key of an entity at a version. */
export const entityKey = (version: number, kind: EntityKind, key: string): string => `${version}|${kind}|${key}`;

function parseEntityKey(text: string): { version: number; kind: EntityKind; key: string } {
  // INVARIANT: built by entityKey; neither a version nor a kind contains '|', keys may.
  const first = text.indexOf('|');
  const second = text.indexOf('|', first + 1);
  return { version: Number(text.slice(0, first)), kind: text.slice(first + 1, second) as EntityKind, key: text.slice(second + 1) };
}

/** Groups keys by version and reads each version's entities with one `getEntities` call. */
function entityBatch(source: LoaderSource, org: OrgId) {
  return async (keys: readonly string[]): Promise<(Entity | null | Error)[]> => {
    const byVersion = new Map<number, { index: number; kind: EntityKind; key: string }[]>();
    keys.forEach((text, index) => {
      const { version, kind, key } = parseEntityKey(text);
      const group = byVersion.get(version) ?? [];
      group.push({ index, kind, key });
      byVersion.set(version, group);
    });
    const out = new Array<Entity | null | Error>(keys.length);
    await Promise.all(
      [...byVersion].map(async ([version, group]) => {
        try {
          const found = await source.getEntities(org, version, group.map(({ kind, key }) => ({ kind, key })));
          group.forEach((ref, i) => (out[ref.index] = found[i] ?? null));
        } catch (error) {
          group.forEach((ref) => (out[ref.index] = error instanceof Error ? error : new Error(String(error))));
        }
      }),
    );
    return out;
  };
}

/** New loaders for one request. */
export function createLoaders(source: LoaderSource): Loaders {
  const perOrg = new Map<OrgId, DataLoader<string, Entity | null>>();
  return {
    entities(org) {
      let loader = perOrg.get(org);
      if (!loader) {
        loader = new DataLoader(entityBatch(source, org), { maxBatchSize: 1000 });
        perOrg.set(org, loader);
      }
      return loader;
    },
    versionDetails: new DataLoader(async (keys: readonly string[]) =>
      Promise.all(
        keys.map(async (k) => {
          const bar = k.lastIndexOf('|');
          return source.getVersionDetails(k.slice(0, bar), Number(k.slice(bar + 1))).catch((e: unknown) => e as Error);
        }),
      ),
    ),
  };
}

/** The bodies of entities of one kind at a version, in the order of `keys`; absent ones are skipped. */
export async function loadBodies<K extends EntityKind>(
  loaders: Loaders, org: OrgId, version: number, kind: K, keys: readonly string[],
): Promise<EntityBodies[K][]> {
  const found = await loaders.entities(org).loadMany(keys.map((key) => entityKey(version, kind, key)));
  return found.flatMap((e) => {
    if (e instanceof Error) throw e;
    // INVARIANT: the store returns the kind that was asked for.
    return e === null ? [] : [e.body as EntityBodies[K]];
  });
}

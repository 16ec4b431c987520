import DataLoader from 'dataloader';
import type { EntityPage } from '../model/ports.js';
import type { Entity, EntityBodies, EntityKind, Organization, OrgId, VersionInfo } from '../model/types.js';
import type { ModelService, VersionDetails } from '../service/model.js';

/** What the loaders read; the model service implements it (errors already mapped to ServiceError). */
export type LoaderSource = Pick<
  ModelService,
  'getEntities' | 'getVersionDetails' | 'getOrganization' | 'listOrganizations' | 'getVersion' | 'listVersions' | 'listEntities'
>;

/** The arguments of one page of versions. */
export interface VersionPageKey {
  readonly org: OrgId;
  readonly first: number;
  readonly after?: number;
}

/** The arguments of one page of entities. */
export interface EntityPageKey {
  readonly org: OrgId;
  readonly version: number;
  readonly kind: EntityKind;
  readonly first: number;
  readonly after?: string;
  readonly prefix?: string;
}

/**
 * The DataLoaders of one request (DataLoader README: never share them between requests). Every
 * database read a resolver makes goes through one of them, so a request never reads the same thing
 * twice, however often a query repeats it.
 */
export interface Loaders {
  /** Entities of one organization, keyed `${version}|${kind}|${key}` (see `entityKey`). */
  entities(org: OrgId): DataLoader<string, Entity | null>;
  /** Changes and findings of a version, keyed `${org}|${version}`. */
  readonly versionDetails: DataLoader<string, VersionDetails>;
  /** Organizations by id. */
  readonly organizations: DataLoader<OrgId, Organization>;
  /** Every organization, read once per request. */
  organizationList(): Promise<Organization[]>;
  /** Versions, keyed `${org}|${version}`. */
  readonly versions: DataLoader<string, VersionInfo>;
  /** Pages of versions, by their arguments. */
  readonly versionPages: DataLoader<VersionPageKey, { items: VersionInfo[]; hasNextPage: boolean }, string>;
  /** Pages of entities, by their arguments. */
  readonly entityPages: DataLoader<EntityPageKey, EntityPage<EntityKind>, string>;
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

/** `org|version` → its parts. */
function splitVersionKey(key: string): { org: OrgId; version: number } {
  const bar = key.lastIndexOf('|');
  return { org: key.slice(0, bar), version: Number(key.slice(bar + 1)) };
}

/**
 * A loader that reads each distinct key once with `read` (no batched query exists for these reads,
 * so deduplication is what it adds); a failing key gets its error, the others their values.
 */
function eachOnce<K, V, C = K>(read: (key: K) => Promise<V>, cacheKeyFn?: (key: K) => C): DataLoader<K, V, C> {
  const batch = (keys: readonly K[]) => Promise.all(keys.map((k) => read(k).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))))));
  return new DataLoader<K, V, C>(batch, cacheKeyFn ? { cacheKeyFn } : {});
}

/**
 * The loaders of one request. Each is built on first use: most requests (every `authorize`) read
 * none, and five DataLoaders with their caches built up front for each request were a third of
 * what a request left behind for the old generation's collector. A class, so that the accessors
 * live on its prototype and a request allocates only this object.
 */
class RequestLoaders implements Loaders {
  #organizations?: DataLoader<OrgId, Organization>;
  #organizationList?: Promise<Organization[]>;
  #versions?: DataLoader<string, VersionInfo>;
  #versionPages?: DataLoader<VersionPageKey, { items: VersionInfo[]; hasNextPage: boolean }, string>;
  #entityPages?: DataLoader<EntityPageKey, EntityPage<EntityKind>, string>;
  #versionDetails?: DataLoader<string, VersionDetails>;
  #perOrg?: Map<OrgId, DataLoader<string, Entity | null>>;

  constructor(private readonly source: LoaderSource) {}

  get organizations(): DataLoader<OrgId, Organization> {
    return (this.#organizations ??= eachOnce((id: OrgId) => this.source.getOrganization(id)));
  }

  organizationList(): Promise<Organization[]> {
    return (this.#organizationList ??= this.source.listOrganizations());
  }

  get versions(): DataLoader<string, VersionInfo> {
    return (this.#versions ??= eachOnce((key: string) => {
      const { org, version } = splitVersionKey(key);
      return this.source.getVersion(org, version);
    }));
  }

  get versionPages(): DataLoader<VersionPageKey, { items: VersionInfo[]; hasNextPage: boolean }, string> {
    return (this.#versionPages ??= eachOnce(
      ({ org, first, after }: VersionPageKey) => this.source.listVersions(org, { first, ...(after !== undefined && { after }) }),
      (k) => JSON.stringify([k.org, k.first, k.after ?? null]),
    ));
  }

  get entityPages(): DataLoader<EntityPageKey, EntityPage<EntityKind>, string> {
    return (this.#entityPages ??= eachOnce(
      ({ org, version, kind, ...opts }: EntityPageKey) => this.source.listEntities(org, version, kind, opts),
      (k) => JSON.stringify([k.org, k.version, k.kind, k.first, k.after ?? null, k.prefix ?? null]),
    ));
  }

  entities(org: OrgId): DataLoader<string, Entity | null> {
    const perOrg = (this.#perOrg ??= new Map());
    let loader = perOrg.get(org);
    if (!loader) {
      loader = new DataLoader(entityBatch(this.source, org), { maxBatchSize: 1000 });
      perOrg.set(org, loader);
    }
    return loader;
  }

  get versionDetails(): DataLoader<string, VersionDetails> {
    return (this.#versionDetails ??= eachOnce((key: string) => {
      const { org, version } = splitVersionKey(key);
      return this.source.getVersionDetails(org, version);
    }));
  }
}

/** New loaders for one request, each built on first use. */
export const createLoaders = (source: LoaderSource): Loaders => new RequestLoaders(source);

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

import { lineageOf, MAX_OU_DEPTH, type AccountLineage } from '../model/org-lineage.js';
import type {
  Account, Entity, EntityBodies, EntityKind, Group, ManagedPolicy, OrgPolicy, Ou, Resource, Role, Root, User,
} from '../model/types.js';
import type { ModelVersion } from './types.js';

/** The lookups the engine needs over one version, built once per `ModelVersion` object. */
export interface ModelIndex {
  readonly model: ModelVersion;
  readonly users: ReadonlyMap<string, User>;
  readonly roles: ReadonlyMap<string, Role>;
  readonly groups: ReadonlyMap<string, Group>;
  readonly policies: ReadonlyMap<string, ManagedPolicy>;
  readonly orgPolicies: ReadonlyMap<string, OrgPolicy>;
  readonly resources: ReadonlyMap<string, Resource>;
  readonly accounts: ReadonlyMap<string, Account>;
  readonly ous: ReadonlyMap<string, Ou>;
  readonly root: Root | null;
  /** Entities by `kind key`, for comparing versions. */
  readonly entities: ReadonlyMap<string, Entity>;
  /** Users of each group ARN. */
  readonly groupMembers: ReadonlyMap<string, readonly User[]>;
  /** Direct children (OUs and accounts) of each root or OU id. */
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** A user or role by (account, name), the first by key as the store's read returns. */
  byName(kind: 'user' | 'role', accountId: string, name: string): User | Role | undefined;
  /** The account's lineage; null for an unknown account. */
  lineage(accountId: string): AccountLineage | null;
}

/** The map key of an entity. */
export const entityId = (kind: EntityKind, key: string): string => `${kind} ${key}`;

const indexes = new WeakMap<ModelVersion, ModelIndex>();

function bodies<K extends EntityKind>(model: ModelVersion, kind: K): Map<string, EntityBodies[K]> {
  const out = new Map<string, EntityBodies[K]>();
  const sorted = model.entities.filter((e) => e.kind === kind).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const e of sorted) out.set(e.key, e.body as EntityBodies[K]);
  return out;
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function accountLineage(model: ModelVersion, root: Root | null, accounts: ReadonlyMap<string, Account>, ous: ReadonlyMap<string, Ou>, accountId: string): AccountLineage | null {
  const account = accounts.get(accountId);
  if (!account) return null;
  if (account.parentId === '') return { account, root: null, ous: [], placement: null };
  const chain: Ou[] = [];
  let parent = account.parentId;
  for (let depth = 0; depth < MAX_OU_DEPTH && parent !== model.rootId; depth++) {
    const ou = ous.get(parent);
    if (!ou) return null;
    chain.unshift(ou);
    parent = ou.parentId;
  }
  // INVARIANT: commits validate parent chains; a chain that does not reach the root is treated as outside.
  if (parent !== model.rootId || !root) return null;
  return lineageOf(model, account, root, chain);
}

function build(model: ModelVersion): ModelIndex {
  const users = bodies(model, 'user');
  const roles = bodies(model, 'role');
  const accounts = bodies(model, 'account');
  const ous = bodies(model, 'ou');
  const root = bodies(model, 'root').get(model.rootId) ?? null;
  const groupMembers = new Map<string, User[]>();
  for (const u of users.values()) for (const g of new Set(u.groups)) push(groupMembers, g, u);
  const children = new Map<string, string[]>();
  for (const o of ous.values()) push(children, o.parentId, o.id);
  for (const a of accounts.values()) push(children, a.parentId, a.id);
  const names = new Map<string, User | Role>();
  for (const [kind, map] of [['user', users], ['role', roles]] as const) {
    for (const b of map.values()) {
      const k = `${kind} ${b.accountId} ${b.name}`;
      if (!names.has(k)) names.set(k, b);
    }
  }
  const lineages = new Map<string, AccountLineage | null>();
  return {
    model, users, roles, accounts, ous, root, groupMembers, children,
    groups: bodies(model, 'group'),
    policies: bodies(model, 'policy'),
    orgPolicies: bodies(model, 'orgPolicy'),
    resources: bodies(model, 'resource'),
    entities: new Map(model.entities.map((e) => [entityId(e.kind, e.key), e])),
    byName: (kind, accountId, name) => names.get(`${kind} ${accountId} ${name}`),
    lineage(accountId) {
      if (!lineages.has(accountId)) lineages.set(accountId, accountLineage(model, root, accounts, ous, accountId));
      return lineages.get(accountId) ?? null;
    },
  };
}

/** The index of a version, memoised on the object so repeated queries on a cached version are cheap. */
export function indexOf(model: ModelVersion): ModelIndex {
  let index = indexes.get(model);
  if (!index) {
    index = build(model);
    indexes.set(model, index);
  }
  return index;
}

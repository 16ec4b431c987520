import { describePrincipalCached } from '../core/index.js';
import type { PolicyLayer, Statement, StatementRef } from '../core/index.js';
import { principalLayers, resourceLayers, type LevelOf } from '../model/assemble.js';
import type { PrincipalSnapshot, ResourceSnapshot } from '../model/ports.js';
import type { EntityKind } from '../model/types.js';
import { canonicalJson } from '../model/canonical-json.js';
import { callerAccountFor } from '../model/decide-sides.js';
import { parseStored } from './evaluator.js';
import { policyChain, type AccountLineage } from '../model/org-lineage.js';
import { indexOf } from './model-index.js';
import { principalSnapshot, resourceSnapshot } from './snapshots.js';
import type { ModelVersion } from './types.js';

/** The entity a statement comes from. */
export interface Origin {
  readonly kind: EntityKind;
  readonly key: string;
}

/** One statement as it applies to a principal or a resource at one version. */
export interface ViewStatement {
  /** `IDENTITY`, `PERMISSION_BOUNDARY`, `SCP@<target>`, `RESOURCE` or `RCP@<target>`. */
  readonly unit: string;
  /** The unit and the statement's canonical form: equal keys decide every request alike. */
  readonly key: string;
  readonly statement: Statement;
  readonly ref: StatementRef;
  readonly origin: Origin;
}

/**
 * What decides a principal's (or a resource's) requests at one version: the statements of every
 * layer, the layers that must allow (a boundary, each SCP level), and the facts the model puts in
 * the request context. Two versions with equal views decide every request of it alike.
 */
export interface View {
  readonly exists: boolean;
  readonly statements: readonly ViewStatement[];
  readonly mustAllow: readonly string[];
  readonly facts: string;
}

interface Stored {
  readonly id: string;
  readonly json: unknown;
}

const sortedSet = (xs: readonly string[] | undefined): string[] | undefined => (xs ? [...new Set(xs)].sort() : undefined);

/** Canonical forms per parsed statement (parsed statements are shared by every version holding their body). */
const canonical = new WeakMap<Statement, Map<string, string>>();

/** `canonicalStatement`, memoised per statement object and policy version. */
function canonicalOf(s: Statement, version: string | undefined): string {
  let byVersion = canonical.get(s);
  if (!byVersion) canonical.set(s, (byVersion = new Map()));
  let text = byVersion.get(version ?? '');
  if (text === undefined) byVersion.set(version ?? '', (text = canonicalStatement(s, version)));
  return text;
}

/** A statement's canonical JSON: order, duplicates, Sid and action case do not change what it decides. */
export function canonicalStatement(s: Statement, version: string | undefined): string {
  const lower = (xs: readonly string[] | undefined) => sortedSet(xs?.map((a) => a.toLowerCase()));
  const principal = (p: Statement['principal']) => p && [p.wildcard, sortedSet(p.aws), sortedSet(p.service), sortedSet(p.federated), sortedSet(p.canonicalUser)];
  const condition = s.condition.map((c) => [c.operator, c.key.toLowerCase(), sortedSet(c.values)]).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  const text = JSON.stringify([s.effect, lower(s.action), lower(s.notAction), sortedSet(s.resource), sortedSet(s.notResource), principal(s.principal), principal(s.notPrincipal), condition]);
  // Policy variables are substituted only under 2012-10-17, so the version matters where they appear.
  return text.includes('${') ? `${version ?? ''}${text}` : text;
}

function statementsOf(policy: Stored, layer: PolicyLayer, policyIndex: number, unit: string, origin: Origin, target?: string): ViewStatement[] {
  const doc = parseStored(policy.json);
  return doc.statements.map((statement) => ({
    unit, statement, origin,
    key: `${unit} ${canonicalOf(statement, doc.version)}`,
    ref: {
      layer, policyId: policy.id, policyIndex, statementIndex: statement.index, effect: statement.effect,
      ...(target !== undefined ? { target } : {}), ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
    },
  }));
}

function levelStatements(levels: readonly LevelOf<Stored>[] | undefined, layer: 'SCP' | 'RCP'): ViewStatement[] {
  return (levels ?? []).flatMap((l) => l.policies.flatMap((p, i) => statementsOf(p, layer, i, `${layer}@${l.target}`, { kind: 'orgPolicy', key: p.id }, l.target)));
}

/** The entity holding an identity-side policy, from its id as `principalLayers` names it. */
function identityOrigin(p: PrincipalSnapshot, id: string): Origin {
  const holder = p.user ?? p.role;
  if (id.startsWith('group:')) {
    const name = id.slice('group:'.length, id.indexOf('/inline:'));
    const group = p.groups.find((g) => g.name === name);
    return { kind: 'group', key: group?.arn ?? name };
  }
  if (id.startsWith('inline:') || !p.managedPolicies.some((m) => m.arn === id)) {
    return { kind: p.user ? 'user' : 'role', key: holder?.arn ?? id };
  }
  return { kind: 'policy', key: id };
}

const keep = (id: string, json: unknown): Stored => ({ id, json });

const memo = new WeakMap<ModelVersion, Map<string, View>>();

/** Views are memoised per version object: a diff asks for the same resource once per principal. */
function remembered(model: ModelVersion, key: string, build: () => View): View {
  let views = memo.get(model);
  if (!views) {
    views = new Map();
    memo.set(model, views);
  }
  let view = views.get(key);
  if (!view) {
    view = build();
    views.set(key, view);
  }
  return view;
}

/** The principal's view at a version (see `View`); roots and outside principals have no entity. */
export function principalView(model: ModelVersion, arn: string): View {
  return remembered(model, `p ${arn}`, () => buildPrincipalView(model, arn));
}

function buildPrincipalView(model: ModelVersion, arn: string): View {
  const index = indexOf(model);
  const info = describePrincipalCached(arn);
  const p = principalSnapshot(index, arn);
  const layers = principalLayers(p, keep);
  const statements = [
    ...layers.identity.flatMap((x, i) => statementsOf(x, 'IDENTITY', i, 'IDENTITY', identityOrigin(p, x.id))),
    ...(layers.permissionBoundary ? statementsOf(layers.permissionBoundary, 'PERMISSION_BOUNDARY', 0, 'PERMISSION_BOUNDARY', identityOrigin(p, layers.permissionBoundary.id)) : []),
    ...levelStatements(layers.scp, 'SCP'),
  ];
  const mustAllow = [...(layers.permissionBoundary ? ['PERMISSION_BOUNDARY'] : []), ...(layers.scp ?? []).map((l) => `SCP@${l.target}`)];
  const holder = p.user ?? p.role;
  const inModel = info?.kind === 'root' ? p.account !== null : holder !== null;
  const exists = inModel || (info?.account !== undefined && !index.accounts.has(info.account));
  const facts = canonicalJson([holder?.tags ?? {}, p.placement, p.role?.serviceLinked ?? false, p.account?.id ?? null]);
  return { exists, statements, mustAllow, facts };
}

function resourceViewOf(r: ResourceSnapshot, layers: ReturnType<typeof resourceLayers<Stored>>): View {
  const entity = r.resource ? { kind: 'resource' as const, key: r.resource.arn } : r.role ? { kind: 'role' as const, key: r.role.arn } : null;
  const statements = [
    ...(layers.resource && entity ? statementsOf(layers.resource, 'RESOURCE', 0, 'RESOURCE', entity) : []),
    ...levelStatements(layers.rcp, 'RCP'),
  ];
  const facts = canonicalJson([(r.resource ?? r.role)?.tags ?? {}, r.accountId, r.placement]);
  return { exists: true, statements, mustAllow: [], facts };
}

/** A modelled resource's (or role's, as a resource) view at a version: its policy, RCP chain and facts. */
export function resourceView(model: ModelVersion, arn: string, account?: string): View {
  return remembered(model, `r ${arn} ${account ?? ''}`, () => {
    const r = resourceSnapshot(indexOf(model), arn, account);
    return resourceViewOf(r, resourceLayers(r, keep));
  });
}

/**
 * The view of the resource side of a request by `callerAccount`, read as `authorize` reads it: a
 * resource whose account neither its ARN nor the model gives is in the caller's account.
 */
export function requestResourceView(model: ModelVersion, arn: string, callerAccount: string): View {
  return remembered(model, `q ${arn} ${callerAccount}`, () => {
    const account = callerAccountFor(resourceSnapshot(indexOf(model), arn), callerAccount);
    return account === undefined ? resourceView(model, arn) : resourceView(model, arn, account);
  });
}

/** The view of resources of an account that the model does not hold: the account's RCP chain only. */
export function accountResourceView(model: ModelVersion, accountId: string): View {
  return remembered(model, `a ${accountId}`, () => buildAccountView(model, accountId));
}

function buildAccountView(model: ModelVersion, accountId: string): View {
  const index = indexOf(model);
  const lineage: AccountLineage | null = index.lineage(accountId);
  const r: ResourceSnapshot = {
    resource: null, role: null, accountId, placement: lineage?.placement ?? null,
    rcpChain: lineage ? policyChain(lineage, 'RCP', index.orgPolicies) : null,
  };
  return resourceViewOf(r, resourceLayers(r, keep));
}

/** How two views of the same principal or resource differ. */
export interface ViewDiff {
  /** Statements only in the `from` view, and only in the `to` view. */
  readonly removed: readonly ViewStatement[];
  readonly added: readonly ViewStatement[];
  /** True when every request may have changed: existence, a layer that must allow, or a context fact changed. */
  readonly everything: boolean;
}

/** The difference of two views; null when they decide every request alike. */
export function diffViews(from: View, to: View): ViewDiff | null {
  const keys = (v: View) => new Set(v.statements.map((s) => s.key));
  const fromKeys = keys(from);
  const toKeys = keys(to);
  const removed = from.statements.filter((s) => !toKeys.has(s.key));
  const added = to.statements.filter((s) => !fromKeys.has(s.key));
  const everything = from.exists !== to.exists || from.facts !== to.facts
    || canonicalJson([...from.mustAllow].sort()) !== canonicalJson([...to.mustAllow].sort());
  if (!from.exists && !to.exists) return null;
  return removed.length === 0 && added.length === 0 && !everything ? null : { removed, added, everything };
}

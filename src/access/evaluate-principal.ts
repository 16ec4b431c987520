import { describePrincipalCached, type AuthorizationResult } from '../core/index.js';
import { actionElementOf, groupActions, type ActionSpace } from './action-space.js';
import { trialContexts, type TrialContext } from './contexts.js';
import { decideAt } from './evaluator.js';
import { anyMatches } from './glob.js';
import { indexOf } from './model-index.js';
import type { RegionPart, Scope } from './regions.js';
import { plausibleRequest, representative, resourceMatches, resourcePatterns } from './resource-space.js';
import { resourceSnapshot } from './snapshots.js';
import { s3BucketOfObject } from '../model/resource-key.js';
import type { DeltaKind, DiffFilter, ModelVersion } from './types.js';
import { principalView, requestResourceView, type ViewStatement } from './views.js';

/** What one diff shares across principals. */
export interface DiffEnv {
  readonly from: ModelVersion;
  readonly to: ModelVersion;
  readonly now: Date;
  readonly space: ActionSpace;
  readonly filter: DiffFilter | undefined;
  /** Modelled resource and role ARNs of both versions, and one fresh object in each modelled bucket. */
  readonly fixedCandidates: readonly string[];
  readonly stats: { principals: number; resources: Set<string>; decisions: number };
  /** Allow statements of every modelled resource policy (both versions): what may grant callers without identity allows. */
  readonly resourceGrants: readonly ViewStatement[];
  /** The account each version gives a resource (null: none), memoised across principals. */
  readonly accounts: Map<string, readonly (string | null)[]>;
}

/** A difference found for one principal, one group of actions and one candidate resource. */
export interface Finding {
  readonly principal: string;
  readonly kind: DeltaKind;
  readonly actions: readonly number[];
  readonly resource: string;
  readonly context: TrialContext;
  readonly before: AuthorizationResult;
  readonly after: AuthorizationResult;
  /** Statements of both versions matching the witness, ignoring conditions, and those of them that changed. */
  readonly matching: readonly ViewStatement[];
  /** The matching statements of each version, to read the allowing statements' conditions. */
  readonly matchingBefore: readonly ViewStatement[];
  readonly matchingAfter: readonly ViewStatement[];
  readonly changedBefore: readonly ViewStatement[];
  readonly changedAfter: readonly ViewStatement[];
  /** Resource patterns of every statement that was looked at, for the resource region. */
  readonly patterns: readonly string[];
}

const matchesRequest = (space: ActionSpace, s: ViewStatement, action: number, resource: string): boolean =>
  space.matchingStatement(s.statement).has(action) && resourceMatches(s.statement, resource);

const grants = (s: ViewStatement): boolean => s.statement.effect === 'Allow' && (s.unit === 'IDENTITY' || s.unit === 'RESOURCE');

function inScope(env: DiffEnv, scope: Scope, resource: string, callerAccount: string): boolean {
  if ('all' in scope) return true;
  if ('resource' in scope) return resource === scope.resource || (resource.startsWith(`${scope.resource}/`) && s3BucketOfObject(resource) === scope.resource);
  let accounts = env.accounts.get(resource);
  if (!accounts) {
    accounts = [env.from, env.to].map((m) => resourceSnapshot(indexOf(m), resource).accountId);
    env.accounts.set(resource, accounts);
  }
  return accounts.some((a) => (a ?? callerAccount) === scope.account);
}

/** Candidate actions: those some changed statement can match, or all when the whole region changed. */
function candidateActions(env: DiffEnv, parts: readonly RegionPart[]): number[] {
  const { space, filter } = env;
  let out: number[];
  if (parts.some((p) => p.diff.everything)) out = space.actions.map((_a, i) => i);
  else {
    const set = new Set<number>();
    for (const p of parts) for (const s of [...p.diff.removed, ...p.diff.added]) for (const i of space.matching(actionElementOf(s.statement))) set.add(i);
    out = [...set].sort((a, b) => a - b);
  }
  return out.filter((i) => (!filter?.services || filter.services.some((x) => x.toLowerCase() === space.services[i]))
    && (!filter?.actions || anyMatches(filter.actions, space.actions[i]!, true)));
}

/** The service of an ARN (`s3` in `arn:aws:s3:::b`); empty for `*`. */
const serviceOf = (arn: string): string => arn.split(':')[2] ?? '';

/** Fixed candidates by service, and the action ids their own side grants while naming their own service. */
interface FixedIndex {
  readonly byService: ReadonlyMap<string, readonly string[]>;
  /** Candidates whose resource-side statements name their own service, with the actions those statements match. */
  readonly selfNaming: readonly { readonly arn: string; readonly actions: ReadonlySet<number> }[];
  /** Resource patterns of the candidates' resource-side statements: their atoms need representatives too. */
  readonly sidePatterns: readonly string[];
}

const fixedIndexes = new WeakMap<DiffEnv, FixedIndex>();

function fixedIndexOf(env: DiffEnv): FixedIndex {
  let index = fixedIndexes.get(env);
  if (index) return index;
  const byService = new Map<string, string[]>();
  const selfNaming: { arn: string; actions: Set<number> }[] = [];
  const sidePatterns = new Set<string>();
  for (const arn of env.fixedCandidates) {
    const service = serviceOf(arn);
    byService.set(service, [...(byService.get(service) ?? []), arn]);
    const actions = new Set<number>();
    for (const model of [env.from, env.to]) {
      for (const st of requestResourceView(model, arn, '').statements) {
        for (const p of resourcePatterns(st.statement)) sidePatterns.add(p);
        if ((st.statement.resource ?? []).some((p) => serviceOf(p) === service)) for (const i of env.space.matchingStatement(st.statement)) actions.add(i);
      }
    }
    if (actions.size > 0) selfNaming.push({ arn, actions });
  }
  index = { byService, selfNaming, sidePatterns: [...sidePatterns] };
  fixedIndexes.set(env, index);
  return index;
}

const sideRepMemo = new WeakMap<DiffEnv, Map<string, readonly { readonly service: string; readonly arn: string }[]>>();

/** Representatives of the resource policies' patterns for callers of one account, once per diff and account. */
function sideRepresentatives(env: DiffEnv, account: string): readonly { readonly service: string; readonly arn: string }[] {
  let memo = sideRepMemo.get(env);
  if (!memo) sideRepMemo.set(env, (memo = new Map()));
  let reps = memo.get(account);
  if (!reps) {
    reps = fixedIndexOf(env).sidePatterns.flatMap((p) => {
      const arn = representative(p, account);
      return arn === undefined ? [] : [{ service: serviceOf(p), arn }];
    });
    memo.set(account, reps);
  }
  return reps;
}

/**
 * Candidate resources: a representative of every pattern in the caller's views, `*`, and the fixed
 * ones on which some live action is a plausible request (see `plausibleRequest`): those of a live
 * action's service (roles for STS), of a service that a statement matching a live action names, and
 * those whose own policy names their service while matching a live action. Any other fixed resource
 * fails `plausibleRequest` for every live action, so skipping it changes no finding.
 */
function candidateResources(env: DiffEnv, statements: readonly ViewStatement[], account: string, live: readonly (readonly number[])[]): string[] {
  const { space } = env;
  const liveActions = new Set(live.flat());
  const services = new Set(live.map((g) => space.services[g[0]!]!));
  if (services.has('sts')) services.add('iam');
  const matchesLive = (actions: ReadonlySet<number>) => {
    for (const i of liveActions) if (actions.has(i)) return true;
    return false;
  };
  for (const s of statements) {
    if (!s.statement.resource || !matchesLive(space.matchingStatement(s.statement))) continue;
    for (const p of s.statement.resource) services.add(serviceOf(p));
  }
  const fixed = fixedIndexOf(env);
  // Resource policies' patterns carve atoms too (a delta's `exclude` may name them): their
  // representatives are candidates on the same terms as the fixed resources.
  const repServices = new Set(services);
  for (const x of fixed.selfNaming) if (matchesLive(x.actions)) repServices.add(serviceOf(x.arn));
  const sideReps = sideRepresentatives(env, account).filter((r) => repServices.has(r.service) || /[*?]/.test(r.service)).map((r) => r.arn);
  const reps = [...statements.flatMap((s) => resourcePatterns(s.statement)).map((p) => representative(p, account)), ...sideReps];
  const all = [...new Set([
    ...[...services].flatMap((svc) => fixed.byService.get(svc) ?? []),
    ...fixed.selfNaming.filter((x) => matchesLive(x.actions)).map((x) => x.arn),
    ...reps.filter((r): r is string => r !== undefined), '*',
  ])];
  return env.filter?.resources ? all.filter((r) => anyMatches(env.filter!.resources!, r, false)) : all;
}

const sideGrantMemo = new WeakMap<DiffEnv, Map<string, ReadonlySet<number>>>();

/** Actions some Allow of the resource's side (its policy, either version) can grant, ignoring its Resource and conditions. */
function sideGrantsOf(env: DiffEnv, resource: string, account: string): ReadonlySet<number> {
  let memo = sideGrantMemo.get(env);
  if (!memo) sideGrantMemo.set(env, (memo = new Map()));
  const key = `${resource} ${account}`;
  let out = memo.get(key);
  if (!out) {
    const actions = new Set<number>();
    for (const model of [env.from, env.to]) {
      for (const st of requestResourceView(model, resource, account).statements) if (grants(st)) for (const i of env.space.matchingStatement(st.statement)) actions.add(i);
    }
    memo.set(key, (out = actions));
  }
  return out;
}

type Decided = { before: AuthorizationResult; after: AuthorizationResult; context: TrialContext } | null;

/** The first context under which the two versions disagree (base context first). */
function firstDifference(env: DiffEnv, principal: string, action: string, resource: string, trials: () => TrialContext[]): { base: boolean; found: Decided } {
  const run = (context: TrialContext): Decided => {
    const request = { principal, action, resource, ...(Object.keys(context).length > 0 ? { context } : {}) };
    const before = decideAt(env.from, request, env.now);
    const after = decideAt(env.to, request, env.now);
    env.stats.decisions += 2;
    return before.allowed !== after.allowed ? { before, after, context } : null;
  };
  const base = run({});
  if (base) return { base: true, found: base };
  for (const c of trials()) {
    const found = run(c);
    if (found) return { base: false, found };
  }
  return { base: false, found: null };
}

/**
 * Evaluates one principal over its region (issue 5, points 3 and 4): candidate actions grouped so
 * that one representative decides for its group, candidate resources, the base context and then
 * contexts built from condition literals; a finding only where the two versions really disagree.
 */
export function evaluatePrincipal(env: DiffEnv, principal: string, parts: readonly RegionPart[]): Finding[] {
  const account = describePrincipalCached(principal)?.account ?? '';
  const isRoot = describePrincipalCached(principal)?.kind === 'root';
  const ownFrom = principalView(env.from, principal).statements;
  const own = [...ownFrom, ...principalView(env.to, principal).statements];
  const changed = parts.flatMap((p) => [...p.diff.removed, ...p.diff.added]);
  const actions = candidateActions(env, parts);
  if (actions.length === 0) return [];
  env.stats.principals++;
  const groups = groupActions(env.space, actions, [...own, ...changed].map((s) => actionElementOf(s.statement)));
  const out: Finding[] = [];
  // A group no granting statement can match (on any resource) is allowed in neither version: skip it whole.
  const live = groups.filter((g) => isRoot || [...own, ...env.resourceGrants].some((s) => grants(s) && env.space.matchingStatement(s.statement).has(g[0]!)));
  if (live.length === 0) return out;
  const changedOf = parts.map((p) => [...p.diff.removed, ...p.diff.added]);
  // Statements whose Action/NotAction matches an action, per action: the resource loop then only tests resources.
  const ownByAction = new Map<number, ViewStatement[]>();
  const changedByAction = new Map<number, ViewStatement[]>();
  const byAction = (memo: Map<number, ViewStatement[]>, from: readonly ViewStatement[], action: number): ViewStatement[] => {
    let list = memo.get(action);
    if (!list) memo.set(action, (list = from.filter((s) => env.space.matchingStatement(s.statement).has(action))));
    return list;
  };
  for (const resource of candidateResources(env, [...own, ...changed], account, live)) {
    // Cheap first: some changed statement in scope must match the resource at all (or the whole region changed).
    const scoped = parts.filter((p, i) => inScope(env, p.scope, resource, account)
      && (p.diff.everything || changedOf[i]!.some((s) => resourceMatches(s.statement, resource))));
    if (scoped.length === 0) continue;
    // A group can only be granted here by an own Allow matching this resource or an Allow of the resource's side.
    const sideGrants = sideGrantsOf(env, resource, account);
    const liveHere = isRoot ? live : live.filter((g) => g.some((i) => sideGrants.has(i))
      || byAction(ownByAction, own, g[0]!).some((st) => grants(st) && resourceMatches(st.statement, resource)));
    if (liveHere.length === 0) continue;
    const sideFrom = requestResourceView(env.from, resource, account).statements;
    const side = [...sideFrom, ...requestResourceView(env.to, resource, account).statements];
    const statements = [...own, ...side];
    // Built only for a resource that yields a finding.
    let lazy: { before: Set<ViewStatement>; statementsTo: Set<ViewStatement>; patterns: string[] } | undefined;
    const sets = () => (lazy ??= {
      before: new Set([...ownFrom, ...sideFrom]),
      statementsTo: new Set([...principalView(env.to, principal).statements, ...requestResourceView(env.to, resource, account).statements]),
      patterns: [...new Set(statements.flatMap((s) => resourcePatterns(s.statement)))],
    });
    for (const group of liveHere) {
      for (const sub of side.length > 0 ? groupActions(env.space, group, side.map((s) => actionElementOf(s.statement))) : [group]) {
        const rep = sub[0]!;
        const inRegion = scoped.some((p) => p.diff.everything || [...p.diff.removed, ...p.diff.added].some((s) => matchesRequest(env.space, s, rep, resource)));
        if (!inRegion) continue;
        const matching = [
          ...byAction(ownByAction, own, rep).filter((s) => resourceMatches(s.statement, resource)),
          ...side.filter((s) => matchesRequest(env.space, s, rep, resource)),
        ];
        const grantable = (isRoot || matching.some(grants)) && plausibleRequest(env.space.services[rep]!, resource, matching.map((s) => s.statement));
        if (!grantable) continue;
        env.stats.resources.add(resource);
        const changedHere = byAction(changedByAction, changed, rep).filter((s) => resourceMatches(s.statement, resource));
        const trials = () => trialContexts(matching.map((s) => s.statement), changedHere.map((s) => s.statement));
        const { base, found } = firstDifference(env, principal, env.space.actions[rep]!, resource, trials);
        if (!found) continue;
        const kind: DeltaKind = !base ? 'CHANGED_CONDITIONS' : found.after.allowed ? 'GAINED' : 'LOST';
        const removed = new Set(scoped.flatMap((p) => p.diff.removed));
        const added = new Set(scoped.flatMap((p) => p.diff.added));
        const { before, statementsTo, patterns } = sets();
        out.push({
          principal, kind, actions: sub, resource, context: found.context, before: found.before, after: found.after, matching, patterns,
          matchingBefore: matching.filter((s) => before.has(s)), matchingAfter: matching.filter((s) => statementsTo.has(s)),
          changedBefore: changedHere.filter((s) => removed.has(s)), changedAfter: changedHere.filter((s) => added.has(s)),
        });
      }
    }
  }
  return out;
}

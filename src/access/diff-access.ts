import { actionSpaceOf, checkAction } from './action-space.js';
import { causesOf } from './causes.js';
import { changedEntities, changeIndex } from './changed-entities.js';
import { allowingConditions, conditionPair, mergeDeltas, summarize, type DraftDelta } from './deltas.js';
import { evaluatePrincipal, type DiffEnv, type Finding } from './evaluate-principal.js';
import { FRESH } from './glob.js';
import { indexOf } from './model-index.js';
import { accountOf, workOf } from './regions.js';
import { resourceSetOf } from './resource-space.js';
import type { ActionCatalog, DiffFilter, DiffResult, ModelVersion } from './types.js';
import { namedActions } from './named-actions.js';
import { resourceView } from './views.js';
import { runSteps, type Steps } from './steps.js';

/** Modelled resource and role ARNs of both versions, and a fresh object in every modelled S3 bucket. */
function fixedCandidates(from: ModelVersion, to: ModelVersion): { modelled: string[]; candidates: string[] } {
  const modelled = new Set<string>();
  for (const index of [indexOf(from), indexOf(to)]) {
    for (const r of index.resources.keys()) modelled.add(r);
    for (const r of index.roles.keys()) modelled.add(r);
  }
  const objects = [...modelled].filter((arn) => /^arn:[^:]+:s3:::[^/]+$/.test(arn)).map((arn) => `${arn}/${FRESH}`);
  return { modelled: [...modelled].sort(), candidates: [...modelled, ...objects] };
}

function checkFilter(filter: DiffFilter | undefined): void {
  filter?.actions?.forEach((a, i) => checkAction(`filter.actions[${i}]`, a));
}

/** A finding as a delta: its resource region, conditions, witness and causes. */
function draftOf(f: Finding, modelled: readonly string[], changes: ReturnType<typeof changeIndex>, env: DiffEnv): DraftDelta {
  const account = accountOf(f.principal);
  const isModelled = modelled.includes(f.resource);
  const bucketPattern = /^(arn:[^:]+:s3:::[^/]+)\//.exec(f.resource)?.[1];
  const patterns = bucketPattern ? [...f.patterns, `${bucketPattern}/*`] : f.patterns;
  const conditions = conditionPair(allowingConditions(f.before, f.matchingBefore), allowingConditions(f.after, f.matchingAfter));
  const request = { principal: f.principal, action: env.space.actions[f.actions[0]!]!, resource: f.resource, context: f.context };
  return {
    principal: f.principal, account, kind: f.kind, actionIds: f.actions,
    policyPatterns: f.matching.flatMap((s) => s.statement.action ?? []),
    resources: resourceSetOf(f.resource, isModelled, patterns, modelled),
    before: f.before.decision, after: f.after.decision,
    conditionsBefore: conditions.before, conditionsAfter: conditions.after,
    witness: { request, before: f.before.decision, after: f.after.decision },
    causes: causesOf(changes, env, { principal: f.principal, resource: f.resource, account }, f.changedBefore, f.changedAfter, [...f.changedBefore, ...f.changedAfter]),
  };
}

/**
 * Every change of effective access between two versions (issue 5, point 1), exactly as the stored
 * decision path decides, re-evaluating only what the changed entities can reach. The algorithm and
 * where it approximates are in docs/effective-access.md.
 * @throws AccessInputError for a malformed action in the filter.
 */
export function diffAccess(from: ModelVersion, to: ModelVersion, options: { catalog: ActionCatalog; filter?: DiffFilter; now: Date }): DiffResult {
  return runSteps(diffAccessSteps(from, to, options));
}

/**
 * `diffAccess` one principal at a time: the generator pauses after each principal it evaluates, so
 * that a caller can hand the thread back between steps (a whole-organization diff takes seconds,
 * and a server must keep answering meanwhile). The result is the same.
 * @throws AccessInputError for a malformed action in the filter (on the first step).
 */
export function* diffAccessSteps(from: ModelVersion, to: ModelVersion, options: { catalog: ActionCatalog; filter?: DiffFilter; now: Date }): Steps<DiffResult> {
  checkFilter(options.filter);
  const changes = changedEntities(from, to);
  const work = workOf(changes, from, to, options.filter);
  const { modelled, candidates } = fixedCandidates(from, to);
  const env: DiffEnv = {
    from, to, now: options.now, filter: options.filter, fixedCandidates: candidates,
    space: actionSpaceOf(options.catalog, [...namedActions(from), ...namedActions(to)]),
    stats: { principals: 0, resources: new Set(), decisions: 0 },
    accounts: new Map(),
    resourceGrants: [from, to].flatMap((m) => [...indexOf(m).resources.keys(), ...indexOf(m).roles.keys()]
      .flatMap((arn) => resourceView(m, arn).statements).filter((s) => s.unit === 'RESOURCE' && s.statement.effect === 'Allow')),
  };
  const byKey = changeIndex(changes);
  const drafts: DraftDelta[] = [];
  for (const [principal, parts] of [...work.parts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const f of evaluatePrincipal(env, principal, parts)) drafts.push(draftOf(f, modelled, byKey, env));
    yield;
  }
  const kinds = options.filter?.kinds;
  const deltas = mergeDeltas(env.space, kinds ? drafts.filter((d) => kinds.includes(d.kind)) : drafts);
  return {
    deltas,
    summary: summarize(deltas),
    stats: { changedEntities: changes.length, principalsEvaluated: env.stats.principals, resourcesEvaluated: env.stats.resources.size, decisions: env.stats.decisions },
  };
}

import { compilePolicy, decide, describePrincipal, parsePolicy, type AuthorizationRequest, type AuthorizationResult, type PolicyInput } from '../../../src/core/index.js';
import { indexOf } from '../../../src/access/model-index.js';
import { principalSnapshot, resourceSnapshot } from '../../../src/access/snapshots.js';
import type { ModelVersion } from '../../../src/access/types.js';
import { assemble } from '../../../src/model/assemble.js';
import type { PrincipalSnapshot, ResourceSnapshot } from '../../../src/model/ports.js';

// The stored decision path written out by hand (service/decisions.ts `decideAt`): `assemble` over
// the snapshots, every policy parsed and compiled afresh, and the core's `decide`.

const parse = (id: string, json: unknown): PolicyInput => {
  const p = parsePolicy(json);
  if (!p.ok) throw new Error(`bad policy ${id}`);
  return { id, document: p.value };
};

const compile = (p: PolicyInput) => compilePolicy(p.id, p.document);

/** Decides over given snapshots as the stored path does. */
export function referenceOver(request: AuthorizationRequest, principal: PrincipalSnapshot | null, r: ResourceSnapshot, now: Date): AuthorizationResult {
  const { policies, context } = assemble({ request, principal, resource: r, parse });
  const levels = (ls: typeof policies.scp) => ls?.map((l) => ({ target: l.target, policies: l.policies.map(compile) }));
  const compiled = {
    identity: policies.identity.map(compile),
    ...(policies.permissionBoundary ? { permissionBoundary: compile(policies.permissionBoundary) } : {}),
    ...(policies.resource ? { resource: compile(policies.resource) } : {}),
    ...(policies.scp ? { scp: levels(policies.scp)! } : {}),
    ...(policies.rcp ? { rcp: levels(policies.rcp)! } : {}),
  };
  const resourceAccount = request.resourceAccount ?? r.accountId ?? undefined;
  return decide({ ...request, ...(resourceAccount ? { resourceAccount } : {}), context: { ...context, ...request.context } }, compiled, { now });
}

/** Decides at a version; a user or role missing from a modelled account cannot ask (implicit deny). */
export function referenceDecide(model: ModelVersion, request: AuthorizationRequest, now: Date): AuthorizationResult {
  const index = indexOf(model);
  const info = describePrincipal(request.principal)!;
  const identityless = info.kind === 'anonymous' || info.kind === 'service' || info.kind === 'web-identity';
  const p = identityless ? null : principalSnapshot(index, request.principal);
  const missing = p && index.accounts.has(info.account) && (info.kind === 'user' ? !p.user : info.kind === 'role' ? !p.role : false);
  if (missing) return { decision: 'IMPLICIT_DENY', allowed: false, blockedBy: ['IDENTITY'], decisiveStatements: [] };
  let r = resourceSnapshot(index, request.resource, request.resourceAccount);
  if (r.accountId === null && info.account) r = resourceSnapshot(index, request.resource, info.account);
  return referenceOver(request, p, r, now);
}

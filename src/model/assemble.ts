import type { AuthorizationRequest, PolicyInput, PolicySetInput } from '../core/index.js';
import type { OrgLevel, PrincipalSnapshot, ResourceSnapshot } from './ports.js';
import type { PolicyJson, Role, User } from './types.js';
import { assembleContext } from './assemble-context.js';

/** What `assemble` needs: the request, an optional session policy, the snapshots and a policy parser. */
export interface AssembleInput {
  readonly request: AuthorizationRequest;
  readonly sessionPolicy?: unknown;
  readonly principal: PrincipalSnapshot | null;
  readonly resource: ResourceSnapshot;
  /** Parses a stored document (already validated on commit) with `label` as its policy id. */
  readonly parse: (label: string, json: unknown) => PolicyInput;
}

/** The core's input for one request, and the context keys the model supplies. */
export interface Assembled {
  readonly policies: PolicySetInput;
  /** Keys to add to the request context; never one the request already has (compared case-insensitively). */
  readonly context: Record<string, string | string[]>;
}

// A boundary that names a policy the snapshot lacks must not widen access: it allows nothing.
const ALLOW_NOTHING: PolicyJson = { Version: '2012-10-17', Statement: [] };

/** Turns a stored document into the policy form a caller wants (parsed input, or compiled). */
type Parse<P> = (label: string, json: unknown) => P;

/** One SCP/RCP level holding policies of form `P`. */
export interface LevelOf<P> {
  readonly target: string;
  readonly policies: readonly P[];
}

/** The layers that depend on the caller only: identity policies, boundary, SCP chain. */
export interface PrincipalLayers<P> {
  readonly identity: readonly P[];
  readonly permissionBoundary?: P;
  readonly scp?: readonly LevelOf<P>[];
}

/** The layers that depend on the resource only: its RCP chain and its resource policy. */
export interface ResourceLayers<P> {
  readonly rcp?: readonly LevelOf<P>[];
  readonly resource?: P;
}

/** Every layer of one request; `PolicyLayers<PolicyInput>` is the core's `PolicySetInput`, `PolicyLayers<CompiledPolicy>` its `CompiledPolicySet`. */
export interface PolicyLayers<P> extends PrincipalLayers<P>, ResourceLayers<P> {
  readonly session?: P;
}

function identityPolicies<P>(p: PrincipalSnapshot, parse: Parse<P>): P[] {
  const managed = new Map(p.managedPolicies.map((m) => [m.arn, m]));
  const seen = new Set<string>();
  const out: P[] = [];
  // A managed policy attached to the user and to one of its groups is one policy, evaluated once.
  const addManaged = (arns: readonly string[]): void => {
    for (const arn of arns) {
      const m = managed.get(arn);
      if (m && !seen.has(arn)) out.push(parse(arn, m.document));
      seen.add(arn);
    }
  };
  const holder: User | Role | null = p.user ?? p.role;
  if (!holder) return out;
  for (const i of holder.inlinePolicies) out.push(parse(`inline:${holder.name}/${i.name}`, i.document));
  addManaged(holder.managedPolicies);
  if (p.user) {
    for (const g of p.groups) {
      for (const i of g.inlinePolicies) out.push(parse(`group:${g.name}/inline:${i.name}`, i.document));
      addManaged(g.managedPolicies);
    }
  }
  return out;
}

function boundary<P>(p: PrincipalSnapshot, parse: Parse<P>): P | undefined {
  const arn = (p.user ?? p.role)?.permissionsBoundary;
  if (!arn) return undefined;
  const m = p.managedPolicies.find((x) => x.arn === arn);
  return parse(arn, m ? m.document : ALLOW_NOTHING);
}

const levels = <P>(chain: readonly OrgLevel[], parse: Parse<P>): LevelOf<P>[] =>
  chain.map((l) => ({ target: l.target, policies: l.policies.map((op) => parse(op.id, op.document)) }));

// "SCPs don't affect users or roles in the management account … [or] service-linked roles."
// — Organizations User Guide, "Service control policies (SCPs)", tasks and entities not restricted.
function scpLayer<P>(p: PrincipalSnapshot, parse: Parse<P>): LevelOf<P>[] | undefined {
  if (!p.scpChain || p.placement?.isManagementAccount || p.role?.serviceLinked) return undefined;
  return levels(p.scpChain, parse);
}

function resourcePolicy<P>(r: ResourceSnapshot, parse: Parse<P>): P | undefined {
  if (r.resource?.policy) return parse(`policy:${r.resource.arn}`, r.resource.policy);
  if (r.role) return parse(`trustPolicy:${r.role.arn}`, r.role.trustPolicy);
  return undefined;
}

/**
 * The caller's layers, as AWS gathers them: identity policies (a user's inline and managed ones and
 * those of its groups, or a role's), the permissions boundary and the SCP chain of its account.
 * Policy ids: `inline:<user|role>/<policy>`, `group:<group>/inline:<policy>`, managed policy ARNs,
 * org policy ids.
 */
export function principalLayers<P>(p: PrincipalSnapshot, parse: Parse<P>): PrincipalLayers<P> {
  const permissionBoundary = boundary(p, parse);
  const scp = scpLayer(p, parse);
  return {
    identity: identityPolicies(p, parse),
    ...(permissionBoundary ? { permissionBoundary } : {}),
    ...(scp ? { scp } : {}),
  };
}

/**
 * The resource's layers: the RCP chain of its account (RCPs do not apply to resources in the
 * management account — Organizations User Guide, "Resource control policies (RCPs)") and its
 * resource policy (a role's trust policy when the resource is a role). Policy ids: org policy ids,
 * `policy:<resource ARN>`, `trustPolicy:<role ARN>`.
 */
export function resourceLayers<P>(r: ResourceSnapshot, parse: Parse<P>): ResourceLayers<P> {
  const rcp = !r.rcpChain || r.placement?.isManagementAccount ? undefined : levels(r.rcpChain, parse);
  const resource = resourcePolicy(r, parse);
  return { ...(rcp ? { rcp } : {}), ...(resource ? { resource } : {}) };
}

/**
 * One request's layers from its two sides and its session policy (`session`). RCPs do not apply to
 * actions of service-linked roles — Organizations User Guide, "Resource control policies (RCPs)".
 */
export function combineLayers<P>(
  p: PrincipalSnapshot | null, principal: PrincipalLayers<P> | null, resource: ResourceLayers<P>, session?: P,
): PolicyLayers<P> {
  const rcp = p?.role?.serviceLinked ? undefined : resource.rcp;
  return {
    identity: principal?.identity ?? [],
    ...(principal?.permissionBoundary ? { permissionBoundary: principal.permissionBoundary } : {}),
    ...(session ? { session } : {}),
    ...(principal?.scp ? { scp: principal.scp } : {}),
    ...(rcp ? { rcp } : {}),
    ...(resource.resource ? { resource: resource.resource } : {}),
  };
}

/**
 * Builds the core's policy set for one request from the snapshots (see `principalLayers`,
 * `resourceLayers`, `combineLayers`), with `session` as the session policy's id.
 */
export function assemble(input: AssembleInput): Assembled {
  const { principal: p, resource: r, parse } = input;
  const session = input.sessionPolicy === undefined ? undefined : parse('session', input.sessionPolicy);
  const policies: PolicySetInput = combineLayers(p, p ? principalLayers(p, parse) : null, resourceLayers(r, parse), session);
  return { policies, context: assembleContext(input.request, p, r) };
}

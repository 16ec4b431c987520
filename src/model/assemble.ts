import type { AuthorizationRequest, OrgLevelInput, PolicyInput, PolicySetInput } from '../core/index.js';
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

type Parse = AssembleInput['parse'];

function identityPolicies(p: PrincipalSnapshot, parse: Parse): PolicyInput[] {
  const managed = new Map(p.managedPolicies.map((m) => [m.arn, m]));
  const seen = new Set<string>();
  const out: PolicyInput[] = [];
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

function boundary(p: PrincipalSnapshot, parse: Parse): PolicyInput | undefined {
  const arn = (p.user ?? p.role)?.permissionsBoundary;
  if (!arn) return undefined;
  const m = p.managedPolicies.find((x) => x.arn === arn);
  return parse(arn, m ? m.document : ALLOW_NOTHING);
}

const levels = (chain: readonly OrgLevel[], parse: Parse): OrgLevelInput[] =>
  chain.map((l) => ({ target: l.target, policies: l.policies.map((op) => parse(op.id, op.document)) }));

// "SCPs don't affect users or roles in the management account … [or] service-linked roles."
// — Organizations User Guide, "Service control policies (SCPs)", tasks and entities not restricted.
function scpLayer(p: PrincipalSnapshot | null, parse: Parse): OrgLevelInput[] | undefined {
  if (!p?.scpChain || p.placement?.isManagementAccount || p.role?.serviceLinked) return undefined;
  return levels(p.scpChain, parse);
}

// RCPs do not apply to resources in the management account nor to actions of service-linked
// roles — Organizations User Guide, "Resource control policies (RCPs)".
function rcpLayer(p: PrincipalSnapshot | null, r: ResourceSnapshot, parse: Parse): OrgLevelInput[] | undefined {
  if (!r.rcpChain || r.placement?.isManagementAccount || p?.role?.serviceLinked) return undefined;
  return levels(r.rcpChain, parse);
}

function resourcePolicy(r: ResourceSnapshot, parse: Parse): PolicyInput | undefined {
  if (r.resource?.policy) return parse(`policy:${r.resource.arn}`, r.resource.policy);
  if (r.role) return parse(`trustPolicy:${r.role.arn}`, r.role.trustPolicy);
  return undefined;
}

/**
 * Builds the core's policy set for one request from the snapshots, as AWS gathers them: identity
 * policies (a user's inline and managed ones and those of its groups, or a role's), the permissions
 * boundary, the session policy, the SCP chain of the principal's account, the RCP chain of the
 * resource's account, and the resource policy (a role's trust policy when the resource is a role).
 * Policy ids: `inline:<user|role>/<policy>`, `group:<group>/inline:<policy>`, managed policy ARNs,
 * org policy ids, `session`, `policy:<resource ARN>`, `trustPolicy:<role ARN>`.
 */
export function assemble(input: AssembleInput): Assembled {
  const { principal: p, resource: r, parse } = input;
  const permissionBoundary = p ? boundary(p, parse) : undefined;
  const session = input.sessionPolicy === undefined ? undefined : parse('session', input.sessionPolicy);
  const scp = scpLayer(p, parse);
  const rcp = rcpLayer(p, r, parse);
  const resource = resourcePolicy(r, parse);
  const policies: PolicySetInput = {
    identity: p ? identityPolicies(p, parse) : [],
    ...(permissionBoundary ? { permissionBoundary } : {}),
    ...(session ? { session } : {}),
    ...(scp ? { scp } : {}),
    ...(rcp ? { rcp } : {}),
    ...(resource ? { resource } : {}),
  };
  return { policies, context: assembleContext(input.request, p, r) };
}

import { parsePolicy } from '../core/index.js';
import type { OrgLevelInput, PolicyInput, PolicyProblem, PolicySetInput } from '../core/index.js';
import { ServiceError } from './errors.js';

/** One SCP/RCP level as a client sends it: policies are unparsed JSON. */
export interface OrgLevelSource {
  readonly target: string;
  readonly policies: readonly unknown[];
}

/** The policies of one request as a client sends them; null and absent both mean "does not apply". */
export interface PolicySetSource {
  readonly identity?: readonly unknown[] | null;
  readonly permissionBoundary?: unknown;
  readonly session?: unknown;
  readonly scp?: readonly OrgLevelSource[] | null;
  readonly rcp?: readonly OrgLevelSource[] | null;
  readonly resource?: unknown;
}

/** A policy problem together with the policy it belongs to (`identity[0]`, `scp[1].policies[0]`, …). */
export interface LabelledPolicyProblem extends PolicyProblem {
  readonly policy: string;
}

/** Parses policies and collects every problem, so that one response lists all bad policies. */
class PolicyCollector {
  readonly problems: LabelledPolicyProblem[] = [];

  /** The parsed policy with `label` as its id, or undefined (and problems recorded) when invalid. */
  parse(label: string, input: unknown): PolicyInput | undefined {
    // parsePolicy takes a JSON object or JSON text (as AWS stores policies) and never throws.
    const parsed = parsePolicy(input);
    if (parsed.ok) return { id: label, document: parsed.value };
    this.problems.push(...parsed.error.map((p) => ({ policy: label, ...p })));
    return undefined;
  }

  optional(label: string, input: unknown): PolicyInput | undefined {
    return input === undefined || input === null ? undefined : this.parse(label, input);
  }

  levels(kind: 'scp' | 'rcp', levels: readonly OrgLevelSource[] | null | undefined): OrgLevelInput[] | undefined {
    return levels?.map((level, l) => ({
      target: level.target,
      policies: level.policies.flatMap((p, i) => this.parse(`${kind}[${l}].policies[${i}]`, p) ?? []),
    }));
  }
}

/**
 * Parses every policy of a request, naming each by its position (`identity[0]`, `permissionBoundary`,
 * `scp[1].policies[0]`); the same labels are the policy ids in decisive statements.
 * @throws ServiceError BAD_POLICY with `details.problems` listing the problems of every invalid policy.
 */
export function toPolicySetInput(source: PolicySetSource): PolicySetInput {
  const c = new PolicyCollector();
  const identity = (source.identity ?? []).flatMap((p, i) => c.parse(`identity[${i}]`, p) ?? []);
  const permissionBoundary = c.optional('permissionBoundary', source.permissionBoundary);
  const session = c.optional('session', source.session);
  const scp = c.levels('scp', source.scp);
  const rcp = c.levels('rcp', source.rcp);
  const resource = c.optional('resource', source.resource);
  if (c.problems.length > 0) {
    const policies = [...new Set(c.problems.map((p) => p.policy))];
    throw new ServiceError('BAD_POLICY', `invalid policy document(s): ${policies.join(', ')}`, {
      details: { problems: c.problems },
    });
  }
  return {
    identity,
    ...(permissionBoundary && { permissionBoundary }),
    ...(session && { session }),
    ...(scp && { scp }),
    ...(rcp && { rcp }),
    ...(resource && { resource }),
  };
}

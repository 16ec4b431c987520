import { registerEnumType } from 'type-graphql';
import type { Decision, Effect, LayerOutcome, PolicyLayer } from '../../core/index.js';

/** GraphQL enum `Decision`; values equal the core's. */
export const DecisionEnum = {
  ALLOW: 'ALLOW',
  EXPLICIT_DENY: 'EXPLICIT_DENY',
  IMPLICIT_DENY: 'IMPLICIT_DENY',
} as const satisfies { [K in Decision]: K };

/** GraphQL enum `PolicyLayer`; values equal the core's. */
export const PolicyLayerEnum = {
  SCP: 'SCP',
  RCP: 'RCP',
  RESOURCE: 'RESOURCE',
  PERMISSION_BOUNDARY: 'PERMISSION_BOUNDARY',
  SESSION: 'SESSION',
  IDENTITY: 'IDENTITY',
} as const satisfies { [K in PolicyLayer]: K };

/** GraphQL enum `Effect`; the values are spelled as in policy documents. */
export const EffectEnum = { Allow: 'Allow', Deny: 'Deny' } as const satisfies { [K in Effect]: K };

/** GraphQL enum `LayerOutcome`; values equal the core's. */
export const LayerOutcomeEnum = {
  ALLOW: 'ALLOW',
  DENY: 'DENY',
  NO_MATCH: 'NO_MATCH',
  NOT_APPLICABLE: 'NOT_APPLICABLE',
} as const satisfies { [K in LayerOutcome]: K };

registerEnumType(DecisionEnum, {
  name: 'Decision',
  description: 'The outcome of an authorization request.',
  valuesConfig: {
    ALLOW: { description: 'Every required layer allowed and nothing denied.' },
    EXPLICIT_DENY: { description: 'A matching Deny statement in some layer.' },
    IMPLICIT_DENY: { description: 'No explicit deny, but some required layer did not allow.' },
  },
});

registerEnumType(PolicyLayerEnum, {
  name: 'PolicyLayer',
  description: 'A layer of the AWS policy evaluation logic.',
  valuesConfig: {
    SCP: { description: 'Service control policies of the organization.' },
    RCP: { description: 'Resource control policies of the organization.' },
    RESOURCE: { description: "The resource's own policy (bucket policy, key policy, trust policy, ...)." },
    PERMISSION_BOUNDARY: { description: "The principal's permissions boundary." },
    SESSION: { description: 'The session policy passed when the role session was created.' },
    IDENTITY: { description: 'Identity-based policies of the principal.' },
  },
});

registerEnumType(EffectEnum, { name: 'Effect', description: 'The Effect of a policy statement.' });

registerEnumType(LayerOutcomeEnum, {
  name: 'LayerOutcome',
  description: 'How one layer ended during evaluation.',
  valuesConfig: {
    ALLOW: { description: 'A statement of the layer allowed the request.' },
    DENY: { description: 'A statement of the layer explicitly denied the request.' },
    NO_MATCH: { description: 'The layer applies but no statement matched.' },
    NOT_APPLICABLE: { description: 'The layer does not take part in this request.' },
  },
});

import 'reflect-metadata';
import { Field, ObjectType } from 'type-graphql';
import type { AuthorizationResult as CoreAuthorizationResult, Decision, PolicyLayer } from '../../core/index.js';
import { DecisionEnum, PolicyLayerEnum } from './enums.js';
import { Explanation } from './explain.type.js';
import { StatementRef } from './statement-ref.type.js';

/**
 * GraphQL `AuthorizationResult`: a decision with its reasons. Decision types use graphql-js's default
 * field resolver (`simpleResolvers`): a batch of 1,000 resolves ~10,000 of their fields.
 */
@ObjectType('AuthorizationResult', { simpleResolvers: true, description: 'A decision with the statements and layers behind it.' })
export class AuthorizationResult implements CoreAuthorizationResult {
  @Field(() => DecisionEnum)
  readonly decision!: Decision;

  @Field(() => Boolean)
  readonly allowed!: boolean;

  @Field(() => [PolicyLayerEnum], { description: 'Layers that denied explicitly or failed to allow; empty when allowed.' })
  readonly blockedBy!: readonly PolicyLayer[];

  @Field(() => [StatementRef], {
    description: 'For ALLOW, the statements that granted it in each required layer; for EXPLICIT_DENY, every matching Deny.',
  })
  readonly decisiveStatements!: readonly StatementRef[];

  @Field(() => Explanation, { nullable: true, description: 'The full trace; computed only when this field is selected.' })
  readonly explanation?: Explanation;
}

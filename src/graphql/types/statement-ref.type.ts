import 'reflect-metadata';
import { Field, Int, ObjectType } from 'type-graphql';
import type { Effect, PolicyLayer, StatementRef as CoreStatementRef } from '../../core/index.js';
import { EffectEnum, PolicyLayerEnum } from './enums.js';

/** GraphQL `StatementRef`: a stable reference to one statement (a reason for a decision). */
@ObjectType('StatementRef', { simpleResolvers: true, description: 'A stable reference to one policy statement.' })
export class StatementRef implements CoreStatementRef {
  @Field(() => PolicyLayerEnum)
  readonly layer!: PolicyLayer;

  @Field(() => String, { description: 'The policy id, e.g. `identity[0]` or `scp[1].policies[0]`.' })
  readonly policyId!: string;

  @Field(() => Int, { description: 'Position of the policy within its layer (or its org level).' })
  readonly policyIndex!: number;

  @Field(() => String, { nullable: true, description: 'The org level (root, OU or account id) of SCP and RCP statements.' })
  readonly target?: string;

  @Field(() => Int, { description: 'Position of the statement within the policy.' })
  readonly statementIndex!: number;

  @Field(() => String, { nullable: true })
  readonly sid?: string;

  @Field(() => EffectEnum)
  readonly effect!: Effect;
}

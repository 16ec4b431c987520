import 'reflect-metadata';
import { Field, ObjectType } from 'type-graphql';
import type {
  ConditionTrace as CoreConditionTrace,
  Explanation as CoreExplanation,
  LayerOutcome,
  LayerTrace as CoreLayerTrace,
  PolicyLayer,
  StatementTrace as CoreStatementTrace,
} from '../../core/index.js';
import { LayerOutcomeEnum, PolicyLayerEnum } from './enums.js';
import { StatementRef } from './statement-ref.type.js';

/** GraphQL `ConditionTrace`: one condition operator/key pair as evaluated. */
@ObjectType('ConditionTrace', { simpleResolvers: true, description: 'One condition operator/key pair as evaluated.' })
export class ConditionTrace implements CoreConditionTrace {
  @Field(() => String)
  readonly operator!: string;

  @Field(() => String)
  readonly key!: string;

  @Field(() => [String], { description: 'Policy values after variable substitution.' })
  readonly policyValues!: readonly string[];

  @Field(() => [String], { nullable: true, description: "The request's values; null when the request lacks the key." })
  readonly requestValues!: readonly string[] | null;

  @Field(() => Boolean)
  readonly matched!: boolean;
}

/** GraphQL `StatementTrace`: one statement as evaluated against the request. */
@ObjectType('StatementTrace', { simpleResolvers: true, description: 'One statement as evaluated against the request.' })
export class StatementTrace implements CoreStatementTrace {
  @Field(() => StatementRef)
  readonly ref!: StatementRef;

  @Field(() => Boolean)
  readonly actionMatched!: boolean;

  @Field(() => Boolean)
  readonly resourceMatched!: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Null for policies without Principal/NotPrincipal.' })
  readonly principalMatched!: boolean | null;

  @Field(() => Boolean)
  readonly conditionsMatched!: boolean;

  @Field(() => [ConditionTrace])
  readonly conditions!: readonly ConditionTrace[];

  @Field(() => Boolean, { description: 'True when every element matched: the statement applies.' })
  readonly matched!: boolean;
}

/** GraphQL `LayerTrace`: one layer as evaluated. */
@ObjectType('LayerTrace', { simpleResolvers: true, description: 'One policy layer as evaluated.' })
export class LayerTrace implements CoreLayerTrace {
  @Field(() => PolicyLayerEnum)
  readonly layer!: PolicyLayer;

  @Field(() => LayerOutcomeEnum)
  readonly outcome!: LayerOutcome;

  @Field(() => String, { nullable: true, description: 'Why the layer was skipped or treated specially.' })
  readonly note?: string;

  @Field(() => [StatementTrace])
  readonly statements!: readonly StatementTrace[];
}

/** GraphQL `Explanation`: the full trace of a decision. */
@ObjectType('Explanation', { simpleResolvers: true, description: 'The full trace of a decision; computed only when selected.' })
export class Explanation implements CoreExplanation {
  @Field(() => [LayerTrace])
  readonly layers!: readonly LayerTrace[];

  @Field(() => [String], { description: 'Context keys the policies reference that the request did not supply.' })
  readonly missingContextKeys!: readonly string[];
}

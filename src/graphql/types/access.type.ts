import 'reflect-metadata';
import { Field, Int, ObjectType } from 'type-graphql';
import type * as Access from '../../service/access.js';
import type { Decision } from '../../core/index.js';
import type { EntityKind } from '../../model/types.js';
import { JSONScalar } from '../scalars/json.js';
import { DeltaKindEnum, EntityChangeEnum } from './access-enums.js';
import { DecisionEnum } from './enums.js';
import { EntityKindEnum } from './model-enums.js';
import { StatementRef } from './statement-ref.type.js';

/** GraphQL `ActionGroup`: the actions of one service, compressed to patterns. */
@ObjectType('ActionGroup', { description: 'Actions of one service, compressed to patterns (`s3:*`, `s3:Get*`, or names).' })
export class ActionGroup implements Access.ActionGroup {
  @Field(() => String) readonly service!: string;
  @Field(() => [String]) readonly patterns!: readonly string[];
  @Field(() => Int, { description: 'How many concrete actions the patterns stand for.' }) readonly actionCount!: number;
}

/** GraphQL `ResourceSet`: a region of resource space. */
@ObjectType('ResourceSet', { description: 'ARNs matching some `include` pattern and no `exclude` pattern (IAM globs; `*` is any).' })
export class ResourceSet implements Access.ResourceSet {
  @Field(() => [String]) readonly include!: readonly string[];
  @Field(() => [String]) readonly exclude!: readonly string[];
}

/** GraphQL `AccessCondition`: the condition block of one statement. */
@ObjectType('AccessCondition', { description: 'The Condition block of one statement, under which an access holds.' })
export class AccessCondition implements Access.ConditionSummary {
  @Field(() => StatementRef) readonly statement!: StatementRef;
  @Field(() => JSONScalar, { description: 'As in the policy JSON: operator → condition key → values.' })
  readonly condition!: Access.ConditionSummary['condition'];
}

/** GraphQL `WitnessRequest`: a concrete request, as `authorize` takes it. */
@ObjectType('WitnessRequest', { description: 'A concrete request, as `authorize` takes it.' })
export class WitnessRequest implements Access.WitnessRequest {
  @Field(() => String) readonly principal!: string;
  @Field(() => String) readonly action!: string;
  @Field(() => String) readonly resource!: string;
  @Field(() => String, { nullable: true }) readonly resourceAccount?: string;
  @Field(() => JSONScalar, { description: 'Context keys → values.' }) readonly context!: Access.WitnessRequest['context'];
}

/** GraphQL `Witness`: a request deciding differently at the two versions. */
@ObjectType('Witness', { description: 'A request whose decision really differs between the two versions (`authorize` it at each to check).' })
export class Witness implements Access.Witness {
  @Field(() => WitnessRequest) readonly request!: WitnessRequest;
  @Field(() => DecisionEnum) readonly before!: Decision;
  @Field(() => DecisionEnum) readonly after!: Decision;
}

/** GraphQL `AccessCause`: an entity edit responsible for a delta. */
@ObjectType('AccessCause', { description: 'An entity edit responsible for a delta, with the statements of it involved.' })
export class AccessCause implements Access.Cause {
  @Field(() => EntityKindEnum) readonly entityKind!: EntityKind;
  @Field(() => String) readonly entityKey!: string;
  @Field(() => EntityChangeEnum) readonly change!: Access.Cause['change'];
  @Field(() => [StatementRef], { description: 'Statements of the `from` version involved (removed or edited).' })
  readonly statementsBefore!: readonly StatementRef[];
  @Field(() => [StatementRef], { description: 'Statements of the `to` version involved (added or edited).' })
  readonly statementsAfter!: readonly StatementRef[];
}

/** GraphQL `AccessDelta`: one change of effective access. */
@ObjectType('AccessDelta', { description: 'One change of effective access: one principal, a set of actions, a region of resources.' })
export class AccessDelta implements Access.AccessDelta {
  @Field(() => String, { description: 'Principal ARN (role, user, account root), or `*` for anonymous callers.' }) readonly principal!: string;
  @Field(() => String, { description: "The principal's account; empty for anonymous callers." }) readonly account!: string;
  @Field(() => DeltaKindEnum) readonly kind!: Access.DeltaKind;
  @Field(() => [String], { description: 'Every concrete action (`service:Action`, as AWS spells it), sorted.' }) readonly actions!: readonly string[];
  @Field(() => [ActionGroup]) readonly actionGroups!: readonly ActionGroup[];
  @Field(() => ResourceSet) readonly resources!: ResourceSet;
  @Field(() => DecisionEnum, { description: 'The decision of the witness at the `from` version.' }) readonly before!: Decision;
  @Field(() => DecisionEnum, { description: 'The decision of the witness at the `to` version.' }) readonly after!: Decision;
  @Field(() => [AccessCondition], { description: 'Conditions of the allowing statements before, where they differ (else empty).' })
  readonly conditionsBefore!: readonly AccessCondition[];
  @Field(() => [AccessCondition], { description: 'Conditions of the allowing statements after, where they differ (else empty).' })
  readonly conditionsAfter!: readonly AccessCondition[];
  @Field(() => Witness) readonly witness!: Witness;
  @Field(() => [AccessCause]) readonly causes!: readonly AccessCause[];
}

/** GraphQL `DiffCount`. */
@ObjectType('DiffCount', { description: 'Counts of deltas under one key (a principal, an account or a service).' })
export class DiffCount implements Access.DiffCount {
  @Field(() => String) readonly key!: string;
  @Field(() => Int) readonly gained!: number;
  @Field(() => Int) readonly lost!: number;
  @Field(() => Int) readonly changedConditions!: number;
}

/** GraphQL `DiffSummary`. */
@ObjectType('DiffSummary', { description: 'Counts of the whole diff (every page) per principal, account and service.' })
export class DiffSummary implements Access.DiffSummary {
  @Field(() => [DiffCount]) readonly byPrincipal!: readonly DiffCount[];
  @Field(() => [DiffCount]) readonly byAccount!: readonly DiffCount[];
  @Field(() => [DiffCount]) readonly byService!: readonly DiffCount[];
}

/** GraphQL `DiffStats`. */
@ObjectType('DiffStats', { description: 'What the diff evaluated: an edit re-evaluates only what it can affect.' })
export class DiffStats implements Access.DiffStats {
  @Field(() => Int) readonly changedEntities!: number;
  @Field(() => Int) readonly principalsEvaluated!: number;
  @Field(() => Int) readonly resourcesEvaluated!: number;
  @Field(() => Int) readonly decisions!: number;
}

/** GraphQL `WhoCanEntry`. */
@ObjectType('WhoCanEntry', { description: 'A principal that may perform the action on the resource.' })
export class WhoCanEntry implements Access.WhoCanEntry {
  @Field(() => String) readonly principal!: string;
  @Field(() => String) readonly account!: string;
  @Field(() => DecisionEnum, { description: 'ALLOW; the access may still depend on `conditions`.' }) readonly decision!: Decision;
  @Field(() => [StatementRef], { description: 'The statements that grant it, in every required layer.' }) readonly grants!: readonly StatementRef[];
  @Field(() => [AccessCondition], { description: 'Conditions that must hold (empty when unconditional).' })
  readonly conditions!: readonly AccessCondition[];
  @Field(() => [String], { description: 'For access reached by assuming roles: the role ARNs of the chain, in order; else empty.' })
  readonly via!: readonly string[];
}

/** GraphQL `Permission`: one permission of a principal. */
@ObjectType('Permission', { description: 'Actions of one service on a region of resources, under conditions.' })
export class Permission implements Access.Permission {
  @Field(() => String) readonly service!: string;
  @Field(() => [String]) readonly actions!: readonly string[];
  @Field(() => [ActionGroup]) readonly actionGroups!: readonly ActionGroup[];
  @Field(() => ResourceSet) readonly resources!: ResourceSet;
  @Field(() => [AccessCondition]) readonly conditions!: readonly AccessCondition[];
  @Field(() => [StatementRef]) readonly grants!: readonly StatementRef[];
}

/** GraphQL `ServicePermissionCount`. */
@ObjectType('ServicePermissionCount', { description: 'A service of a `whatCan` result and how many permissions it holds.' })
export class ServicePermissionCount {
  @Field(() => String) readonly service!: string;
  @Field(() => Int) readonly permissionCount!: number;
}

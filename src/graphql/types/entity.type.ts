import 'reflect-metadata';
import { Field, ObjectType } from 'type-graphql';
import type * as M from '../../model/types.js';
import { JSONScalar } from '../scalars/json.js';
import { connectionType } from './connection.js';
import { OrgPolicyTypeEnum } from './model-enums.js';

/** Where an entity object was read: its organization and version (not exposed; field resolvers use them). */
export interface At {
  readonly orgId: M.OrgId;
  readonly version: number;
}

/** An entity body as resolvers hand it to GraphQL: the body plus where it was read. */
export type AtVersion<T> = T & At;

/** GraphQL `Root`. */
@ObjectType('Root', { description: 'The organization root; policy types are enabled per root.' })
export class Root {
  @Field(() => String) readonly id!: string;
  @Field(() => Boolean) readonly scpEnabled!: boolean;
  @Field(() => Boolean) readonly rcpEnabled!: boolean;
  @Field(() => [String], { description: 'Ids of the SCPs attached here.' }) readonly scps!: readonly string[];
  @Field(() => [String], { description: 'Ids of the RCPs attached here.' }) readonly rcps!: readonly string[];
}

/** GraphQL `Ou`. */
@ObjectType('Ou', { description: 'An organizational unit.' })
export class Ou {
  @Field(() => String) readonly id!: string;
  @Field(() => String) readonly name!: string;
  @Field(() => String, { description: 'The root or OU above.' }) readonly parentId!: string;
  @Field(() => [String]) readonly scps!: readonly string[];
  @Field(() => [String]) readonly rcps!: readonly string[];
}

/** GraphQL `Account`. */
@ObjectType('Account', { description: 'A member account of the organization.' })
export class Account {
  @Field(() => String, { description: 'The 12-digit account id.' }) readonly id!: string;
  @Field(() => String) readonly name!: string;
  @Field(() => String, { description: 'The root or OU above.' }) readonly parentId!: string;
  @Field(() => JSONScalar, { description: 'Tags: an object of key → value.' }) readonly tags!: M.Tags;
  @Field(() => [String]) readonly scps!: readonly string[];
  @Field(() => [String]) readonly rcps!: readonly string[];
}

/** GraphQL `InlinePolicy`. */
@ObjectType('InlinePolicy', { description: 'An inline policy of a user, group or role.' })
export class InlinePolicy {
  @Field(() => String) readonly name!: string;
  @Field(() => JSONScalar) readonly document!: M.PolicyJson;
}

/** GraphQL `ManagedPolicy`. */
@ObjectType('ManagedPolicy', { description: 'A managed IAM policy at its default version.' })
export class ManagedPolicy {
  @Field(() => String) readonly arn!: string;
  @Field(() => String) readonly name!: string;
  @Field(() => String) readonly path!: string;
  @Field(() => String, { description: 'The owning account, or `aws` for AWS managed policies.' }) readonly accountId!: string;
  @Field(() => JSONScalar) readonly document!: M.PolicyJson;
}

/** The fields users, groups and roles share (the model's `PolicyHolder`); never referenced, so never printed as a type. */
@ObjectType()
abstract class PolicyHolder {
  @Field(() => String) readonly arn!: string;
  @Field(() => String) readonly accountId!: string;
  @Field(() => String) readonly name!: string;
  @Field(() => String) readonly path!: string;
  @Field(() => [InlinePolicy]) readonly inlinePolicies!: readonly InlinePolicy[];
}

/** GraphQL `Group`; `managedPolicies` is resolved through a loader (entity.resolver.ts). */
@ObjectType('Group', { description: 'An IAM group.' })
export class Group extends PolicyHolder {}

/** GraphQL `User`; `groups` and `managedPolicies` are resolved through loaders (entity.resolver.ts). */
@ObjectType('User', { description: 'An IAM user.' })
export class User extends PolicyHolder {
  @Field(() => JSONScalar) readonly tags!: M.Tags;
  @Field(() => String, { nullable: true, description: 'ARN of the managed policy used as permissions boundary.' })
  readonly permissionsBoundary!: string | null;
}

/** GraphQL `Role`; `managedPolicies` is resolved through a loader (entity.resolver.ts). */
@ObjectType('Role', { description: 'An IAM role.' })
export class Role extends PolicyHolder {
  @Field(() => JSONScalar) readonly tags!: M.Tags;
  @Field(() => JSONScalar, { description: 'The trust policy: the resource policy of `sts:AssumeRole*`.' }) readonly trustPolicy!: M.PolicyJson;
  @Field(() => String, { nullable: true }) readonly permissionsBoundary!: string | null;
  @Field(() => Boolean) readonly serviceLinked!: boolean;
}

/** GraphQL `OrgPolicy`. */
@ObjectType('OrgPolicy', { description: 'A service control policy or resource control policy.' })
export class OrgPolicy {
  @Field(() => String) readonly id!: string;
  @Field(() => String) readonly name!: string;
  @Field(() => OrgPolicyTypeEnum) readonly type!: M.OrgPolicy['type'];
  @Field(() => JSONScalar) readonly document!: M.PolicyJson;
}

/** GraphQL `Resource`. */
@ObjectType('Resource', { description: 'A resource with a resource policy and/or tags (bucket, key, queue, topic, …).' })
export class Resource {
  @Field(() => String) readonly arn!: string;
  @Field(() => String) readonly accountId!: string;
  @Field(() => JSONScalar, { nullable: true }) readonly policy!: M.PolicyJson | null;
  @Field(() => JSONScalar) readonly tags!: M.Tags;
}

/** Connection types of the entity lists, one per kind. */
export const RootConnection = connectionType('Root', Root);
export const OuConnection = connectionType('Ou', Ou);
export const AccountConnection = connectionType('Account', Account);
export const UserConnection = connectionType('User', User);
export const GroupConnection = connectionType('Group', Group);
export const RoleConnection = connectionType('Role', Role);
export const ManagedPolicyConnection = connectionType('ManagedPolicy', ManagedPolicy);
export const OrgPolicyConnection = connectionType('OrgPolicy', OrgPolicy);
export const ResourceConnection = connectionType('Resource', Resource);

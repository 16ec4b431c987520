import 'reflect-metadata';
import { Field, InputType } from 'type-graphql';
import type { AttachmentKind } from '../../model/changes.js';
import type { EntityKind, OrgPolicy } from '../../model/types.js';
import type { AttachmentSource, ChangeSource, InlinePolicySource } from '../../service/change-input.js';
import type { CreateOrganizationInput as CreateOrganizationSource } from '../../service/model.js';
import { JSONScalar } from '../scalars/json.js';
import { AttachmentKindEnum, EntityKindEnum, OrgPolicyTypeEnum } from './model-enums.js';

const TAGS = { nullable: true, description: 'Tags: an object of key → string value.' } as const;
const DEFAULTS_FROM_ARN = 'Defaults to the one in the ARN.';

/** GraphQL `CreateOrganizationInput`. */
@InputType('CreateOrganizationInput', { description: 'A new organization; version 0 holds only its root.' })
export class CreateOrganizationInput implements CreateOrganizationSource {
  @Field(() => String, { description: 'A slug: lower-case letters, digits and inner hyphens (e.g. `acme`).' }) readonly id!: string;
  @Field(() => String) readonly name!: string;
  @Field(() => String, { description: 'The AWS organization id (`o-…`).' }) readonly awsOrgId!: string;
  @Field(() => String, { description: 'The 12-digit id of the management account.' }) readonly managementAccountId!: string;
  @Field(() => String, { description: 'The root id (`r-…`).' }) readonly rootId!: string;
}

/** GraphQL `InlinePolicyInput`. */
@InputType('InlinePolicyInput')
export class InlinePolicyInput implements InlinePolicySource {
  @Field(() => String) readonly name!: string;
  @Field(() => JSONScalar, { description: 'A policy document: JSON object or JSON text.' }) readonly document!: unknown;
}

/** GraphQL `RootInput`. */
@InputType('RootInput')
export class RootInput {
  @Field(() => String) readonly id!: string;
  @Field(() => Boolean, { nullable: true, description: 'Defaults to true.' }) readonly scpEnabled?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Defaults to true.' }) readonly rcpEnabled?: boolean | null;
  @Field(() => [String], { nullable: true, description: 'Ids of attached SCPs.' }) readonly scps?: readonly string[] | null;
  @Field(() => [String], { nullable: true, description: 'Ids of attached RCPs.' }) readonly rcps?: readonly string[] | null;
}

/** GraphQL `OuInput`. */
@InputType('OuInput')
export class OuInput {
  @Field(() => String) readonly id!: string;
  @Field(() => String) readonly name!: string;
  @Field(() => String, { description: 'The root or OU above.' }) readonly parentId!: string;
  @Field(() => [String], { nullable: true }) readonly scps?: readonly string[] | null;
  @Field(() => [String], { nullable: true }) readonly rcps?: readonly string[] | null;
}

/** GraphQL `AccountInput`. */
@InputType('AccountInput')
export class AccountInput {
  @Field(() => String) readonly id!: string;
  @Field(() => String) readonly name!: string;
  @Field(() => String, { description: 'The root or OU above.' }) readonly parentId!: string;
  @Field(() => JSONScalar, TAGS) readonly tags?: unknown;
  @Field(() => [String], { nullable: true }) readonly scps?: readonly string[] | null;
  @Field(() => [String], { nullable: true }) readonly rcps?: readonly string[] | null;
}

/** GraphQL `GroupInput`. */
@InputType('GroupInput')
export class GroupInput {
  @Field(() => String) readonly arn!: string;
  @Field(() => String, { nullable: true, description: DEFAULTS_FROM_ARN }) readonly name?: string | null;
  @Field(() => String, { nullable: true, description: DEFAULTS_FROM_ARN }) readonly path?: string | null;
  @Field(() => String, { nullable: true, description: DEFAULTS_FROM_ARN }) readonly accountId?: string | null;
  @Field(() => [InlinePolicyInput], { nullable: true }) readonly inlinePolicies?: readonly InlinePolicyInput[] | null;
  @Field(() => [String], { nullable: true, description: 'ARNs of attached managed policies.' })
  readonly managedPolicies?: readonly string[] | null;
}

/** GraphQL `UserInput`. */
@InputType('UserInput')
export class UserInput extends GroupInput {
  @Field(() => JSONScalar, TAGS) readonly tags?: unknown;
  @Field(() => [String], { nullable: true, description: 'ARNs of the groups the user is in.' }) readonly groups?: readonly string[] | null;
  @Field(() => String, { nullable: true, description: 'ARN of the managed policy used as permissions boundary.' })
  readonly permissionsBoundary?: string | null;
}

/** GraphQL `RoleInput`. */
@InputType('RoleInput')
export class RoleInput extends GroupInput {
  @Field(() => JSONScalar, TAGS) readonly tags?: unknown;
  @Field(() => JSONScalar, { description: 'The trust policy (JSON object or text).' }) readonly trustPolicy!: unknown;
  @Field(() => String, { nullable: true }) readonly permissionsBoundary?: string | null;
}

/** GraphQL `ManagedPolicyInput`. */
@InputType('ManagedPolicyInput')
export class ManagedPolicyInput {
  @Field(() => String) readonly arn!: string;
  @Field(() => String, { nullable: true, description: DEFAULTS_FROM_ARN }) readonly name?: string | null;
  @Field(() => String, { nullable: true, description: DEFAULTS_FROM_ARN }) readonly path?: string | null;
  @Field(() => String, { nullable: true, description: `${DEFAULTS_FROM_ARN} \`aws\` for AWS managed policies.` })
  readonly accountId?: string | null;
  @Field(() => JSONScalar, { description: 'The default version of the document (JSON object or text).' }) readonly document!: unknown;
}

/** GraphQL `OrgPolicyInput`. */
@InputType('OrgPolicyInput')
export class OrgPolicyInput {
  @Field(() => String, { description: 'The policy id (`p-…`).' }) readonly id!: string;
  @Field(() => String) readonly name!: string;
  @Field(() => OrgPolicyTypeEnum) readonly type!: OrgPolicy['type'];
  @Field(() => JSONScalar) readonly document!: unknown;
}

/** GraphQL `ResourceInput`. */
@InputType('ResourceInput')
export class ResourceInput {
  @Field(() => String) readonly arn!: string;
  @Field(() => String, { nullable: true, description: 'Required when the ARN names no account (S3 buckets).' })
  readonly accountId?: string | null;
  @Field(() => JSONScalar, { nullable: true, description: 'The resource policy (JSON object or text).' }) readonly policy?: unknown;
  @Field(() => JSONScalar, TAGS) readonly tags?: unknown;
}

/** GraphQL `EntityRefInput`. */
@InputType('EntityRefInput', { description: 'An entity by kind and key.' })
export class EntityRefInput {
  @Field(() => EntityKindEnum) readonly kind!: EntityKind;
  @Field(() => String, { description: 'Id or ARN, per kind.' }) readonly key!: string;
}

/** GraphQL `AttachmentInput`. */
@InputType('AttachmentInput', { description: 'A policy attached to (or detached from) an entity.' })
export class AttachmentInput implements AttachmentSource {
  @Field(() => AttachmentKindEnum) readonly attachment!: AttachmentKind;
  @Field(() => String, { description: 'Managed policy ARN, or org policy id for SCP/RCP.' }) readonly policy!: string;
  @Field(() => EntityKindEnum) readonly targetKind!: EntityKind;
  @Field(() => String) readonly targetKey!: string;
}

/** GraphQL `ChangeInput`: a one-of; exactly one field must be set (checked by the service, naming the change index). */
@InputType('ChangeInput', { description: 'One change of a commit. Set exactly one field; puts create or replace the whole entity.' })
export class ChangeInput implements ChangeSource {
  @Field(() => RootInput, { nullable: true }) readonly putRoot?: RootInput | null;
  @Field(() => OuInput, { nullable: true }) readonly putOu?: OuInput | null;
  @Field(() => AccountInput, { nullable: true }) readonly putAccount?: AccountInput | null;
  @Field(() => UserInput, { nullable: true }) readonly putUser?: UserInput | null;
  @Field(() => GroupInput, { nullable: true }) readonly putGroup?: GroupInput | null;
  @Field(() => RoleInput, { nullable: true }) readonly putRole?: RoleInput | null;
  @Field(() => ManagedPolicyInput, { nullable: true }) readonly putPolicy?: ManagedPolicyInput | null;
  @Field(() => OrgPolicyInput, { nullable: true }) readonly putOrgPolicy?: OrgPolicyInput | null;
  @Field(() => ResourceInput, { nullable: true }) readonly putResource?: ResourceInput | null;
  @Field(() => EntityRefInput, { nullable: true }) readonly delete?: EntityRefInput | null;
  @Field(() => AttachmentInput, { nullable: true }) readonly attach?: AttachmentInput | null;
  @Field(() => AttachmentInput, { nullable: true }) readonly detach?: AttachmentInput | null;
}

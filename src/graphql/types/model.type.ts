import 'reflect-metadata';
import { Field, Int, ObjectType } from 'type-graphql';
import type * as M from '../../model/types.js';
import { connectionType } from './connection.js';
import { EntityKindEnum, FindingSeverityEnum } from './model-enums.js';

/**
 * GraphQL `Organization`; `versions` and `model` are resolved in model.resolver.ts.
 */
@ObjectType('Organization', { description: 'A modelled AWS organization and its versions.' })
export class Organization implements M.Organization {
  @Field(() => String, { description: 'Our identifier: the slug chosen at creation.' }) readonly id!: string;
  @Field(() => String) readonly name!: string;
  @Field(() => String, { description: 'The AWS organization id (`o-…`).' }) readonly awsOrgId!: string;
  @Field(() => String, { description: 'The management account: SCPs never restrict its principals.' })
  readonly managementAccountId!: string;
  @Field(() => Int, { description: 'The newest version; 0 is the empty organization made at creation.' }) readonly latestVersion!: number;
  @Field(() => String, { description: 'ISO 8601.' }) readonly createdAt!: string;
}

/** GraphQL `Finding`. */
@ObjectType('Finding', { description: 'An Access-Analyzer-style finding on a committed policy.' })
export class Finding implements M.Finding {
  @Field(() => FindingSeverityEnum) readonly severity!: M.Finding['severity'];
  @Field(() => String) readonly code!: string;
  @Field(() => String) readonly message!: string;
  @Field(() => EntityKindEnum) readonly entityKind!: M.EntityKind;
  @Field(() => String) readonly entityKey!: string;
  @Field(() => String, { description: 'Which policy of the entity: `trustPolicy`, `inline:Name`, `document` or `policy`.' })
  readonly policy!: string;
  @Field(() => String, { description: 'JSON path within the policy, e.g. `Statement[0].Principal`.' }) readonly path!: string;
}

/** GraphQL `Version`; `changes` and `findings` are resolved in model.resolver.ts. */
@ObjectType('Version', { description: 'One immutable version of an organization (a commit).' })
export class Version implements M.VersionInfo {
  readonly orgId!: string;
  @Field(() => Int) readonly version!: number;
  @Field(() => Int, { nullable: true, description: 'The version this one was committed on; null for version 0.' })
  readonly parent!: number | null;
  @Field(() => String) readonly message!: string;
  @Field(() => String) readonly author!: string;
  @Field(() => String, { description: 'ISO 8601.' }) readonly createdAt!: string;
  @Field(() => Int) readonly changeCount!: number;
}

/** GraphQL `ModelAtVersion`: the entity lists of one version, resolved in model-at-version.resolver.ts. */
@ObjectType('ModelAtVersion', { description: 'The model of an organization as it was at one version.' })
export class ModelAtVersion {
  readonly orgId!: string;
  @Field(() => Int) readonly version!: number;
}

/** GraphQL `CommitResult`. */
@ObjectType('CommitResult', { description: 'The version a commit created and the findings on the policies it wrote.' })
export class CommitResult {
  @Field(() => Int) readonly version!: number;
  @Field(() => [Finding]) readonly findings!: readonly Finding[];
}

/** GraphQL `VersionConnection`: versions, newest first. */
export const VersionConnection = connectionType('Version', Version);

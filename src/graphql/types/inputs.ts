import 'reflect-metadata';
import { Field, InputType } from 'type-graphql';
import type { OrgLevelSource, PolicySetSource } from '../../service/policy-set-input.js';
import type { RequestInput } from '../../service/request-input.js';
import { JSONScalar } from '../scalars/json.js';

/** GraphQL `AuthorizationRequestInput`: one request to decide. */
@InputType('AuthorizationRequestInput', { description: 'One authorization request.' })
export class AuthorizationRequestInput implements RequestInput {
  @Field(() => String, {
    description: 'Principal ARN, account id, service principal (`lambda.amazonaws.com`) or `*` for anonymous.',
  })
  readonly principal!: string;

  @Field(() => String, { description: '`service:Action`, e.g. `s3:GetObject`.' })
  readonly action!: string;

  @Field(() => String, { description: 'Resource ARN, or `*` for actions without a resource.' })
  readonly resource!: string;

  @Field(() => String, { nullable: true, description: "Account that owns the resource (12 digits); defaults to the resource ARN's account." })
  readonly resourceAccount?: string | null;

  @Field(() => JSONScalar, {
    nullable: true,
    description: 'Request context keys: an object of string | number | boolean | list of those (multi-valued keys).',
  })
  readonly context?: unknown;
}

/** GraphQL `OrgLevelPoliciesInput`: the SCPs or RCPs attached at one organization level. */
@InputType('OrgLevelPoliciesInput', { description: 'The SCPs or RCPs attached at one organization level.' })
export class OrgLevelPoliciesInput implements OrgLevelSource {
  @Field(() => String, { description: 'The root, OU or account the policies are attached to.' })
  readonly target!: string;

  @Field(() => [JSONScalar], { description: "The level's policy documents (JSON objects or JSON text)." })
  readonly policies!: readonly unknown[];
}

/** GraphQL `PolicySetInput`: every policy that applies to the request, by layer. */
@InputType('PolicySetInput', {
  description: 'Every policy that applies to the request, by layer. A policy is a JSON object or JSON text; null means the layer does not apply.',
})
export class PolicySetInput implements PolicySetSource {
  @Field(() => [JSONScalar], { nullable: true, description: 'Identity-based policies of the principal.' })
  readonly identity?: readonly unknown[] | null;

  @Field(() => JSONScalar, { nullable: true })
  readonly permissionBoundary?: unknown;

  @Field(() => JSONScalar, { nullable: true })
  readonly session?: unknown;

  @Field(() => [OrgLevelPoliciesInput], {
    nullable: true,
    description: 'SCP levels, root first, account last; omit when no organization applies.',
  })
  readonly scp?: readonly OrgLevelPoliciesInput[] | null;

  @Field(() => [OrgLevelPoliciesInput], { nullable: true, description: 'RCP levels, root first, account last.' })
  readonly rcp?: readonly OrgLevelPoliciesInput[] | null;

  @Field(() => JSONScalar, { nullable: true, description: "The resource's own policy." })
  readonly resource?: unknown;
}

/** GraphQL `StoredAuthorizationRequestInput`: a request decided against a stored version. */
@InputType('StoredAuthorizationRequestInput', {
  description: 'One authorization request against the stored model; policies come from the model, not the request.',
})
export class StoredAuthorizationRequestInput extends AuthorizationRequestInput {
  @Field(() => JSONScalar, { nullable: true, description: 'The session policy passed when the session was created (JSON object or text).' })
  readonly sessionPolicy?: unknown;
}

import 'reflect-metadata';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { ApiRole } from '../../model/api-keys.js';

/** GraphQL enum `ApiRole`: SCREAMING_CASE names over the model's roles. */
export const ApiRoleEnum = { DECIDE: 'decide', READ: 'read', WRITE: 'write', ADMIN: 'admin' } as const satisfies Record<string, ApiRole>;

registerEnumType(ApiRoleEnum, {
  name: 'ApiRole',
  description: 'What a caller may do: DECIDE (simulate, authorize, explain), READ (model, versions, diffs), WRITE (commit, import), ADMIN (everything, and API keys).',
});

/** GraphQL `ApiKey`: a stored key, without its secret. */
@ObjectType('ApiKey', { description: 'An API key; its secret is shown only once, by `createApiKey`.' })
export class ApiKey {
  @Field(() => String) readonly id!: string;
  @Field(() => String) readonly name!: string;
  @Field(() => [String], { description: 'Organizations the key reaches; `["*"]` for every one.' }) readonly orgs!: string[];
  @Field(() => [ApiRoleEnum]) readonly roles!: ApiRole[];
  @Field(() => String) readonly createdBy!: string;
  @Field(() => String, { description: 'ISO 8601.' }) readonly createdAt!: string;
  @Field(() => String, { nullable: true, description: 'ISO 8601; null while the key is active.' }) readonly revokedAt!: string | null;
}

/** GraphQL `CreatedApiKey`. */
@ObjectType('CreatedApiKey', { description: 'A new API key. `key` is its only copy: the server keeps a hash.' })
export class CreatedApiKey {
  @Field(() => String, { description: 'Send it as `Authorization: Bearer <key>`.' }) readonly key!: string;
  @Field(() => ApiKey) readonly apiKey!: ApiKey;
}

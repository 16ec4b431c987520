import 'reflect-metadata';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { ApiKeyRecord, ApiRole } from '../../model/api-keys.js';
import type { GraphQLContext } from '../context.js';
import { ApiKey, ApiRoleEnum, CreatedApiKey } from '../types/api-key.type.js';

const toApiKey = (r: ApiKeyRecord): ApiKey => ({
  id: r.id, name: r.name, orgs: r.orgs === '*' ? ['*'] : [...r.orgs], roles: [...r.roles],
  createdBy: r.createdBy, createdAt: r.createdAt, revokedAt: r.revokedAt,
});

/** API keys, managed by an admin of every organization (the start-up ADMIN_API_KEY first). */
@Resolver()
export class ApiKeyResolver {
  @Query(() => [ApiKey], { description: 'Every API key, newest first (admin only).' })
  async apiKeys(@Ctx() ctx: GraphQLContext): Promise<ApiKey[]> {
    return (await ctx.auth.listApiKeys(ctx.caller)).map(toApiKey);
  }

  @Mutation(() => CreatedApiKey, { description: 'Creates an API key scoped to organizations (`["*"]` for all) and roles (admin only).' })
  async createApiKey(
    @Arg('name', () => String) name: string,
    @Arg('orgs', () => [String]) orgs: string[],
    @Arg('roles', () => [ApiRoleEnum]) roles: ApiRole[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreatedApiKey> {
    const scope = orgs.length === 1 && orgs[0] === '*' ? '*' : orgs;
    const { key, record } = await ctx.auth.createApiKey(ctx.caller, { name, orgs: scope, roles });
    return { key, apiKey: toApiKey(record) };
  }

  @Mutation(() => ApiKey, { description: 'Revokes an API key: refused at once here, on every replica within 10 s (admin only).' })
  async revokeApiKey(@Arg('id', () => String) id: string, @Ctx() ctx: GraphQLContext): Promise<ApiKey> {
    return toApiKey(await ctx.auth.revokeApiKey(ctx.caller, id));
  }
}

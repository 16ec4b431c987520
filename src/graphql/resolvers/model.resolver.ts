import 'reflect-metadata';
import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { JSONScalar } from '../scalars/json.js';
import type { GraphQLContext } from '../context.js';
import { decodeCursor, toConnection, type Connection } from '../types/connection.js';
import { Finding, ModelAtVersion, Organization, Version, VersionConnection } from '../types/model.type.js';
import { PageArgs } from './page.args.js';
import { ServiceError } from '../../service/errors.js';

function versionCursor(after: string | null | undefined): number | undefined {
  if (after === undefined || after === null) return undefined;
  const text = decodeCursor(after);
  if (!/^\d+$/.test(text)) throw new ServiceError('BAD_REQUEST', `invalid cursor "${after}"`);
  return Number(text);
}

/** Queries `organizations` and `organization`, and the fields of `Organization`. */
@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => [Organization], { description: 'Every organization the caller may read, by id.' })
  async organizations(@Ctx() ctx: GraphQLContext): Promise<Organization[]> {
    return (await ctx.loaders.organizationList()).filter((o) => ctx.auth.canSee(ctx.caller, o.id));
  }

  @Query(() => Organization, { description: 'One organization; NOT_FOUND when there is none with this id.' })
  organization(@Arg('id', () => String) id: string, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return ctx.loaders.organizations.load(id);
  }

  @FieldResolver(() => VersionConnection, { description: 'The versions, newest first.' })
  async versions(@Root() org: Organization, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: GraphQLContext): Promise<Connection<Version>> {
    const after = versionCursor(page.after);
    const { items, hasNextPage } = await ctx.loaders.versionPages.load({ org: org.id, first: page.first, ...(after !== undefined && { after }) });
    return toConnection(items.map((v) => ({ key: String(v.version), node: v })), hasNextPage);
  }

  @FieldResolver(() => Version, { description: 'One version; NOT_FOUND when it does not exist.' })
  version(@Root() org: Organization, @Arg('version', () => Int) version: number, @Ctx() ctx: GraphQLContext): Promise<Version> {
    return ctx.loaders.versions.load(`${org.id}|${version}`);
  }

  @FieldResolver(() => ModelAtVersion, { description: 'The model at `version`; the latest when omitted.' })
  async model(
    @Root() org: Organization,
    @Arg('version', () => Int, { nullable: true }) version: number | null | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ModelAtVersion> {
    if (version === undefined || version === null) return { orgId: org.id, version: org.latestVersion };
    await ctx.loaders.versions.load(`${org.id}|${version}`);
    return { orgId: org.id, version };
  }
}

/** The stored details of `Version`: its change list and findings (one read per version, shared). */
@Resolver(() => Version)
export class VersionResolver {
  @FieldResolver(() => JSONScalar, { description: 'The changes of this commit as stored: a JSON list of `{ op, kind, body }`, `{ op, kind, key }` or `{ op, attachment, policy, targetKind, targetKey }`.' })
  async changes(@Root() v: Version, @Ctx() ctx: GraphQLContext): Promise<readonly unknown[]> {
    return (await ctx.loaders.versionDetails.load(`${v.orgId}|${v.version}`)).changes;
  }

  @FieldResolver(() => [Finding], { description: 'Findings on the policies this commit wrote.' })
  async findings(@Root() v: Version, @Ctx() ctx: GraphQLContext): Promise<readonly Finding[]> {
    return (await ctx.loaders.versionDetails.load(`${v.orgId}|${v.version}`)).findings;
  }
}

import 'reflect-metadata';
import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root as Parent } from 'type-graphql';
import type { PageRequest } from '../../service/access-input.js';
import type { DiffPage, WhatCanPage, WhoCanPage } from '../../service/access.js';
import { toChanges } from '../../service/change-input.js';
import { ServiceError } from '../../service/errors.js';
import type { GraphQLContext } from '../context.js';
import { AccessDiffConnection, WhatCanConnection, WhoCanConnection } from '../types/access-connection.type.js';
import { DiffFilterInput } from '../types/access.inputs.js';
import { ChangeInput } from '../types/change.inputs.js';
import { decodeCursor, encodeCursor, type PageInfo } from '../types/connection.js';
import { PageArgs } from './page.args.js';

const ORG = { description: 'The organization id (e.g. `demo`).' } as const;
const VERSION = { nullable: true, description: 'The version to answer at; the latest when omitted.' } as const;
const FILTER = { nullable: true, description: 'Only the deltas that match it.' } as const;

/** The page a connection's arguments ask for; cursors encode offsets into the (deterministic) result. */
function pageRequest(args: PageArgs): PageRequest {
  if (!args.after) return { first: args.first };
  const key = decodeCursor(args.after);
  if (!/^\d{1,9}$/.test(key)) throw new ServiceError('BAD_REQUEST', `invalid cursor "${args.after}"`);
  return { first: args.first, after: Number(key) };
}

/** Edges and page info of a service page. */
function edgesOf<T>(page: { readonly items: readonly { offset: number; node: T }[]; readonly hasNextPage: boolean }) {
  const edges = page.items.map(({ offset, node }) => ({ cursor: encodeCursor(String(offset)), node }));
  const pageInfo: PageInfo = { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null };
  return { edges, pageInfo };
}

const diffConnection = (p: DiffPage): AccessDiffConnection => ({
  from: p.from, to: p.to, totalCount: p.totalCount, summary: p.summary, stats: p.stats, render: p.markdown, ...edgesOf(p),
});

const whoCanConnection = (p: WhoCanPage): WhoCanConnection => ({
  version: p.version, totalCount: p.totalCount, truncated: p.truncated, principalsEvaluated: p.principalsEvaluated, ...edgesOf(p),
});

const whatCanConnection = (p: WhatCanPage): WhatCanConnection => ({
  version: p.version, principal: p.principal, totalCount: p.totalCount, truncated: p.truncated, services: p.services, ...edgesOf(p),
});

/** Effective access (issue 5): diffs between versions or against uncommitted changes, who-can and what-can. */
@Resolver(() => AccessDiffConnection)
export class AccessResolver {
  @Query(() => AccessDiffConnection, {
    description:
      'Every change in effective access from version `from` to version `to`: who gained or lost which actions on which ' +
      'resources, with a witness request that decides differently at the two versions and the edits that caused it.',
  })
  async diffAccess(
    @Arg('org', () => String, ORG) org: string,
    @Arg('from', () => Int, { description: 'The version to diff from.' }) from: number,
    @Arg('to', () => Int, { nullable: true, description: 'The version to diff to; the latest when omitted.' }) to: number | null | undefined,
    @Arg('filter', () => DiffFilterInput, FILTER) filter: DiffFilterInput | null | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccessDiffConnection> {
    return diffConnection(await ctx.services.access.diffAccess(org, from, to, filter, pageRequest(page), { now: ctx.now }));
  }

  @Query(() => AccessDiffConnection, {
    description:
      'The diff that committing `changes` on `baseVersion` would make, for review before the commit. The changes are ' +
      'validated exactly as `commit` does (BAD_POLICY, BAD_REQUEST) and nothing is stored.',
  })
  async diffAccessForChanges(
    @Arg('org', () => String, ORG) org: string,
    @Arg('baseVersion', () => Int, { nullable: true, description: 'The version the changes apply to; the latest when omitted.' })
    baseVersion: number | null | undefined,
    @Arg('changes', () => [ChangeInput], { description: 'As in `commit`.' }) changes: ChangeInput[],
    @Arg('filter', () => DiffFilterInput, FILTER) filter: DiffFilterInput | null | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccessDiffConnection> {
    const diff = await ctx.services.access.diffAccessForChanges(org, baseVersion, toChanges(changes), filter, pageRequest(page), { now: ctx.now });
    return diffConnection(diff);
  }

  @Query(() => WhoCanConnection, {
    description:
      'Every principal that may perform `action` on `resource`, with the statements that grant it and any conditions. ' +
      'With `viaAssumeRole`, also principals that reach it by assuming roles (trust policy and caller both allow), with the chain.',
  })
  async whoCan(
    @Arg('org', () => String, ORG) org: string,
    @Arg('version', () => Int, VERSION) version: number | null | undefined,
    @Arg('action', () => String, { description: 'One concrete action, e.g. `s3:DeleteBucket`.' }) action: string,
    @Arg('resource', () => String, { description: 'A resource ARN (or `*`).' }) resource: string,
    @Arg('resourceAccount', () => String, { nullable: true, description: "The resource's account when its ARN has none and the model does not know it." })
    resourceAccount: string | null | undefined,
    @Arg('viaAssumeRole', () => Boolean, { defaultValue: false }) viaAssumeRole: boolean,
    @Arg('maxDepth', () => Int, { nullable: true, description: 'Longest chain of role assumptions followed (1–5).' }) maxDepth: number | null | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WhoCanConnection> {
    const query = { action, resource, resourceAccount, viaAssumeRole, maxDepth };
    return whoCanConnection(await ctx.services.access.whoCan(org, version, query, pageRequest(page), { now: ctx.now }));
  }

  @Query(() => WhatCanConnection, { description: "The principal's effective permissions, grouped by service, with resources and conditions." })
  async whatCan(
    @Arg('org', () => String, ORG) org: string,
    @Arg('version', () => Int, VERSION) version: number | null | undefined,
    @Arg('principal', () => String, { description: 'A user or role ARN.' }) principal: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WhatCanConnection> {
    return whatCanConnection(await ctx.services.access.whatCan(org, version, principal, pageRequest(page), { now: ctx.now }));
  }

  @FieldResolver(() => String, { description: 'The whole diff (every page) as markdown, for a pull-request comment.' })
  markdown(@Parent() connection: AccessDiffConnection): string {
    return connection.render();
  }
}

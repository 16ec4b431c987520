import 'reflect-metadata';
import { Args, Ctx, FieldResolver, Resolver, Root as Parent } from 'type-graphql';
import type { EntityPage } from '../../model/ports.js';
import type { EntityBodies, EntityKind } from '../../model/types.js';
import type { GraphQLContext } from '../context.js';
import { decodeCursor, toConnection, type Connection } from '../types/connection.js';
import {
  AccountConnection, GroupConnection, ManagedPolicyConnection, OrgPolicyConnection, OuConnection, ResourceConnection,
  RoleConnection, RootConnection, UserConnection, type AtVersion,
} from '../types/entity.type.js';
import { ModelAtVersion } from '../types/model.type.js';
import { EntityPageArgs } from './page.args.js';

type Node<K extends EntityKind> = AtVersion<EntityBodies[K]>;

/** One page of entities of `kind` at the parent's version; cursors are the entity keys. */
async function page<K extends EntityKind>(ctx: GraphQLContext, at: ModelAtVersion, kind: K, args: EntityPageArgs): Promise<Connection<Node<K>>> {
  const found = await ctx.loaders.entityPages.load({
    org: at.orgId, version: at.version, kind, first: args.first,
    ...(args.after ? { after: decodeCursor(args.after) } : {}),
    ...(args.prefix ? { prefix: args.prefix } : {}),
  });
  // INVARIANT: the store returns entities of the kind asked for.
  const { items, hasNextPage } = found as EntityPage<K>;
  const entries = items.map((item) => ({ key: item.key, node: { ...item.body, orgId: at.orgId, version: at.version } }));
  return toConnection(entries, hasNextPage);
}

/** The entity lists of `ModelAtVersion`, each a connection ordered by key. */
@Resolver(() => ModelAtVersion)
export class ModelAtVersionResolver {
  @FieldResolver(() => RootConnection)
  roots(@Parent() at: ModelAtVersion, @Args(() => EntityPageArgs) args: EntityPageArgs, @Ctx() ctx: GraphQLContext) {
    return page(ctx, at, 'root', args);
  }

  @FieldResolver(() => OuConnection)
  ous(@Parent() at: ModelAtVersion, @Args(() => EntityPageArgs) args: EntityPageArgs, @Ctx() ctx: GraphQLContext) {
    return page(ctx, at, 'ou', args);
  }

  @FieldResolver(() => AccountConnection)
  accounts(@Parent() at: ModelAtVersion, @Args(() => EntityPageArgs) args: EntityPageArgs, @Ctx() ctx: GraphQLContext) {
    return page(ctx, at, 'account', args);
  }

  @FieldResolver(() => UserConnection)
  users(@Parent() at: ModelAtVersion, @Args(() => EntityPageArgs) args: EntityPageArgs, @Ctx() ctx: GraphQLContext) {
    return page(ctx, at, 'user', args);
  }

  @FieldResolver(() => GroupConnection)
  groups(@Parent() at: ModelAtVersion, @Args(() => EntityPageArgs) args: EntityPageArgs, @Ctx() ctx: GraphQLContext) {
    return page(ctx, at, 'group', args);
  }

  @FieldResolver(() => RoleConnection)
  roles(@Parent() at: ModelAtVersion, @Args(() => EntityPageArgs) args: EntityPageArgs, @Ctx() ctx: GraphQLContext) {
    return page(ctx, at, 'role', args);
  }

  @FieldResolver(() => ManagedPolicyConnection, { description: 'Managed IAM policies (customer and AWS managed).' })
  policies(@Parent() at: ModelAtVersion, @Args(() => EntityPageArgs) args: EntityPageArgs, @Ctx() ctx: GraphQLContext) {
    return page(ctx, at, 'policy', args);
  }

  @FieldResolver(() => OrgPolicyConnection, { description: 'SCPs and RCPs.' })
  orgPolicies(@Parent() at: ModelAtVersion, @Args(() => EntityPageArgs) args: EntityPageArgs, @Ctx() ctx: GraphQLContext) {
    return page(ctx, at, 'orgPolicy', args);
  }

  @FieldResolver(() => ResourceConnection)
  resources(@Parent() at: ModelAtVersion, @Args(() => EntityPageArgs) args: EntityPageArgs, @Ctx() ctx: GraphQLContext) {
    return page(ctx, at, 'resource', args);
  }
}

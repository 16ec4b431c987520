import 'reflect-metadata';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type * as M from '../../model/types.js';
import type { GraphQLContext } from '../context.js';
import { loadBodies } from '../loaders.js';
import { Group, ManagedPolicy, Role, User, type AtVersion } from '../types/entity.type.js';

type Holder = AtVersion<M.PolicyHolder>;

/** The attached managed policies of a user, group or role at its version, through the request's loader. */
async function managedPolicies(holder: Holder, ctx: GraphQLContext): Promise<AtVersion<M.ManagedPolicy>[]> {
  const found = await loadBodies(ctx.loaders, holder.orgId, holder.version, 'policy', holder.managedPolicies);
  return found.map((p) => ({ ...p, orgId: holder.orgId, version: holder.version }));
}

const MANAGED = { description: 'Attached managed policies present in the model (AWS managed ones only when imported).' };
const MANAGED_ARNS = { description: 'ARNs of every attached managed policy.' };

/** `User.groups` and `User.managedPolicies`, batched across the whole response. */
@Resolver(() => User)
export class UserResolver {
  @FieldResolver(() => [Group], { description: 'The groups the user is in.' })
  async groups(@Root() user: AtVersion<M.User>, @Ctx() ctx: GraphQLContext): Promise<AtVersion<M.Group>[]> {
    const found = await loadBodies(ctx.loaders, user.orgId, user.version, 'group', user.groups);
    return found.map((g) => ({ ...g, orgId: user.orgId, version: user.version }));
  }

  @FieldResolver(() => [String], { description: 'ARNs of the groups the user is in.' })
  groupArns(@Root() user: AtVersion<M.User>): readonly string[] {
    return user.groups;
  }

  @FieldResolver(() => [ManagedPolicy], MANAGED)
  managedPolicies(@Root() user: AtVersion<M.User>, @Ctx() ctx: GraphQLContext) {
    return managedPolicies(user, ctx);
  }

  @FieldResolver(() => [String], MANAGED_ARNS)
  managedPolicyArns(@Root() user: AtVersion<M.User>): readonly string[] {
    return user.managedPolicies;
  }
}

/** `Group.managedPolicies`. */
@Resolver(() => Group)
export class GroupResolver {
  @FieldResolver(() => [ManagedPolicy], MANAGED)
  managedPolicies(@Root() group: AtVersion<M.Group>, @Ctx() ctx: GraphQLContext) {
    return managedPolicies(group, ctx);
  }

  @FieldResolver(() => [String], MANAGED_ARNS)
  managedPolicyArns(@Root() group: AtVersion<M.Group>): readonly string[] {
    return group.managedPolicies;
  }
}

/** `Role.managedPolicies`. */
@Resolver(() => Role)
export class RoleResolver {
  @FieldResolver(() => [ManagedPolicy], MANAGED)
  managedPolicies(@Root() role: AtVersion<M.Role>, @Ctx() ctx: GraphQLContext) {
    return managedPolicies(role, ctx);
  }

  @FieldResolver(() => [String], MANAGED_ARNS)
  managedPolicyArns(@Root() role: AtVersion<M.Role>): readonly string[] {
    return role.managedPolicies;
  }
}

import 'reflect-metadata';
import { Arg, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import { toChanges } from '../../service/change-input.js';
import type { GraphQLContext } from '../context.js';
import { JSONScalar } from '../scalars/json.js';
import { ChangeInput, CreateOrganizationInput } from '../types/change.inputs.js';
import { CommitResult, Organization } from '../types/model.type.js';

const BASE = { description: 'The latest version, on which the changes are made; VERSION_CONFLICT otherwise.' };

/** Mutations of the stored model: organizations, commits and imports. */
@Resolver()
export class CommitResolver {
  @Mutation(() => Organization, { description: 'Creates an organization at version 0, holding only its root.' })
  createOrganization(@Arg('input', () => CreateOrganizationInput) input: CreateOrganizationInput, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return ctx.services.model.createOrganization(input, ctx.author);
  }

  @Mutation(() => CommitResult, {
    description:
      'Applies the changes on `baseVersion` as the next version, all or nothing: any invalid policy (BAD_POLICY) or ' +
      'dangling reference (BAD_REQUEST) rejects the whole commit, naming the change index and JSON path.',
  })
  commit(
    @Arg('org', () => String) org: string,
    @Arg('baseVersion', () => Int, BASE) baseVersion: number,
    @Arg('message', () => String) message: string,
    @Arg('changes', () => [ChangeInput]) changes: ChangeInput[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<CommitResult> {
    return ctx.services.model.commit(org, baseVersion, message, ctx.author, toChanges(changes));
  }

  @Mutation(() => CommitResult, { description: 'Imports `aws iam get-account-authorization-details` output as one commit.' })
  importAuthorizationDetails(
    @Arg('org', () => String) org: string,
    @Arg('baseVersion', () => Int, BASE) baseVersion: number,
    @Arg('export', () => JSONScalar) data: unknown,
    @Arg('message', () => String) message: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CommitResult> {
    return ctx.services.model.importAuthorizationDetails(org, baseVersion, data, message, ctx.author);
  }

  @Mutation(() => CommitResult, { description: 'Imports an organization export (accounts, OUs, SCPs, RCPs) as one commit.' })
  importOrganization(
    @Arg('org', () => String) org: string,
    @Arg('baseVersion', () => Int, BASE) baseVersion: number,
    @Arg('export', () => JSONScalar) data: unknown,
    @Arg('message', () => String) message: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CommitResult> {
    return ctx.services.model.importOrganization(org, baseVersion, data, message, ctx.author);
  }
}

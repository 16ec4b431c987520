import 'reflect-metadata';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { selectsField } from '../selection.js';
import { AuthorizationResult } from '../types/decision.type.js';
import { AuthorizationRequestInput, PolicySetInput } from '../types/inputs.js';

/** `simulate`: decides a request against policies given inline. */
@Resolver()
export class SimulateResolver {
  @Query(() => AuthorizationResult, {
    description:
      'Decides one request against policies given inline, as AWS IAM would. Selecting `explanation` records a full trace.',
  })
  simulate(
    @Arg('request', () => AuthorizationRequestInput) request: AuthorizationRequestInput,
    @Arg('policies', () => PolicySetInput) policies: PolicySetInput,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): AuthorizationResult {
    return ctx.services.simulate(request, policies, { explain: selectsField(info, 'explanation'), now: ctx.now, requestId: ctx.requestId });
  }
}

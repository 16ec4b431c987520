import 'reflect-metadata';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { selectsField } from '../selection.js';
import { StoredAuthorizationRequestInput } from '../types/inputs.js';
import { BatchItemResult, StoredAuthorizationResult } from '../types/stored-decision.type.js';

const VERSION = { nullable: true, description: 'The version to decide against; the latest when omitted.' } as const;
const AT_LEAST = {
  nullable: true,
  description:
    'Answer from this version or a newer one, never an older one (pass the version a commit returned, to read your own ' +
    'writes through any replica). NOT_FOUND when it does not exist yet.',
} as const;

/** `authorize`, `authorizeBatch` and `explain`: decisions against a stored version of an organization. */
@Resolver()
export class DecisionResolver {
  @Query(() => StoredAuthorizationResult, {
    description: 'Decides one request against the stored model. Selecting `explanation` records a full trace.',
  })
  authorize(
    @Arg('org', () => String) org: string,
    @Arg('version', () => Int, VERSION) version: number | null | undefined,
    @Arg('atLeastVersion', () => Int, AT_LEAST) atLeastVersion: number | null | undefined,
    @Arg('request', () => StoredAuthorizationRequestInput) request: StoredAuthorizationRequestInput,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<StoredAuthorizationResult> {
    return ctx.services.decisions.authorize(org, version, request, { explain: selectsField(info, 'explanation'), now: ctx.now, atLeastVersion });
  }

  @Query(() => [BatchItemResult], {
    description: 'Decides many requests at one version, in request order; a failing request yields an `error` item. At most BATCH_MAX requests.',
  })
  authorizeBatch(
    @Arg('org', () => String) org: string,
    @Arg('version', () => Int, VERSION) version: number | null | undefined,
    @Arg('atLeastVersion', () => Int, AT_LEAST) atLeastVersion: number | null | undefined,
    @Arg('requests', () => [StoredAuthorizationRequestInput]) requests: StoredAuthorizationRequestInput[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<BatchItemResult[]> {
    return ctx.services.decisions.authorizeBatch(org, version, requests, { now: ctx.now, atLeastVersion });
  }

  @Query(() => StoredAuthorizationResult, { description: '`authorize` with the full trace in `explanation`.' })
  explain(
    @Arg('org', () => String) org: string,
    @Arg('version', () => Int, VERSION) version: number | null | undefined,
    @Arg('atLeastVersion', () => Int, AT_LEAST) atLeastVersion: number | null | undefined,
    @Arg('request', () => StoredAuthorizationRequestInput) request: StoredAuthorizationRequestInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<StoredAuthorizationResult> {
    return ctx.services.decisions.explain(org, version, request, { now: ctx.now, atLeastVersion });
  }
}

import 'reflect-metadata';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import type { StoredRequestInput } from '../../service/decisions.js';
import type { GraphQLContext } from '../context.js';
import type { PlainRootResolvers } from '../plain-resolvers.js';
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

/** The arguments every decision field takes, as graphql-js coerced them. */
interface DecisionArgs {
  readonly org: string;
  readonly version?: number | null;
  readonly atLeastVersion?: number | null;
}

/**
 * What `authorize`, `authorizeBatch` and `explain` do, on the arguments as graphql-js coerced them.
 * The schema runs these directly (`installPlainResolvers` in schema.ts): they are the hot path of
 * the service, and type-graphql's conversion of every input into class instances buys them nothing.
 * The decorated methods below declare the fields and call the same functions.
 */
export const DECISION_RESOLVERS = {
  'Query.authorize': (args: DecisionArgs & { readonly request: StoredRequestInput }, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    ctx.services.decisions.authorize(args.org, args.version, args.request, {
      explain: selectsField(info, 'explanation'), now: ctx.now, atLeastVersion: args.atLeastVersion, requestId: ctx.requestId,
    }),
  'Query.authorizeBatch': (args: DecisionArgs & { readonly requests: readonly StoredRequestInput[] }, ctx: GraphQLContext) =>
    ctx.services.decisions.authorizeBatch(args.org, args.version, args.requests, { now: ctx.now, atLeastVersion: args.atLeastVersion, requestId: ctx.requestId }),
  'Query.explain': (args: DecisionArgs & { readonly request: StoredRequestInput }, ctx: GraphQLContext) =>
    ctx.services.decisions.explain(args.org, args.version, args.request, { now: ctx.now, atLeastVersion: args.atLeastVersion, requestId: ctx.requestId }),
} satisfies PlainRootResolvers;

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
  ): Promise<StoredAuthorizationResult> | StoredAuthorizationResult {
    return DECISION_RESOLVERS['Query.authorize']({ org, version, atLeastVersion, request }, ctx, info);
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
    return DECISION_RESOLVERS['Query.authorizeBatch']({ org, version, atLeastVersion, requests }, ctx);
  }

  @Query(() => StoredAuthorizationResult, { description: '`authorize` with the full trace in `explanation`.' })
  explain(
    @Arg('org', () => String) org: string,
    @Arg('version', () => Int, VERSION) version: number | null | undefined,
    @Arg('atLeastVersion', () => Int, AT_LEAST) atLeastVersion: number | null | undefined,
    @Arg('request', () => StoredAuthorizationRequestInput) request: StoredAuthorizationRequestInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<StoredAuthorizationResult> | StoredAuthorizationResult {
    return DECISION_RESOLVERS['Query.explain']({ org, version, atLeastVersion, request }, ctx);
  }
}

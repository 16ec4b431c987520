import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type GraphQLFormattedError, type ValidationRule } from 'graphql';
import { ServiceError } from '../service/errors.js';
import type { Config } from './config.js';

/** The guard-rail settings of one app (GRAPHQL_MAX_* and GRAPHQL_INTROSPECTION). */
export type GuardRailConfig = Pick<
  Config,
  'graphqlMaxDepth' | 'graphqlMaxCost' | 'graphqlMaxAliases' | 'graphqlMaxTokens' | 'graphqlIntrospection'
>;

/** What Apollo takes from the guard rails: validation rules, parser limits and a last pass over errors. */
export interface GuardRails {
  readonly validationRules: ValidationRule[];
  /** graphql-js stops parsing after this many tokens (the library's own limit, cheaper than armor's re-parse). */
  readonly parseOptions: { readonly maxTokens: number };
  /** Hides "Did you mean …?" suggestions when introspection is off; identity otherwise. */
  readonly maskSuggestions: (formatted: GraphQLFormattedError) => GraphQLFormattedError;
}

type ArmorConfig = NonNullable<ConstructorParameters<typeof ApolloArmor>[0]>;
type RejectCallback = NonNullable<NonNullable<ArmorConfig['maxDepth']>['onReject']>[number];

/** Most directives per operation; not configurable (the schema has none of its own). */
const MAX_DIRECTIVES = 50;

const limitError = (message: string, limit: string) =>
  new ServiceError('LIMIT_EXCEEDED', message.replace(/^Syntax Error: /, ''), { details: { limit } });

/**
 * Reports a rejected document as a validation error whose original error is a LIMIT_EXCEEDED
 * ServiceError; Apollo keeps `originalError` on its ValidationError, and the error mapper
 * (graphql/errors.ts) turns it into `extensions.code: LIMIT_EXCEEDED`.
 */
const reportAs = (limit: string): RejectCallback => (context, error) => {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { originalError: limitError(error.message, limit) }));
};

const rejecting = (limit: string) => ({ propagateOnRejection: false, onReject: [reportAs(limit)] });

const SUGGESTION = /\s*Did you mean .+\?/g;

/**
 * Depth, cost, alias and directive limits through graphql-armor's validation rules, the token limit
 * through graphql-js's parser, and field suggestions ("Did you mean …?") masked when introspection
 * is off, so that the schema cannot be discovered by guessing either (armor's own suggestion plugin
 * does the same, but is typed against Apollo's CommonJS build).
 */
export function createGuardRails(config: GuardRailConfig): GuardRails {
  const armorConfig: ArmorConfig = {
    maxDepth: { n: config.graphqlMaxDepth, ...rejecting('GRAPHQL_MAX_DEPTH') },
    costLimit: { maxCost: config.graphqlMaxCost, ...rejecting('GRAPHQL_MAX_COST') },
    maxAliases: { n: config.graphqlMaxAliases, ...rejecting('GRAPHQL_MAX_ALIASES') },
    maxDirectives: { n: MAX_DIRECTIVES, ...rejecting('MAX_DIRECTIVES') },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  };
  const { validationRules } = new ApolloArmor(armorConfig).protect();
  const maskSuggestions = config.graphqlIntrospection
    ? (formatted: GraphQLFormattedError) => formatted
    : (formatted: GraphQLFormattedError) => ({ ...formatted, message: formatted.message.replace(SUGGESTION, '') });
  return { validationRules, parseOptions: { maxTokens: config.graphqlMaxTokens }, maskSuggestions };
}

// graphql-js 16's parser message when `maxTokens` is exceeded (language/parser.ts; "that" sic).
const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:an|at) \d+ tokens\. Parsing aborted\.$/;

/**
 * The error Apollo hands to `formatError`, with a parse failure caused by the token limit turned
 * into LIMIT_EXCEEDED (graphql-js reports it as an ordinary syntax error).
 */
export function classifyLimitError(error: unknown): unknown {
  if (!(error instanceof GraphQLError)) return error;
  const original = error.originalError ?? error;
  if (original instanceof GraphQLError && TOKEN_LIMIT.test(original.message)) {
    return new GraphQLError(original.message, { originalError: limitError(original.message, 'GRAPHQL_MAX_TOKENS') });
  }
  return error;
}

/** Rejects with TIMEOUT when `work` has not settled within `ms`; the work itself is not cancelled. */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ServiceError('TIMEOUT', `request not answered within ${ms} ms`, { details: { limit: 'REQUEST_TIMEOUT_MS', ms } })),
      ms,
    );
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

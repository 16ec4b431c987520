import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import type { ApiRole } from '../model/api-keys.js';
import { ServiceError } from '../service/errors.js';
import type { GraphQLContext } from './context.js';

/**
 * Who may call each root field: the role it needs and where the organization is in its arguments
 * (null: no organization — the role on any organization will do; `list`: the resolver filters).
 * Fields below the root inherit their root's check: an `Organization` reached through
 * `organization(id)` was checked there. A root field missing here is refused (fail closed), and
 * test/integration/tenancy.test.ts fails when the schema has one this table lacks.
 */
export interface FieldRule {
  readonly role: ApiRole;
  readonly org: ((args: Record<string, unknown>) => unknown) | null;
}

const arg = (name: string) => (args: Record<string, unknown>) => args[name];

export const ROOT_FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  'Query.simulate': { role: 'decide', org: null },
  'Query.authorize': { role: 'decide', org: arg('org') },
  'Query.authorizeBatch': { role: 'decide', org: arg('org') },
  'Query.explain': { role: 'decide', org: arg('org') },
  'Query.organizations': { role: 'read', org: null },
  'Query.organization': { role: 'read', org: arg('id') },
  'Query.diffAccess': { role: 'read', org: arg('org') },
  'Query.diffAccessForChanges': { role: 'read', org: arg('org') },
  'Query.whoCan': { role: 'read', org: arg('org') },
  'Query.whatCan': { role: 'read', org: arg('org') },
  'Query.apiKeys': { role: 'admin', org: null },
  'Mutation.createOrganization': { role: 'admin', org: (args) => (args['input'] as { id?: unknown } | undefined)?.id },
  'Mutation.commit': { role: 'write', org: arg('org') },
  'Mutation.importAuthorizationDetails': { role: 'write', org: arg('org') },
  'Mutation.importOrganization': { role: 'write', org: arg('org') },
  'Mutation.createApiKey': { role: 'admin', org: null },
  'Mutation.revokeApiKey': { role: 'admin', org: null },
};

/** The check of one root field: FORBIDDEN (or UNAUTHENTICATED) unless the caller may call it. */
function checkRootField(key: string, args: Record<string, unknown>, context: GraphQLContext): void {
  const rule = ROOT_FIELD_RULES[key];
  if (!rule) throw new ServiceError('FORBIDDEN', `no access rule for ${key}`);
  const org = rule.org ? rule.org(args) : null;
  context.auth.require(context.caller, rule.role, typeof org === 'string' ? org : rule.org ? '' : null);
}

/**
 * Puts the access check in front of the resolver of every root field of `schema` (Query, Mutation,
 * Subscription), in place: a field is checked against `ROOT_FIELD_RULES` before it runs, and one
 * the table lacks is refused (fail closed). Fields below the root are not wrapped: they inherit
 * their root's check and pay nothing per value (an `authorizeBatch` of 1,000 items resolves
 * ~10,000 of them). Introspection's `__schema`/`__type` are not fields of these types.
 */
export function guardRootFields(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      const key = `${root.name}.${field.name}`;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args: Record<string, unknown>, context: GraphQLContext, info) => {
        checkRootField(key, args, context);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

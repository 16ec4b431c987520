import type { MiddlewareFn } from 'type-graphql';
import type { ApiRole } from '../model/api-keys.js';
import { ServiceError } from '../service/errors.js';
import type { GraphQLContext } from './context.js';

/**
 * Who may call each root field: the role it needs and where the organization is in its arguments
 * (null: no organization — the role on any organization will do; `list`: the resolver filters).
 * Fields below the root inherit their root's check: an `Organization` reached through
 * `organization(id)` was checked there. A root field missing here is refused (fail closed), and
 * test/unit/graphql/access-control.test.ts fails when the schema has one this table lacks.
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

/**
 * The type-graphql global middleware that checks every root field against `ROOT_FIELD_RULES`
 * before its resolver runs (FORBIDDEN otherwise); nested fields pass through.
 */
export const accessControl: MiddlewareFn<GraphQLContext> = ({ args, context, info }, next) => {
  if (info.path.prev !== undefined) return next();
  const key = `${info.parentType.name}.${info.fieldName}`;
  if (info.fieldName === '__typename' || info.fieldName === '__schema' || info.fieldName === '__type') return next();
  const rule = ROOT_FIELD_RULES[key];
  const { auth, caller } = context;
  if (!rule) throw new ServiceError('FORBIDDEN', `no access rule for ${key}`);
  const org = rule.org ? rule.org(args as Record<string, unknown>) : null;
  auth.require(caller, rule.role, typeof org === 'string' ? org : rule.org ? '' : null);
  return next();
};

import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import type { GraphQLContext } from './context.js';

/**
 * Resolvers of root fields (`Query.authorize`, ...) over the arguments exactly as graphql-js coerced
 * and validated them against the schema: plain objects, no input class instances.
 */
// Each resolver types its own arguments; `any` here lets the map hold them all.
export type PlainRootResolvers = Readonly<Record<string, (args: any, ctx: GraphQLContext, info: GraphQLResolveInfo) => unknown>>;

/**
 * Replaces the resolvers type-graphql built for the given root fields with `resolvers`, in place,
 * before the access checks wrap them (schema.ts). Throws when a field is not in the schema, so that
 * a renamed field cannot silently keep the slower resolver.
 */
export function installPlainResolvers(schema: GraphQLSchema, resolvers: PlainRootResolvers): GraphQLSchema {
  const roots = new Map([schema.getQueryType(), schema.getMutationType()].flatMap((t) => (t ? [[t.name, t] as const] : [])));
  for (const [key, resolve] of Object.entries(resolvers)) {
    const [typeName, fieldName] = key.split('.') as [string, string];
    const field = roots.get(typeName)?.getFields()[fieldName];
    if (!field) throw new Error(`installPlainResolvers: no root field ${key} in the schema`);
    field.resolve = (_source, args, context: GraphQLContext, info) => resolve(args, context, info);
  }
  return schema;
}

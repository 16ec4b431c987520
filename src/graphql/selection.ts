import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type GraphQLResolveInfo,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** Honours `@skip(if:)` and `@include(if:)` as graphql-js execution does. */
function isIncluded(node: SelectionNode, info: GraphQLResolveInfo): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.['if'] === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.['if'] !== false;
}

function selects(set: SelectionSetNode | undefined, field: string, info: GraphQLResolveInfo, seen: Set<string>): boolean {
  return (set?.selections ?? []).some((node) => {
    if (!isIncluded(node, info)) return false;
    switch (node.kind) {
      case Kind.FIELD:
        return node.name.value === field;
      case Kind.INLINE_FRAGMENT:
        return selects(node.selectionSet, field, info, seen);
      case Kind.FRAGMENT_SPREAD: {
        const name = node.name.value;
        if (seen.has(name)) return false;
        seen.add(name);
        return selects(info.fragments[name]?.selectionSet, field, info, seen);
      }
    }
  });
}

/**
 * True when the client selected `field` directly under the current field (through aliases, fragments
 * and `@skip`/`@include`); lets a resolver skip work nobody asked for.
 */
export function selectsField(info: GraphQLResolveInfo, field: string): boolean {
  return info.fieldNodes.some((node) => selects(node.selectionSet, field, info, new Set()));
}

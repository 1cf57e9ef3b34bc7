import { getNamedType, getNullableType, isListType, isObjectType, Kind, type FragmentDefinitionNode, type GraphQLNamedType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { LIST_MULTIPLIER } from './field-cost.ts';

/**
 * The cost of an operation's introspection (`__schema`, `__type`), by the same rule as the
 * schema's fields: 1 a field, its children × 10 under a list. plugin-complexity counts only the
 * root `__schema` field itself, yet `possibleTypes { interfaces { possibleTypes … } }` grows
 * exponentially with depth; GraphiQL's introspection query costs about 50,000.
 */
export function introspectionCost(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const memo = new Map<SelectionSetNode, number>();
  const roots = { __schema: schema.getType('__Schema'), __type: schema.getType('__Type') } as Record<string, GraphQLNamedType | undefined>;

  // The root's selections: only introspection fields count here (the rest is plugin-complexity's).
  const ofRoot = (selectionSet: SelectionSetNode, seen: Set<string>): number => {
    let cost = 0;
    for (const s of selectionSet.selections) {
      if (s.kind === Kind.FIELD) {
        const type = roots[s.name.value];
        if (type && s.selectionSet) cost += ofSelections(s.selectionSet, type);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        cost += ofRoot(s.selectionSet, seen);
      } else if (!seen.has(s.name.value)) {
        const fragment = fragments.get(s.name.value);
        if (fragment) cost += ofRoot(fragment.selectionSet, new Set(seen).add(s.name.value));
      }
    }
    return cost;
  };

  // Under `__schema` or `__type`: every field, with memo by selection set so fragments spread again
  // and again cost their size each time without being walked each time. Validation has already
  // refused fragment cycles, unknown fields and wrong type conditions.
  const ofSelections = (selectionSet: SelectionSetNode, type: GraphQLNamedType): number => {
    const known = memo.get(selectionSet);
    if (known !== undefined) return known;
    let cost = 0;
    for (const s of selectionSet.selections) {
      if (s.kind === Kind.FIELD) {
        cost += 1;
        const field = isObjectType(type) ? type.getFields()[s.name.value] : undefined;
        if (field && s.selectionSet) cost += (isListType(getNullableType(field.type)) ? LIST_MULTIPLIER : 1) * ofSelections(s.selectionSet, getNamedType(field.type));
      } else {
        const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : fragments.get(s.name.value);
        const condition = fragment?.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        if (fragment && condition) cost += ofSelections(fragment.selectionSet, condition);
      }
    }
    memo.set(selectionSet, cost);
    return cost;
  };

  return ofRoot(operation.selectionSet, new Set());
}

import { Kind, type ASTVisitor, type GraphQLObjectType, type SelectionSetNode, type ValidationContext } from 'graphql';
import { limitError } from './limit-error.ts';

/**
 * Marks a mutation that one operation may call only once (`extensions: ONCE_PER_OPERATION`):
 * aliases would otherwise multiply a login attempt, an entropy contribution or an import inside
 * one request, past every per-request limit.
 */
export const ONCE_PER_OPERATION = { oncePerOperation: true } as const;

/** Refuses an operation that calls a once-per-operation mutation twice (MUTATION_REPEATED). */
export function oncePerOperationRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(operation) {
      const mutationType = context.getSchema().getMutationType();
      if (operation.operation !== 'mutation' || !mutationType) return;
      const calls = new Map<string, Set<string>>();
      rootCalls(context, operation.selectionSet, calls, new Set());
      for (const [name, keys] of calls) {
        const count = keys.size;
        if (count > 1 && isOncePerOperation(mutationType, name)) {
          context.reportError(limitError('MUTATION_REPEATED', `每个操作只能调用一次 ${name}，本操作调用了 ${count} 次。${name} may be called once per operation; this one calls it ${count} times.`, { field: name, limit: 1, actual: count }));
        }
      }
    },
  };
}

function isOncePerOperation(mutationType: GraphQLObjectType, name: string): boolean {
  return mutationType.getFields()[name]?.extensions?.oncePerOperation === true;
}

/**
 * The response keys (alias or name) of each root field, through fragments: fields with the same
 * key are merged into one call, so a call runs once per distinct key.
 */
function rootCalls(context: ValidationContext, selectionSet: SelectionSetNode, calls: Map<string, Set<string>>, spread: Set<string>): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      calls.set(name, (calls.get(name) ?? new Set()).add(selection.alias?.value ?? name));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      rootCalls(context, selection.selectionSet, calls, spread);
    } else if (!spread.has(selection.name.value)) {
      // Once per fragment: its keys are the same wherever it is spread, and a cycle stops here.
      spread.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) rootCalls(context, fragment.selectionSet, calls, spread);
    }
  }
}

import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { Kind, visit, type DocumentNode } from 'graphql';

/**
 * PostgreSQL cannot store NUL (\u0000) in text, so a string holding one fails deep in a write as
 * "Unexpected error". Refuse it before execution instead, naming where it is.
 */
export function useRefuseNulCharacters(): Plugin {
  const refuse = (where: string) =>
    createGraphQLError(`${where} 含有空字符（NUL，\\u0000），请删除后重试 (a string holds a NUL character)`, { extensions: { code: 'INVALID_CHARACTER', where } });
  const check = (document: DocumentNode, variables: Record<string, unknown> | null | undefined) => {
    const inVariables = variables ? findNul(variables, '$') : undefined;
    if (inVariables) return refuse(`变量 ${inVariables}`);
    let literal: string | undefined;
    visit(document, {
      [Kind.ARGUMENT]: (node) => {
        if (!literal && hasNul(node.value)) literal = node.name.value;
      },
    });
    return literal ? refuse(`参数 ${literal}`) : undefined;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = check(args.document, args.variableValues as Record<string, unknown> | null | undefined);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = check(args.document, args.variableValues as Record<string, unknown> | null | undefined);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}

function hasNul(node: import('graphql').ValueNode): boolean {
  switch (node.kind) {
    case Kind.STRING:
      return node.value.includes('\u0000');
    case Kind.LIST:
      return node.values.some(hasNul);
    case Kind.OBJECT:
      return node.fields.some((f) => hasNul(f.value));
    default:
      return false;
  }
}

/** The path of the first string holding NUL in a variables value (files and other objects are not looked into). */
function findNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, v] of Object.entries(value)) {
      const found = findNul(v, path === '$' ? `$${key}` : `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

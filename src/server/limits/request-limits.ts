import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { createComplexityRule } from '@pothos/plugin-complexity';
import { Kind, validate, type DocumentNode, type FragmentDefinitionNode, type GraphQLError, type GraphQLSchema, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { introspectionCost } from './introspection-cost.ts';
import { limitError, type LimitCode } from './limit-error.ts';
import { oncePerOperationRule } from './once-per-operation.ts';

/** What one GraphQL request (HTTP or WebSocket) may ask for; each limit from Config. */
export interface RequestLimits {
  /** Deepest selection, fragments flattened, introspection included (GRAPHQL_MAX_DEPTH), default 16: GraphiQL's introspection query is 15 deep. */
  readonly maxDepth: number;
  /** Aliased fields in an operation (GRAPHQL_MAX_ALIASES), default 30. */
  readonly maxAliases: number;
  /**
   * Lexical tokens in the document (GRAPHQL_MAX_TOKENS), default 1000: GraphiQL's introspection
   * query has 184, the dashboard's 97. It also bounds validation, which compares repeated fields
   * pairwise: 1,000 tokens of them validate in about 20 ms, 2,000 in about 110 ms.
   */
  readonly maxTokens: number;
  /** Directives in an operation (GRAPHQL_MAX_DIRECTIVES), default 50. */
  readonly maxDirectives: number;
  /** Estimated cost (GRAPHQL_MAX_COST), default 150000: the dashboard's 100 tasks with picks and teams cost about 50,000 (see field-cost.ts). */
  readonly maxCost: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = { maxDepth: 16, maxAliases: 30, maxTokens: 1000, maxDirectives: 50, maxCost: 150_000 };

/**
 * The request limits as yoga plugins, for HTTP and graphql-ws alike (both run through
 * `yoga.getEnveloped`). Tokens are counted while parsing and depth, aliases and directives while
 * validating (graphql-armor), each refusing at once with its own code; mutations marked once per
 * operation are checked with them; the cost is computed once the document is valid, with the
 * request's variables (a page's `first: $n` multiplies), and refused with QUERY_TOO_COSTLY.
 */
export function useRequestLimits(limits: RequestLimits): Plugin {
  const refuse = (code: LimitCode, message: (limit: number, actual: number) => string, limit: number) => (_context: unknown, error: GraphQLError) => {
    // graphql-armor says the count only in its English message.
    const actual = Number(/found (\d+)/.exec(error.message)?.[1] ?? NaN);
    throw limitError(code, message(limit, actual), Number.isNaN(actual) ? { limit } : { limit, actual });
  };
  const armor = EnvelopArmorPlugin({
    blockFieldSuggestion: { enabled: false },
    costLimit: { enabled: false },
    maxTokens: {
      n: limits.maxTokens,
      onReject: [refuse('TOO_MANY_TOKENS', (limit) => `查询过长：超过 ${limit} 个词法单元的上限。Query too long: more than ${limit} tokens.`, limits.maxTokens)],
    },
    maxDepth: {
      n: limits.maxDepth,
      ignoreIntrospection: false,
      flattenFragments: true,
      onReject: [refuse('QUERY_TOO_DEEP', (limit, actual) => `查询嵌套过深：深度 ${actual}，上限 ${limit}。Query too deep: depth ${actual}, limit ${limit}.`, limits.maxDepth)],
    },
    maxAliases: {
      n: limits.maxAliases,
      onReject: [refuse('TOO_MANY_ALIASES', (limit, actual) => `查询中的别名过多：${actual} 个，上限 ${limit} 个。Too many aliases: ${actual}, limit ${limit}.`, limits.maxAliases)],
    },
    maxDirectives: {
      n: limits.maxDirectives,
      onReject: [refuse('TOO_MANY_DIRECTIVES', (limit, actual) => `查询中的指令过多：${actual} 个，上限 ${limit} 个。Too many directives: ${actual}, limit ${limit}.`, limits.maxDirectives)],
    },
  });
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(armor as Plugin);
    },
    onValidate({ addValidationRule, params, context }) {
      addValidationRule(oncePerOperationRule);
      const request = (context as { params?: { variables?: Record<string, unknown> | null; operationName?: string | null } }).params;
      return ({ valid, setResult }) => {
        if (!valid) return;
        const cost = requestCost(params.schema, params.documentAST, context, request?.variables ?? {}, request?.operationName ?? null);
        if (cost > limits.maxCost) {
          setResult([limitError('QUERY_TOO_COSTLY', `查询代价过高：估算代价 ${cost}，上限 ${limits.maxCost}；请减小 first/last 或减少嵌套的列表。Query too costly: estimated cost ${cost}, limit ${limits.maxCost}.`, { limit: limits.maxCost, actual: cost })]);
        }
      };
    },
  };
}

/**
 * The estimated cost of a valid document: the highest of its operations (or the one named),
 * by the schema's field costs (plugin-complexity) plus its introspection.
 */
export function requestCost(schema: GraphQLSchema, document: DocumentNode, context: object, variableValues: Record<string, unknown>, operationName: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let introspection = 0;
  let highest = 0;
  // Run in this order on each operation: the first rule's `enter` measures its introspection,
  // the complexity rule's `leave` adds it to the rest.
  const introspectionRule = (_: ValidationContext) => ({
    OperationDefinition: { enter: (node: import('graphql').OperationDefinitionNode) => void (introspection = introspectionCost(schema, node, fragments)) },
  });
  const complexityRule = createComplexityRule({
    context,
    variableValues,
    operationName,
    validate: (result) => {
      highest = Math.max(highest, result.complexity + introspection);
    },
  });
  // Variables that do not fit are not this check's to report: execution refuses them.
  validate(schema, document, [introspectionRule, complexityRule]);
  return highest;
}

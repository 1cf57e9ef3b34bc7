import type { GraphQLResolveInfo } from 'graphql';

// Counts a connection's resolver started, by its arguments object: Pothos hands the same
// object to the connection's totalCount.
const started = new WeakMap<object, Promise<number>>();

function asksForTotalCount(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.some((node) => node.selectionSet?.selections.some((s) => s.kind === 'Field' && s.name.value === 'totalCount'));
}

/**
 * Starts a connection's count together with its page. Pothos resolves totalCount only after
 * the page has come back, so the two queries would run one after the other; started here,
 * PostgreSQL runs them side by side on two connections (PGlite, one connection, in turn).
 * A totalCount asked for inside a fragment is simply counted afterwards.
 */
export function startCount(args: object, info: GraphQLResolveInfo, count: () => Promise<number>): void {
  if (!asksForTotalCount(info)) return;
  const pending = count();
  pending.catch(() => undefined); // totalCount awaits it; if the page fails first, no unhandled rejection
  started.set(args, pending);
}

/** The count `startCount` began for these arguments, or a new one. */
export function countOnce(args: object, count: () => Promise<number>): Promise<number> {
  return started.get(args) ?? count();
}

/**
 * What a field costs in a request's cost (see request-limits.ts). A field costs 1, and its
 * children's cost is multiplied by the number of items it may return: 10 for a list
 * (plugin-complexity's default), `first`/`last` for a relay page.
 */

/** Pothos' relay pages: `first`/`last` default to 20 and are clamped to 100 (plugin-relay, plugin-prisma). */
export const PAGE_DEFAULT_SIZE = 20;
export const PAGE_MAX_SIZE = 100;

/** A page is one or two SQL queries, more than a field read from a row already loaded. */
export const PAGE_FIELD_COST = 10;

/** How many items a list without paging arguments is assumed to hold. */
export const LIST_MULTIPLIER = 10;

/** The rows a relay page returns at most for these arguments. */
export function pageSize(args: { first?: number | null | undefined; last?: number | null | undefined }): number {
  const asked = [args.first, args.last].filter((n): n is number => typeof n === 'number');
  if (!asked.length) return PAGE_DEFAULT_SIZE;
  return Math.min(PAGE_MAX_SIZE, Math.max(0, ...asked));
}

/** The cost of a relay page (`complexity: pageCost` on every connection field; a test checks). */
export const pageCost = (args: { first?: number | null | undefined; last?: number | null | undefined }) => ({ field: PAGE_FIELD_COST, multiplier: pageSize(args) });

/** A connection's `edges`: the page already multiplied by its size, so not again as a list. */
export const EDGES_COST = { field: 1, multiplier: 1 } as const;

/**
 * The cost of re-deriving a draw from an export given as an argument (verifyDraw,
 * explainDrawCandidate): its work grows with the snapshot, about 2.5 ms per 1,000 enterprises
 * (docs/performance.md), so a province's export costs 10,000 and a county's a few dozen.
 */
export const exportCost = (args: { draw?: unknown }) => ({ field: 10 + Math.ceil(snapshotRows(args.draw) / 100) });

/** Enterprises, inspectors and experts in an export's snapshot; 0 for anything that is not one. */
export function snapshotRows(exported: unknown): number {
  const snapshot = (exported as { snapshot?: Record<string, unknown> } | null)?.snapshot;
  if (!snapshot || typeof snapshot !== 'object') return 0;
  return ['enterprises', 'inspectors', 'experts'].reduce((n, key) => n + (Array.isArray(snapshot[key]) ? (snapshot[key] as unknown[]).length : 0), 0);
}

/** A held draw's export or verification: the whole snapshot read (megabytes) and, once, re-derived. */
export const HELD_DRAW_EXPORT_COST = 1000;

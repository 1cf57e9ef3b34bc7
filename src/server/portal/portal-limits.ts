/**
 * How much one portal page or feed holds (docs/publication.md, Pagination and caching): a
 * jurisdiction with two 10,000-pick draws answered whole weighed 3.1 MB.
 */
export const PORTAL_LIMITS = {
  /** Picks of one draw per page of `/j/<code>/draws/<taskId>`. */
  picksPerPage: 100,
  /** Published results per page of `/j/<code>` (newest first). */
  resultsPerPage: 50,
  /** Draws per page of `/j/<code>` (newest inspection first). */
  drawsPerPage: 20,
  /** Entries of the Atom feed: the newest results and draws together. */
  feedEntries: 100,
  /** Picks listed in one draw's feed entry; the entry links to the draw's pages for the rest. */
  feedPicks: 100,
  /** Draws and picks per jurisdiction that `/search` lists. */
  searchDraws: 20,
} as const;

/** `?page=` as a page number from 1; undefined when it is not one (the route answers 400). */
export function pageNumber(raw: string | null): number | undefined {
  if (raw === null || raw === '') return 1;
  if (!/^[1-9][0-9]{0,5}$/.test(raw)) return undefined;
  return Number(raw);
}

/** How many pages `total` items make at `size` a page (an empty list is one empty page). */
export const pageCount = (total: number, size: number) => Math.max(1, Math.ceil(total / size));

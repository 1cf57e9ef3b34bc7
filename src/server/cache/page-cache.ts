import { createHash } from 'node:crypto';

/** What a page cache may hold (PORTAL_CACHE_* settings; docs/publication.md, Pagination and caching). */
export interface PageCacheLimits {
  /** Pages kept at most (least recently served out first). Default 500. */
  readonly maxEntries: number;
  /** Bytes of page bodies kept at most. Default 64 MiB. */
  readonly maxBytes: number;
  /** A body larger than this is served but never kept (a whole jurisdiction's results as XLSX). Default 4 MiB. */
  readonly maxEntryBytes: number;
  /** A kept page is rendered again after this long even if no event said so (a lost Redis message). Default 5 minutes. */
  readonly ttlMs: number;
}

export const DEFAULT_PAGE_CACHE_LIMITS: PageCacheLimits = { maxEntries: 500, maxBytes: 64 * 1024 * 1024, maxEntryBytes: 4 * 1024 * 1024, ttlMs: 5 * 60_000 };

interface Entry {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly status: number;
  readonly headers: readonly [string, string][];
  readonly etag: string;
  readonly storedAt: number;
}

/** How a response was answered, in the `x-cache` header: from memory, or rendered now. */
export type CacheOutcome = 'HIT' | 'MISS';

/**
 * Rendered GET pages in memory, keyed by path and query: the first visitor renders a page, the
 * others are served its bytes until `clear()` (something the public sees changed) or the TTL.
 * Visitors who ask while it renders wait for that one rendering. A rendering that began before a
 * `clear()` is served to whoever asked but never kept, so a page read before a change cannot
 * outlive it. Only 200 responses are kept; each carries a strong ETag, and a matching
 * If-None-Match is answered 304.
 */
export class PageCache {
  readonly #entries = new Map<string, Entry>();
  readonly #rendering = new Map<string, Promise<Entry | Response | undefined>>();
  #bytes = 0;
  #generation = 0;
  readonly limits: PageCacheLimits;
  readonly #now: () => number;
  hits = 0;
  misses = 0;

  constructor(limits: Partial<PageCacheLimits> = {}, now: () => number = Date.now) {
    this.limits = { ...DEFAULT_PAGE_CACHE_LIMITS, ...limits };
    this.#now = now;
  }

  /** Pages and bytes held now. */
  get size(): { readonly entries: number; readonly bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }

  /** Forgets every page, and every rendering under way. */
  clear(): void {
    this.#generation++;
    this.#entries.clear();
    this.#rendering.clear();
    this.#bytes = 0;
  }

  /**
   * The page for a GET `request` from memory, or from `render` (kept when it is a 200); undefined
   * when `render` has no page for it. Any other method goes straight to `render`.
   */
  async serve(request: Request, render: () => Promise<Response | undefined>, options: { readonly byOrigin?: boolean } = {}): Promise<Response | undefined> {
    if (request.method !== 'GET') return render();
    const url = new URL(request.url);
    // A page that writes its own address (a QR code to the verification page) is kept per origin.
    const key = `${options.byOrigin ? url.origin : ''}${url.pathname}${url.search}`;
    const kept = this.#fresh(key);
    if (kept) {
      this.hits++;
      // Most recently served last: the oldest in the map is the one to drop.
      this.#entries.delete(key);
      this.#entries.set(key, kept);
      return respond(kept, request, 'HIT');
    }
    this.misses++;
    let pending = this.#rendering.get(key);
    if (!pending) {
      pending = this.#render(key, render);
      this.#rendering.set(key, pending);
      const forget = () => this.#rendering.get(key) === pending && this.#rendering.delete(key);
      pending.then(forget, forget);
    }
    const rendered = await pending;
    if (rendered === undefined || rendered instanceof Response) return rendered?.clone();
    return respond(rendered, request, 'MISS');
  }

  #fresh(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (this.#now() - entry.storedAt < this.limits.ttlMs) return entry;
    this.#drop(key, entry);
    return undefined;
  }

  async #render(key: string, render: () => Promise<Response | undefined>): Promise<Entry | Response | undefined> {
    const generation = this.#generation;
    const response = await render();
    if (!response || response.status !== 200) return response;
    const body = new Uint8Array(await response.arrayBuffer());
    const entry: Entry = {
      body, status: response.status, headers: [...response.headers], storedAt: this.#now(),
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    };
    if (generation === this.#generation && body.byteLength <= this.limits.maxEntryBytes) this.#keep(key, entry);
    return entry;
  }

  #keep(key: string, entry: Entry): void {
    const old = this.#entries.get(key);
    if (old) this.#drop(key, old);
    this.#entries.set(key, entry);
    this.#bytes += entry.body.byteLength;
    for (const [k, e] of this.#entries) {
      if (this.#entries.size <= this.limits.maxEntries && this.#bytes <= this.limits.maxBytes) break;
      this.#drop(k, e);
    }
  }

  #drop(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#bytes -= entry.body.byteLength;
  }
}

function respond(entry: Entry, request: Request, outcome: CacheOutcome): Response {
  const headers = new Headers([...entry.headers]);
  headers.set('etag', entry.etag);
  // Shared caches and browsers may keep a copy but must ask again each time (the ETag makes that a 304):
  // a publication must show at once, and the server knows when it happens, they do not.
  headers.set('cache-control', 'public, no-cache');
  headers.set('x-cache', outcome);
  const matches = (request.headers.get('if-none-match') ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (matches.includes(entry.etag) || matches.includes('*')) {
    headers.delete('content-length');
    return new Response(null, { status: 304, headers });
  }
  return new Response(entry.body as Uint8Array<ArrayBuffer>, { status: entry.status, headers });
}

import type { ComplianceEnterprise } from '../../core/compliance/facts.ts';
import type { Services } from '../tasks/services.ts';

/**
 * The directory of a year (directoryOfYear) is most of what a year's compliance reads, and the
 * one part that a task, a draw or a result does not change: the warnings are computed again on
 * each of those (compliance-warnings.ts) and a dashboard asks again and again. So it is kept per
 * (jurisdiction, year, asOf, pack) and given again while the directory has not changed since.
 * Every write to an enterprise or a record adds a row to its history (migration 0009), which is
 * append-only: the directory's stamp is how many rows each history holds, and its last change.
 * A count, not only the last change_id: a transaction that took a change_id and commits after a
 * later one was seen adds a row under a smaller number, and only the count tells. Counting both
 * histories is an index-only scan (~30 ms at 100,000 enterprises and 40,000 records on PGlite),
 * against ~800 ms for reading the directory.
 */

/** How many enterprises the kept directories hold at most in all (the oldest go first): about 300 bytes each. */
const KEEP_ENTERPRISES = 300_000;

interface Kept { readonly stamp: string; readonly enterprises: readonly ComplianceEnterprise[] }

const caches = new WeakMap<Services['prisma'], Map<string, Kept>>();

const cacheOf = (s: Pick<Services, 'prisma'>) => {
  let cache = caches.get(s.prisma);
  if (!cache) caches.set(s.prisma, (cache = new Map()));
  return cache;
};

/** The directory's stamp: how many changes each history holds, and the last. */
async function directoryStamp(s: Services): Promise<string> {
  const [row] = await s.prisma.$queryRaw<{ stamp: string }[]>`
    SELECT concat_ws('/', (SELECT count(*) FROM enterprise_history), (SELECT max(change_id) FROM enterprise_history),
                          (SELECT count(*) FROM enterprise_record_history), (SELECT max(change_id) FROM enterprise_record_history)) AS stamp`;
  return row!.stamp;
}

/**
 * The directory of `key` as kept, if the directory has not changed since; else `load` it and
 * keep it. The stamp is read before loading: a change between the two leaves a directory kept
 * under an older stamp, which the next call finds stale.
 */
export async function keptDirectory(s: Services, key: string, load: () => Promise<ComplianceEnterprise[]>): Promise<readonly ComplianceEnterprise[]> {
  const stamp = await directoryStamp(s);
  const cache = cacheOf(s);
  const kept = cache.get(key);
  if (kept?.stamp === stamp) {
    // Most recently used last.
    cache.delete(key);
    cache.set(key, kept);
    return kept.enterprises;
  }
  const enterprises = await load();
  cache.delete(key);
  if (enterprises.length <= KEEP_ENTERPRISES) {
    cache.set(key, { stamp, enterprises });
    let total = 0;
    for (const k of cache.values()) total += k.enterprises.length;
    for (const [k, v] of cache) {
      if (total <= KEEP_ENTERPRISES || k === key) break;
      cache.delete(k);
      total -= v.enterprises.length;
    }
  }
  return enterprises;
}

/** Forgets every kept directory of these services (a benchmark's cold run). */
export function forgetDirectories(s: Pick<Services, 'prisma'>): void {
  caches.delete(s.prisma);
}

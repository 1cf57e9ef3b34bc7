import type { ComplianceEnterprise } from '../../core/compliance/facts.ts';
import type { Services } from '../tasks/services.ts';

/**
 * The directory of a year (directoryOfYear) is most of what a year's compliance reads, and the
 * one part that a task, a draw or a result does not change: the warnings are computed again on
 * each of those (compliance-warnings.ts) and a dashboard asks again and again. So it is kept per
 * (jurisdiction, year, asOf, pack) and given again while the directory has not changed since.
 *
 * Every write to an enterprise or a record adds a row to its history (migration 0009), which is
 * append-only, numbered by change_id. The directory's stamp is how many rows each history holds
 * and its last change_id. When the directory changed, only the enterprises changed since are
 * read again (their whole history; an edit, a record, an import of a few hundred), provided the
 * rows added since are exactly those numbered after the kept last change_id: a transaction that
 * took a change_id and commits after a later one was seen adds a row under a smaller number,
 * which only the count tells, and then the whole directory is read again. So is it when more
 * than CHANGED_AT_MOST enterprises changed (an import of the directory), or nothing was kept.
 * The stamp and the changed enterprises come from one statement, so they agree; what is read
 * after it may be newer still, which the next call reads again. Counting both histories is an
 * index-only scan (~30 ms at 100,000 enterprises and 40,000 records), against ~1 s for reading
 * the whole directory.
 */

/** How many enterprises the kept directories hold at most in all (the oldest go first): about 300 bytes each. */
const KEEP_ENTERPRISES = 300_000;
/** Beyond this many enterprises changed since a directory was kept, it is read whole again. */
export const CHANGED_AT_MOST = 5_000;

interface Stamp { readonly changes: number; readonly lastChange: string; readonly recordChanges: number; readonly lastRecordChange: string }
interface Kept { readonly stamp: Stamp; readonly byId: ReadonlyMap<string, ComplianceEnterprise>; readonly enterprises: readonly ComplianceEnterprise[] }

/** Reads the directory, or with `only` those enterprises of it (by id; those no longer in it are absent). */
export type DirectoryLoad = (only?: readonly string[]) => Promise<Map<string, ComplianceEnterprise>>;

const caches = new WeakMap<Services['prisma'], Map<string, Kept>>();

const cacheOf = (s: Pick<Services, 'prisma'>) => {
  let cache = caches.get(s.prisma);
  if (!cache) caches.set(s.prisma, (cache = new Map()));
  return cache;
};

/** Larger than any change_id: with nothing kept, nothing is "after" it. */
const NONE = '9223372036854775807';

/** The histories' stamp now, and the enterprises changed after `since` (at most CHANGED_AT_MOST + 1 of them). */
async function stampAndChanges(s: Services, since: Stamp | undefined): Promise<{ stamp: Stamp; added: number; addedRecords: number; changed: string[] }> {
  const [row] = await s.prisma.$queryRaw<{ changes: number; last_change: string; record_changes: number; last_record_change: string; added: number; added_records: number; changed: string[] }[]>`
    SELECT (SELECT count(*)::int FROM enterprise_history) AS changes, (SELECT coalesce(max(change_id), 0)::text FROM enterprise_history) AS last_change,
           (SELECT count(*)::int FROM enterprise_record_history) AS record_changes, (SELECT coalesce(max(change_id), 0)::text FROM enterprise_record_history) AS last_record_change,
           (SELECT count(*)::int FROM enterprise_history WHERE change_id > ${since?.lastChange ?? NONE}::bigint) AS added,
           (SELECT count(*)::int FROM enterprise_record_history WHERE change_id > ${since?.lastRecordChange ?? NONE}::bigint) AS added_records,
           ARRAY(SELECT id FROM enterprise_history WHERE change_id > ${since?.lastChange ?? NONE}::bigint
                 UNION SELECT enterprise_id FROM enterprise_record_history WHERE change_id > ${since?.lastRecordChange ?? NONE}::bigint
                 LIMIT ${CHANGED_AT_MOST + 1}) AS changed`;
  const r = row!;
  return { stamp: { changes: r.changes, lastChange: r.last_change, recordChanges: r.record_changes, lastRecordChange: r.last_record_change }, added: r.added, addedRecords: r.added_records, changed: r.changed };
}

const same = (a: Stamp, b: Stamp) => a.changes === b.changes && a.lastChange === b.lastChange && a.recordChanges === b.recordChanges && a.lastRecordChange === b.lastRecordChange;

/** Keeps `kept` under `key` (most recently used last), within KEEP_ENTERPRISES in all. */
function keep(cache: Map<string, Kept>, key: string, kept: Kept): void {
  cache.delete(key);
  if (kept.enterprises.length > KEEP_ENTERPRISES) return;
  cache.set(key, kept);
  let total = 0;
  for (const k of cache.values()) total += k.enterprises.length;
  for (const [k, v] of cache) {
    if (total <= KEEP_ENTERPRISES || k === key) break;
    cache.delete(k);
    total -= v.enterprises.length;
  }
}

/**
 * The directory of `key`: as kept if nothing in it changed since; the kept one with the
 * enterprises changed since read again, if that can be told exactly; else `load`ed whole.
 */
export async function keptDirectory(s: Services, key: string, load: DirectoryLoad): Promise<readonly ComplianceEnterprise[]> {
  const cache = cacheOf(s);
  const kept = cache.get(key);
  const { stamp, added, addedRecords, changed } = await stampAndChanges(s, kept?.stamp);
  if (kept && same(kept.stamp, stamp)) {
    keep(cache, key, kept);
    return kept.enterprises;
  }
  const exact = kept && stamp.changes - kept.stamp.changes === added && stamp.recordChanges - kept.stamp.recordChanges === addedRecords && changed.length <= CHANGED_AT_MOST;
  let byId: Map<string, ComplianceEnterprise>;
  if (kept && exact) {
    const fresh = await load(changed);
    byId = new Map(kept.byId);
    for (const id of changed) {
      const now = fresh.get(id);
      if (now) byId.set(id, now);
      else byId.delete(id);
    }
  } else byId = await load();
  const enterprises = [...byId.values()];
  keep(cache, key, { stamp, byId, enterprises });
  return enterprises;
}

/** Forgets every kept directory of these services (a benchmark's cold run). */
export function forgetDirectories(s: Pick<Services, 'prisma'>): void {
  caches.delete(s.prisma);
}

import type { ComplianceEnterprise } from '../../core/compliance/facts.ts';
import type { Services } from '../tasks/services.ts';
import { mergeDirectory, type DirectoryOfYear } from './directory-of-year.ts';

/**
 * The directory of a year (readDirectory, directory-of-year.ts) is most of what a year's compliance reads, and the
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
 * than a fifth of it (and CHANGED_AT_MOST) changed, an import of the directory, or nothing was kept.
 * The stamp and the changed enterprises come from one statement, so they agree; what is read
 * after it may be newer still, which the next call reads again. Counting both histories is an
 * index-only scan (~30 ms at 100,000 enterprises and 40,000 records), against ~1 s for reading
 * the whole directory.
 */

/** How many enterprises the kept directories hold at most in all (the oldest go first): about 300 bytes each. */
export const KEEP_ENTERPRISES = 300_000;
/**
 * Beyond this many enterprises changed since a directory was kept, or a fifth of it if more, it
 * is read whole again: reading a fifth again by id costs about a fifth of reading it whole.
 */
export const CHANGED_AT_MOST = 5_000;

interface Stamp { readonly changes: number; readonly lastChange: string; readonly recordChanges: number; readonly lastRecordChange: string }
interface Kept {
  readonly of: string;
  readonly stamp: Stamp;
  /**
   * The Beijing day the stamp was read on, by the database's clock: every change it counts was
   * made by a transaction begun before (its changed_at is that transaction's now()), so a
   * directory of that day or later holds all of them, and any change on a later day is numbered
   * after the stamp.
   */
  readonly readOn: string;
  readonly directory: DirectoryOfYear;
  readonly enterprises: readonly ComplianceEnterprise[];
}

/** How a directory is read whole or in part, and told for a later day from an earlier one. */
export interface DirectorySource {
  /** The directory, or with `only` those enterprises of it (by id; those no longer in it are absent). */
  read(only?: readonly string[]): Promise<DirectoryOfYear>;
  /** The directory of the day asked, from one of an earlier day, or undefined if it cannot be told (rollDirectory). */
  roll(earlier: DirectoryOfYear): DirectoryOfYear | undefined;
}

const caches = new WeakMap<Services['prisma'], Map<string, Kept>>();

const cacheOf = (s: Pick<Services, 'prisma'>) => {
  let cache = caches.get(s.prisma);
  if (!cache) caches.set(s.prisma, (cache = new Map()));
  return cache;
};

/** Larger than any change_id: with nothing kept, nothing is "after" it. */
const NONE = '9223372036854775807';

/** The histories' stamp now, and the enterprises changed after `since` (at most `atMost` + 1 of them). */
async function stampAndChanges(s: Services, since: Stamp | undefined, atMost: number): Promise<{ stamp: Stamp; readOn: string; added: number; addedRecords: number; changed: string[] }> {
  const [row] = await s.prisma.$queryRaw<{ read_on: string; changes: number; last_change: string; record_changes: number; last_record_change: string; added: number; added_records: number; changed: string[] }[]>`
    SELECT to_char(now() AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM-DD') AS read_on, (SELECT count(*)::int FROM enterprise_history) AS changes, (SELECT coalesce(max(change_id), 0)::text FROM enterprise_history) AS last_change,
           (SELECT count(*)::int FROM enterprise_record_history) AS record_changes, (SELECT coalesce(max(change_id), 0)::text FROM enterprise_record_history) AS last_record_change,
           (SELECT count(*)::int FROM enterprise_history WHERE change_id > ${since?.lastChange ?? NONE}::bigint) AS added,
           (SELECT count(*)::int FROM enterprise_record_history WHERE change_id > ${since?.lastRecordChange ?? NONE}::bigint) AS added_records,
           ARRAY(SELECT id FROM enterprise_history WHERE change_id > ${since?.lastChange ?? NONE}::bigint
                 UNION SELECT enterprise_id FROM enterprise_record_history WHERE change_id > ${since?.lastRecordChange ?? NONE}::bigint
                 LIMIT ${atMost + 1}) AS changed`;
  const r = row!;
  return { stamp: { changes: r.changes, lastChange: r.last_change, recordChanges: r.record_changes, lastRecordChange: r.last_record_change }, readOn: r.read_on, added: r.added, addedRecords: r.added_records, changed: r.changed };
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
 * The directory `of` (a jurisdiction, year and pack) on `asOf`: as kept if nothing in it changed
 * since; the kept one with the enterprises changed since read again, if that can be told
 * exactly; the same from the directory of an earlier day (the day before, at midnight) if it was
 * read on or before that day, so that it holds every change made by then; else read whole.
 */
export async function keptDirectory(s: Services, key: { of: string; asOf: string }, source: DirectorySource): Promise<readonly ComplianceEnterprise[]> {
  const cache = cacheOf(s);
  const id = `${key.of}|${key.asOf}`;
  let kept = cache.get(id);
  let start: DirectoryOfYear | undefined = kept?.directory;
  if (!kept) {
    // The latest earlier day of the same directory that was read on or before its own day.
    const earlier = [...cache.values()].filter((k) => k.of === key.of && k.directory.asOf < key.asOf && k.readOn <= k.directory.asOf).sort((a, b) => (a.directory.asOf < b.directory.asOf ? 1 : -1))[0];
    start = earlier ? source.roll(earlier.directory) : undefined;
    if (start) kept = earlier;
  }
  const atMost = Math.max(CHANGED_AT_MOST, Math.floor((start?.entries.size ?? 0) / 5));
  const { stamp, readOn, added, addedRecords, changed } = await stampAndChanges(s, kept?.stamp, atMost);
  if (kept && start === kept.directory && same(kept.stamp, stamp)) {
    keep(cache, id, kept);
    return kept.enterprises;
  }
  const exact = kept && start && stamp.changes - kept.stamp.changes === added && stamp.recordChanges - kept.stamp.recordChanges === addedRecords && changed.length <= atMost;
  const directory = exact ? (changed.length === 0 ? start! : mergeDirectory(start!, await source.read(changed), changed)) : await source.read();
  const enterprises = [...directory.entries.values()];
  keep(cache, id, { of: key.of, stamp, readOn, directory, enterprises });
  return enterprises;
}

/** Forgets every kept directory of these services (a benchmark's cold run). */
export function forgetDirectories(s: Pick<Services, 'prisma'>): void {
  caches.delete(s.prisma);
}

import { addDays, endOfChinaDay } from '../../core/calendar/china-date.ts';
import type { ComplianceEnterprise } from '../../core/compliance/facts.ts';
import { halfYearPeriods } from '../../core/compliance/periods.ts';
import { selectorTest } from '../../core/rules/classify.ts';
import type { EnterpriseFacts, RecordFact } from '../../core/rules/facts.ts';
import type { Rules, Selector } from '../../core/rules/schema.ts';
import type { Services } from '../tasks/services.ts';

/** The groups a frequency or a cap exception can name, measured once per enterprise. */
const GROUPS: readonly Selector[] = ['keyHighDanger', 'blacklisted', 'majorHazard', 'complaintHeavy', 'accidentProne', 'penalised', 'seriousViolator', 'dishonest', 'trustworthy', 'highRisk', 'lowRisk'];

/** A change of an enterprise, as the history's statement sends it (its fields split apart). */
interface HistoryRow { id: string; changeId: number; uscc: string; name: string; sector: string; day: string; flags: number; riskLevel: EnterpriseFacts['riskLevel']; creditLevel: EnterpriseFacts['creditLevel'] }
type RecordRow = RecordFact & { readonly withdrawnOn: string | undefined };
type Span = { from: string; to: string | null };

/** One enterprise's history up to `asOf`: what its entry in the directory is derived from. */
interface EnterpriseHistory {
  readonly last: HistoryRow;
  readonly spans: readonly Span[];
  /** Its last change by the end of each earlier day (earlierDays). */
  readonly before: readonly (HistoryRow | null)[];
  readonly records: readonly RecordRow[] | undefined;
}

/**
 * The directory of a year as it stood at the end of `asOf`: each enterprise's entry, by id. Those
 * with records keep their history beside: a record's window makes their groups depend on the day
 * (penalised within twelve months), so they are derived again for a later day (rollDirectory);
 * the groups of the others follow from their standing alone.
 */
export interface DirectoryOfYear {
  readonly asOf: string;
  readonly entries: ReadonlyMap<string, ComplianceEnterprise>;
  readonly withRecords: ReadonlyMap<string, EnterpriseHistory>;
}

/** The bits of a change's `flags` (see readDirectory). */
const IN_DIRECTORY = 8;
const BLACKLISTED = 4;
const KEY_HIGH_DANGER = 2;
const MAJOR_HAZARD = 1;

/** The texts PostgreSQL sends the history as (by a hash of the enterprise id). */
const HISTORY_PARTS = 16;
/** Between a change's fields, and between changes, in the texts the history and records are sent as (names have them replaced by spaces). */
const FIELD = '\x1f';
const CHANGE = '\x1e';

/** The earlier days a standing is needed on: the last days of the half-years that ended before `asOf`, if the pack counts by half-year. */
export function earlierDays(rules: Rules, year: number, asOf: string): string[] {
  return rules.frequencies?.some((f) => f.every === 'half-year') ? halfYearPeriods(year).map((p) => p.to).filter((d) => d < asOf) : [];
}

/** Derives entries for one pack, year and day: the groups of a standing without records worked out once. */
function entryMaker(rules: Rules, year: number, asOf: string) {
  const earlier = earlierDays(rules, year, asOf);
  const tests = new Map([asOf, ...earlier].map((d) => [d, selectorTest(rules, d)]));
  // Without records, the groups follow from the standing alone (flags and levels): worked out
  // once per standing, not once per enterprise (nor per day).
  const groupsOfStanding = new Map<string, readonly Selector[]>();
  const groupsOf = (row: HistoryRow, records: readonly RecordRow[] | undefined, day: string): readonly Selector[] => {
    const { flags, riskLevel, creditLevel } = row;
    const valid = records?.filter((r) => r.occurredOn <= day && (r.withdrawnOn === undefined || r.withdrawnOn > day));
    const standing = `${flags & ~IN_DIRECTORY}|${riskLevel}|${creditLevel}`;
    const plain = !valid || valid.length === 0;
    let groups = plain ? groupsOfStanding.get(standing) : undefined;
    if (!groups) {
      const test = tests.get(day)!;
      const facts: EnterpriseFacts = {
        uscc: row.uscc, name: row.name, sector: row.sector, subSector: null, scale: null, riskLevel, creditLevel,
        blacklisted: (flags & BLACKLISTED) !== 0, keyHighDanger: (flags & KEY_HIGH_DANGER) !== 0, majorHazardSource: (flags & MAJOR_HAZARD) !== 0, township: null, operatingStatus: 'OPERATING', records: valid ?? [],
      };
      groups = GROUPS.filter((g) => test(facts, g));
      if (plain) groupsOfStanding.set(standing, groups);
    }
    return groups;
  };
  const yearStart = `${year}-01-01`;
  const inOn = (spans: readonly Span[], day: string) => spans.some((x) => x.from <= day && (x.to === null || x.to >= day));
  // Most enterprises entered on one of a few days and are still in; most share a sector: one
  // array and one string each, not 100,000 kept copies for the collector to move.
  const openSpans = new Map<string, readonly { from: string; to: null }[]>();
  const openSince = (from: string) => {
    let shared = openSpans.get(from);
    if (!shared) openSpans.set(from, (shared = Object.freeze([Object.freeze({ from, to: null })])));
    return shared;
  };
  const sectors = new Map<string, string>();
  const sectorOf = (sector: string) => {
    const shared = sectors.get(sector);
    if (shared !== undefined) return shared;
    sectors.set(sector, sector);
    return sector;
  };
  /** Its entry, or undefined if it was not in the directory in the year. */
  const entryOf = ({ last, spans, before, records }: EnterpriseHistory): ComplianceEnterprise | undefined => {
    if (spans.length === 0 || spans.every((x) => x.to !== null && x.to < yearStart)) return undefined;
    const groups = groupsOf(last, records, asOf);
    let groupsOn: Record<string, readonly Selector[]> | undefined;
    earlier.forEach((day, n) => {
      const then = before[n];
      // Not in the directory that day: due for nothing then, whatever its groups.
      if (!then || !inOn(spans, day)) return;
      const was = groupsOf(then, records, day);
      if (was.length !== groups.length || was.some((g, i) => g !== groups[i])) (groupsOn ??= {})[day] = was;
    });
    const inDirectory = spans.length === 1 && spans[0]!.to === null ? openSince(spans[0]!.from) : spans;
    const sector = sectorOf(last.sector);
    return groupsOn ? { uscc: last.uscc, name: last.name, sector, inDirectory, groups, groupsOn } : { uscc: last.uscc, name: last.name, sector, inDirectory, groups };
  };
  return { earlier, entryOf };
}

/**
 * The directory as it was over the year, from its history (enterprise_history, migration 0009):
 * the days each enterprise was in it (active, in this jurisdiction), its standing on `asOf`, and
 * its standing on the last day of each half-year that ended before `asOf` where that differed
 * (groupsOn), since a half-year's due units are the group's members on its last day.
 * One statement over the history of the enterprises ever in the jurisdiction. On PGlite, which
 * runs on this thread, it sends one text, the changes in no particular order: ordering them in
 * the database was a sort of every change spilled to disk, ~300 ms of ~1.9 s at 100,000. On
 * PostgreSQL, whose sort runs beside this process, and whose driver reads sixteen small texts
 * faster than one of 11 MB, it sends sixteen texts (by a hash of the enterprise id), each its
 * enterprises' changes in change order. Either way a change is its id, change id, USCC, name,
 * sector, the Beijing day of the change (UTC+8, as chinaDate), its
 * flags (the sum of IN_DIRECTORY: active, here and not deleted, BLACKLISTED, KEY_HIGH_DANGER,
 * MAJOR_HAZARD) and the risk and credit levels: each function and operator per row costs on
 * PGlite, so the flags are one number and the fields one concat_ws (a row per change cost ~0.3 s
 * at 100,000). The changes are grouped by enterprise and put in change order here. Records (for
 * the groups they define) come the same way, as one text: those not withdrawn by the earliest
 * day asked, each counted on a day it had occurred by and was not yet withdrawn on.
 * With `only`, the same for those enterprises alone (what changed since a kept directory was
 * read: directory-cache.ts).
 */
export async function readDirectory(s: Services, jurisdictionId: string, rules: Rules, year: number, asOf: string, only?: readonly string[]): Promise<DirectoryOfYear> {
  const { earlier, entryOf } = entryMaker(rules, year, asOf);
  const earliest = earlier[0] ?? asOf;
  const unordered = s.databaseKind === 'pglite';
  const ids = only ? [...only] : null;
  const [history, recordTexts] = await Promise.all([
    s.prisma.$queryRawUnsafe<{ t: string | null }[]>(
      // Every column here is NOT NULL (the history is LIKE its table), which concat_ws would skip.
      `SELECT string_agg(concat_ws(chr(31), id, change_id, uscc, translate(name, chr(30) || chr(31), '  '), sector, to_char(changed_at + interval '8 hours', 'YYYY-MM-DD'),
           CASE WHEN op <> 'DELETE' AND active AND jurisdiction_id = $1 THEN ${IN_DIRECTORY} ELSE 0 END
           + blacklisted::int * ${BLACKLISTED} + key_high_danger::int * ${KEY_HIGH_DANGER} + major_hazard_source::int * ${MAJOR_HAZARD},
           risk_level, credit_level), chr(30)${unordered ? '' : ' ORDER BY id, change_id'}) AS t
       FROM enterprise_history WHERE changed_at < $2 AND ${ids ? 'id = ANY($3::text[]) AND id IN (SELECT id FROM enterprise_history WHERE jurisdiction_id = $1 AND id = ANY($3::text[]))' : 'id IN (SELECT id FROM enterprise_history WHERE jurisdiction_id = $1)'}
       ${unordered ? '' : `GROUP BY hashtext(id) & ${HISTORY_PARTS - 1}`}`,
      ...[jurisdictionId, endOfChinaDay(asOf), ...(ids ? [ids] : [])],
    ),
    // Records that occur after asOf too: a later day (rollDirectory) counts them once they have.
    s.prisma.$queryRawUnsafe<{ t: string | null }[]>(
      `SELECT string_agg(concat_ws(chr(31), enterprise_id, kind::text, to_char(occurred_on, 'YYYY-MM-DD'), to_char(withdrawn_on, 'YYYY-MM-DD')), chr(30)) AS t FROM enterprise_record
       WHERE jurisdiction_id = $1 AND (withdrawn_on IS NULL OR withdrawn_on > $2::date)${ids ? ' AND enterprise_id = ANY($3::text[])' : ''}`,
      ...[jurisdictionId, earliest, ...(ids ? [ids] : [])],
    ),
  ]);
  const recordsOf = new Map<string, RecordRow[]>();
  for (const text of recordTexts[0]?.t?.split(CHANGE) ?? []) {
    const [enterpriseId, kind, on, withdrawnOn] = text.split(FIELD) as [string, RecordFact['kind'], string, string | undefined];
    const list = recordsOf.get(enterpriseId);
    const fact = { kind, occurredOn: on, withdrawnOn };
    if (list) list.push(fact); else recordsOf.set(enterpriseId, [fact]);
  }
  const entries = new Map<string, ComplianceEnterprise>();
  const withRecords = new Map<string, EnterpriseHistory>();
  // One enterprise's changes in change order go through `take`, then `finish`.
  let before: (HistoryRow | null)[] = earlier.map(() => null);
  let last: HistoryRow | null = null;
  let spans: Span[] = [];
  const take = (change: HistoryRow) => {
    const { day } = change;
    const inIt = (change.flags & IN_DIRECTORY) !== 0;
    const open = spans.at(-1);
    if (inIt && (!open || open.to !== null)) spans.push({ from: day, to: null });
    // Left the directory (deactivated, deleted, moved): it was in it until the day before.
    if (!inIt && open && open.to === null) open.to = day === open.from ? day : addDays(day, -1);
    for (let n = 0; n < earlier.length; n += 1) if (day <= earlier[n]!) before[n] = change;
    last = change;
  };
  const finish = () => {
    if (last) {
      const history: EnterpriseHistory = { last, spans, before, records: recordsOf.get(last.id) };
      const entry = entryOf(history);
      if (entry) {
        entries.set(last.id, entry);
        if (history.records) withRecords.set(last.id, history);
      }
    }
    last = null;
    spans = [];
    before = earlier.map(() => null);
  };
  // PGlite's text keeps no order: the changes are grouped by enterprise and ordered here first.
  const changesOf = unordered ? new Map<string, HistoryRow[]>() : null;
  for (const part of history) {
    for (const text of part.t?.split(CHANGE) ?? []) {
      // The levels are the database's enums (risk_level, credit_level), spelt as in EnterpriseFacts.
      const [id, changeId, uscc, name, sector, day, flags, riskLevel, creditLevel] = text.split(FIELD) as [string, string, string, string, string, string, string, HistoryRow['riskLevel'], HistoryRow['creditLevel']];
      const change: HistoryRow = { id, changeId: Number(changeId), uscc, name, sector, day, flags: Number(flags), riskLevel, creditLevel };
      if (!changesOf) {
        if (last && (last as HistoryRow).id !== id) finish();
        take(change);
        continue;
      }
      const list = changesOf.get(id);
      if (!list) changesOf.set(id, [change]);
      else {
        list.push(change);
        if (list[list.length - 2]!.changeId > change.changeId) list.sort((a, b) => a.changeId - b.changeId);
      }
    }
  }
  for (const changes of changesOf?.values() ?? []) {
    for (const change of changes) take(change);
    finish();
  }
  finish();
  return { asOf, entries, withRecords };
}

/**
 * The directory of a later day of the same year, from one read earlier, if it can be told from
 * it: when the half-years that ended before each day are the same (else a standing on 30 June
 * is needed that was not kept). Every change made since the earlier read is numbered after it
 * and is read again by the caller (directory-cache.ts); the entries of those with records are
 * derived again here for the new day, their windows counted back from it.
 */
export function rollDirectory(dir: DirectoryOfYear, rules: Rules, year: number, asOf: string): DirectoryOfYear | undefined {
  if (asOf <= dir.asOf) return undefined;
  const { earlier, entryOf } = entryMaker(rules, year, asOf);
  if (earlier.join() !== earlierDays(rules, year, dir.asOf).join()) return undefined;
  const entries = new Map(dir.entries);
  for (const [id, history] of dir.withRecords) {
    const entry = entryOf(history);
    if (entry) entries.set(id, entry);
    else entries.delete(id);
  }
  return { asOf, entries, withRecords: dir.withRecords };
}

/** `dir` with the enterprises `changed` as `fresh` read them (absent from it: no longer in the directory). */
export function mergeDirectory(dir: DirectoryOfYear, fresh: DirectoryOfYear, changed: readonly string[]): DirectoryOfYear {
  const entries = new Map(dir.entries);
  const withRecords = new Map(dir.withRecords);
  for (const id of changed) {
    const entry = fresh.entries.get(id);
    if (entry) entries.set(id, entry); else entries.delete(id);
    const history = fresh.withRecords.get(id);
    if (history) withRecords.set(id, history); else withRecords.delete(id);
  }
  return { asOf: fresh.asOf, entries, withRecords };
}

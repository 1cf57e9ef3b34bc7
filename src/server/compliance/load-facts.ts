import { addDays, chinaDate } from '../../core/calendar/china-date.ts';
import type { ComplianceEnterprise, ComplianceFacts, ComplianceTask } from '../../core/compliance/facts.ts';
import type { DrawRecord } from '../../core/draw/types.ts';
import type { EnterpriseFacts, RecordFact } from '../../core/rules/facts.ts';
import { halfYearPeriods } from '../../core/compliance/periods.ts';
import { selectorTest } from '../../core/rules/classify.ts';
import type { Rules, Selector } from '../../core/rules/schema.ts';
import type { LoadedPack } from '../../rulepacks/sdk/validate-pack.ts';
import { checklistItemTally } from '../checklist/item-tally.ts';
import { currentTeam } from '../draws/current-team.ts';
import { inspectorDirectoryReview } from '../directory/inspector-review.ts';
import { jurisdictionDeadlines } from '../results/deadlines.ts';
import { findPack } from '../rulepacks/stored-packs.ts';
import { keptDirectory } from './directory-cache.ts';
import type { Services } from '../tasks/services.ts';

/** The groups a frequency or a cap exception can name, measured once per enterprise. */
const GROUPS: readonly Selector[] = ['keyHighDanger', 'blacklisted', 'majorHazard', 'complaintHeavy', 'accidentProne', 'penalised', 'seriousViolator', 'dishonest', 'trustworthy', 'highRisk', 'lowRisk'];

/** The first instant after a Beijing civil day (its 24:00), for comparing stored timestamps with `asOf`. */
const endOfDay = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000);

interface Jurisdiction { readonly id: string; readonly code: string; readonly name: string; readonly level: 'PROVINCE' | 'CITY' | 'COUNTY'; readonly rulePackId: string | null; readonly rulePackVersion: string | null }

/**
 * The pack in force on `asOf`: the last switch made by the end of that day (the pack-switch
 * history), else the jurisdiction's current pack (switched before the history was kept).
 */
export async function packInForce(s: Services, j: Jurisdiction, asOf: string): Promise<LoadedPack | undefined> {
  const last = await s.prisma.rulePackSwitch.findFirst({ where: { jurisdictionId: j.id, switchedAt: { lt: endOfDay(asOf) } }, orderBy: { switchedAt: 'desc' }, select: { toPack: true } });
  const [id, version] = last ? (last.toPack.split('@') as [string, string]) : [j.rulePackId, j.rulePackVersion ?? undefined];
  if (!id) return undefined;
  return s.packs.get(id, version) ?? (await findPack(s.prisma, s.packs, id, version));
}

/** A change of an enterprise, as the statement in directoryOfYear sends it (its fields split apart). */
interface HistoryRow { id: string; changeId: number; uscc: string; name: string; sector: string; day: string; flags: number; riskLevel: EnterpriseFacts['riskLevel']; creditLevel: EnterpriseFacts['creditLevel'] }

/** The bits of a change's `flags` (see directoryOfYear). */
const IN_DIRECTORY = 8;
const BLACKLISTED = 4;
const KEY_HIGH_DANGER = 2;
const MAJOR_HAZARD = 1;

/** The texts PostgreSQL sends the history as (by a hash of the enterprise id). */
const HISTORY_PARTS = 16;
/** Between a change's fields, and between changes, in the texts the history and records are sent as (names have them replaced by spaces). */
const FIELD = '\x1f';
const CHANGE = '\x1e';

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
 * read: directory-cache.ts). Keyed by enterprise id.
 */
async function directoryOfYear(s: Services, jurisdictionId: string, rules: Rules, year: number, asOf: string, only?: readonly string[]): Promise<Map<string, ComplianceEnterprise>> {
  // The earlier days a standing is needed on: the half-years' last days before asOf.
  const earlier = rules.frequencies?.some((f) => f.every === 'half-year') ? halfYearPeriods(year).map((p) => p.to).filter((d) => d < asOf) : [];
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
      ...[jurisdictionId, endOfDay(asOf), ...(ids ? [ids] : [])],
    ),
    s.prisma.$queryRawUnsafe<{ t: string | null }[]>(
      `SELECT string_agg(concat_ws(chr(31), enterprise_id, kind::text, to_char(occurred_on, 'YYYY-MM-DD'), to_char(withdrawn_on, 'YYYY-MM-DD')), chr(30)) AS t FROM enterprise_record
       WHERE jurisdiction_id = $1 AND (withdrawn_on IS NULL OR withdrawn_on > $2::date) AND occurred_on <= $3::date${ids ? ' AND enterprise_id = ANY($4::text[])' : ''}`,
      ...[jurisdictionId, earliest, asOf, ...(ids ? [ids] : [])],
    ),
  ]);
  const recordsOf = new Map<string, (RecordFact & { withdrawnOn: string | undefined })[]>();
  for (const text of recordTexts[0]?.t?.split(CHANGE) ?? []) {
    const [enterpriseId, kind, on, withdrawnOn] = text.split(FIELD) as [string, RecordFact['kind'], string, string | undefined];
    const list = recordsOf.get(enterpriseId);
    const fact = { kind, occurredOn: on, withdrawnOn };
    if (list) list.push(fact); else recordsOf.set(enterpriseId, [fact]);
  }
  const tests = new Map([asOf, ...earlier].map((d) => [d, selectorTest(rules, d)]));
  // Without records, the groups follow from the standing alone (flags and levels): worked out
  // once per standing, not once per enterprise (nor per day).
  const groupsOfStanding = new Map<string, readonly Selector[]>();
  const groupsOf = (row: HistoryRow, records: readonly (RecordFact & { withdrawnOn: string | undefined })[] | undefined, day: string): readonly Selector[] => {
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
  const out = new Map<string, ComplianceEnterprise>();
  const inOn = (spans: readonly { from: string; to: string | null }[], day: string) => spans.some((x) => x.from <= day && (x.to === null || x.to >= day));
  const flush = (last: HistoryRow, spans: { from: string; to: string | null }[], before: readonly (HistoryRow | null)[]) => {
    if (spans.length === 0 || spans.every((x) => x.to !== null && x.to < yearStart)) return;
    const records = recordsOf.get(last.id);
    const groups = groupsOf(last, records, asOf);
    let groupsOn: Record<string, readonly Selector[]> | undefined;
    earlier.forEach((day, n) => {
      const then = before[n];
      // Not in the directory that day: due for nothing then, whatever its groups.
      if (!then || !inOn(spans, day)) return;
      const was = groupsOf(then, records, day);
      if (was.length !== groups.length || was.some((g, i) => g !== groups[i])) (groupsOn ??= {})[day] = was;
    });
    out.set(last.id, groupsOn ? { uscc: last.uscc, name: last.name, sector: last.sector, inDirectory: spans, groups, groupsOn } : { uscc: last.uscc, name: last.name, sector: last.sector, inDirectory: spans, groups });
  };
  // One enterprise's changes in change order go through `take`, then `finish`.
  const before: (HistoryRow | null)[] = earlier.map(() => null); // its last change by the end of each earlier day
  const now: { last: HistoryRow | null; spans: { from: string; to: string | null }[] } = { last: null, spans: [] };
  const take = (change: HistoryRow) => {
    const { day } = change;
    const { spans } = now;
    const inIt = (change.flags & IN_DIRECTORY) !== 0;
    const open = spans.at(-1);
    if (inIt && (!open || open.to !== null)) spans.push({ from: day, to: null });
    // Left the directory (deactivated, deleted, moved): it was in it until the day before.
    if (!inIt && open && open.to === null) open.to = day === open.from ? day : addDays(day, -1);
    for (let n = 0; n < earlier.length; n += 1) if (day <= earlier[n]!) before[n] = change;
    now.last = change;
  };
  const finish = () => {
    if (now.last) flush(now.last, now.spans, before);
    now.last = null;
    now.spans = [];
    before.fill(null);
  };
  // PGlite's text keeps no order: the changes are grouped by enterprise and ordered here first.
  const changesOf = unordered ? new Map<string, HistoryRow[]>() : null;
  for (const part of history) {
    for (const text of part.t?.split(CHANGE) ?? []) {
      // The levels are the database's enums (risk_level, credit_level), spelt as in EnterpriseFacts.
      const [id, changeId, uscc, name, sector, day, flags, riskLevel, creditLevel] = text.split(FIELD) as [string, string, string, string, string, string, string, HistoryRow['riskLevel'], HistoryRow['creditLevel']];
      const change: HistoryRow = { id, changeId: Number(changeId), uscc, name, sector, day, flags: Number(flags), riskLevel, creditLevel };
      if (!changesOf) {
        if (now.last && now.last.id !== id) finish();
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
  return out;
}

/** Everything the year's compliance is measured on, as it stood at the end of `asOf` (Beijing time). */
export async function loadComplianceFacts(s: Services, j: Jurisdiction, year: number, asOf: string): Promise<ComplianceFacts> {
  const pack = await packInForce(s, j, asOf);
  const rules = pack?.rules ?? null;
  const cutoff = endOfDay(asOf);
  const base = { pack: pack ? { id: pack.meta.id, version: pack.meta.version, name: pack.meta.name } : null, jurisdiction: { code: j.code, name: j.name, level: j.level }, year, asOf };
  // What depends only on the pack (the directory's year above all) is asked at once, so that the
  // database works on it while the tasks, picks and results below are read.
  const planYear = rules?.planning?.annualPlanDue?.plansYear === 'next' ? year + 1 : year;
  const byPack = rules
    ? Promise.all([
        // The directory is kept while it does not change (directory-cache.ts); the pack by its content.
        keptDirectory(s, `${j.id}|${year}|${asOf}|${pack!.contentHash}`, (only) => directoryOfYear(s, j.id, rules, year, asOf, only)),
        jurisdictionDeadlines(s, j.id, asOf),
        inspectorDirectoryReview(s.prisma, j.id, rules, asOf),
        s.prisma.inspectionPlan.findFirst({ where: { jurisdictionId: j.id, year: planYear, publishedAt: { not: null, lt: cutoff } }, orderBy: { publishedAt: 'asc' }, select: { publishedAt: true } }),
        checklistItemTally(s.prisma, j.id, year, rules),
      ])
    : null;
  // Awaited below; if reading the tasks fails first, its own failure is the one reported.
  byPack?.catch(() => undefined);
  const taskRows = await s.prisma.inspectionTask.findMany({
    where: { jurisdictionId: j.id, inspectionDate: { gte: new Date(`${year}-01-01T00:00:00Z`), lte: new Date(`${year}-12-31T00:00:00Z`) }, createdAt: { lt: cutoff } },
    select: { id: true, title: true, status: true, inspectionDate: true, special: true, joint: true, covert: true, announcedOn: true, closedOn: true, size: true, cancelledAt: true, draw: { select: { id: true, drawnAt: true } } },
    orderBy: { inspectionDate: 'asc' },
  });
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
  // A task as it stood on asOf: not yet drawn if its draw came later, not cancelled if that came later.
  const tasks: ComplianceTask[] = taskRows.map((t) => {
    const drawn = t.draw?.drawnAt && t.draw.drawnAt < cutoff;
    const status = t.status === 'CANCELLED' ? (t.cancelledAt && t.cancelledAt < cutoff ? 'CANCELLED' : 'LOCKED') : drawn ? t.status : t.status === 'DRAFT' ? 'DRAFT' : 'LOCKED';
    return {
      id: t.id, title: t.title, status, inspectionDate: day(t.inspectionDate)!, directed: t.special, joint: t.joint, covert: t.covert,
      announcedOn: day(t.announcedOn), closedOn: day(t.closedOn), size: t.size,
    } as ComplianceTask;
  });
  const drawn = taskRows.filter((t) => t.draw?.drawnAt && t.draw.drawnAt < cutoff);
  const taskOfDraw = new Map(drawn.map((t) => [t.draw!.id, t.id]));
  const drawIds = [...taskOfDraw.keys()];
  const [pickRows, replacements, resultRows, otherRows, inspectors, recusalRows] = await Promise.all([
    s.prisma.drawPick.findMany({ where: { drawId: { in: drawIds } }, select: { drawId: true, order: true, uscc: true, leaderId: true, memberIds: true, expertIds: true } }),
    s.prisma.teamReplacement.findMany({ where: { drawId: { in: drawIds }, at: { lt: cutoff } }, orderBy: { at: 'asc' }, select: { drawId: true, pickOrder: true, outgoingId: true, incomingId: true } }),
    // Inspections actually done: a result recorded (by asOf) with its inspection day; the first version carries it.
    s.prisma.inspectionResult.findMany({ where: { drawId: { in: drawIds }, version: 1, enteredAt: { lt: cutoff } }, select: { id: true, drawId: true, uscc: true, inspectedOn: true } }),
    s.prisma.otherInspection.findMany({ where: { jurisdictionId: j.id, inspectedOn: { gte: new Date(`${year}-01-01T00:00:00Z`), lte: new Date(`${asOf}T00:00:00Z`) }, createdAt: { lt: cutoff } }, select: { uscc: true, inspectedOn: true } }),
    s.prisma.inspector.findMany({ where: { jurisdictionId: j.id }, select: { id: true, name: true, active: true, domains: true } }),
    // Only the recusals of each draw's record: the record also lists every enterprise the draw
    // excluded or avoided, with its reasons (megabytes a year in a county of 100,000).
    drawIds.length === 0 ? [] : s.prisma.$queryRaw<{ id: string; recusals: DrawRecord['recusals'] | null }[]>`SELECT id, record->'recusals' AS recusals FROM draw WHERE id = ANY(${drawIds}::text[])`,
  ]);
  const replaced = new Map<string, { outgoingId: string; incomingId: string }[]>();
  for (const r of replacements) {
    const key = `${r.drawId}:${r.pickOrder}`;
    replaced.set(key, [...(replaced.get(key) ?? []), r]);
  }
  const picks = pickRows.map((p) => {
    // The team as it stood: the drawn team with the replacements made by asOf (卧龙 第二十条).
    const { leader, members } = currentTeam(p, replaced.get(`${p.drawId}:${p.order}`) ?? []);
    return { taskId: taskOfDraw.get(p.drawId)!, uscc: p.uscc, team: [leader, ...members.filter((m) => m !== leader)], experts: p.expertIds };
  });
  const names = new Map(inspectors.map((i) => [i.id, i.name]));
  const recusalsOf = new Map(recusalRows.map((r) => [r.id, r.recusals ?? []]));
  const recusals = drawn.flatMap((t) =>
    (recusalsOf.get(t.draw!.id) ?? []).map((r) => ({ taskId: t.id, uscc: r.uscc, personId: r.personId, personName: names.get(r.personId) ?? '专家', reason: r.reason })),
  );
  if (!rules) {
    return { ...base, rules, enterprises: [], tasks, picks, inspections: [], otherInspections: [], recusals, deadlines: [], inspectors: [], inspectorsReviewedOn: null, plan: null, checklistItems: [] };
  }

  const [enterprises, deadlines, review, plan, items] = await byPack!;
  const usccOfResult = new Map(resultRows.map((r) => [r.id, r.uscc]));
  const inspections = resultRows.map((r) => ({ taskId: taskOfDraw.get(r.drawId)!, uscc: r.uscc, on: day(r.inspectedOn)! }));
  const doneOn = new Map(inspections.map((i) => [`${i.taskId}:${i.uscc}`, i.on]));
  return {
    ...base, rules, enterprises, tasks, picks, inspections, recusals,
    otherInspections: otherRows.map((o) => ({ uscc: o.uscc, on: day(o.inspectedOn)! })),
    deadlines: deadlines.filter((d) => d.party === 'BUREAU').map((d) => ({
      kind: d.kind, taskId: d.taskId, subject: d.subject.label, uscc: d.subject.type === 'result' ? usccOfResult.get(d.subject.id) ?? (/^[0-9A-Z]{18}$/.test(d.subject.id) ? d.subject.id : null) : null,
      due: d.due, doneOn: d.doneOn, status: d.status, cite: d.cite,
    })),
    inspectors: inspectors.map((i) => ({ id: i.id, name: i.name, active: i.active, domains: i.domains })),
    inspectorsReviewedOn: review ? review.since : null,
    plan: plan ? { publishedOn: chinaDate(plan.publishedAt!) } : null,
    checklistItems: items.map((i) => ({
      code: i.code, name: i.name, ratioText: i.ratioText, ratioPercent: i.ratioPercent, frequencyText: i.frequencyText, period: i.frequencyPeriod, ratioCite: i.ratioCite, frequencyCite: i.frequencyCite, objects: i.objects,
      inspections: i.picked.flatMap((p) => { const on = doneOn.get(`${p.taskId}:${p.uscc}`); return on ? [{ uscc: p.uscc, on }] : []; }),
    })),
  };
}


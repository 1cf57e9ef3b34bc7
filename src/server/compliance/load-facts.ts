import { chinaDate, endOfChinaDay } from '../../core/calendar/china-date.ts';
import type { ComplianceFacts, ComplianceTask } from '../../core/compliance/facts.ts';
import type { DrawRecord } from '../../core/draw/types.ts';
import type { LoadedPack } from '../../rulepacks/sdk/validate-pack.ts';
import { checklistItemTally } from '../checklist/item-tally.ts';
import { currentTeam } from '../draws/current-team.ts';
import { inspectorDirectoryReview } from '../directory/inspector-review.ts';
import { jurisdictionDeadlines } from '../results/deadlines.ts';
import { findPack } from '../rulepacks/stored-packs.ts';
import type { Services } from '../tasks/services.ts';
import { keptDirectory } from './directory-cache.ts';
import { readDirectory, rollDirectory } from './directory-of-year.ts';

interface Jurisdiction { readonly id: string; readonly code: string; readonly name: string; readonly level: 'PROVINCE' | 'CITY' | 'COUNTY'; readonly rulePackId: string | null; readonly rulePackVersion: string | null }

/**
 * The pack in force on `asOf`: the last switch made by the end of that day (the pack-switch
 * history), else the jurisdiction's current pack (switched before the history was kept).
 */
export async function packInForce(s: Services, j: Jurisdiction, asOf: string): Promise<LoadedPack | undefined> {
  const last = await s.prisma.rulePackSwitch.findFirst({ where: { jurisdictionId: j.id, switchedAt: { lt: endOfChinaDay(asOf) } }, orderBy: { switchedAt: 'desc' }, select: { toPack: true } });
  const [id, version] = last ? (last.toPack.split('@') as [string, string]) : [j.rulePackId, j.rulePackVersion ?? undefined];
  if (!id) return undefined;
  return s.packs.get(id, version) ?? (await findPack(s.prisma, s.packs, id, version));
}

/** The directory of a year on `asOf` under the pack in force, kept while it does not change (directory-cache.ts); the pack by its content. */
export function yearDirectory(s: Services, jurisdictionId: string, pack: LoadedPack, year: number, asOf: string) {
  const { rules } = pack;
  return keptDirectory(s, { of: `${jurisdictionId}|${year}|${pack.contentHash}`, asOf }, {
    read: (only) => readDirectory(s, jurisdictionId, rules, year, asOf, only),
    roll: (earlier) => rollDirectory(earlier, rules, year, asOf),
  });
}

/** Everything the year's compliance is measured on, as it stood at the end of `asOf` (Beijing time). */
export async function loadComplianceFacts(s: Services, j: Jurisdiction, year: number, asOf: string): Promise<ComplianceFacts> {
  const pack = await packInForce(s, j, asOf);
  const rules = pack?.rules ?? null;
  const cutoff = endOfChinaDay(asOf);
  const base = { pack: pack ? { id: pack.meta.id, version: pack.meta.version, name: pack.meta.name } : null, jurisdiction: { code: j.code, name: j.name, level: j.level }, year, asOf };
  // What depends only on the pack (the directory's year above all) is asked at once, so that the
  // database works on it while the tasks, picks and results below are read.
  const planYear = rules?.planning?.annualPlanDue?.plansYear === 'next' ? year + 1 : year;
  const byPack = rules
    ? Promise.all([
        yearDirectory(s, j.id, pack!, year, asOf),
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


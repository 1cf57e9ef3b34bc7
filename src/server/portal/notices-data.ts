import type { Jurisdiction, Prisma, PrismaClient } from '@prisma/client';
import { chinaDate } from '../../core/calendar/china-date.ts';
import { itemValues } from '../../core/checklist/pack-items.ts';
import type { ItemPeriod } from '../../core/checklist/ratio-frequency.ts';
import { toIsoDate } from '../../core/directory/dates.ts';
import type { SectorVocabulary } from '../../core/directory/sector-vocabulary.ts';
import type { Handling, HazardFinding, ItemFinding } from '../../core/results/types.ts';
import type { Rules } from '../../core/rules/schema.ts';
import type { PackRegistry } from '../../rulepacks/registry.ts';
import { picksOfDraws } from '../draws/picks-of-draws.ts';
import { categoryLabel } from '../results/draw-rules.ts';
import { findPack } from '../rulepacks/stored-packs.ts';
import { jurisdictionVocabulary, prismaQuery } from '../vocabulary/jurisdiction-vocabulary.ts';
import { authorityOf, NAMING_SELECT, NOTICE_FIELDS, resultNoticeNumber, taskNoticeNumber } from './notice-number.ts';
import { PUBLISHED_TASKS } from './portal-data.ts';

/**
 * The four public notices (一公开, issue 22): 抽查事项清单, 抽查计划公告, 抽查任务公告 and
 * 抽查结果公告, built from what the platform holds (docs/publication.md says where each field
 * comes from; what it does not hold is left empty, never invented). Tasks and results only of
 * PUBLISHED_TASKS: nothing covert before its task closes. No personal data.
 */

export interface NoticeContext {
  readonly prisma: PrismaClient;
  readonly packs: PackRegistry;
}

/** The jurisdiction as the notices name it, with its pack's rules and sector labels. */
export interface NoticeJurisdiction {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  /** 检查实施机关 as it stands (a numbered task keeps the one it was numbered with). */
  readonly authority: string;
  readonly rules: Rules | undefined;
  readonly vocabulary: SectorVocabulary;
}

export async function noticeJurisdiction(c: NoticeContext, j: Jurisdiction): Promise<NoticeJurisdiction> {
  const naming = await c.prisma.jurisdiction.findUniqueOrThrow({ where: { id: j.id }, select: NAMING_SELECT });
  const pack = j.rulePackId ? await findPack(c.prisma, c.packs, j.rulePackId, j.rulePackVersion ?? undefined) : undefined;
  return { id: j.id, code: j.code, name: j.name, authority: authorityOf(naming), rules: pack?.rules, vocabulary: await jurisdictionVocabulary(prismaQuery(c.prisma), c.packs, j.id) };
}

// ─── 抽查事项清单 ───────────────────────────────────────────────────────────

export interface ChecklistNoticeItem {
  readonly code: string;
  /** A sub-item is named after its parent: 危险化学品储存（储罐区）. */
  readonly name: string;
  readonly parentName: string | null;
  readonly legalBasis: string | null;
  /** 检查主体: the item's, else its department. */
  readonly subject: string | null;
  /** 检查对象: the item's, else the labels of its sectors. */
  readonly inspectionObject: string | null;
  /** 抽查比例 and 抽查频次 in force: the pack's where it names the item, else the checklist's. */
  readonly ratio: string | null;
  readonly frequency: string | null;
  readonly method: string | null;
  readonly category: string | null;
  readonly updatedAt: Date;
}

/** The jurisdiction's checklist in force (active items), by code. */
export async function checklistNotice(c: NoticeContext, j: NoticeJurisdiction): Promise<ChecklistNoticeItem[]> {
  const rows = await c.prisma.checklistItem.findMany({ where: { jurisdictionId: j.id, active: true }, orderBy: { code: 'asc' }, include: { parent: { select: { name: true } } } });
  return rows.map((r) => {
    const values = j.rules
      ? itemValues({ code: r.code, name: r.name, inspectionObject: r.inspectionObject, ratioText: r.ratioText, ratioPercent: r.ratioPercent === null ? null : Number(r.ratioPercent), frequencyText: r.frequencyText, frequencyPeriod: r.frequencyPeriod as ItemPeriod | null }, j.rules)
      : { ratioText: r.ratioText, frequencyText: r.frequencyText };
    return {
      code: r.code, name: r.name, parentName: r.parent?.name ?? null, legalBasis: r.legalBasis, subject: r.subject ?? r.department,
      inspectionObject: r.inspectionObject ?? (r.sectors.length ? r.sectors.map((s) => j.vocabulary.labelOf(s)).join('、') : null),
      ratio: values.ratioText, frequency: values.frequencyText, method: r.method, category: r.category, updatedAt: r.updatedAt,
    };
  });
}

// ─── 抽查计划公告 ───────────────────────────────────────────────────────────

export interface PlanNotice {
  readonly id: string;
  /** 计划编号 and 文号: the platform holds neither (left empty). */
  readonly number: null;
  readonly documentNumber: null;
  readonly year: number;
  readonly title: string;
  /** 定向, 不定向, or 定向与不定向 from the plan's public tasks; null while it has none. */
  readonly directed: string | null;
  /** The span of its public tasks' windows; null while it has none. */
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  /** 责任单位: the jurisdiction's 检查实施机关. */
  readonly responsibleUnit: string;
  /** 抽查范围: the sectors of its directed tasks, or the whole directory. */
  readonly scope: string | null;
  /** 抽查比例: the pack's share of supervised entities drawn a year, with its clause. */
  readonly ratio: string | null;
  readonly doubleRandomCount: number;
  readonly otherCount: number;
  readonly publishedOn: string;
  readonly publishedAt: Date;
  readonly tasks: readonly { readonly number: string | null; readonly title: string }[];
  readonly amendments: readonly { readonly seq: number; readonly on: string; readonly reason: string }[];
}

const directedOf = (tasks: readonly { sectors: readonly string[] }[]) => {
  if (tasks.length === 0) return null;
  const directed = tasks.filter((t) => t.sectors.length > 0).length;
  return directed === 0 ? '不定向' : directed === tasks.length ? '定向' : '定向与不定向';
};

const WHOLE_DIRECTORY = '本辖区市场主体名录库内全部检查对象';

function scopeOf(j: NoticeJurisdiction, sectors: readonly string[]): string {
  return sectors.length ? [...new Set(sectors)].map((s) => j.vocabulary.labelOf(s)).join('、') : WHOLE_DIRECTORY;
}

/** Published plans (年度监督检查计划), newest year first. */
export async function planNotices(c: NoticeContext, j: NoticeJurisdiction): Promise<PlanNotice[]> {
  const plans = await c.prisma.inspectionPlan.findMany({
    where: { jurisdictionId: j.id, status: 'PUBLISHED' },
    orderBy: { year: 'desc' },
    include: {
      tasks: { where: PUBLISHED_TASKS, select: { title: true, sectors: true, windowStart: true, windowEnd: true, ...NOTICE_FIELDS }, orderBy: [{ noticeYear: 'asc' }, { noticeSeq: 'asc' }] },
      amendments: { select: { seq: true, amendedAt: true, reason: true }, orderBy: { seq: 'asc' } },
    },
  });
  const share = j.rules?.shares?.entitiesDrawnMin;
  return plans.map((p) => {
    const starts = p.tasks.map((t) => toIsoDate(t.windowStart)).sort();
    const ends = p.tasks.map((t) => toIsoDate(t.windowEnd)).sort();
    return {
      id: p.id, number: null, documentNumber: null, year: p.year, title: p.title, directed: directedOf(p.tasks),
      periodStart: starts[0] ?? null, periodEnd: ends.at(-1) ?? null, responsibleUnit: j.authority,
      scope: p.tasks.length ? scopeOf(j, p.tasks.flatMap((t) => t.sectors)) : null,
      ratio: share ? `抽查比例不低于监管对象的${share.percent}%（${share.cite.clause}）` : null,
      doubleRandomCount: p.doubleRandomCount, otherCount: p.otherCount, publishedOn: chinaDate(p.publishedAt!), publishedAt: p.publishedAt!,
      tasks: p.tasks.map((t) => ({ number: taskNoticeNumber(t), title: t.title })),
      amendments: p.amendments.map((a) => ({ seq: a.seq, on: chinaDate(a.amendedAt), reason: a.reason })),
    };
  });
}

// ─── 抽查任务公告 ───────────────────────────────────────────────────────────

export interface TaskNoticePick {
  readonly order: number;
  readonly name: string;
  readonly uscc: string;
  /** The items drawn for it, by name. */
  readonly items: readonly string[];
  readonly team: readonly string[];
}

export interface TaskNotice {
  readonly taskId: string;
  readonly drawId: string | null;
  readonly number: string;
  readonly resultNumber: string;
  readonly title: string;
  readonly plan: { readonly year: number; readonly title: string } | null;
  readonly directed: boolean;
  readonly covert: boolean;
  readonly special: boolean;
  readonly joint: boolean;
  readonly departments: readonly string[];
  /** 定向 / 不定向, 联合（departments）, 专项, 暗查暗访: how the notice states the type. */
  readonly typeText: string;
  /** 检查事项 by name: the task's items, else the whole checklist. */
  readonly items: readonly string[];
  readonly scope: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly inspectionDate: string;
  readonly authority: string;
  readonly objectCount: number;
  readonly publishedOn: string;
  readonly status: string;
  readonly picks: readonly TaskNoticePick[];
}

const TASK_SELECT = {
  id: true, title: true, sectors: true, covert: true, joint: true, jointDepartments: true, special: true, windowStart: true, windowEnd: true, inspectionDate: true,
  checklistCodes: true, status: true, size: true, ...NOTICE_FIELDS, plan: { select: { year: true, title: true, status: true } }, draw: { select: { id: true, status: true } },
} satisfies Prisma.InspectionTaskSelect;
type TaskRow = Prisma.InspectionTaskGetPayload<{ select: typeof TASK_SELECT }>;

export function typeText(t: { sectors: readonly string[]; joint: boolean; jointDepartments: readonly string[]; special: boolean; covert: boolean }): string {
  return [
    t.sectors.length ? '定向' : '不定向',
    t.joint ? `联合检查（${t.jointDepartments.join('、')}）` : null,
    t.special ? '专项检查' : null,
    t.covert ? '暗查暗访' : null,
  ].filter(Boolean).join('、');
}

/** Names of checklist codes of the jurisdiction (an unknown code stays as it is). */
async function itemNames(c: NoticeContext, jurisdictionId: string, codes: readonly string[]): Promise<Map<string, string>> {
  const rows = codes.length ? await c.prisma.checklistItem.findMany({ where: { jurisdictionId, code: { in: [...new Set(codes)] } }, select: { code: true, name: true } }) : [];
  return new Map(rows.map((r) => [r.code, r.name]));
}

async function taskNoticesOf(c: NoticeContext, j: NoticeJurisdiction, rows: readonly TaskRow[]): Promise<TaskNotice[]> {
  const drawn = rows.filter((t) => t.draw?.status === 'DRAWN');
  const picks = await picksOfDraws(c.prisma, drawn.map((t) => t.draw!.id), (id) => ({ id, name: '（名录中无此人）', unit: '', kind: 'INSPECTOR', homeCode: '', homeName: '' }));
  const picksOf = new Map(drawn.map((t, i) => [t.id, picks[i]!]));
  const allCodes = [...rows.flatMap((t) => t.checklistCodes), ...picks.flat().flatMap((p) => p.items)];
  const names = await itemNames(c, j.id, allCodes);
  const name = (code: string) => names.get(code) ?? code;
  return rows.map((t) => {
    const own = picksOf.get(t.id) ?? [];
    const taskItems = t.checklistCodes.length ? t.checklistCodes.map(name) : [...new Set(own.flatMap((p) => p.items))].map(name);
    return {
      taskId: t.id, drawId: t.draw?.id ?? null, number: taskNoticeNumber(t)!, resultNumber: resultNoticeNumber(t)!, title: t.title,
      plan: t.plan && t.plan.status === 'PUBLISHED' ? { year: t.plan.year, title: t.plan.title } : null,
      directed: t.sectors.length > 0, covert: t.covert, special: t.special, joint: t.joint, departments: t.jointDepartments, typeText: typeText(t),
      items: taskItems.length ? taskItems : ['本辖区抽查事项清单所列事项'], scope: scopeOf(j, t.sectors),
      windowStart: toIsoDate(t.windowStart), windowEnd: toIsoDate(t.windowEnd), inspectionDate: toIsoDate(t.inspectionDate), authority: t.noticeAuthority!,
      objectCount: own.length || t.size, publishedOn: toIsoDate(t.numberedOn!), status: t.status,
      picks: own.map((p) => ({
        order: p.order, name: p.enterpriseName || p.uscc, uscc: p.uscc, items: p.items.map(name),
        team: [`${p.team.leader.name}（组长）`, ...p.team.members.filter((m) => m.id !== p.team.leader.id).map((m) => m.name), ...p.team.experts.map((e) => `${e.name}（专家）`)],
      })),
    };
  });
}

const PUBLIC_NUMBERED: Prisma.InspectionTaskWhereInput = { AND: [PUBLISHED_TASKS, { noticeSeq: { not: null } }] };

/** Each public task's notice, newest number first. */
export async function taskNotices(c: NoticeContext, j: NoticeJurisdiction, take = 200): Promise<TaskNotice[]> {
  const rows = await c.prisma.inspectionTask.findMany({ where: { AND: [PUBLIC_NUMBERED, { jurisdictionId: j.id }] }, select: TASK_SELECT, orderBy: [{ noticeYear: 'desc' }, { noticeSeq: 'desc' }], take });
  return taskNoticesOf(c, j, rows);
}

/** One public task's notice; undefined when the task is not public (a covert one before it closes). */
export async function taskNotice(c: NoticeContext, j: NoticeJurisdiction, taskId: string): Promise<TaskNotice | undefined> {
  const rows = await c.prisma.inspectionTask.findMany({ where: { AND: [PUBLIC_NUMBERED, { jurisdictionId: j.id, id: taskId }] }, select: TASK_SELECT });
  return (await taskNoticesOf(c, j, rows))[0];
}

// ─── 抽查结果公告 ───────────────────────────────────────────────────────────

export const OUTCOME_LABELS: Readonly<Record<ItemFinding['outcome'], string>> = { COMPLIANT: '符合', NONCOMPLIANT: '不符合', NOT_APPLICABLE: '不涉及' };

export interface ResultNoticeEntry {
  readonly resultId: string;
  readonly order: number;
  readonly name: string;
  readonly uscc: string;
  readonly version: number;
  readonly inspectedOn: string;
  readonly category: string;
  readonly categoryLabel: string;
  readonly items: readonly { readonly name: string; readonly outcome: string; readonly note: string | null }[];
  readonly hazards: readonly HazardFinding[];
  readonly handling: Handling;
  readonly summary: string;
  readonly correctionReason: string | null;
  readonly publishedAt: Date;
}

export interface ResultNotice {
  readonly taskId: string;
  readonly number: string;
  readonly taskNumber: string;
  readonly title: string;
  readonly authority: string;
  readonly typeText: string;
  /** 第几版: 1 with the original results; each published correction makes the next. */
  readonly version: number;
  /** Every version: when it was published, and for a correction whose result and why. */
  readonly versions: readonly { readonly version: number; readonly publishedAt: Date; readonly enterprise: string | null; readonly reason: string | null }[];
  /** The results as they stand in the version shown, by pick order. */
  readonly entries: readonly ResultNoticeEntry[];
  readonly firstPublishedAt: Date;
}

/** Per public task with published results, its result notice as of `version` (default: the latest). */
async function resultNoticesOf(c: NoticeContext, j: NoticeJurisdiction, tasks: readonly TaskRow[], version?: number): Promise<ResultNotice[]> {
  if (tasks.length === 0) return [];
  const results = await c.prisma.inspectionResult.findMany({
    where: { taskId: { in: tasks.map((t) => t.id) }, status: 'PUBLISHED' },
    select: { id: true, taskId: true, drawId: true, pickOrder: true, uscc: true, enterpriseName: true, version: true, category: true, inspectedOn: true, items: true, hazards: true, handling: true, summary: true, correctionReason: true, publishedAt: true },
    orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
  });
  const names = await itemNames(c, j.id, results.flatMap((r) => (r.items as unknown as ItemFinding[]).map((i) => i.code)));
  const out: ResultNotice[] = [];
  for (const t of tasks) {
    const own = results.filter((r) => r.taskId === t.id);
    if (own.length === 0) continue;
    const corrections = own.filter((r) => r.version > 1);
    const latest = corrections.length + 1;
    const shown = version === undefined ? latest : Math.min(Math.max(1, version), latest);
    // Version k holds the originals and the first k-1 corrections, in the order they were published.
    const included = new Set([...own.filter((r) => r.version === 1), ...corrections.slice(0, shown - 1)].map((r) => r.id));
    const current = new Map<string, (typeof own)[number]>();
    for (const r of own) if (included.has(r.id) && (current.get(r.uscc)?.version ?? 0) < r.version) current.set(r.uscc, r);
    const entries = await Promise.all(
      [...current.values()].sort((a, b) => a.pickOrder - b.pickOrder).map(async (r) => ({
        resultId: r.id, order: r.pickOrder, name: r.enterpriseName, uscc: r.uscc, version: r.version, inspectedOn: toIsoDate(r.inspectedOn), category: r.category,
        categoryLabel: await categoryLabel(c.prisma, r.drawId, r.category),
        items: (r.items as unknown as ItemFinding[]).map((i) => ({ name: names.get(i.code) ?? i.code, outcome: OUTCOME_LABELS[i.outcome] ?? i.outcome, note: i.note ?? null })),
        hazards: r.hazards as unknown as HazardFinding[], handling: r.handling as unknown as Handling, summary: r.summary, correctionReason: r.correctionReason, publishedAt: r.publishedAt!,
      })),
    );
    const originals = own.filter((r) => r.version === 1);
    out.push({
      taskId: t.id, number: resultNoticeNumber(t)!, taskNumber: taskNoticeNumber(t)!, title: t.title, authority: t.noticeAuthority!, typeText: typeText(t), version: shown,
      versions: [
        { version: 1, publishedAt: originals.at(-1)?.publishedAt ?? own[0]!.publishedAt!, enterprise: null, reason: null },
        ...corrections.map((r, i) => ({ version: i + 2, publishedAt: r.publishedAt!, enterprise: r.enterpriseName, reason: r.correctionReason })),
      ],
      entries, firstPublishedAt: own[0]!.publishedAt!,
    });
  }
  return out;
}

/** Result notices of the jurisdiction's public tasks, newest number first. */
export async function resultNotices(c: NoticeContext, j: NoticeJurisdiction, take = 200): Promise<ResultNotice[]> {
  const tasks = await c.prisma.inspectionTask.findMany({ where: { AND: [PUBLIC_NUMBERED, { jurisdictionId: j.id }, { results: { some: { status: 'PUBLISHED' } } }] }, select: TASK_SELECT, orderBy: [{ noticeYear: 'desc' }, { noticeSeq: 'desc' }], take });
  return resultNoticesOf(c, j, tasks);
}

/** One task's result notice, as of a version (default: the latest). */
export async function resultNotice(c: NoticeContext, j: NoticeJurisdiction, taskId: string, version?: number): Promise<ResultNotice | undefined> {
  const tasks = await c.prisma.inspectionTask.findMany({ where: { AND: [PUBLIC_NUMBERED, { jurisdictionId: j.id, id: taskId }] }, select: TASK_SELECT });
  return (await resultNoticesOf(c, j, tasks, version))[0];
}

import { createGraphQLError } from 'graphql-yoga';
import type {
  ComplianceFigure, CompliancePeriod, ComplianceReport, ComplianceRow, ComplianceSubject, ComplianceWarning, CoverageSeries, InspectorLoad, SuggestedTask,
} from '../../core/compliance/types.ts';
import { complianceOf, type ComplianceProblem } from '../compliance/compliance-of.ts';
import { subordinateCompliance, type SubordinateCompliance, type SubordinateRow } from '../compliance/subordinate-compliance.ts';
import { canRead } from '../auth/viewer.ts';
import { builder } from './builder.ts';
import { JurisdictionLevelEnum } from './enums.ts';
import { CitationRef } from './rule-pack.ts';

const STATUS_LABELS = { MET: '已达成', ON_TRACK: '按进度', AT_RISK: '有风险', MISSED: '未达成', NOT_MEASURABLE: '无法计量' } as const;

export const ObligationStatusEnum = builder.enumType('ObligationStatus', {
  description: '已达成 met · 按进度 on track · 有风险 at risk · 未达成 missed · 无法计量 the platform cannot measure it (docs/compliance.md)',
  values: ['MET', 'ON_TRACK', 'AT_RISK', 'MISSED', 'NOT_MEASURABLE'] as const,
});

export const ObligationKindEnum = builder.enumType('ObligationKind', {
  description: 'Which rule of the pack the obligation comes from (docs/compliance.md)',
  values: ['ENTITIES_DRAWN_SHARE', 'ROUNDS', 'DOUBLE_RANDOM_SHARE', 'FREQUENCY', 'CAP', 'JOINT', 'CHECKLIST_COVERAGE', 'CHECKLIST_ITEM', 'DEADLINE', 'SPECIALISTS', 'RECUSAL', 'INSPECTOR_DIRECTORY', 'OTHER'] as const,
});

const FigureUnitEnum = builder.enumType('ComplianceUnit', { values: ['PERCENT', 'COUNT', 'ROUNDS', 'DAYS'] as const });
const SubjectKindEnum = builder.enumType('ComplianceSubjectKind', { values: ['ENTERPRISE', 'TASK', 'INSPECTOR', 'RESULT'] as const });

const globalTaskId = (id: string) => Buffer.from(`Task:${id}`).toString('base64');

const PeriodRef = builder.objectRef<CompliancePeriod>('CompliancePeriod').implement({
  description: 'A civil period in Beijing time, both days included',
  fields: (t) => ({ from: t.field({ type: 'Date', resolve: (p) => p.from }), to: t.field({ type: 'Date', resolve: (p) => p.to }), label: t.exposeString('label', { description: '2026年, 2026年上半年 …' }) }),
});

const FigureRef = builder.objectRef<ComplianceFigure>('ComplianceFigure').implement({
  description: 'A target or what has been achieved: a value, of how many, and the text a clerk reads',
  fields: (t) => ({
    value: t.exposeFloat('value', { description: 'A percent (two decimals, rounded down) for PERCENT, else a count' }),
    of: t.exposeInt('of', { nullable: true, description: 'Of how many, where a share is measured' }),
    unit: t.field({ type: FigureUnitEnum, resolve: (f) => f.unit }),
    text: t.exposeString('text', { description: '“103家／2030家（5.07%）”' }),
    count: t.int({ nullable: true, description: 'The count behind a percent (103 behind 5.07%)', resolve: (f) => f.count ?? null }),
  }),
});

const SubjectRef = builder.objectRef<ComplianceSubject>('ComplianceSubject').implement({
  description: 'An enterprise, task, inspector or result behind a row (enterprise names and USCCs are public; no personal data)',
  fields: (t) => ({
    kind: t.field({ type: SubjectKindEnum, resolve: (s) => s.kind }),
    uscc: t.string({ nullable: true, resolve: (s) => (s.kind === 'ENTERPRISE' || s.kind === 'RESULT' ? s.uscc : null) }),
    name: t.string({ nullable: true, description: "The enterprise's or inspector's name", resolve: (s) => (s.kind === 'TASK' ? null : s.name) }),
    taskId: t.id({ nullable: true, description: 'The task (its global ID, as Query.node takes it)', resolve: (s) => (s.kind === 'TASK' ? globalTaskId(s.taskId) : null) }),
    title: t.string({ nullable: true, description: "The task's title", resolve: (s) => (s.kind === 'TASK' ? s.title : null) }),
    inspectorId: t.string({ nullable: true, resolve: (s) => (s.kind === 'INSPECTOR' ? s.inspectorId : null) }),
    resultId: t.string({ nullable: true, resolve: (s) => (s.kind === 'RESULT' ? s.resultId : null) }),
    note: t.exposeString('note', { description: 'Why it is listed, in Chinese: 尚未检查, 超过2次, 逾期4日 …' }),
  }),
});


const RowRef = builder.objectRef<ComplianceRow>('ComplianceRow').implement({
  description: 'One obligation of the pack in force: its clause, target, what has been achieved, its status and what is behind it',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Stable within a pack version: entities-drawn, frequency:keyHighDanger:half-year:1, deadline:publication …' }),
    kind: t.field({ type: ObligationKindEnum, resolve: (r) => r.kind }),
    label: t.exposeString('label', { description: 'The obligation in Chinese' }),
    cite: t.field({ type: CitationRef, nullable: true, resolve: (r) => r.cite }),
    period: t.field({ type: PeriodRef, resolve: (r) => r.period }),
    target: t.field({ type: FigureRef, nullable: true, resolve: (r) => r.target }),
    achieved: t.field({ type: FigureRef, nullable: true, resolve: (r) => r.achieved }),
    status: t.field({ type: ObligationStatusEnum, resolve: (r) => r.status }),
    statusLabel: t.string({ description: '已达成, 按进度, 有风险, 未达成, 无法计量', resolve: (r) => STATUS_LABELS[r.status] }),
    explanation: t.exposeString('explanation', { description: 'Why this status; for NOT_MEASURABLE why the platform cannot measure it' }),
    subjects: t.field({ type: [SubjectRef], description: 'The first of them (at most 200)', resolve: (r) => [...r.subjects] }),
    subjectsTotal: t.exposeInt('subjectsTotal'),
  }),
});

export const SuggestedTaskRef = builder.objectRef<SuggestedTask>('SuggestedTask').implement({
  description: 'A task that would close the gap: e.g. a directed task over the key units not yet drawn',
  fields: (t) => ({
    title: t.exposeString('title'),
    directed: t.exposeBoolean('directed', { description: '定向抽查: drawn from `usccs` only' }),
    joint: t.boolean({ description: '联合抽查 with other departments', resolve: (s) => s.joint ?? false }),
    sectors: t.exposeStringList('sectors'),
    usccs: t.exposeStringList('usccs'),
    size: t.exposeInt('size'),
  }),
});

export const ComplianceWarningRef = builder.objectRef<ComplianceWarning>('ComplianceWarning').implement({
  description: '预警: what is still due before the half-year or the year ends',
  fields: (t) => ({
    obligationId: t.exposeString('obligationId'),
    dueBy: t.field({ type: 'Date', resolve: (w) => w.dueBy }),
    daysLeft: t.exposeInt('daysLeft'),
    message: t.exposeString('message'),
    suggestedTask: t.field({ type: SuggestedTaskRef, nullable: true, resolve: (w) => w.suggestedTask }),
  }),
});

const CoverageRef = builder.objectRef<CoverageSeries>('CoverageSeries').implement({
  description: "A group's coverage through the year: units inspected so far at the end of each month",
  fields: (t) => ({
    group: t.exposeString('group'),
    label: t.exposeString('label'),
    due: t.exposeInt('due'),
    inspectedByMonth: t.exposeIntList('inspectedByMonth', { description: '12 cumulative counts, January to December' }),
  }),
});

const LoadRef = builder.objectRef<InspectorLoad>('InspectorLoad').implement({
  description: "An inspector's draws and inspections done this year (names only: no ID numbers or phones)",
  fields: (t) => ({ inspectorId: t.exposeString('inspectorId'), name: t.exposeString('name'), draws: t.exposeInt('draws'), inspections: t.exposeInt('inspections') }),
});

const TotalsRef = builder.objectRef<ComplianceReport['totals']>('ComplianceTotals').implement({
  fields: (t) => ({
    supervised: t.exposeInt('supervised', { description: 'Enterprises in the directory on at least one day of the year' }),
    distinctDrawn: t.exposeInt('distinctDrawn', { description: 'Distinct enterprises drawn' }),
    draws: t.exposeInt('draws', { description: 'Picks: an enterprise drawn twice counts twice' }),
    inspectionsDone: t.exposeInt('inspectionsDone', { description: 'Double-random inspections with a result recorded' }),
    otherInspections: t.exposeInt('otherInspections'),
    tasks: t.exposeInt('tasks'),
    cancelledTasks: t.exposeInt('cancelledTasks'),
  }),
});

const PackRef = builder.objectRef<NonNullable<ComplianceReport['pack']>>('CompliancePack').implement({
  fields: (t) => ({ id: t.exposeString('id'), version: t.exposeString('version'), name: t.exposeString('name') }),
});

const JurisdictionSummaryRef = builder.objectRef<ComplianceReport['jurisdiction']>('ComplianceJurisdiction').implement({
  fields: (t) => ({ code: t.exposeString('code'), name: t.exposeString('name'), level: t.field({ type: JurisdictionLevelEnum, resolve: (j) => j.level }) }),
});

export const ComplianceRef = builder.objectRef<ComplianceReport>('Compliance').implement({
  description: '年度合规: the year measured against the pack in force (docs/compliance.md)',
  fields: (t) => ({
    jurisdiction: t.field({ type: JurisdictionSummaryRef, resolve: (r) => r.jurisdiction }),
    year: t.exposeInt('year'),
    asOf: t.field({ type: 'Date', description: 'Counted up to this day (Beijing time)', resolve: (r) => r.asOf }),
    pack: t.field({ type: PackRef, nullable: true, resolve: (r) => r.pack }),
    rows: t.field({ type: [RowRef], resolve: (r) => [...r.rows] }),
    warnings: t.field({ type: [ComplianceWarningRef], resolve: (r) => [...r.warnings] }),
    coverage: t.field({ type: [CoverageRef], resolve: (r) => [...r.coverage] }),
    inspectorLoad: t.field({ type: [LoadRef], resolve: (r) => [...r.inspectorLoad] }),
    totals: t.field({ type: TotalsRef, resolve: (r) => r.totals }),
  }),
});

const SubordinateRowRef = builder.objectRef<SubordinateRow>('SubordinateObligation').implement({
  description: "One obligation of a subordinate's year: status and figures, without the entities behind it",
  fields: (t) => ({
    id: t.exposeString('id'),
    kind: t.field({ type: ObligationKindEnum, resolve: (r) => r.kind }),
    label: t.exposeString('label'),
    cite: t.field({ type: CitationRef, nullable: true, resolve: (r) => r.cite }),
    period: t.field({ type: PeriodRef, resolve: (r) => r.period }),
    target: t.field({ type: FigureRef, nullable: true, resolve: (r) => r.target }),
    achieved: t.field({ type: FigureRef, nullable: true, resolve: (r) => r.achieved }),
    status: t.field({ type: ObligationStatusEnum, resolve: (r) => r.status }),
    statusLabel: t.string({ resolve: (r) => STATUS_LABELS[r.status] }),
    subjectsTotal: t.exposeInt('subjectsTotal', { description: 'How many entities or tasks are behind it (listed only to the subordinate itself)' }),
  }),
});

const SubordinateRef = builder.objectRef<SubordinateCompliance>('SubordinateCompliance').implement({
  description: "A subordinate jurisdiction's compliance, side by side with its siblings (上级查看下级)",
  fields: (t) => ({
    jurisdiction: t.field({ type: JurisdictionSummaryRef, resolve: (s) => s.jurisdiction }),
    pack: t.field({ type: PackRef, nullable: true, resolve: (s) => s.pack }),
    asOf: t.field({ type: 'Date', resolve: (s) => s.asOf }),
    rows: t.field({ type: [SubordinateRowRef], resolve: (s) => [...s.rows] }),
    totals: t.field({ type: TotalsRef, resolve: (s) => s.totals }),
    warnings: t.int({ description: 'How many warnings it has', resolve: (s) => s.warnings }),
  }),
});

/** A refusal as a GraphQL error with its code and field (the message in Chinese). */
function refuse(e: ComplianceProblem): never {
  throw createGraphQLError(e.message, { extensions: { code: e.code, field: e.field } });
}

builder.prismaObjectFields('Jurisdiction', (t) => ({
  compliance: t.field({
    type: ComplianceRef,
    nullable: true,
    description: "年度合规: one row per obligation of the pack in force (members of the jurisdiction and of the levels above it; null for anyone else). A bad year or asOf is an error with code BAD_YEAR or BAD_DATE",
    select: { code: true },
    args: { year: t.arg.int({ required: true }), asOf: t.arg({ type: 'Date', required: false, description: 'Counted up to this day (default today, Beijing time, or the last day of a past year)' }) },
    resolve: async (j, args, ctx) => {
      const result = await complianceOf(ctx.services, ctx.viewer, j.code, args.year, args.asOf ?? null);
      if (result.ok) return result.value;
      if (result.error.code === 'FORBIDDEN') return null;
      return refuse(result.error);
    },
  }),
  subordinateCompliance: t.field({
    type: [SubordinateRef],
    description: "The jurisdictions directly below, each with its obligations' statuses and figures (members of this jurisdiction and the platform operator; empty for anyone else)",
    select: { code: true },
    args: { year: t.arg.int({ required: true }), asOf: t.arg({ type: 'Date', required: false }) },
    resolve: async (j, args, ctx) => {
      const result = await subordinateCompliance(ctx.services, ctx.viewer, j.code, args.year, args.asOf ?? null);
      if (result.ok) return [...result.value];
      if (result.error.code === 'FORBIDDEN') return [];
      return refuse(result.error);
    },
  }),
}));

builder.subscriptionFields((t) => ({
  complianceWarnings: t.field({
    type: [ComplianceWarningRef],
    description: "预警 of a jurisdiction's year: what is still due before the half-year or the year ends, now and again whenever a draw, a result or a task of it changes (members and upper levels)",
    args: { jurisdiction: t.arg.string({ required: true }) },
    subscribe: async (_root, args, ctx) => {
      const j = await ctx.db.prisma.jurisdiction.findUnique({ where: { code: args.jurisdiction }, select: { id: true, name: true } });
      if (!j) throw createGraphQLError(`没有行政区划代码为 ${args.jurisdiction} 的辖区`, { extensions: { code: 'NOT_FOUND', field: 'jurisdiction' } });
      if (!canRead(ctx.viewer, j.id)) throw createGraphQLError(`合规预警仅供${j.name}及其上级辖区的成员订阅`, { extensions: { code: 'FORBIDDEN', field: 'jurisdiction' } });
      return ctx.complianceWarnings.watch(j.id);
    },
    resolve: (list) => {
      if (list instanceof Error) throw list;
      return [...list];
    },
  }),
}));

import type { PlanFieldChange } from '../../core/tasks/plan-fields.ts';
import { checkPlan } from '../../core/tasks/check-plan.ts';
import { render } from '../../core/rules/messages.ts';
import { isMemberOf } from '../auth/viewer.ts';
import { visiblePlans, visibleTasks } from '../auth/visibility.ts';
import { amendPlan } from '../tasks/plan-amendment.ts';
import { createPlan, publishPlan, updatePlan, withdrawPlan } from '../tasks/plans.ts';
import { activeRules } from '../tasks/active-rules.ts';
import { builder } from './builder.ts';
import { PlanStatusEnum } from './enums.ts';
import { TASK_ERRORS, unwrap } from './errors.ts';

const PlanCheckRef = builder.objectRef<{ sharePercent: number; shareOk: boolean; dueDate: string | null; problems: string[]; drawnInspections: number; otherInspections: number; scheduledInspections: number; cancelledTasks: number; jointTasks: number; jointRequired: number | null }>('PlanProgress').implement({
  description: "Progress against the plan and the pack's requirements",
  fields: (t) => ({
    sharePercent: t.exposeFloat('sharePercent', { description: 'Planned double-random share of all inspections, %' }),
    shareOk: t.exposeBoolean('shareOk'),
    dueDate: t.string({ nullable: true, description: 'Last day to publish the plan, from the pack', resolve: (p) => p.dueDate }),
    problems: t.exposeStringList('problems', { description: 'What the pack refuses, with the clause' }),
    drawnInspections: t.exposeInt('drawnInspections', { description: 'Enterprises drawn so far in tasks of this plan' }),
    otherInspections: t.exposeInt('otherInspections', { description: 'Inspections outside double random recorded this year' }),
    scheduledInspections: t.exposeInt('scheduledInspections', { description: 'Enterprises to draw in the tasks of this plan, cancelled tasks left out' }),
    cancelledTasks: t.exposeInt('cancelledTasks', { description: 'Tasks of this plan cancelled (已取消); they count nowhere else in the progress' }),
    jointTasks: t.exposeInt('jointTasks', { description: 'Joint tasks of this plan locked or further, cancelled ones left out' }),
    jointRequired: t.int({ nullable: true, description: 'Joint inspections a year the pack asks for', resolve: (p) => p.jointRequired }),
  }),
});

export const PlanRef = builder.prismaNode('InspectionPlan', {
  name: 'Plan',
  id: { field: 'id' },
  // Not visible to this viewer reads as not there (null), without an error in the log.
  nullable: true,
  description: '年度监督检查计划: the annual inspection plan of a jurisdiction',
  findUnique: (id, ctx) => ({ id, AND: [visiblePlans(ctx.viewer)] }),
  fields: (t) => ({
    year: t.exposeInt('year'),
    title: t.exposeString('title'),
    doubleRandomCount: t.exposeInt('doubleRandomCount'),
    otherCount: t.exposeInt('otherCount'),
    status: t.expose('status', { type: PlanStatusEnum }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    withdrawnAt: t.expose('withdrawnAt', { type: 'DateTime', nullable: true, description: '撤回时间: a withdrawn draft no longer stands for its year' }),
    withdrawalReason: t.exposeString('withdrawalReason', { nullable: true, description: '撤回理由' }),
    amendments: t.relation('amendments', { description: '计划调整: the amendments of the published plan, oldest first', query: { orderBy: { seq: 'asc' } } }),
    jurisdiction: t.relation('jurisdiction'),
    tasks: t.relation('tasks', { query: (_args, ctx) => ({ where: visibleTasks(ctx.viewer), orderBy: { inspectionDate: 'asc' } }) }),
    progress: t.field({
      type: PlanCheckRef,
      select: { id: true, jurisdictionId: true, year: true, doubleRandomCount: true, otherCount: true },
      resolve: async (plan, _args, ctx) => {
        const rules = (await activeRules(ctx.services, plan.jurisdictionId)) ?? {};
        const check = checkPlan(rules, plan);
        const from = new Date(Date.UTC(plan.year, 0, 1));
        const to = new Date(Date.UTC(plan.year + 1, 0, 1));
        const [drawn, others, joint, scheduled, cancelled] = await Promise.all([
          ctx.db.prisma.drawPick.count({ where: { draw: { task: { planId: plan.id, status: { not: 'CANCELLED' } } } } }),
          ctx.db.prisma.otherInspection.count({ where: { jurisdictionId: plan.jurisdictionId, inspectedOn: { gte: from, lt: to } } }),
          ctx.db.prisma.inspectionTask.count({ where: { planId: plan.id, joint: true, status: { notIn: ['DRAFT', 'CANCELLED'] } } }),
          ctx.db.prisma.inspectionTask.aggregate({ where: { planId: plan.id, status: { not: 'CANCELLED' } }, _sum: { size: true } }),
          ctx.db.prisma.inspectionTask.count({ where: { planId: plan.id, status: 'CANCELLED' } }),
        ]);
        return {
          ...check,
          problems: check.problems.map((p) => `${render(p)}${p.cite ? ` (${p.cite.clause})` : ''}`),
          drawnInspections: drawn,
          otherInspections: others,
          scheduledInspections: scheduled._sum.size ?? 0,
          cancelledTasks: cancelled,
          jointTasks: joint,
          jointRequired: rules.planning?.jointInspectionsMin?.perYear ?? null,
        };
      },
    }),
  }),
});

const PlanFieldChangeRef = builder.objectRef<PlanFieldChange>('PlanFieldChange').implement({
  description: 'One field of a plan an amendment changed, with the values before and after (as text)',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'title, doubleRandomCount or otherCount' }),
    from: t.string({ resolve: (c) => String(c.from) }),
    to: t.string({ resolve: (c) => String(c.to) }),
  }),
});

builder.prismaObject('PlanAmendment', {
  description: '计划调整: a recorded change to a published plan; never edited',
  fields: (t) => ({
    seq: t.exposeInt('seq', { description: '1, 2, … in the order they were made' }),
    changes: t.field({ type: [PlanFieldChangeRef], resolve: (a) => a.changes as unknown as PlanFieldChange[] }),
    reason: t.exposeString('reason'),
    amendedAt: t.expose('amendedAt', { type: 'DateTime' }),
    amendedBy: t.string({ nullable: true, description: 'Who amended it (members of the jurisdiction; the audit trail has it too)', select: { jurisdictionId: true, amendedBy: true }, resolve: (a, _args, ctx) => (isMemberOf(ctx.viewer, a.jurisdictionId) ? a.amendedBy : null) }),
  }),
});

const PlanChangesRef = builder.inputType('PlanChanges', {
  description: 'Fields of a draft plan to change; absent ones stay',
  fields: (t) => ({
    year: t.int({ required: false }),
    title: t.string({ required: false }),
    doubleRandomCount: t.int({ required: false }),
    otherCount: t.int({ required: false }),
  }),
});

const PlanAmendmentInputRef = builder.inputType('PlanAmendmentChanges', {
  description: 'Fields of a published plan to amend; absent ones stay (the year is not amended: another year is another plan)',
  fields: (t) => ({
    title: t.string({ required: false }),
    doubleRandomCount: t.int({ required: false }),
    otherCount: t.int({ required: false }),
  }),
});

const dropNulls = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]?: NonNullable<T[K]> };

builder.prismaObjectField('Jurisdiction', 'plans', (t) =>
  t.relation('plans', { description: 'Annual plans, newest first (drafts only for members)', query: (_args, ctx) => ({ where: visiblePlans(ctx.viewer), orderBy: { year: 'desc' } }) }),
);

builder.mutationFields((t) => ({
  createPlan: t.prismaField({
    type: 'InspectionPlan',
    description: 'Creates the annual plan of a jurisdiction as a draft (admins and planners).',
    errors: { types: TASK_ERRORS, directResult: true },
    args: {
      jurisdiction: t.arg.string({ required: true }),
      year: t.arg.int({ required: true }),
      title: t.arg.string({ required: true }),
      doubleRandomCount: t.arg.int({ required: true, description: 'Planned double-random inspections' }),
      otherCount: t.arg.int({ required: true, description: 'Planned inspections of other kinds (卧龙 第二条)' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const plan = unwrap(await createPlan(ctx.services, ctx.viewer, { jurisdictionCode: args.jurisdiction, year: args.year, title: args.title, doubleRandomCount: args.doubleRandomCount, otherCount: args.otherCount }));
      return ctx.db.prisma.inspectionPlan.findUniqueOrThrow({ ...query, where: { id: plan.id } });
    },
  }),
  updatePlan: t.prismaField({
    type: 'InspectionPlan',
    description: 'Edits a draft plan (admins and planners): year, title, counts. A published plan is amended (amendPlan).',
    errors: { types: TASK_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: PlanRef }), changes: t.arg({ type: PlanChangesRef, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const plan = unwrap(await updatePlan(ctx.services, ctx.viewer, args.id.id, dropNulls(args.changes)));
      return ctx.db.prisma.inspectionPlan.findUniqueOrThrow({ ...query, where: { id: plan.id } });
    },
  }),
  withdrawPlan: t.prismaField({
    type: 'InspectionPlan',
    description: 'Withdraws a draft plan with a reason (admins and planners); another plan may then be created for its year. Refused while tasks of the plan are not cancelled.',
    errors: { types: TASK_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: PlanRef }), reason: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const plan = unwrap(await withdrawPlan(ctx.services, ctx.viewer, args.id.id, args.reason));
      return ctx.db.prisma.inspectionPlan.findUniqueOrThrow({ ...query, where: { id: plan.id } });
    },
  }),
  amendPlan: t.prismaField({
    type: 'InspectionPlan',
    description: "Amends a published plan (计划调整, admins and planners): the changes and the reason are recorded in Plan.amendments and on the audit trail; refused as publication is when the pack's share is not met.",
    errors: { types: TASK_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: PlanRef }), changes: t.arg({ type: PlanAmendmentInputRef, required: true }), reason: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const { plan } = unwrap(await amendPlan(ctx.services, ctx.viewer, args.id.id, dropNulls(args.changes), args.reason));
      return ctx.db.prisma.inspectionPlan.findUniqueOrThrow({ ...query, where: { id: plan.id } });
    },
  }),
  publishPlan: t.prismaField({
    type: 'InspectionPlan',
    description: "Publishes a plan; refused when the double-random share is below the pack's minimum.",
    errors: { types: TASK_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: PlanRef }) },
    resolve: async (query, _root, args, ctx) => {
      const plan = unwrap(await publishPlan(ctx.services, ctx.viewer, args.id.id));
      return ctx.db.prisma.inspectionPlan.findUniqueOrThrow({ ...query, where: { id: plan.id } });
    },
  }),
}));

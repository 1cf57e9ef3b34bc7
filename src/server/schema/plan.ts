import { checkPlan } from '../../core/tasks/check-plan.ts';
import { render } from '../../core/rules/messages.ts';
import { visiblePlans, visibleTasks } from '../auth/visibility.ts';
import { createPlan, publishPlan } from '../tasks/plans.ts';
import { activeRules } from '../tasks/active-rules.ts';
import { builder } from './builder.ts';
import { PlanStatusEnum } from './enums.ts';
import { TASK_ERRORS, unwrap } from './errors.ts';

const PlanCheckRef = builder.objectRef<{ sharePercent: number; shareOk: boolean; dueDate: string | null; problems: string[]; drawnInspections: number; otherInspections: number; jointTasks: number; jointRequired: number | null }>('PlanProgress').implement({
  description: "Progress against the plan and the pack's requirements",
  fields: (t) => ({
    sharePercent: t.exposeFloat('sharePercent', { description: 'Planned double-random share of all inspections, %' }),
    shareOk: t.exposeBoolean('shareOk'),
    dueDate: t.string({ nullable: true, description: 'Last day to publish the plan, from the pack', resolve: (p) => p.dueDate }),
    problems: t.exposeStringList('problems', { description: 'What the pack refuses, with the clause' }),
    drawnInspections: t.exposeInt('drawnInspections', { description: 'Enterprises drawn so far in tasks of this plan' }),
    otherInspections: t.exposeInt('otherInspections', { description: 'Inspections outside double random recorded this year' }),
    jointTasks: t.exposeInt('jointTasks'),
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
        const [drawn, others, joint] = await Promise.all([
          ctx.db.prisma.drawPick.count({ where: { draw: { task: { planId: plan.id } } } }),
          ctx.db.prisma.otherInspection.count({ where: { jurisdictionId: plan.jurisdictionId, inspectedOn: { gte: from, lt: to } } }),
          ctx.db.prisma.inspectionTask.count({ where: { planId: plan.id, joint: true, status: { not: 'DRAFT' } } }),
        ]);
        return {
          ...check,
          problems: check.problems.map((p) => `${render(p)}${p.cite ? ` (${p.cite.clause})` : ''}`),
          drawnInspections: drawn,
          otherInspections: others,
          jointTasks: joint,
          jointRequired: rules.planning?.jointInspectionsMin?.perYear ?? null,
        };
      },
    }),
  }),
});

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

import { createGraphQLError } from 'graphql-yoga';
import { chinaDate } from '../../core/calendar/china-date.ts';
import { canRead } from '../auth/viewer.ts';
import { jurisdictionDeadlines, type TaskDeadline } from '../results/deadlines.ts';
import { builder } from './builder.ts';
import { ForbiddenError } from './errors.ts';

const DeadlineStatusEnum = builder.enumType('TaskDeadlineStatus', {
  values: ['DONE', 'LATE', 'OVERDUE', 'DUE_SOON', 'OPEN', 'LAPSED'] as const,
  description: 'DONE in time, LATE (done after the due date), OVERDUE (not done, past due), DUE_SOON (within 3 working days), OPEN, LAPSED (the enterprise\'s own period ran out unanswered: its lateness, not the bureau\'s)',
});
const DeadlinePartyEnum = builder.enumType('TaskDeadlineParty', {
  values: { BUREAU: { description: '执法部门' }, ENTERPRISE: { description: '被检查对象 (its opinion, 顺城 第二十条)' } } as const,
});
const DeadlineKindEnum = builder.enumType('TaskDeadlineKind', {
  values: {
    ANNOUNCEMENT: { value: 'announcement', description: '检查前公告' },
    REPORT: { value: 'report', description: '检查报告' },
    FEEDBACK: { value: 'feedback', description: '书面反馈' },
    OPINION: { value: 'opinion', description: '被检查对象意见' },
    RESULT_ENTRY: { value: 'result-entry', description: '结果录入' },
    PUBLICATION: { value: 'publication', description: '结果公示' },
    OBJECTION_REVIEW: { value: 'objection-review', description: '异议复核' },
    OBJECTION_ANSWER: { value: 'objection-answer', description: '复核反馈' },
    MONTHLY_PUBLICATION: { value: 'monthly-publication', description: '月度公开' },
    FOLLOW_UP: { value: 'follow-up', description: '整改复查' },
  } as const,
});

const DeadlineRef = builder.objectRef<TaskDeadline>('TaskDeadline').implement({
  description: 'A deadline of a drawn task, counted on the working-day calendar, with the clause it comes from',
  fields: (t) => ({
    kind: t.field({ type: DeadlineKindEnum, resolve: (d) => d.kind }),
    status: t.field({ type: DeadlineStatusEnum, resolve: (d) => d.status }),
    party: t.field({ type: DeadlinePartyEnum, description: 'Whose period it is', resolve: (d) => d.party }),
    due: t.field({ type: 'Date', resolve: (d) => d.due }),
    provisional: t.boolean({ description: "Counted through a year whose holiday schedule is not yet official", resolve: (d) => d.provisional }),
    doneOn: t.field({ type: 'Date', nullable: true, resolve: (d) => d.doneOn }),
    fromEvent: t.string({ nullable: true, description: 'The event the period runs from (检查结束, 抽查任务结束 …)', resolve: (d) => d.from?.event ?? null }),
    fromDate: t.string({ nullable: true, resolve: (d) => d.from?.date ?? null }),
    subjectType: t.string({ description: 'task, result, objection or month', resolve: (d) => d.subject.type }),
    subjectId: t.string({ resolve: (d) => d.subject.id }),
    subject: t.string({ description: 'The task title or the enterprise name', resolve: (d) => d.subject.label }),
    taskId: t.id({ resolve: (d) => Buffer.from(`Task:${d.taskId}`).toString('base64') }),
    clause: t.string({ nullable: true, description: "The pack's clause; null for the platform's defaults", resolve: (d) => d.cite?.clause ?? null }),
    note: t.string({ nullable: true, description: 'A remark on the rule; a platform default (clause null) says 平台默认（各文件未规定）', resolve: (d) => d.note ?? d.cite?.note ?? null }),
  }),
});

builder.prismaObjectField('Jurisdiction', 'deadlines', (t) =>
  t.field({
    type: [DeadlineRef],
    description: "Deadlines of the jurisdiction's drawn tasks, soonest first (members of the jurisdiction and of the levels above it)",
    errors: { types: [ForbiddenError] },
    select: { id: true },
    args: { status: t.arg({ type: [DeadlineStatusEnum], required: false }), on: t.arg({ type: 'Date', required: false, description: 'As of this day (default today, China time)' }) },
    resolve: async (j, args, ctx) => {
      if (!canRead(ctx.viewer, j.id)) throw new ForbiddenError('期限仅供本辖区及其上级辖区的成员查看，需要其 API 令牌（deadlines are for members of the jurisdiction and of the levels above it）');
      const all = await jurisdictionDeadlines(ctx.services, j.id, args.on ?? chinaDate(new Date()));
      return args.status ? all.filter((d) => args.status!.includes(d.status)) : all;
    },
  }),
);

builder.subscriptionFields((t) => ({
  deadlineAlerts: t.field({
    type: [DeadlineRef],
    description: 'Overdue and soon-due deadlines of a jurisdiction: the list now, and again whenever a task, result or objection of it changes (members only)',
    args: { jurisdiction: t.arg.string({ required: true }) },
    subscribe: async (_root, args, ctx) => {
      const jurisdiction = await ctx.db.prisma.jurisdiction.findUnique({ where: { code: args.jurisdiction }, select: { id: true } });
      if (!jurisdiction) throw createGraphQLError(`No jurisdiction has code ${args.jurisdiction}`, { extensions: { code: 'NOT_FOUND' } });
      if (!canRead(ctx.viewer, jurisdiction.id)) throw createGraphQLError('期限提醒仅供本辖区及其上级辖区的成员订阅（deadline alerts are for members of the jurisdiction and of the levels above it）', { extensions: { code: 'FORBIDDEN' } });
      return ctx.deadlineAlerts.watch(jurisdiction.id);
    },
    resolve: (list) => {
      if (list instanceof Error) throw list;
      return [...list];
    },
  }),
}));

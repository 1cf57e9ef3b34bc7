import type { Prisma } from '@prisma/client';
import { visibleTasks } from '../auth/visibility.ts';
import { cancelTask } from '../tasks/cancel-task.ts';
import { advanceTask, createTask, updateTask } from '../tasks/tasks.ts';
import { builder } from './builder.ts';
import { NOTICE_FIELDS, resultNoticeNumber, taskNoticeNumber } from '../portal/notice-number.ts';
import { TaskStatusEnum, TaskStepEnum } from './enums.ts';
import { TASK_ERRORS, unwrap } from './errors.ts';
import { PlanRef } from './plan.ts';
import { pageCost } from '../limits/field-cost.ts';

export const TaskRef = builder.prismaNode('InspectionTask', {
  name: 'Task',
  id: { field: 'id' },
  select: { id: true },
  // Not visible to this viewer reads as not there (null), without an error in the log.
  nullable: true,
  description: '抽查任务: what to draw, when, and how far it has gone',
  findUnique: (id, ctx) => ({ id, AND: [visibleTasks(ctx.viewer)] }),
  fields: (t) => ({
    title: t.exposeString('title'),
    status: t.expose('status', { type: TaskStatusEnum }),
    directed: t.boolean({ description: '定向: limited to some sectors', select: { sectors: true }, resolve: (task) => task.sectors.length > 0 }),
    sectors: t.exposeStringList('sectors'),
    covert: t.exposeBoolean('covert', { description: '暗查暗访' }),
    joint: t.exposeBoolean('joint', { description: '联合检查' }),
    jointDepartments: t.exposeStringList('jointDepartments'),
    special: t.exposeBoolean('special', { description: '专项 (卧龙 第十五条)' }),
    windowStart: t.expose('windowStart', { type: 'Date' }),
    windowEnd: t.expose('windowEnd', { type: 'Date' }),
    inspectionDate: t.expose('inspectionDate', { type: 'Date' }),
    size: t.exposeInt('size', { description: 'Enterprises to draw' }),
    checklistCodes: t.exposeStringList('checklistCodes'),
    itemsPerInspection: t.exposeInt('itemsPerInspection', { nullable: true }),
    teamSize: t.exposeInt('teamSize', { nullable: true }),
    expertsPerTeam: t.exposeInt('expertsPerTeam', { nullable: true }),
    substitutes: t.exposeInt('substitutes', { nullable: true }),
    announcedOn: t.expose('announcedOn', { type: 'Date', nullable: true, description: '公告日' }),
    noticeNumber: t.string({ nullable: true, description: '公告编号 (卧龙应急随抽〔2026〕第3号), given the day the task first became public; null before', select: { ...NOTICE_FIELDS }, resolve: (task) => taskNoticeNumber(task) }),
    resultNoticeNumber: t.string({ nullable: true, description: '抽查结果公告编号 (卧龙应急随抽结〔2026〕第3号): the task\'s year and number', select: { ...NOTICE_FIELDS }, resolve: (task) => resultNoticeNumber(task) }),
    inspectingAuthority: t.string({ nullable: true, description: '检查实施机关 as it stood when the task was numbered', select: { noticeAuthority: true }, resolve: (task) => task.noticeAuthority }),
    closedOn: t.expose('closedOn', { type: 'Date', nullable: true, description: '抽查任务结束日: deadlines such as 卧龙 第二十六条 run from it' }),
    cancelledFrom: t.expose('cancelledFrom', { type: TaskStatusEnum, nullable: true, description: 'For a cancelled task: DRAFT, or LOCKED (its commitment had been published)' }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true, description: '取消时间' }),
    cancellationReason: t.exposeString('cancellationReason', { nullable: true, description: '取消理由' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    jurisdiction: t.relation('jurisdiction'),
    plan: t.relation('plan', { nullable: true }),
    draw: t.relation('draw', { nullable: true, description: 'The draw, from the moment the task is locked' }),
  }),
});

const TaskInputRef = builder.inputType('TaskInput', {
  fields: (t) => ({
    title: t.string({ required: true }),
    sectors: t.stringList({ required: false, description: 'Sector codes of a directed task; empty or absent: undirected' }),
    covert: t.boolean({ required: false }),
    joint: t.boolean({ required: false }),
    jointDepartments: t.stringList({ required: false }),
    special: t.boolean({ required: false }),
    windowStart: t.field({ type: 'Date', required: true }),
    windowEnd: t.field({ type: 'Date', required: true }),
    inspectionDate: t.field({ type: 'Date', required: true }),
    size: t.int({ required: true }),
    checklistCodes: t.stringList({ required: false, description: 'Items to draw from (a parent brings its sub-items); absent: the whole checklist' }),
    itemsPerInspection: t.int({ required: false }),
    teamSize: t.int({ required: false }),
    expertsPerTeam: t.int({ required: false }),
    substitutes: t.int({ required: false }),
  }),
});

const TaskChangesRef = builder.inputType('TaskChanges', {
  fields: (t) => ({
    title: t.string({ required: false }),
    sectors: t.stringList({ required: false }),
    covert: t.boolean({ required: false }),
    joint: t.boolean({ required: false }),
    jointDepartments: t.stringList({ required: false }),
    special: t.boolean({ required: false }),
    windowStart: t.field({ type: 'Date', required: false }),
    windowEnd: t.field({ type: 'Date', required: false }),
    inspectionDate: t.field({ type: 'Date', required: false }),
    size: t.int({ required: false }),
    checklistCodes: t.stringList({ required: false }),
    itemsPerInspection: t.int({ required: false }),
    teamSize: t.int({ required: false }),
    expertsPerTeam: t.int({ required: false }),
    substitutes: t.int({ required: false }),
  }),
});

const dropNulls = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]?: NonNullable<T[K]> };

builder.prismaObjectField('Jurisdiction', 'tasks', (t) =>
  t.relatedConnection('tasks', {
    complexity: pageCost,
    description: 'Tasks, soonest inspection first: all of them for members, published ones for everyone else',
    cursor: 'id',
    args: { status: t.arg({ type: [TaskStatusEnum], required: false }) },
    totalCount: true,
    query: (args, ctx) => ({
      where: { AND: [visibleTasks(ctx.viewer), args.status ? { status: { in: args.status } } : {}] } satisfies Prisma.InspectionTaskWhereInput,
      orderBy: [{ inspectionDate: 'asc' }, { id: 'asc' }],
    }),
  }),
);

builder.mutationFields((t) => ({
  createTask: t.prismaField({
    type: 'InspectionTask',
    description: 'Creates a task as a draft (admins and planners).',
    errors: { types: TASK_ERRORS, directResult: true },
    args: {
      jurisdiction: t.arg.string({ required: true }),
      plan: t.arg.globalID({ required: false, for: PlanRef }),
      input: t.arg({ type: TaskInputRef, required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const i = args.input;
      const task = unwrap(
        await createTask(ctx.services, ctx.viewer, {
          jurisdictionCode: args.jurisdiction, planId: args.plan?.id ?? null,
          title: i.title, sectors: i.sectors ?? [], covert: i.covert ?? false, joint: i.joint ?? false, jointDepartments: i.jointDepartments ?? [], special: i.special ?? false,
          windowStart: i.windowStart, windowEnd: i.windowEnd, inspectionDate: i.inspectionDate, size: i.size, checklistCodes: i.checklistCodes ?? [],
          itemsPerInspection: i.itemsPerInspection, teamSize: i.teamSize, expertsPerTeam: i.expertsPerTeam, substitutes: i.substitutes,
        }),
      );
      return ctx.db.prisma.inspectionTask.findUniqueOrThrow({ ...query, where: { id: task.id } });
    },
  }),
  updateTask: t.prismaField({
    type: 'InspectionTask',
    description: 'Edits a draft task (admins and planners); a locked task is frozen.',
    errors: { types: TASK_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: TaskRef }), changes: t.arg({ type: TaskChangesRef, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const task = unwrap(await updateTask(ctx.services, ctx.viewer, args.id.id, dropNulls(args.changes)));
      return ctx.db.prisma.inspectionTask.findUniqueOrThrow({ ...query, where: { id: task.id } });
    },
  }),
  cancelTask: t.prismaField({
    type: 'InspectionTask',
    description: 'Cancels a task not yet drawn (DRAFT or LOCKED), with a reason (admins and planners). It stays, as CANCELLED; once drawn, a task is never cancelled.',
    errors: { types: TASK_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: TaskRef }), reason: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const task = unwrap(await cancelTask(ctx.services, ctx.viewer, args.id.id, args.reason));
      return ctx.db.prisma.inspectionTask.findUniqueOrThrow({ ...query, where: { id: task.id } });
    },
  }),
  advanceTask: t.prismaField({
    type: 'InspectionTask',
    description: 'Moves a drawn task along: DISPATCH (draw officers), ANNOUNCE (not for covert checks), START_INSPECTION, CLOSE.',
    errors: { types: TASK_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: TaskRef }), step: t.arg({ type: TaskStepEnum, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const task = unwrap(await advanceTask(ctx.services, ctx.viewer, args.id.id, args.step));
      return ctx.db.prisma.inspectionTask.findUniqueOrThrow({ ...query, where: { id: task.id } });
    },
  }),
}));

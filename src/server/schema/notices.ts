import type { Jurisdiction } from '@prisma/client';
import { creditPeriod, creditRecords, type CreditRecord } from '../portal/credit-export.ts';
import { handlingSummary } from '../portal/credit-export.ts';
import {
  checklistNotice, noticeJurisdiction, planNotices, resultNotices, taskNotices,
  type ChecklistNoticeItem, type PlanNotice, type ResultNotice, type ResultNoticeEntry, type TaskNotice, type TaskNoticePick,
} from '../portal/notices-data.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { ValidationError } from './errors.ts';

/**
 * The four public notices and the credit export in GraphQL, for everyone (no token), as the
 * portal shows them (src/server/portal/notices-data.ts): nothing covert before its task closes.
 */

const ChecklistNoticeItemRef = builder.objectRef<ChecklistNoticeItem>('ChecklistNoticeItem').implement({
  description: '抽查事项清单: one item in force, with the ratio and frequency the pack or the checklist gives it',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    parentName: t.exposeString('parentName', { nullable: true }),
    legalBasis: t.exposeString('legalBasis', { nullable: true, description: '抽查依据' }),
    subject: t.exposeString('subject', { nullable: true, description: '检查主体 (the item\'s, else its department)' }),
    inspectionObject: t.exposeString('inspectionObject', { nullable: true, description: '检查对象 (the item\'s, else its sectors by name)' }),
    ratio: t.exposeString('ratio', { nullable: true, description: '抽查比例' }),
    frequency: t.exposeString('frequency', { nullable: true, description: '抽查频次' }),
    method: t.exposeString('method', { nullable: true, description: '检查方式' }),
  }),
});

const PlanNoticeTaskRef = builder.objectRef<PlanNotice['tasks'][number]>('PlanNoticeTask').implement({
  fields: (t) => ({ number: t.exposeString('number', { nullable: true }), title: t.exposeString('title') }),
});

const PlanNoticeRef = builder.objectRef<PlanNotice>('PlanNotice').implement({
  description: '抽查计划公告: a published annual plan. number and documentNumber are not held by the platform (always null)',
  fields: (t) => ({
    number: t.string({ nullable: true, resolve: (p) => p.number }),
    documentNumber: t.string({ nullable: true, description: '文号', resolve: (p) => p.documentNumber }),
    year: t.exposeInt('year'),
    title: t.exposeString('title'),
    directed: t.exposeString('directed', { nullable: true, description: '定向, 不定向 or 定向与不定向, from its public tasks; null while it has none' }),
    periodStart: t.exposeString('periodStart', { nullable: true }),
    periodEnd: t.exposeString('periodEnd', { nullable: true }),
    responsibleUnit: t.exposeString('responsibleUnit', { description: '责任单位: the 检查实施机关' }),
    scope: t.exposeString('scope', { nullable: true, description: '抽查范围' }),
    ratio: t.exposeString('ratio', { nullable: true, description: "抽查比例: the pack's share of entities drawn a year" }),
    doubleRandomCount: t.exposeInt('doubleRandomCount'),
    otherCount: t.exposeInt('otherCount'),
    publishedOn: t.exposeString('publishedOn'),
    tasks: t.field({ type: [PlanNoticeTaskRef], resolve: (p) => [...p.tasks] }),
  }),
});

const TaskNoticePickRef = builder.objectRef<TaskNoticePick>('TaskNoticePick').implement({
  fields: (t) => ({
    order: t.exposeInt('order'),
    name: t.exposeString('name'),
    uscc: t.exposeString('uscc'),
    items: t.exposeStringList('items', { description: 'The items drawn for it, by name' }),
    team: t.exposeStringList('team'),
  }),
});

const TaskNoticeRef = builder.objectRef<TaskNotice>('TaskNotice').implement({
  description: '抽查任务公告: a public task, numbered (卧龙应急随抽〔2026〕第3号)',
  fields: (t) => ({
    taskId: t.exposeID('taskId', { description: 'The task\'s database id (as in the portal\'s links)' }),
    number: t.exposeString('number'),
    resultNumber: t.exposeString('resultNumber'),
    title: t.exposeString('title'),
    planYear: t.int({ nullable: true, resolve: (n) => n.plan?.year ?? null }),
    planTitle: t.string({ nullable: true, resolve: (n) => n.plan?.title ?? null }),
    directed: t.exposeBoolean('directed', { description: '定向 (limited to sectors) or 不定向' }),
    joint: t.exposeBoolean('joint', { description: '联合检查' }),
    departments: t.exposeStringList('departments', { description: 'The departments of a joint inspection' }),
    special: t.exposeBoolean('special', { description: '专项' }),
    covert: t.exposeBoolean('covert', { description: '暗查暗访 (shown once closed)' }),
    type: t.exposeString('typeText', { description: 'The type as the notice states it: 不定向、联合检查（…）、专项检查' }),
    items: t.exposeStringList('items', { description: '检查事项, by name' }),
    scope: t.exposeString('scope', { description: '抽查范围' }),
    windowStart: t.exposeString('windowStart'),
    windowEnd: t.exposeString('windowEnd'),
    inspectionDate: t.exposeString('inspectionDate'),
    authority: t.exposeString('authority', { description: '检查实施机关' }),
    objectCount: t.exposeInt('objectCount', { description: '抽查对象数量' }),
    publishedOn: t.exposeString('publishedOn', { description: 'The day it was numbered (公告日期)' }),
    picks: t.field({ type: [TaskNoticePickRef], resolve: (n) => [...n.picks] }),
  }),
});

const ItemResultRef = builder.objectRef<ResultNoticeEntry['items'][number]>('NoticeItemResult').implement({
  fields: (t) => ({ name: t.exposeString('name'), outcome: t.exposeString('outcome', { description: '符合, 不符合 or 不涉及' }), note: t.exposeString('note', { nullable: true }) }),
});

const ResultNoticeEntryRef = builder.objectRef<ResultNoticeEntry>('ResultNoticeEntry').implement({
  fields: (t) => ({
    order: t.exposeInt('order'),
    name: t.exposeString('name'),
    uscc: t.exposeString('uscc'),
    version: t.exposeInt('version', { description: "The result's version (2 and up: corrected)" }),
    inspectedOn: t.exposeString('inspectedOn'),
    result: t.exposeString('categoryLabel', { description: '检查结果, as the pack names it' }),
    items: t.field({ type: [ItemResultRef], description: 'The result of each item checked, by name', resolve: (e) => [...e.items] }),
    handling: t.string({ resolve: (e) => handlingSummary(e.handling) }),
    correctionReason: t.exposeString('correctionReason', { nullable: true }),
  }),
});

const ResultNoticeVersionRef = builder.objectRef<ResultNotice['versions'][number]>('ResultNoticeVersion').implement({
  fields: (t) => ({
    version: t.exposeInt('version'),
    publishedAt: t.field({ type: 'DateTime', resolve: (v) => v.publishedAt }),
    enterprise: t.exposeString('enterprise', { nullable: true, description: 'Whose result the correction corrected; null for version 1' }),
    reason: t.exposeString('reason', { nullable: true }),
  }),
});

const ResultNoticeRef = builder.objectRef<ResultNotice>('ResultNotice').implement({
  description: '抽查结果公告: one per public task (卧龙应急随抽结〔2026〕第3号); each published correction is a new version',
  fields: (t) => ({
    taskId: t.exposeID('taskId'),
    number: t.exposeString('number'),
    taskNumber: t.exposeString('taskNumber'),
    title: t.exposeString('title'),
    authority: t.exposeString('authority', { description: '检查实施机关' }),
    version: t.exposeInt('version'),
    versions: t.field({ type: [ResultNoticeVersionRef], resolve: (n) => [...n.versions] }),
    entries: t.field({ type: [ResultNoticeEntryRef], resolve: (n) => [...n.entries] }),
  }),
});

const CreditRecordRef = builder.objectRef<CreditRecord>('CreditRecord').implement({
  description: '企业信用信息公示系统 export: one published result version (docs/publication.md, credit export)',
  fields: (t) => ({
    uscc: t.exposeString('uscc', { description: '统一社会信用代码' }),
    enterpriseName: t.exposeString('enterpriseName', { description: '企业名称' }),
    authority: t.exposeString('authority', { description: '检查实施机关' }),
    jurisdictionCode: t.exposeString('jurisdictionCode'),
    inspectionType: t.exposeString('inspectionType', { description: '检查类型' }),
    inspectedOn: t.exposeString('inspectedOn', { description: '检查日期' }),
    result: t.exposeString('result', { description: '检查结果' }),
    resultCode: t.exposeString('resultCode'),
    handling: t.exposeString('handling'),
    taskNumber: t.exposeString('taskNumber', { description: '任务编号' }),
    resultNoticeNumber: t.exposeString('resultNoticeNumber', { description: '结果公告编号' }),
    taskTitle: t.exposeString('taskTitle'),
    publishedOn: t.exposeString('publishedOn', { description: '公示日期 (Beijing time)' }),
    version: t.exposeInt('version'),
    correctionReason: t.exposeString('correctionReason', { nullable: true }),
    recordId: t.exposeID('recordId'),
    supersedesId: t.exposeID('supersedesId', { nullable: true, description: 'The record this correction replaces' }),
  }),
});

const forNotices = (ctx: Context, j: Jurisdiction) => noticeJurisdiction({ prisma: ctx.db.prisma, packs: ctx.packs }, j);
const c = (ctx: Context) => ({ prisma: ctx.db.prisma, packs: ctx.packs });

builder.prismaObjectFields('Jurisdiction', (t) => ({
  checklistNotice: t.field({ type: [ChecklistNoticeItemRef], description: '抽查事项清单 (public)', resolve: async (j, _a, ctx) => checklistNotice(c(ctx), await forNotices(ctx, j)) }),
  planNotices: t.field({ type: [PlanNoticeRef], description: '抽查计划公告: published plans, newest year first (public)', resolve: async (j, _a, ctx) => planNotices(c(ctx), await forNotices(ctx, j)) }),
  taskNotices: t.field({ type: [TaskNoticeRef], description: '抽查任务公告: public tasks, newest number first (public; covert ones once closed)', resolve: async (j, _a, ctx) => taskNotices(c(ctx), await forNotices(ctx, j)) }),
  resultNotices: t.field({ type: [ResultNoticeRef], description: '抽查结果公告: per public task with published results, newest number first (public)', resolve: async (j, _a, ctx) => resultNotices(c(ctx), await forNotices(ctx, j)) }),
  creditRecords: t.field({
    type: [CreditRecordRef],
    description: '企业信用信息公示系统 export: published results whose 公示日期 falls from `from` to `to` (Beijing time; at most 366 days; defaults: this month)',
    errors: { types: [ValidationError] },
    args: { from: t.arg({ type: 'Date', required: false }), to: t.arg({ type: 'Date', required: false }) },
    resolve: async (j, args, ctx) => {
      const period = creditPeriod(args.from as string | null | undefined, args.to as string | null | undefined);
      if (!period.ok) throw new ValidationError([period.error]);
      return creditRecords(ctx.db.prisma, j, period.value);
    },
  }),
}));

import { TASK_STATE_LABELS, type TaskState } from '../../core/tasks/lifecycle.ts';
import { REPLACEMENT_REASONS } from '../../core/rules/replacement-reasons.ts';
import type { DrawStatus, PlanStatus, Role, TaskDeadlineKind, TaskDeadlineParty, TaskDeadlineStatus, TaskStatus, TaskStep } from '../gql/graphql.ts';

// Typed against the generated schema types: a new enum value in schema.graphql fails the
// type-check here until it has its Chinese name (a clerk never reads a code).

export const DEADLINE_KIND_LABELS: Record<TaskDeadlineKind, string> = {
  ANNOUNCEMENT: '检查前公告',
  FEEDBACK: '书面反馈',
  FOLLOW_UP: '整改复查',
  MONTHLY_PUBLICATION: '月度公开',
  OBJECTION_ANSWER: '复核反馈',
  OBJECTION_REVIEW: '异议复核',
  OPINION: '被检查对象意见',
  PUBLICATION: '结果公示',
  REPORT: '检查报告',
  RESULT_ENTRY: '结果录入',
};

export const DEADLINE_STATUS_LABELS: Record<TaskDeadlineStatus, string> = {
  DONE: '按期完成',
  LATE: '逾期完成',
  OVERDUE: '已逾期',
  DUE_SOON: '即将到期',
  OPEN: '未到期',
  LAPSED: '对方逾期未答复',
};

export const DEADLINE_PARTY_LABELS: Record<TaskDeadlineParty, string> = {
  BUREAU: '执法部门',
  ENTERPRISE: '被检查对象',
};

/** The engine's names of the task states (src/core/tasks/lifecycle.ts); the assignment checks the schema has no state it lacks. */
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = TASK_STATE_LABELS as Record<TaskState, string>;

export const ROLE_LABELS: Record<Role, string> = {
  OPERATOR: '平台管理员',
  ADMIN: '管理员',
  PLANNER: '计划编制人员',
  DRAW_OFFICER: '抽取人员',
  INSPECTOR: '执法检查人员',
  AUDITOR: '审计人员',
};

// ---- 年度计划 (Plans) and 抽查任务 (Tasks, TaskDetail) screens ----

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  DRAFT: '草稿',
  PUBLISHED: '已公布',
  WITHDRAWN: '已撤回',
};

/** The fields an amendment (PlanFieldChange.field) names, as the plan form calls them. */
export const PLAN_FIELD_LABELS: Readonly<Record<string, string>> = {
  year: '年度',
  title: '计划名称',
  doubleRandomCount: '双随机抽查（家次）',
  otherCount: '其他检查（家次）',
};

export const TASK_STEP_LABELS: Record<TaskStep, string> = {
  DISPATCH: '派发',
  ANNOUNCE: '公告',
  START_INSPECTION: '开始检查',
  CLOSE: '结束',
};

export const DRAW_STATUS_LABELS: Record<DrawStatus, string> = {
  LOCKED: '已锁定，待抽取',
  DRAWN: '已抽取',
};

/** 卧龙 第二十条's reasons for replacing a drawn inspector, by the labels the server accepts (src/core/rules/replacement-reasons.ts). */
export const REPLACEMENT_REASON_LABELS: readonly string[] = Object.values(REPLACEMENT_REASONS).map((r) => r.label);

/** A recorded replacement's reason (the pack's code, post-change …, or a clerk's free text) as a clerk reads it. */
export function replacementReasonLabel(reason: string): string {
  return (REPLACEMENT_REASONS as Record<string, { label: string } | undefined>)[reason]?.label ?? reason;
}

/** TeamPerson.kind */
export const PERSON_KIND_LABELS: Readonly<Record<string, string>> = { INSPECTOR: '执法检查人员', EXPERT: '专家' };

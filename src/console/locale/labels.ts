import { TASK_STATE_LABELS, type TaskState } from '../../core/tasks/lifecycle.ts';
import type { ItemOutcome, ResultEventKind, ResultStatus, Role, TaskDeadlineKind, TaskDeadlineParty, TaskDeadlineStatus, TaskStatus, TransferTo } from '../gql/graphql.ts';

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

// 检查结果 and 更正与异议 (pages/Results, pages/Corrections).

export const ITEM_OUTCOME_LABELS: Record<ItemOutcome, string> = {
  COMPLIANT: '符合',
  NONCOMPLIANT: '不符合',
  NOT_APPLICABLE: '不适用',
};

export const RESULT_STATUS_LABELS: Record<ResultStatus, string> = {
  DRAFT: '录入中',
  PUBLISHED: '已公示',
};

export const TRANSFER_TO_LABELS: Record<TransferTo, string> = {
  AUTHORITY: '移送其他行政机关',
  JUDICIAL: '移送司法机关',
};

export const RESULT_EVENT_KIND_LABELS: Record<ResultEventKind, string> = {
  REPORT_COMPLETED: '检查报告完成',
  FEEDBACK_SENT: '书面反馈送达',
  FEEDBACK_RECEIVED: '被检查对象收到反馈',
  OPINION_RECEIVED: '被检查对象提出意见',
  HANDLING_ENDED: '查处完毕',
  FOLLOW_UP: '复查',
};

/** Objection.status is a string in the schema (RECEIVED, REVIEWED, ANSWERED). */
export const OBJECTION_STATUS_LABELS: Record<string, string> = {
  RECEIVED: '已受理，待复核',
  REVIEWED: '已复核，待答复',
  ANSWERED: '已答复',
};

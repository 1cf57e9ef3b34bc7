import { TASK_STATE_LABELS, type TaskState } from '../../core/tasks/lifecycle.ts';
import { ROLE_LABELS as SERVER_ROLE_LABELS } from '../../server/auth/role-labels.ts';
import type { Role, TaskDeadlineKind, TaskDeadlineParty, TaskDeadlineStatus, TaskStatus } from '../gql/graphql.ts';

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

/** The server's names of the roles (src/server/auth/role-labels.ts); the assignment checks the schema has no role it lacks. */
export const ROLE_LABELS: Record<Role, string> = SERVER_ROLE_LABELS;

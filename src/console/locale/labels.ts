import { TASK_STATE_LABELS, type TaskState } from '../../core/tasks/lifecycle.ts';
import type { JurisdictionLevel, Role, TaskDeadlineKind, TaskDeadlineParty, TaskDeadlineStatus, TaskStatus } from '../gql/graphql.ts';

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

// —— Setup, rule pack and audit screens (pages/Setup, pages/RulePack, pages/Audit) ——

export const JURISDICTION_LEVEL_LABELS: Record<JurisdictionLevel, string> = {
  PROVINCE: '省级',
  CITY: '市级',
  COUNTY: '县级',
};

/** The roles an admin gives its users (the operator is made by `double-random init` only). */
export const ASSIGNABLE_ROLES: readonly Exclude<Role, 'OPERATOR'>[] = ['ADMIN', 'PLANNER', 'DRAW_OFFICER', 'INSPECTOR', 'AUDITOR'];

/**
 * The audit trail's actions (strings written by the server's appendAudit, not a schema enum):
 * an action without a label here is shown as it is.
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'calendar.override': '调整工作日历',
  'calendar.official-year': '确认全年日历',
  'enterprise.blacklisting-lifted': '移出黑名单',
  'result.correction-drafted': '起草更正',
  'result.correction-signed': '负责人签署更正',
  'conflict.recorded': '登记回避',
  'inspection.other': '登记其他检查',
  'jurisdiction.created': '建立辖区',
  'jurisdiction.subordinate_created': '建立下级辖区',
  'jurisdiction.updated': '修改辖区',
  'jurisdiction.neighbour_added': '增加相邻辖区',
  'jurisdiction.neighbour_removed': '移除相邻辖区',
  'pooling.agreed': '同意联合抽取执法人员',
  'pooling.agreed_by_neighbour': '相邻辖区同意联合抽取',
  'plan.created': '建立年度计划',
  'plan.updated': '修改年度计划',
  'plan.published': '公布年度计划',
  'plan.amended': '调整年度计划',
  'plan.withdrawn': '撤回年度计划',
  'task.created': '建立抽查任务',
  'task.updated': '修改抽查任务',
  'task.cancelled': '取消抽查任务',
  'task.locked': '锁定抽取',
  'task.drawn': '抽取',
  'task.dispatch': '派发任务',
  'task.announce': '检查前公告',
  'task.start_inspection': '开始检查',
  'task.close': '结束任务',
  'team.replaced': '更换执法人员',
  'result.entered': '录入检查结果',
  'result.updated': '修改检查结果',
  'result.signed': '签字',
  'result.published': '公示检查结果',
  'result.feedback-sent': '送达书面反馈',
  'result.feedback-received': '收到书面反馈',
  'result.follow-up': '整改复查',
  'result.handling-ended': '处理完毕',
  'result.opinion-received': '收到被检查对象意见',
  'result.report-completed': '完成检查报告',
  'objection.received': '收到异议',
  'objection.reviewed': '复核异议',
  'objection.answered': '答复异议',
  'token.created': '建立令牌',
  'token.revoked': '吊销令牌',
  'user.created': '建立用户',
  'user.deactivated': '停用用户',
  'user.reactivated': '恢复用户',
};

/** What an audit entry is about (its subjectType). */
export const AUDIT_SUBJECT_LABELS: Readonly<Record<string, string>> = {
  Jurisdiction: '辖区',
  AppUser: '用户',
  ApiToken: '令牌',
  InspectionPlan: '年度计划',
  InspectionTask: '抽查任务',
  Draw: '抽取',
  InspectionResult: '检查结果',
  Objection: '异议',
  ConflictOfInterest: '回避',
  EnterpriseBlacklisting: '黑名单',
  OtherInspection: '其他检查',
  CalendarOverride: '工作日历',
};

/** Where a verification of the audit trail finds it broken (AuditBreak.kind). */
export const AUDIT_BREAK_LABELS: Readonly<Record<string, string>> = {
  EDITED: '记录被改动',
  MISSING: '记录缺失',
  RELINKED: '链接被改动',
  TRUNCATED: '末尾被截断',
};

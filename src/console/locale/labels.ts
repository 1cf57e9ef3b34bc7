import { TASK_STATE_LABELS, type TaskState } from '../../core/tasks/lifecycle.ts';
import { ROLE_LABELS as SERVER_ROLE_LABELS } from '../../server/auth/role-labels.ts';
import type { CreditLevel, DirectoryKind, EnterpriseRecordKind, EnterpriseScale, ExpertServiceKind, Gender, OperatingStatus, RiskLevel, SectorSource, UnitKind } from '../gql/graphql.ts';
import { CREDIT_LEVELS, EXPERT_SERVICE_KINDS, GENDERS, OPERATING_STATUSES, RECORD_KINDS, RISK_LEVELS, SCALES, UNIT_KINDS, type Vocabulary } from '../../core/directory/vocabulary.ts';
import { REPLACEMENT_REASONS } from '../../core/rules/replacement-reasons.ts';
import type { DrawStatus, ItemOutcome, JurisdictionLevel, PlanStatus, ResultEventKind, ResultStatus, Role, TaskDeadlineKind, TaskDeadlineParty, TaskDeadlineStatus, TaskStatus, TaskStep, TransferTo } from '../gql/graphql.ts';

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

// ——— 名录库 (pages/Directories, pages/DirectoryImport) ———
// The directories' own vocabularies (src/core/directory/vocabulary.ts): the first word of each is
// what exports write and what a clerk reads; typed against the schema, so a new enum value fails here.

const firstWords = <V extends string>(vocabulary: Vocabulary<V>) => Object.fromEntries(Object.entries<readonly string[]>(vocabulary).map(([code, words]) => [code, words[0]!])) as Record<V, string>;

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = firstWords(RISK_LEVELS);
export const CREDIT_LEVEL_LABELS: Record<CreditLevel, string> = firstWords(CREDIT_LEVELS);
export const SCALE_LABELS: Record<EnterpriseScale, string> = firstWords(SCALES);
export const OPERATING_STATUS_LABELS: Record<OperatingStatus, string> = firstWords(OPERATING_STATUSES);
export const GENDER_LABELS: Record<Gender, string> = firstWords(GENDERS);
export const UNIT_KIND_LABELS: Record<UnitKind, string> = firstWords(UNIT_KINDS);
export const EXPERT_SERVICE_KIND_LABELS: Record<ExpertServiceKind, string> = firstWords(EXPERT_SERVICE_KINDS);
export const ENTERPRISE_RECORD_KIND_LABELS: Record<EnterpriseRecordKind, string> = firstWords(RECORD_KINDS);

export const DIRECTORY_KIND_LABELS: Record<DirectoryKind, string> = {
  ENTERPRISES: '市场主体名录库',
  INSPECTORS: '执法检查人员名录库',
  EXPERTS: '专家库',
  CHECKLIST: '抽查事项清单',
  RECORDS: '企业记录（投诉举报、事故、行政处罚、严重违法违规）',
};


/** DirectoryChange.op (the history trigger's INSERT / UPDATE / DELETE). */
/** Where a sector of the vocabulary comes from (行业领域 › 来源). */
export const SECTOR_SOURCE_LABELS: Record<SectorSource, string> = { BASE: '全国基础目录', PACK: '规则包', JURISDICTION: '本辖区' };

export const CHANGE_OP_LABELS: Record<string, string> = { INSERT: '新增', UPDATE: '修改', DELETE: '删除' };

/** What importDirectory detected: ImportReport.format and .encoding. */
export const FILE_FORMAT_LABELS: Record<string, string> = { csv: 'CSV 文本', xlsx: 'Excel 工作簿（XLSX）' };
export const FILE_ENCODING_LABELS: Record<string, string> = { 'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8（带 BOM）', 'utf-16le': 'UTF-16（Unicode 文本）', gb18030: 'GBK / GB18030' };
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
  'sector.added': '增加本辖区行业领域',
  'sector.removed': '删除本辖区行业领域',
  'sector-match.corrected': '更正检查对象匹配',
  'sector-match.cleared': '清除检查对象匹配更正',
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
  JurisdictionSector: '行业领域',
  SectorMatchCorrection: '检查对象匹配',
};

/** Where a verification of the audit trail finds it broken (AuditBreak.kind). */
export const AUDIT_BREAK_LABELS: Readonly<Record<string, string>> = {
  EDITED: '记录被改动',
  MISSING: '记录缺失',
  RELINKED: '链接被改动',
  TRUNCATED: '末尾被截断',
};

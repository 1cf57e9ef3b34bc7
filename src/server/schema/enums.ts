import { CreditLevel, DrawStatus, EnterpriseRecordKind, EnterpriseScale, ExpertServiceKind, Gender, JurisdictionLevel, OperatingStatus, OtherInspectionKind, PlanStatus, RiskLevel, Role, TaskStatus, UnitKind } from '@prisma/client';
import { builder } from './builder.ts';

export const JurisdictionLevelEnum = builder.enumType(JurisdictionLevel, { name: 'JurisdictionLevel' });
export const RiskLevelEnum = builder.enumType(RiskLevel, { name: 'RiskLevel', description: '风险等级: MAJOR 重大, HIGH 较大, GENERAL 一般, LOW 低' });
export const CreditLevelEnum = builder.enumType(CreditLevel, { name: 'CreditLevel', description: '信用等级: 守信, 一般, 失信, 严重失信' });
export const EnterpriseScaleEnum = builder.enumType(EnterpriseScale, { name: 'EnterpriseScale' });
export const OperatingStatusEnum = builder.enumType(OperatingStatus, { name: 'OperatingStatus' });
export const EnterpriseRecordKindEnum = builder.enumType(EnterpriseRecordKind, { name: 'EnterpriseRecordKind' });
export const GenderEnum = builder.enumType(Gender, { name: 'Gender' });
export const UnitKindEnum = builder.enumType(UnitKind, { name: 'UnitKind', description: '科室, 执法大队, 乡镇安监站' });
export const ExpertServiceKindEnum = builder.enumType(ExpertServiceKind, { name: 'ExpertServiceKind' });
export const RoleEnum = builder.enumType(Role, { name: 'Role' });
export const DirectoryKindEnum = builder.enumType('DirectoryKind', {
  values: { ENTERPRISES: { value: 'enterprises' }, INSPECTORS: { value: 'inspectors' }, EXPERTS: { value: 'experts' }, CHECKLIST: { value: 'checklist' }, RECORDS: { value: 'records', description: '企业记录: complaints, accidents, penalties, serious violations' } } as const,
});
export const PlanStatusEnum = builder.enumType(PlanStatus, { name: 'PlanStatus', description: '草稿, 已公布, 已撤回' });
export const TaskStatusEnum = builder.enumType(TaskStatus, { name: 'TaskStatus', description: '草稿, 锁定, 已抽取, 已派发, 已公告, 检查中, 已结束, 已取消' });
export const DrawStatusEnum = builder.enumType(DrawStatus, { name: 'DrawStatus' });
export const OtherInspectionKindEnum = builder.enumType(OtherInspectionKind, { name: 'OtherInspectionKind', description: '卧龙 第二条: 专项整治, 投诉举报, 转办交办, 突发事件, 其他' });
export const TaskStepEnum = builder.enumType('TaskStep', { values: ['DISPATCH', 'ANNOUNCE', 'START_INSPECTION', 'CLOSE'] as const, description: 'Steps after the draw: 派发, 公告, 开始检查, 结束' });
export const SortDirectionEnum = builder.enumType('SortDirection', { values: ['ASC', 'DESC'] as const });
export const VerificationStatusEnum = builder.enumType('DrawVerificationStatus', {
  values: ['VERIFIED', 'MISMATCH', 'PENDING'] as const,
  description: '验证通过（全部重新推导一致）, 不一致, 待核验（上级暗查暗访任务未结束，封存部分尚不能推导）',
});

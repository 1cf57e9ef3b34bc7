import { CreditLevel, EnterpriseRecordKind, EnterpriseScale, ExpertServiceKind, Gender, JurisdictionLevel, OperatingStatus, RiskLevel, Role, UnitKind } from '@prisma/client';
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
  values: { ENTERPRISES: { value: 'enterprises' }, INSPECTORS: { value: 'inspectors' }, EXPERTS: { value: 'experts' }, CHECKLIST: { value: 'checklist' } } as const,
});
export const SortDirectionEnum = builder.enumType('SortDirection', { values: ['ASC', 'DESC'] as const });

import { booleanField, dateField, enumField, idNumberField, requiredText, sectorListField, textField } from '../fields.ts';
import { GENDERS, UNIT_KINDS } from '../vocabulary.ts';
import type { DirectorySpec } from './spec.ts';

/** A row of the 执法检查人员名录库 (卧龙 第九条; 顺城 第九条). */
export interface InspectorRow {
  certificateNumber: string;
  name: string;
  gender: keyof typeof GENDERS | null;
  phone: string | null;
  idNumber: string | null;
  certificateValidUntil: string | null;
  unit: string;
  unitKind: keyof typeof UNIT_KINDS;
  domains: string[];
  formalStaff: boolean;
}

export const inspectorSpec: DirectorySpec<InspectorRow> = {
  kind: 'inspectors',
  label: '执法检查人员名录库',
  key: 'certificateNumber',
  fields: {
    certificateNumber: requiredText(['执法证号', '行政执法证号', '执法证件号', '证件号'], 50),
    name: requiredText(['姓名', '执法人员姓名'], 50),
    gender: enumField(['性别'], GENDERS, null),
    phone: textField(['联系方式', '联系电话', '手机', '电话']),
    idNumber: idNumberField(['身份证号', '身份证号码', '公民身份号码']),
    certificateValidUntil: dateField(['执法证有效期至', '证件有效期', '有效期至', '有效期']),
    unit: requiredText(['所属单位', '所处股室及二级单位', '单位', '科室'], 100),
    unitKind: enumField(['单位类型'], UNIT_KINDS, 'SECTION'),
    domains: sectorListField(['执法领域', '执法类别', '监管领域']),
    formalStaff: { ...booleanField(['正式在编', '是否正式人员', '在编']), empty: true },
  },
};

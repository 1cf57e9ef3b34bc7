import { err, ok } from '../../result.ts';
import { parseUscc } from '../../identifiers/uscc.ts';
import { parseDate } from '../dates.ts';
import { enumField, idNumberField, listField, requiredText, textField, type Field } from '../fields.ts';
import { EXPERT_SERVICE_KINDS, GENDERS, labelOf, lookup } from '../vocabulary.ts';
import type { DirectorySpec } from './spec.ts';

export interface ExpertServiceRow {
  enterpriseUscc: string;
  kind: keyof typeof EXPERT_SERVICE_KINDS;
  servedOn: string;
}

/** A row of the 专家库; `services` are enterprises served, grounds for 回避 (攀枝花 三(三)). */
export interface ExpertRow {
  idNumber: string;
  name: string;
  gender: keyof typeof GENDERS | null;
  phone: string | null;
  specialties: string[];
  employer: string | null;
  title: string | null;
  services: ExpertServiceRow[];
}

const SERVICE_FORMAT = '统一社会信用代码|服务类型|日期, entries separated by ；';

/** 服务记录: "91510400…|评价|2023-05-01；…" */
const servicesField: Field<ExpertServiceRow[]> = {
  headers: ['服务记录', '服务过的企业', '服务企业'],
  required: false,
  empty: [],
  parse(text) {
    const services: ExpertServiceRow[] = [];
    for (const entry of text.split(/[;；\n]+/).map((e) => e.trim()).filter(Boolean)) {
      const [usccText = '', kindText = '', dateText = ''] = entry.split(/[|｜]/).map((p) => p.trim());
      const uscc = parseUscc(usccText);
      if (!uscc.ok) return err(`entry "${entry}": ${uscc.error.message}`);
      const kind = lookup(EXPERT_SERVICE_KINDS, kindText);
      if (!kind) return err(`entry "${entry}": service type must be 评价, 检测检验, 设计 or 标准化评审 (${SERVICE_FORMAT})`);
      const date = parseDate(dateText);
      if (!date.ok) return err(`entry "${entry}": ${date.error.message}`);
      services.push({ enterpriseUscc: uscc.value, kind, servedOn: date.value });
    }
    return ok(services);
  },
  format: (services) => services.map((s) => `${s.enterpriseUscc}|${labelOf(EXPERT_SERVICE_KINDS, s.kind)}|${s.servedOn}`).join('；'),
};

export const expertSpec: DirectorySpec<ExpertRow> = {
  kind: 'experts',
  label: '专家库',
  key: 'idNumber',
  fields: {
    idNumber: { ...idNumberField(['身份证号', '身份证号码']), required: true } as Field<string>,
    name: requiredText(['姓名', '专家姓名'], 50),
    gender: enumField(['性别'], GENDERS, null),
    phone: textField(['联系方式', '联系电话', '手机']),
    specialties: listField(['专业', '专业领域', '专长'], { required: true }),
    employer: textField(['工作单位', '单位']),
    title: textField(['职称']),
    services: servicesField,
  },
};

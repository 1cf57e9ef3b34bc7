import { booleanField, enumField, requiredText, sectorField, textField, usccField } from '../fields.ts';
import { CREDIT_LEVELS, OPERATING_STATUSES, RISK_LEVELS, SCALES } from '../vocabulary.ts';
import type { DirectorySpec } from './spec.ts';

/** A row of the 市场主体名录库 (卧龙 第八条; 攀枝花 二(二)). */
export interface EnterpriseRow {
  uscc: string;
  name: string;
  legalRepresentative: string | null;
  address: string | null;
  contactPerson: string | null;
  phone: string | null;
  sector: string;
  subSector: string | null;
  scale: keyof typeof SCALES | null;
  riskLevel: keyof typeof RISK_LEVELS;
  creditLevel: keyof typeof CREDIT_LEVELS;
  blacklisted: boolean;
  keyHighDanger: boolean;
  majorHazardSource: boolean;
  township: string | null;
  operatingStatus: keyof typeof OPERATING_STATUSES;
  /** 规上 (规模以上): above designated size. Not part of the draw's rule language. */
  aboveDesignatedSize: boolean;
}

export const enterpriseSpec: DirectorySpec<EnterpriseRow> = {
  kind: 'enterprises',
  label: '市场主体名录库',
  key: 'uscc',
  fields: {
    uscc: usccField(['统一社会信用代码', '信用代码', '社会信用代码', '统一社会信用代码（注册号）', 'uscc']),
    name: requiredText(['企业名称', '市场主体名称', '单位名称', '名称', 'name'], 200),
    legalRepresentative: textField(['法定代表人', '法人代表', '法人', '负责人']),
    address: textField(['注册地址', '地址', '住所', '经营场所', '注册地址（住所）']),
    contactPerson: textField(['联系人', '联络人']),
    phone: textField(['联系电话', '联系方式', '电话', '手机']),
    sector: sectorField(['行业类别', '行业领域', '行业', '监管行业', 'sector']),
    subSector: textField(['行业小类', '细分行业', '子行业']),
    scale: enumField(['企业规模', '规模', '类别'], SCALES, null),
    riskLevel: enumField(['风险等级', '安全风险等级', '风险'], RISK_LEVELS, 'GENERAL'),
    creditLevel: enumField(['信用等级', '信用状况', '信用'], CREDIT_LEVELS, 'NORMAL'),
    blacklisted: booleanField(['黑名单', '列入黑名单', '是否黑名单']),
    keyHighDanger: booleanField(['重点单位', '危险性较大的重点单位', '是否重点单位']),
    majorHazardSource: booleanField(['重大危险源', '是否重大危险源']),
    township: textField(['所属乡镇', '乡镇（街道）', '乡镇', '街道']),
    operatingStatus: enumField(['经营状态', '生产状态', '状态'], OPERATING_STATUSES, 'OPERATING'),
    aboveDesignatedSize: booleanField(['规上', '规模以上', '是否规上', '是否规模以上', '规上企业']),
  },
};

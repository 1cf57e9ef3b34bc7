import type { Citation } from './schema.ts';
import { findSector } from '../directory/sectors.ts';
import { CREDIT_LEVELS, labelOf, OPERATING_STATUSES, RISK_LEVELS } from '../directory/vocabulary.ts';

/**
 * Every reason the engine gives, by id, with placeholders. Reports carry the id, the data and
 * the citation of the rule that caused them, so a screen can show the sentence and the clause.
 */
export const MESSAGES = {
  NOT_OPERATING: '{uscc} 处于{status}状态，未在营业 ({uscc} is {status}, not operating)',
  OUT_OF_SCOPE: '{uscc} 属于{sector}行业，不在规则包的监管范围内 (outside the sectors the pack covers)',
  NOT_IN_TASK: '{uscc} 属于{sector}行业，不在本次定向抽查的范围内 (outside this directed task)',
  UPPER_LEVEL_DRAWN: '{uscc} 已被上级部门在 {year} 年抽取 (drawn by the upper-level bureau in {year})',
  UPPER_LEVEL_AVOIDED: '{uscc} 已被上级部门在 {year} 年抽取，一般不重合：仅在候选不足时补抽 (drawn by the upper level in {year}: avoided, drawn only when the pool is short)',
  LOWER_LEVEL_DRAWN: '{uscc} 已被下级部门在 {year} 年抽取 (drawn by a lower-level bureau in {year})',
  LOWER_LEVEL_AVOIDED: '{uscc} 已被下级部门在 {year} 年抽取，一般不重合：仅在候选不足时补抽 (drawn by a lower level in {year}: avoided, drawn only when the pool is short)',
  CAP_REACHED: '{uscc} 在 {year} 年已接受 {count} 次“双随机”检查，上限为 {cap} 次 (the cap is reached)',
  HOOK_REFUSED: '{subject}：{reason}',
  ROTATION_LIMIT: '检查人员 {id} 已连续参加 {count} 次抽取，规则包规定至多连续 {max} 次（轮换）(served in {count} draws in a row; the pack allows {max})',
  NOT_FORMAL_STAFF: '检查人员 {id} 不是正式在编人员 (not formal staff)',
  CERTIFICATE_INVALID: '检查人员 {id} 的执法证在 {date} 不在有效期内 (enforcement certificate not valid)',
  DOMAIN_MISMATCH: '检查人员 {id} 的执法领域不含{sector} (does not enforce in the sector)',
  POOLING_NOT_ALLOWED: '检查人员 {id} 来自{origin}，规则包不允许抽调 (the pack does not pool from there)',
  TEAM_TOO_SMALL: '{sector}检查组至少需要 {min} 名检查人员，现有 {size} 名 (team too small)',
  TEAM_TOO_LARGE: '检查组至多 {max} 名检查人员，现有 {size} 名 (team too large)',
  NO_LEADER: '检查组成员中没有组长 (the team has no leader)',
  TOO_FEW_SPECIALISTS: '{sector}检查组至少需要 {min} 名本行业专业人员，现有 {count} 名 (too few specialists)',
  INELIGIBLE_MEMBER: '检查组成员 {id} 不符合条件：{reason} (team member not eligible)',
  DUE: '{uscc} 须每{every}检查一次（{who}），本{period}尚未检查 (must be inspected every {every})',
  PLAN_SHARE: '“双随机”检查占计划检查的 {share}%，规则包要求至少 {min}% (below the pack\'s share)',
} as const;

/** Codes in a reason's data shown as the words a clerk reads (行业, 经营状态, 周期). */
const LABELS: Readonly<Record<string, (value: string) => string>> = {
  sector: (v) => findSector(v)?.label ?? v,
  status: (v) => (v in OPERATING_STATUSES ? labelOf(OPERATING_STATUSES, v as keyof typeof OPERATING_STATUSES) : v),
  every: (v) => PERIOD_LABELS[v] ?? v,
  period: (v) => PERIOD_LABELS[v] ?? v,
  origin: (v) => ORIGIN_LABELS[v] ?? v,
};
const PERIOD_LABELS: Readonly<Record<string, string>> = { year: '年', 'half-year': '半年', quarter: '季度', month: '月' };
const ORIGIN_LABELS: Readonly<Record<string, string>> = { 'neighbouring jurisdiction': '相邻辖区', 'township station': '乡镇安监站' };

export type MessageId = keyof typeof MESSAGES;

export interface Verdict {
  readonly messageId: MessageId;
  readonly data: Readonly<Record<string, string | number>>;
  /** The rule that caused it (a hook's refusal cites its own clause); absent for the engine's own rules (a closed enterprise). */
  readonly cite?: Citation;
}

export function render(verdict: Verdict): string {
  return MESSAGES[verdict.messageId].replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = verdict.data[key];
    if (value === undefined) return `{${key}}`;
    return typeof value === 'string' && LABELS[key] ? LABELS[key](value) : String(value);
  });
}

export function placeholders(messageId: MessageId): string[] {
  return [...MESSAGES[messageId].matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

/** A stratum key ("riskLevel=HIGH|creditLevel=NORMAL") in words: 较大风险 · 信用一般; "all" is 全部. */
export function stratumLabel(key: string): string {
  if (key === 'all') return '全部';
  return key
    .split('|')
    .map((part) => {
      const [field, value = ''] = part.split('=');
      if (field === 'riskLevel' && value in RISK_LEVELS) return labelOf(RISK_LEVELS, value as keyof typeof RISK_LEVELS);
      if (field === 'creditLevel' && value in CREDIT_LEVELS) return `信用${labelOf(CREDIT_LEVELS, value as keyof typeof CREDIT_LEVELS)}`;
      if (field === 'sector') return findSector(value)?.label ?? value;
      return part;
    })
    .join(' · ');
}

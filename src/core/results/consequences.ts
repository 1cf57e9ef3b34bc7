import type { Citation, Rules } from '../rules/schema.ts';
import type { ResultContent } from './types.ts';

export type RiskLevel = 'MAJOR' | 'HIGH' | 'GENERAL' | 'LOW';
export type CreditLevel = 'TRUSTWORTHY' | 'NORMAL' | 'DISHONEST' | 'SERIOUSLY_DISHONEST';

/** What a published result (or a failed follow-up) changes for the enterprise and the bureau; `cite: null` for the platform's defaults. */
export type Consequence =
  | { readonly kind: 'BLACKLIST'; readonly reason: string; readonly cite: Citation | null }
  /** A dated record that next year's selectors (penalised, serious violator) count. */
  | { readonly kind: 'RECORD'; readonly record: 'PENALTY' | 'SERIOUS_VIOLATION'; readonly occurredOn: string; readonly reason: string; readonly cite: Citation | null }
  | { readonly kind: 'RISK'; readonly to: RiskLevel; readonly reason: string; readonly cite: Citation | null }
  | { readonly kind: 'CREDIT'; readonly to: CreditLevel; readonly reason: string; readonly cite: Citation | null }
  /** 复查: a follow-up inspection after the rectification period. */
  | { readonly kind: 'FOLLOW_UP'; readonly rectificationDue: string; readonly reason: string; readonly cite: Citation | null };

export interface EnterpriseStanding {
  readonly blacklisted: boolean;
  readonly riskLevel: RiskLevel;
  readonly creditLevel: CreditLevel;
}

const RISK_ORDER: readonly RiskLevel[] = ['LOW', 'GENERAL', 'HIGH', 'MAJOR'];
const CREDIT_ORDER: readonly CreditLevel[] = ['TRUSTWORTHY', 'NORMAL', 'DISHONEST', 'SERIOUSLY_DISHONEST'];
const worse = <T>(order: readonly T[], a: T, b: T) => order.indexOf(a) > order.indexOf(b);

/**
 * What publishing a result does. The blacklist follows the pack (攀枝花 三(六)); the records,
 * risk and credit changes feed next year's strata and are the platform's defaults where a pack
 * is silent (a major hazard is a serious violation and at least HIGH risk; serious non-cooperation
 * or false disclosure is DISHONEST); a rectification order brings a follow-up. Never lowers a level.
 */
export function consequencesOf(rules: Rules, content: ResultContent, standing: EnterpriseStanding, nonCooperationCategory = rules.nonCooperation?.category ?? 'non-cooperation'): Consequence[] {
  const out: Consequence[] = [];
  const handlingCite = rules.afterPublication?.handling?.cite ?? null;
  const major = content.hazards.filter((h) => h.major);
  const blacklist = rules.afterPublication?.blacklistOn;
  if (blacklist?.cases.includes('concealed-major-hazard') && major.some((h) => h.concealed) && !standing.blacklisted) {
    out.push({ kind: 'BLACKLIST', reason: '重大事故隐患隐瞒不报', cite: blacklist.cite });
  }
  if (content.handling.penalty) {
    out.push({ kind: 'RECORD', record: 'PENALTY', occurredOn: content.inspectedOn, reason: `行政处罚 ${content.handling.penalty.decisionNumber}`, cite: handlingCite });
  }
  if (major.length > 0) {
    out.push({ kind: 'RECORD', record: 'SERIOUS_VIOLATION', occurredOn: content.inspectedOn, reason: `重大事故隐患 ${major.length} 项`, cite: null });
    if (worse(RISK_ORDER, 'HIGH', standing.riskLevel)) out.push({ kind: 'RISK', to: 'HIGH', reason: '检查发现重大事故隐患', cite: null });
  }
  if ((content.category === nonCooperationCategory || content.category === 'false-disclosure') && worse(CREDIT_ORDER, 'DISHONEST', standing.creditLevel)) {
    // The credit level is the platform's default: 卧龙 第二十五条 defines the cases, not this consequence.
    out.push({ kind: 'CREDIT', to: 'DISHONEST', reason: content.category === 'false-disclosure' ? '公示信息隐瞒真实情况弄虚作假' : '不予配合检查情节严重', cite: null });
  }
  if (content.handling.rectificationDue) {
    // No document sets the follow-up (复查): the platform's default, not the pack's handling clause.
    out.push({ kind: 'FOLLOW_UP', rectificationDue: content.handling.rectificationDue, reason: '责令限期整改，期满复查', cite: null });
  }
  return out;
}

/** 复查: the day of a follow-up and what it found. */
export interface FollowUp {
  readonly on: string;
  readonly rectified: boolean;
}

/**
 * A follow-up that counts as 期满复查: it found the hazards rectified (whenever), or came after the
 * rectification period. One on or before the due date that finds them not yet rectified is on
 * record and changes nothing: the period is still running, and a later follow-up decides.
 */
export const followUpConcludes = (followUp: FollowUp, rectificationDue: string | undefined): boolean =>
  followUp.rectified || (rectificationDue !== undefined && followUp.on > rectificationDue);

/**
 * A follow-up after the rectification period found a major hazard not (properly) rectified:
 * 逾期不整改或整改不到位 (攀枝花 三(六)). Not before the period has run out.
 */
export function followUpConsequences(rules: Rules, followUp: FollowUp, content: Pick<ResultContent, 'hazards' | 'handling'>, standing: EnterpriseStanding): Consequence[] {
  const blacklist = rules.afterPublication?.blacklistOn;
  const due = content.handling.rectificationDue;
  if (followUp.rectified || !due || followUp.on <= due || !content.hazards.some((h) => h.major) || standing.blacklisted || !blacklist?.cases.includes('unrectified-major-hazard')) return [];
  return [{ kind: 'BLACKLIST', reason: `重大事故隐患逾期未整改（整改期限 ${due}，复查 ${followUp.on}）`, cite: blacklist.cite }];
}

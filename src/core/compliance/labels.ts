import { SECTORS } from '../directory/sectors.ts';
import type { Rules, Selector } from '../rules/schema.ts';

/** The groups as the documents name them, for clerks (never the selector codes). */
export const GROUP_LABELS: Readonly<Record<Selector, string>> = {
  all: '全部检查对象',
  keyHighDanger: '危险性较大的重点单位',
  blacklisted: '列入“黑名单”的单位',
  majorHazard: '存在重大事故隐患（重大危险源）的单位',
  complaintHeavy: '投诉举报多的单位',
  accidentProne: '事故多发频发的单位',
  penalised: '受到过行政处罚的单位',
  seriousViolator: '有严重违法违规记录的单位',
  dishonest: '失信市场主体',
  trustworthy: '守信企业',
  highRisk: '重大、较大风险的检查对象',
  lowRisk: '低风险检查对象',
  directedSpecial: '专项整治、特殊事件定向抽查对象',
};

/** The deadlines' names (src/core/results/deadlines.ts DeadlineKind). */
export const DEADLINE_LABELS: Readonly<Record<string, string>> = {
  announcement: '抽查前公告',
  report: '检查报告完成',
  feedback: '书面反馈检查结果',
  opinion: '被检查对象提出意见',
  'result-entry': '检查结果录入',
  publication: '检查结果公示',
  'objection-review': '异议复核',
  'objection-answer': '复核结果反馈',
  'monthly-publication': '按月集中公示',
  'follow-up': '整改期满复查',
};

const BASE_SECTORS = new Map(SECTORS.map((s) => [s.code, s.label]));

/** A sector's Chinese label: the base vocabulary's, else the pack's own, else its code. */
export function sectorLabel(rules: Rules, code: string): string {
  return BASE_SECTORS.get(code) ?? rules.vocabulary?.sectors.find((s) => s.code === code)?.label ?? code;
}

import { isIsoDate } from '../directory/dates.ts';
import type { Rules } from '../rules/schema.ts';
import { categoriesOf } from './categories.ts';
import type { ResultContent, ResultIssue } from './types.ts';

/** What the task's draw says about the enterprise a result is for. */
export interface ResultContext {
  readonly uscc: string;
  /** The enterprise's pick in the task's draw; undefined when the draw did not pick it. */
  readonly pick: { readonly items: readonly string[] } | undefined;
  /** The task's window opens on this day; no inspection of it happened earlier. */
  readonly windowStart: string;
  readonly today: string;
}

const validDate = isIsoDate;

/**
 * Checks a result before it is stored. The first check is the one the regime rests on: only
 * enterprises the draw picked are inspected under it (偃师 五(四)); every other issue names its
 * field, and a category or non-cooperation case must be one the pack knows.
 */
export function validateResult(rules: Rules, content: ResultContent, context: ResultContext): ResultIssue[] {
  if (!context.pick) {
    const rule = rules.exclusions?.onlyDrawnMayBeInspected;
    return [{ code: 'NOT_DRAWN', field: 'enterprise', message: `${context.uscc} 不是本任务抽取的企业：双随机检查结果只能录入抽中的企业 (not drawn by this task)`, cite: rule?.cite }];
  }
  const issues: ResultIssue[] = [];
  const invalid = (field: string, message: string) => issues.push({ code: 'INVALID', field, message });

  const { categories, cite } = categoriesOf(rules);
  if (!categories.some((c) => c.code === content.category)) {
    issues.push({ code: 'UNKNOWN_CATEGORY', field: 'category', message: `"${content.category}" 不是本规则包的检查结果类别；可选：${categories.map((c) => `${c.label}（${c.code}）`).join('、')} (not a result category of the pack)`, cite: cite ?? undefined });
  }

  if (!validDate(content.inspectedOn)) invalid('inspectedOn', `“${content.inspectedOn}” 不是日期，应写作 YYYY-MM-DD (not a date)`);
  else if (content.inspectedOn < context.windowStart) invalid('inspectedOn', `检查日期 ${content.inspectedOn} 早于任务时段的开始（${context.windowStart}） (before the task's window opens)`);
  else if (content.inspectedOn > context.today) invalid('inspectedOn', `检查日期 ${content.inspectedOn} 晚于今天 (in the future)`);

  const drawnItems = new Set(context.pick.items);
  const seenItems = new Set<string>();
  content.items.forEach((item, i) => {
    if (!drawnItems.has(item.code)) invalid(`items.${i}.code`, `检查事项 ${item.code} 不是为该企业抽取的事项（抽取的事项：${[...drawnItems].join('、') || '无'}） (not drawn for this enterprise)`);
    if (seenItems.has(item.code)) invalid(`items.${i}.code`, `检查事项 ${item.code} 重复填写 (listed twice)`);
    seenItems.add(item.code);
  });

  content.hazards.forEach((h, i) => {
    if (!h.description.trim()) invalid(`hazards.${i}.description`, '请描述隐患 (a hazard needs a description)');
    if (h.concealed && !h.major) invalid(`hazards.${i}.concealed`, '只有重大事故隐患才登记为隐瞒不报 (only a major accident hazard is recorded as concealed)');
    if (h.itemCode !== undefined && !drawnItems.has(h.itemCode)) invalid(`hazards.${i}.itemCode`, `检查事项 ${h.itemCode} 不是为该企业抽取的事项 (not drawn for this enterprise)`);
  });

  const { rectificationDue, penalty, transfer } = content.handling;
  if (rectificationDue !== undefined) {
    if (!validDate(rectificationDue)) invalid('handling.rectificationDue', `“${rectificationDue}” 不是日期，应写作 YYYY-MM-DD (not a date)`);
    else if (validDate(content.inspectedOn) && rectificationDue <= content.inspectedOn) invalid('handling.rectificationDue', '整改期限应晚于检查日期 (rectification is due after the inspection)');
  }
  if (penalty && !penalty.decisionNumber.trim()) invalid('handling.penalty.decisionNumber', '行政处罚须填写行政处罚决定书文号 (a penalty needs its decision number)');
  if (penalty?.fineYuan !== undefined && !(Number.isInteger(penalty.fineYuan) && penalty.fineYuan >= 0)) invalid('handling.penalty.fineYuan', '罚款应为不小于 0 的整数（元） (the fine is a whole number of yuan ≥ 0)');
  if (transfer && !transfer.recipient.trim()) invalid('handling.transfer.recipient', '移送须写明接收的机关 (a transfer names the authority or organ it goes to)');

  const rule = rules.nonCooperation;
  if (rule) {
    content.nonCooperation.forEach((code, i) => {
      if (!rule.cases.some((c) => c.code === code)) {
        issues.push({ code: 'INVALID', field: `nonCooperation.${i}`, message: `“${code}” 不是规则包所列的不配合检查情节；可选：${rule.cases.map((c) => `${c.label}（${c.code}）`).join('、')} (not a case of serious non-cooperation)`, cite: rule.cite });
      }
    });
    if (content.category === rule.category && content.nonCooperation.length === 0) {
      issues.push({ code: 'INVALID', field: 'nonCooperation', message: `该检查结果类别须写明属于哪种不配合检查情节 (the category ${rule.category} needs the cases that justify it)`, cite: rule.cite });
    }
    if (content.category !== rule.category && content.nonCooperation.length > 0) {
      issues.push({ code: 'INVALID', field: 'category', message: `填写了不配合检查情节的，检查结果类别应为不配合检查情节严重 (cases of serious non-cooperation lead to the category ${rule.category})`, cite: rule.cite });
    }
  }
  return issues;
}

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
    return [{ code: 'NOT_DRAWN', field: 'enterprise', message: `${context.uscc} was not drawn by this task: a double-random result is recorded only for an enterprise the draw picked`, cite: rule?.cite }];
  }
  const issues: ResultIssue[] = [];
  const invalid = (field: string, message: string) => issues.push({ code: 'INVALID', field, message });

  const { categories, cite } = categoriesOf(rules);
  if (!categories.some((c) => c.code === content.category)) {
    issues.push({ code: 'UNKNOWN_CATEGORY', field: 'category', message: `"${content.category}" 不是本规则包的检查结果类别；可选：${categories.map((c) => `${c.label}（${c.code}）`).join('、')} (not a result category of the pack)`, cite: cite ?? undefined });
  }

  if (!validDate(content.inspectedOn)) invalid('inspectedOn', `"${content.inspectedOn}" is not a date (YYYY-MM-DD)`);
  else if (content.inspectedOn < context.windowStart) invalid('inspectedOn', `${content.inspectedOn} is before the task's window opens (${context.windowStart})`);
  else if (content.inspectedOn > context.today) invalid('inspectedOn', `${content.inspectedOn} is in the future`);

  const drawnItems = new Set(context.pick.items);
  const seenItems = new Set<string>();
  content.items.forEach((item, i) => {
    if (!drawnItems.has(item.code)) invalid(`items.${i}.code`, `item ${item.code} was not drawn for this enterprise (drawn: ${[...drawnItems].join(', ') || 'none'})`);
    if (seenItems.has(item.code)) invalid(`items.${i}.code`, `item ${item.code} is listed twice`);
    seenItems.add(item.code);
  });

  content.hazards.forEach((h, i) => {
    if (!h.description.trim()) invalid(`hazards.${i}.description`, 'a hazard needs a description');
    if (h.concealed && !h.major) invalid(`hazards.${i}.concealed`, 'only a major accident hazard (重大事故隐患) is recorded as concealed');
    if (h.itemCode !== undefined && !drawnItems.has(h.itemCode)) invalid(`hazards.${i}.itemCode`, `item ${h.itemCode} was not drawn for this enterprise`);
  });

  const { rectificationDue, penalty, transfer } = content.handling;
  if (rectificationDue !== undefined) {
    if (!validDate(rectificationDue)) invalid('handling.rectificationDue', `"${rectificationDue}" is not a date (YYYY-MM-DD)`);
    else if (validDate(content.inspectedOn) && rectificationDue <= content.inspectedOn) invalid('handling.rectificationDue', 'rectification is due after the inspection');
  }
  if (penalty && !penalty.decisionNumber.trim()) invalid('handling.penalty.decisionNumber', 'a penalty needs its decision number (行政处罚决定书文号)');
  if (penalty?.fineYuan !== undefined && !(Number.isInteger(penalty.fineYuan) && penalty.fineYuan >= 0)) invalid('handling.penalty.fineYuan', 'the fine is a whole number of yuan ≥ 0');
  if (transfer && !transfer.recipient.trim()) invalid('handling.transfer.recipient', 'a transfer names the authority or organ it goes to');

  const rule = rules.nonCooperation;
  if (rule) {
    content.nonCooperation.forEach((code, i) => {
      if (!rule.cases.some((c) => c.code === code)) {
        issues.push({ code: 'INVALID', field: `nonCooperation.${i}`, message: `"${code}" is not a case of serious non-cooperation; the pack knows ${rule.cases.map((c) => `${c.code} (${c.label})`).join(', ')}`, cite: rule.cite });
      }
    });
    if (content.category === rule.category && content.nonCooperation.length === 0) {
      issues.push({ code: 'INVALID', field: 'nonCooperation', message: `the category ${rule.category} needs the case(s) of non-cooperation that justify it`, cite: rule.cite });
    }
    if (content.category !== rule.category && content.nonCooperation.length > 0) {
      issues.push({ code: 'INVALID', field: 'category', message: `cases of serious non-cooperation lead to the category ${rule.category}`, cite: rule.cite });
    }
  }
  return issues;
}

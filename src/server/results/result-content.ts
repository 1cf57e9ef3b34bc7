import { categoryCode } from '../../core/results/categories.ts';
import type { Rules } from '../../core/rules/schema.ts';
import { toIsoDate } from '../../core/directory/dates.ts';
import type { InspectionResult } from '@prisma/client';
import type { Handling, HazardFinding, ItemFinding, ResultContent } from '../../core/results/types.ts';

export const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A stored result's content, as the core and the signatures see it. */
export function contentOf(row: Pick<InspectionResult, 'category' | 'inspectedOn' | 'items' | 'hazards' | 'handling' | 'nonCooperation' | 'summary'>): ResultContent {
  return {
    category: row.category,
    inspectedOn: toIsoDate(row.inspectedOn),
    items: row.items as unknown as ItemFinding[],
    hazards: row.hazards as unknown as HazardFinding[],
    handling: row.handling as unknown as Handling,
    nonCooperation: row.nonCooperation,
    summary: row.summary,
  };
}

/** The columns a content is stored in; JSON without undefined, so it reads back as it was hashed. */
export function contentColumns(content: ResultContent) {
  const json = <T>(v: T) => JSON.parse(JSON.stringify(v)) as object;
  return {
    category: content.category,
    inspectedOn: asDate(content.inspectedOn),
    items: json(content.items),
    hazards: json(content.hazards),
    handling: json(content.handling),
    nonCooperation: [...content.nonCooperation],
    summary: content.summary,
  };
}

/**
 * Normalises a content: trimmed text, no undefined keys (the hash must not depend on how it
 * arrived), the category as its code (a clerk may write the pack's Chinese label).
 */
export function normaliseContent(c: ResultContent, rules: Rules): ResultContent {
  const h = c.handling;
  const handling: Handling = {
    ...(h.rectificationDue ? { rectificationDue: h.rectificationDue } : {}),
    ...(h.penalty ? { penalty: { decisionNumber: h.penalty.decisionNumber.trim(), ...(h.penalty.fineYuan !== undefined && h.penalty.fineYuan !== null ? { fineYuan: h.penalty.fineYuan } : {}) } } : {}),
    ...(h.transfer ? { transfer: { to: h.transfer.to, recipient: h.transfer.recipient.trim() } } : {}),
  };
  return {
    category: categoryCode(rules, c.category),
    inspectedOn: c.inspectedOn,
    items: c.items.map((i) => ({ code: i.code.trim(), outcome: i.outcome, ...(i.note?.trim() ? { note: i.note.trim() } : {}) })),
    hazards: c.hazards.map((x) => ({ description: x.description.trim(), major: x.major, concealed: x.concealed, ...(x.itemCode ? { itemCode: x.itemCode.trim() } : {}) })),
    handling,
    nonCooperation: c.nonCooperation.map((x) => x.trim()),
    summary: c.summary.trim(),
  };
}

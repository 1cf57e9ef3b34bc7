import type { PrismaClient } from '@prisma/client';
import { chinaDate } from '../../core/calendar/china-date.ts';
import { tallyItem, type ItemTally } from '../../core/checklist/item-tally.ts';
import type { ItemPeriod } from '../../core/checklist/ratio-frequency.ts';
import { itemValues } from '../../core/checklist/pack-items.ts';
import type { Citation, Rules } from '../../core/rules/schema.ts';

export interface ChecklistItemTallyRow extends ItemTally {
  readonly code: string;
  readonly name: string;
  readonly ratioText: string | null;
  readonly ratioPercent: number | null;
  readonly ratioMinimum: boolean | null;
  readonly frequencyText: string | null;
  readonly frequencyPeriod: ItemPeriod | null;
  /** The pack's clauses where its rules.checklist.items set the ratio or frequency; null: the checklist's own. */
  readonly ratioCite: Citation | null;
  readonly frequencyCite: Citation | null;
  readonly objects: number;
  /** Tasks of the year (not cancelled) that drew inspections of the item. */
  readonly tasks: number;
  /** Inspections (picks) of the item this year. */
  readonly inspections: number;
  /** Those picks, by task and enterprise: the compliance engine keeps the ones actually inspected. */
  readonly picked: readonly { readonly taskId: string; readonly uscc: string }[];
}

/**
 * The year's tally per checklist item with a 抽查比例 or 抽查频次 (issue 20, item 2): the tasks
 * and inspections drawn for it (a pick given the item or one of its sub-items, or a pick of a task
 * drawn for the item or its parent whose enterprise is one of the item's objects), the share of
 * its objects inspected, and whether its ratio and frequency are met so far. The year and its
 * periods are Beijing-time civil dates (a task's inspection date).
 */
export async function checklistItemTally(prisma: PrismaClient, jurisdictionId: string, year: number, rules: Rules | null, now = new Date()): Promise<ChecklistItemTallyRow[]> {
  // Three independent reads, asked together.
  const [items, picks, sectors] = await Promise.all([
    prisma.$queryRaw<{ id: string; parent_id: string | null; code: string; name: string; inspection_object: string | null; sectors: string[] | null; ratio_text: string | null; ratio_percent: string | null; ratio_minimum: boolean | null; frequency_text: string | null; frequency_period: ItemPeriod | null }[]>`
      SELECT id, parent_id, code, name, inspection_object, sectors, ratio_text, ratio_percent::text, ratio_minimum, frequency_text, frequency_period
      FROM checklist_item WHERE jurisdiction_id = ${jurisdictionId} AND active ORDER BY code`,
    prisma.$queryRaw<{ uscc: string; items: string[]; task_codes: string[]; sector: string | null; task_id: string; on: string }[]>`
      SELECT p.uscc, p.items, t.checklist_codes AS task_codes, e.sector, t.id AS task_id, to_char(t.inspection_date, 'YYYY-MM-DD') AS on
      FROM draw_pick p JOIN draw d ON d.id = p.draw_id JOIN inspection_task t ON t.id = d.task_id LEFT JOIN enterprise e ON e.id = p.enterprise_id
      WHERE t.jurisdiction_id = ${jurisdictionId} AND t.status <> 'CANCELLED'
        AND t.inspection_date >= ${`${year}-01-01`}::date AND t.inspection_date <= ${`${year}-12-31`}::date`,
    prisma.$queryRaw<{ sector: string; n: number }[]>`
      SELECT sector, count(*)::int AS n FROM enterprise WHERE jurisdiction_id = ${jurisdictionId} AND active GROUP BY sector`,
  ]);
  const total = sectors.reduce((n, s) => n + s.n, 0);
  const children = new Map<string, string[]>();
  for (const i of items) if (i.parent_id) children.set(i.parent_id, [...(children.get(i.parent_id) ?? []), i.id]);
  const codeOf = new Map(items.map((i) => [i.id, i.code]));
  const byId = new Map(items.map((i) => [i.id, i]));
  /** The item and its ancestors' codes: a task naming any of them is drawn for the item. */
  const codesAbove = (id: string): string[] => {
    const codes: string[] = [];
    for (let at = byId.get(id); at; at = at.parent_id ? byId.get(at.parent_id) : undefined) codes.push(at.code);
    return codes;
  };
  const codesUnder = (id: string): string[] => [codeOf.get(id)!, ...(children.get(id) ?? []).flatMap(codesUnder)];
  const today = chinaDate(now);

  // The pack's ratio or frequency for an item it names overrides the checklist's (rules.checklist.items).
  const inForce = (i: (typeof items)[number]) => itemValues({
    code: i.code, name: i.name, inspectionObject: i.inspection_object, ratioText: i.ratio_text, ratioPercent: i.ratio_percent === null ? null : Number(i.ratio_percent),
    frequencyText: i.frequency_text, frequencyPeriod: i.frequency_period,
  }, rules ?? {});
  return items
    .map((i) => ({ ...i, v: inForce(i) }))
    .filter((i) => i.v.ratioText !== null || i.v.frequencyText !== null)
    .map((i) => {
      const codes = new Set(codesUnder(i.id));
      const above = codesAbove(i.id);
      const isObject = (sector: string | null) => !i.sectors || i.sectors.length === 0 || (sector !== null && i.sectors.includes(sector));
      // A pick is the item's when it was given the item (or a sub-item), or its task was drawn for the item and the enterprise is one of the item's objects.
      const mine = picks.filter((p) => p.items.some((c) => codes.has(c)) || (p.task_codes.some((c) => above.includes(c)) && isObject(p.sector)));
      const objects = !i.sectors || i.sectors.length === 0 ? total : sectors.filter((s) => i.sectors!.includes(s.sector)).reduce((n, s) => n + s.n, 0);
      const ratioPercent = i.v.ratioPercent;
      return {
        code: i.code, name: i.name, ratioText: i.v.ratioText, ratioPercent, ratioMinimum: i.v.ratioCite ? true : i.ratio_minimum, frequencyText: i.v.frequencyText, frequencyPeriod: i.v.period,
        ratioCite: i.v.ratioCite, frequencyCite: i.v.frequencyCite,
        objects, tasks: new Set(mine.map((p) => p.task_id)).size, inspections: mine.length, picked: mine.map((p) => ({ taskId: p.task_id, uscc: p.uscc })),
        ...tallyItem(year, today, { ratioPercent, period: i.v.period, objects, inspections: mine.map((p) => ({ uscc: p.uscc, on: p.on })) }),
      };
    });
}

import type { Problem } from '../result.ts';
import type { ChecklistRow } from './kinds/checklist.ts';
import type { FinishedRecords } from './kinds/spec.ts';
import { matchObjectText, type SectorCorrections } from './match-sectors.ts';
import { BASE_VOCABULARY, type SectorVocabulary } from './sector-vocabulary.ts';

type Read = { readonly row: number; readonly value: ChecklistRow };

/**
 * Generated item codes: "G" and 8 hex digits of a 32-bit FNV-1a hash of the item's 抽查类别,
 * 事项类别, 检查对象 and name (joined by U+0001). The same row gives the same code in any file
 * and any order, so re-importing an edited table updates the items it kept. Two rows alike in
 * all four are one item twice: the import refuses the second (DUPLICATE_KEY) rather than guess.
 * A sub-item's code is its parent's code, "-" and its place under the parent (1, 2, …).
 */
export function generatedCode(item: Pick<ChecklistRow, 'category' | 'itemKind' | 'inspectionObject' | 'name'>): string {
  const text = [item.category ?? '', item.itemKind ?? '', item.inspectionObject ?? '', item.name].join('\u0001');
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `G${hash.toString(16).padStart(8, '0')}`;
}

/** A list without names (抽查类别 | 检查对象 | …) names each item by its 检查对象 and 抽查类别. */
function derivedName(value: ChecklistRow): string | null {
  if (!value.inspectionObject) return null;
  return value.category ? `${value.inspectionObject}（${value.category}）` : value.inspectionObject;
}

/** The fields a parent item takes from its sub-item rows: those all its rows agree on. */
const SHARED: readonly (keyof ChecklistRow)[] = [
  'content', 'legalBasis', 'category', 'itemKind', 'inspectionObject', 'sectors', 'method', 'subject', 'department', 'level',
  'inspectorRequirement', 'ratioText', 'frequencyText', 'remarks',
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function parentOf(group: readonly Read[], code: string): ChecklistRow {
  const first = group[0]!.value;
  const parent: ChecklistRow = { ...first, code, subItem: null, extra: {} };
  for (const key of SHARED) {
    if (!group.every((r) => same(r.value[key], first[key]))) (parent as unknown as Record<string, unknown>)[key] = key === 'sectors' ? [] : null;
  }
  for (const [header, text] of Object.entries(first.extra)) {
    if (group.every((r) => r.value.extra[header] === text)) parent.extra[header] = text;
  }
  return parent;
}

/**
 * Shapes a checklist table as bureaus publish it into the records to write:
 * - an item's rows with 抽查子项 (its cells repeated, or merged down in XLSX, over its sub-item
 *   rows) become one parent item (编号, 名称 and what its rows share) and a child per sub-item,
 *   named by the sub-item; only leaves are drawn;
 * - rows without 编号 get generated codes (`generatedCode`), rows without a name are named by
 *   their 检查对象;
 * - without 适用行业, an item's sectors come from its 检查对象 (`objectMatcher`: matchObjectText, as 名录库 › 检查对象匹配 shows it); parts
 *   naming no sector are a warning on the row, and the item keeps the sectors that did match.
 */
/** The sectors a 检查对象 text names, and the parts that name none (a warning on the row, never an error). */
export interface ObjectSectors {
  readonly sectors: readonly string[];
  readonly unmatched: readonly string[];
}

/**
 * 检查对象 → sectors by the jurisdiction's vocabulary and the bureau's corrections
 * (matchObjectText, the same match 名录库 › 检查对象匹配 shows); unmatched parts are reported.
 */
export function objectMatcher(vocabulary: SectorVocabulary, corrections: SectorCorrections = new Map()): (text: string) => ObjectSectors {
  return (text) => {
    const match = matchObjectText(text, vocabulary, corrections);
    return { sectors: match.sectors, unmatched: match.parts.filter((p) => p.how === 'unmatched').map((p) => p.text) };
  };
}

export function shapeChecklist(records: readonly Read[], sectorsOf: (text: string) => ObjectSectors = objectMatcher(BASE_VOCABULARY)): FinishedRecords<ChecklistRow> {
  const problems: Problem<'MISSING_VALUE'>[] = [];
  const warnings: Problem<'UNMATCHED_SECTOR'>[] = [];
  const rows: Read[] = [];
  for (const { row, value } of records) {
    const name = value.name || derivedName(value);
    if (!name) {
      problems.push({ code: 'MISSING_VALUE', row, column: '抽查事项名称', field: 'name', message: `第 ${row} 行「抽查事项名称」：必填，不能为空；没有名称列时按「检查对象」命名，但本行也没有检查对象 (the item has no name and no 检查对象 to name it by)` });
      continue;
    }
    let sectors = value.sectors;
    if (sectors.length === 0 && value.inspectionObject) {
      const found = sectorsOf(value.inspectionObject);
      sectors = [...found.sectors];
      if (found.unmatched.length > 0) {
        warnings.push({
          code: 'UNMATCHED_SECTOR', row, column: '检查对象', field: 'inspectionObject',
          message: `第 ${row} 行「检查对象」：“${found.unmatched.join('”“')}”未对应到已知的行业领域，${sectors.length === 0 ? '本事项的适用行业留空' : '适用行业只取已对应的部分'}；检查对象原文已保留 (names no known sector; the text is kept)`,
        });
      }
    }
    rows.push({ row, value: { ...value, name, sectors } });
  }

  const out: { row: number; value: ChecklistRow }[] = [];
  let generatedKeys = 0;
  const codeOf = (value: ChecklistRow) => {
    if (value.code) return value.code;
    generatedKeys++;
    return generatedCode(value);
  };
  for (let i = 0; i < rows.length; ) {
    const start = rows[i]!;
    if (!start.value.subItem) {
      out.push({ row: start.row, value: { ...start.value, code: codeOf(start.value) } });
      i++;
      continue;
    }
    // Consecutive sub-item rows of one item: the same 编号 and name (repeated, or merged cells filled).
    let end = i + 1;
    while (end < rows.length && rows[end]!.value.subItem && same(rows[end]!.value.code, start.value.code) && rows[end]!.value.name === start.value.name) end++;
    const group = rows.slice(i, end);
    const code = codeOf(start.value);
    out.push({ row: start.row, value: parentOf(group, code) });
    group.forEach(({ row, value }, n) => {
      generatedKeys++; // a sub-item's code always follows its parent's
      out.push({ row, value: { ...value, code: `${code}-${n + 1}`, name: value.subItem!, subItem: null, parentCode: code } });
    });
    i = end;
  }
  return { records: out, problems, warnings, generatedKeys };
}

import type { Problem } from '../result.ts';
import { readCell, type Field, type ReadContext } from './fields.ts';
import type { DirectorySpec } from './kinds/spec.ts';

/** A decoded file: its header row and data rows as text cells. */
export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** File row number of the first data row (2 when the header is row 1). */
  readonly firstRow?: number;
}

export type TableProblemCode = 'MISSING_COLUMN' | 'DUPLICATE_COLUMN' | 'UNKNOWN_MAPPING' | 'INVALID_VALUE' | 'MISSING_VALUE' | 'DUPLICATE_KEY' | 'EMPTY_FILE';

/** Rows above the header a file may have (titles, notes) and still have its header found. */
export const MAX_TITLE_ROWS = 9;

export interface ReadTableResult<R> {
  /** Valid records with the file row each came from. */
  readonly records: readonly { readonly row: number; readonly value: R }[];
  readonly problems: readonly Problem<TableProblemCode>[];
  /** Headers of the file that map to no field (ignored; for a kind that keeps them, none). */
  readonly ignoredColumns: readonly string[];
  /** Headers that map to no field and are kept in each record's `extra` (header → value). */
  readonly keptColumns: readonly string[];
  /** Each header of the file that was recognised, with the field it is read as (in file order). */
  readonly columns: readonly { readonly header: string; readonly field: string }[];
  /** The header row used (it is the file's first row unless title rows were skipped). */
  readonly headers: readonly string[];
  /** Rows above the header that were skipped, each as its text (a title: "XX县…抽查事项清单"). */
  readonly titleRows: readonly string[];
  /** Found and reported, not blocking. */
  readonly warnings: readonly Problem[];
  /** Records whose key was generated (a checklist without 编号, its sub-items). */
  readonly generatedKeys: number;
}

/** Headers compare without spaces, required-marks or full-width punctuation, case-insensitively. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/[\s*＊]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

/**
 * Reads a table against a directory spec. `mapping` maps a header of the file to a header the
 * spec knows or to a property name, for files with other headers.
 */
export function readTable<R>(spec: DirectorySpec<R>, file: Table, mapping: Readonly<Record<string, string>> = {}, context: ReadContext = {}): ReadTableResult<R> {
  const problems: Problem<TableProblemCode>[] = [];
  const entries = Object.entries(spec.fields) as [keyof R & string, Field<unknown>][];
  const byHeader = new Map<string, keyof R & string>();
  for (const [key, field] of entries) {
    byHeader.set(normaliseHeader(key), key);
    for (const h of field.headers) byHeader.set(normaliseHeader(h), key);
  }
  const mapped = new Map(Object.entries(mapping).map(([from, to]) => [normaliseHeader(from), to]));
  for (const [from, to] of Object.entries(mapping)) {
    if (!byHeader.has(normaliseHeader(to))) {
      problems.push({ code: 'UNKNOWN_MAPPING', column: from, message: `列“${from}”被指定读作“${to}”，但${spec.label}没有这一列 (Mapping for column "${from}" names "${to}", which is not a column of the ${spec.label})` });
    }
  }

  const known = (header: string) => byHeader.has(normaliseHeader(mapped.get(normaliseHeader(header)) ?? header));
  const { table, titleRows } = findHeaderRow(file, known);

  const columnOf = new Map<keyof R & string, number>();
  const ignoredColumns: string[] = [];
  const keptColumns: { header: string; index: number }[] = [];
  const columns: { header: string; field: string }[] = [];
  table.headers.forEach((header, index) => {
    const target = mapped.get(normaliseHeader(header)) ?? header;
    const key = byHeader.get(normaliseHeader(target));
    if (key === undefined) {
      if (header.trim() === '') return;
      if (spec.keepsUnknownColumns && !keptColumns.some((k) => k.header === header)) keptColumns.push({ header, index });
      else ignoredColumns.push(header);
      return;
    }
    const previous = columnOf.get(key);
    if (previous !== undefined) {
      problems.push({ code: 'DUPLICATE_COLUMN', column: header, message: `列“${table.headers[previous]}”和“${header}”都是${spec.fields[key].headers[0]} (Columns "${table.headers[previous]}" and "${header}" both give ${spec.fields[key].headers[0]})`, field: key });
      return;
    }
    columnOf.set(key, index);
    columns.push({ header, field: key });
  });
  for (const [key, field] of entries) {
    if (field.required && !columnOf.has(key)) {
      problems.push({ code: 'MISSING_COLUMN', column: field.headers[0], message: `文件缺少${spec.label}必需的列“${field.headers[0]}” (The file has no column ${field.headers[0]}, which the ${spec.label} requires)`, field: key });
    }
  }
  const report = { ignoredColumns, keptColumns: keptColumns.map((k) => k.header), columns, headers: table.headers, titleRows, warnings: [] as Problem[], generatedKeys: 0 };
  if (problems.length > 0) return { ...report, records: [], problems };
  if (table.rows.length === 0) {
    return { ...report, records: [], problems: [{ code: 'EMPTY_FILE', message: '文件只有表头，没有数据行 (The file has a header row but no data rows)' }] };
  }

  const firstRow = table.firstRow ?? 2;
  const seen = new Map<string, number>();
  const read: { row: number; value: R }[] = [];
  const readers = entries.map(([key, field]) => ({ key, field, index: columnOf.get(key) }));
  table.rows.forEach((cells, i) => {
    const row = firstRow + i;
    if (cells.every((c) => c.trim() === '')) return; // blank lines are not records
    const value = {} as Record<string, unknown>;
    let valid = true;
    for (const { key, field, index } of readers) {
      const result = readCell(field, index === undefined ? undefined : cells[index], context);
      if (result.ok) {
        value[key] = result.value;
      } else {
        valid = false;
        const column = index === undefined ? field.headers[0]! : table.headers[index]!;
        problems.push({ code: 'INVALID_VALUE', row, column, field: key, message: `第 ${row} 行「${column}」：${result.error}` });
      }
    }
    if (!valid) return;
    if (keptColumns.length > 0) {
      const extra = { ...(value.extra as Record<string, string> | undefined) };
      for (const { header, index } of keptColumns) {
        const text = (cells[index] ?? '').trim();
        if (text !== '') extra[header] = text;
      }
      value.extra = extra;
    }
    read.push({ row, value: value as R });
  });

  const finished = spec.finish?.(read, context);
  if (finished) problems.push(...finished.problems);
  const records: { row: number; value: R }[] = [];
  const keyOf = spec.keyOf ?? ((r: R) => String(r[spec.key]));
  const keyColumn = columnOf.has(spec.key) ? table.headers[columnOf.get(spec.key)!]! : spec.fields[spec.key].headers[0]!;
  for (const record of finished?.records ?? read) {
    const keyValue = keyOf(record.value);
    const earlier = seen.get(keyValue);
    if (earlier !== undefined) {
      problems.push({ code: 'DUPLICATE_KEY', row: record.row, column: keyColumn, field: spec.key, message: `第 ${record.row} 行「${keyColumn}」：${keyValue} 与第 ${earlier} 行重复 (already appears in row ${earlier})` });
      continue;
    }
    seen.set(keyValue, record.row);
    records.push(record);
  }
  // In file order, as a clerk corrects them (a stable sort keeps a row's problems in column order).
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { ...report, warnings: finished?.warnings ?? [], generatedKeys: finished?.generatedKeys ?? 0, records, problems };
}

/**
 * The header row: the file's first row, unless a row among the next MAX_TITLE_ROWS has more
 * headers the spec knows (and at least two), as when a title row ("XX县应急管理局2026年双随机
 * 抽查事项清单", often merged across the columns) stands above the header. The rows above the
 * header found are skipped and reported.
 */
function findHeaderRow(file: Table, known: (header: string) => boolean): { table: Table; titleRows: string[] } {
  const score = (cells: readonly string[]) => cells.filter((c) => c.trim() !== '' && known(c)).length;
  let best = 0;
  let bestScore = score(file.headers);
  file.rows.slice(0, MAX_TITLE_ROWS).forEach((cells, i) => {
    const s = score(cells);
    if (s >= 2 && s > bestScore) (best = i + 1), (bestScore = s);
  });
  if (best === 0) return { table: file, titleRows: [] };
  const above = [file.headers, ...file.rows.slice(0, best - 1)];
  const titleRows = above.map((cells) => [...new Set(cells.map((c) => c.trim()).filter(Boolean))].join(' ')).filter(Boolean);
  const firstRow = file.firstRow ?? 2;
  return { table: { headers: file.rows[best - 1]!, rows: file.rows.slice(best), firstRow: firstRow + best }, titleRows };
}

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

export type TableProblemCode = 'MISSING_COLUMN' | 'DUPLICATE_COLUMN' | 'UNKNOWN_MAPPING' | 'INVALID_VALUE' | 'DUPLICATE_KEY' | 'EMPTY_FILE';

export interface ReadTableResult<R> {
  /** Valid records with the file row each came from. */
  readonly records: readonly { readonly row: number; readonly value: R }[];
  readonly problems: readonly Problem<TableProblemCode>[];
  /** Headers of the file that map to no field (ignored). */
  readonly ignoredColumns: readonly string[];
  /** Each header of the file that was recognised, with the field it is read as (in file order). */
  readonly columns: readonly { readonly header: string; readonly field: string }[];
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
export function readTable<R>(spec: DirectorySpec<R>, table: Table, mapping: Readonly<Record<string, string>> = {}, context: ReadContext = {}): ReadTableResult<R> {
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

  const columnOf = new Map<keyof R & string, number>();
  const ignoredColumns: string[] = [];
  const columns: { header: string; field: string }[] = [];
  table.headers.forEach((header, index) => {
    const target = mapped.get(normaliseHeader(header)) ?? header;
    const key = byHeader.get(normaliseHeader(target));
    if (key === undefined) {
      if (header.trim() !== '') ignoredColumns.push(header);
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
  if (problems.length > 0) return { records: [], problems, ignoredColumns, columns };
  if (table.rows.length === 0) {
    return { records: [], problems: [{ code: 'EMPTY_FILE', message: '文件只有表头，没有数据行 (The file has a header row but no data rows)' }], ignoredColumns, columns };
  }

  const firstRow = table.firstRow ?? 2;
  const seen = new Map<string, number>();
  const records: { row: number; value: R }[] = [];
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
    const keyValue = String(value[spec.key]);
    const earlier = seen.get(keyValue);
    if (earlier !== undefined) {
      const column = table.headers[columnOf.get(spec.key)!]!;
      problems.push({ code: 'DUPLICATE_KEY', row, column, field: spec.key, message: `第 ${row} 行「${column}」：${keyValue} 与第 ${earlier} 行重复 (already appears in row ${earlier})` });
      return;
    }
    seen.set(keyValue, row);
    records.push({ row, value: value as R });
  });
  return { records, problems, ignoredColumns, columns };
}

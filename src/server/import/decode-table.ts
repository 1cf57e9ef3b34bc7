import type { Table } from '../../core/directory/read-table.ts';
import { type DecodeLimits, formatBytes } from './decode-limits.ts';
import { columnLetters, fail } from './file-problem.ts';
import { decodeText, readCsv, type TextEncoding } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';

export type FileFormat = 'csv' | 'xlsx';
export type { TextEncoding };

export interface DecodedFile {
  readonly format: FileFormat;
  readonly encoding: TextEncoding | null;
  readonly table: Table;
}

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * Turns an uploaded file into a table in the calling thread: XLSX by its signature, otherwise
 * CSV in a detected encoding. Servers call `decodeFile`, which runs this in a worker.
 */
export function decodeTable(bytes: Uint8Array, limits: DecodeLimits): DecodedFile {
  if (bytes.byteLength > limits.maxBytes) {
    fail('FILE_TOO_LARGE', `文件有 ${formatBytes(bytes.byteLength)}，超过上限 ${formatBytes(limits.maxBytes)}（IMPORT_MAX_BYTES）/ The file has ${bytes.byteLength} bytes, more than the limit of ${limits.maxBytes}`);
  }
  if (bytes.byteLength === 0) fail('EMPTY_FILE', '文件是空的 / The file is empty');
  const decoded: DecodedFile = isZip(bytes)
    ? { format: 'xlsx', encoding: null, table: readXlsx(bytes, limits) }
    : (() => {
        const { text, encoding } = decodeText(bytes);
        return { format: 'csv' as const, encoding, table: readCsv(text, limits) };
      })();
  refuseNul(decoded);
  return decoded;
}

/**
 * PostgreSQL cannot store U+0000 in text: a cell holding it is refused here, by row and column,
 * rather than failing the import's transaction with a database error.
 */
function refuseNul({ format, table }: DecodedFile): void {
  const firstRow = table.firstRow ?? 2;
  const label = (index: number, row: number) => {
    const header = row >= firstRow ? table.headers[index]?.trim() : undefined;
    if (header && !header.includes('\u0000')) return header;
    return format === 'xlsx' ? `${columnLetters(index + 1)}` : `第 ${index + 1} 列`;
  };
  let first: { row: number; column: string } | undefined;
  let count = 0;
  const scan = (cells: readonly string[], row: number) => {
    for (let i = 0; i < cells.length; i++) {
      if (!cells[i]!.includes('\u0000')) continue;
      count++;
      first ??= { row, column: label(i, row) };
    }
  };
  scan(table.headers, firstRow - 1);
  table.rows.forEach((cells, i) => scan(cells, firstRow + i));
  if (!first) return;
  const others = count > 1 ? `，另有 ${count - 1} 个单元格也是如此` : '';
  fail(
    'INVALID_CHARACTER',
    `第 ${first.row} 行「${first.column}」列含有空字符（U+0000），无法保存${others}；请删除后重新上传 / Row ${first.row}, column ${first.column} holds a NUL character (U+0000), which cannot be stored`,
    first,
  );
}

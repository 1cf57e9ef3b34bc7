import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { FileFormat } from './decode-file.ts';
import { neutraliseFormula } from '../../core/directory/formula-cells.ts';

export interface ExportTable {
  readonly sheetName: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export type CsvEncoding = 'utf-8-bom' | 'gb18030';

/**
 * CSV in UTF-8 with a BOM by default, so that Excel on a Chinese Windows opens it right;
 * GB18030 for older tools.
 */
export function toCsv(table: ExportTable, encoding: CsvEncoding = 'utf-8-bom'): Buffer {
  // Cells that a spreadsheet would run as formulas are written as text (see formula-cells.ts).
  const text = stringify([table.headers as string[], ...table.rows.map((row) => row.map(neutraliseFormula))], { record_delimiter: '\r\n' });
  return encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.sheetName);
  // Every column is text: an ID number or USCC must never become a number in Excel.
  sheet.columns = table.headers.map((header) => ({ header, width: Math.max(12, header.length * 2 + 4), style: { numFmt: '@' } }));
  for (const row of table.rows) sheet.addRow([...row]);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function encodeTable(table: ExportTable, format: FileFormat, encoding?: CsvEncoding): Promise<Buffer> {
  return format === 'xlsx' ? toXlsx(table) : toCsv(table, encoding);
}

import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/core/directory/read-table.ts';
import { decodeFile, FileDecodeError, type DecodeLimits } from '../../src/server/import/decode-file.ts';
import { inflateEntry, listZipEntries } from '../../src/server/import/zip-entries.ts';
import { buildXlsx, cell } from '../helpers/xlsx.ts';

async function problemOf(bytes: Uint8Array, limits: Partial<DecodeLimits> = {}) {
  try {
    await decodeFile(bytes, limits);
  } catch (error) {
    if (error instanceof FileDecodeError) return error.problem;
    throw error;
  }
  throw new Error('expected a problem');
}

/** How the import read XLSX before: exceljs' whole workbook, every row padded to the widest. */
async function readWithExceljs(bytes: Uint8Array): Promise<Table> {
  const text = (value: ExcelJS.CellValue): string => {
    if (value === null || value === undefined) return '';
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'object') {
      if ('richText' in value) return value.richText.map((r) => r.text).join('');
      if ('text' in value) return String(value.text);
      if ('result' in value) return text(value.result as ExcelJS.CellValue);
      if ('error' in value) return '';
    }
    return String(value);
  };
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  let headerRow = 0;
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(text(row.getCell(c).value).trim());
    if (headerRow === 0 && !cells.some(Boolean)) return;
    headerRow ||= number;
    rows[number - headerRow] = cells;
  });
  const [headers, ...data] = Array.from(rows, (r) => r ?? []);
  return { headers: headers!, rows: data, firstRow: headerRow + 1 };
}

/** The same table without the padding: each row up to its last value, no blank rows at the end. */
function trimmed(table: Table): Table {
  const trim = (cells: readonly string[]) => cells.slice(0, cells.findLastIndex((c) => c !== '') + 1);
  const rows = table.rows.map(trim);
  while (rows.length > 0 && rows.at(-1)!.length === 0) rows.pop();
  return { headers: trim(table.headers), rows, firstRow: table.firstRow };
}

const row = (r: number, ...cells: string[]) => `<row r="${r}">${cells.join('')}</row>`;

describe('reading an XLSX by streaming it', () => {
  it('reads what exceljs read: shared and rich strings, numbers, dates by format, booleans, formulas, hyperlinks, errors, the 1904 system', async () => {
    for (const date1904 of [false, true]) {
      const workbook = new ExcelJS.Workbook();
      workbook.properties.date1904 = date1904;
      const sheet = workbook.addWorksheet('名录');
      workbook.addWorksheet('第二张').addRow(['不读这张']);
      sheet.addRow([]);
      sheet.addRow(['统一社会信用代码', '企业名称', '成立日期', '人数', '比例', '黑名单', '合计', '网址', '错误', '年月日']);
      sheet.addRow([
        '91350100M000100Y43',
        { richText: [{ text: '福州', font: { bold: true } }, { text: '某某有限公司' }] },
        new Date(Date.UTC(2020, 4, 6)),
        120,
        0.125,
        true,
        { formula: 'D3*2', result: 240 },
        { text: '官网', hyperlink: 'https://example.cn' },
        { error: '#N/A' },
        43952,
      ]);
      sheet.addRow(['  带空格  ', 'a & b <c> "d"', { formula: 'C3+1', result: new Date(Date.UTC(2020, 4, 7)) }, 12345678901234567890, -3.5, false, { formula: 'B4&"x"', result: '串' }]);
      sheet.addRow([]);
      sheet.addRow(['第六行', '', '', 1e21]);
      sheet.getCell('J3').numFmt = 'yyyy"年"m"月"d"日"';
      sheet.getCell('E3').numFmt = '0.00%';
      const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
      const decoded = await decodeFile(bytes);
      expect(decoded.format).toBe('xlsx');
      expect(trimmed(decoded.table)).toEqual(trimmed(await readWithExceljs(bytes)));
      expect(decoded.table.rows[0]).toEqual(['91350100M000100Y43', '福州某某有限公司', '2020-05-06', '120', '0.125', 'true', '240', '官网', '', date1904 ? '2024-05-02' : '2020-05-01']);
    }
  });

  it('reads inline strings, OOXML escapes, phonetic runs, cells without references and prefixed elements', async () => {
    const sheetData =
      row(1, cell('A1', '名称'), cell('B1', '地址')) +
      '<row r="2"><c t="inlineStr"><is><r><t>南阳</t></r><r><t>_x0041_公司</t></r><rPh><t>なんよう</t></rPh></is></c><c t="s"><v>0</v></c></row>';
    const bytes = buildXlsx({ sheetData, sharedStrings: '<si><t>卧龙区_x000A_光武路</t><rPh sb="0" eb="1"><t>ガ</t></rPh></si>' });
    expect((await decodeFile(bytes)).table).toEqual({ headers: ['名称', '地址'], rows: [['南阳A公司', '卧龙区\n光武路']], firstRow: 2 });
    const prefixed = zipSync({
      'xl/workbook.xml': strToU8('<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheets><x:sheet name="s" sheetId="1"/></x:sheets></x:workbook>'),
      'xl/worksheets/sheet1.xml': strToU8('<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>名称</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>'),
    });
    expect((await decodeFile(prefixed)).table.headers).toEqual(['名称']);
  });

  it('refuses a value at XFD1048576 by its row at once, before building anything', async () => {
    const bytes = buildXlsx({ sheetData: row(1048576, cell('XFD1048576', 'x')) });
    expect(bytes.length).toBeLessThan(2000);
    expect(await problemOf(bytes)).toMatchObject({ code: 'TOO_MANY_ROWS', row: 1048576, message: expect.stringContaining('IMPORT_MAX_ROWS') });
    expect(await problemOf(buildXlsx({ sheetData: row(1, cell('A1', '名称'), cell('XFD1', 'x')) }))).toMatchObject({ code: 'TOO_MANY_COLUMNS', column: 'XFD', message: expect.stringContaining('IMPORT_MAX_COLUMNS') });
  });

  it('reads a sparse cell far away within a small heap: memory follows the cells that exist', async () => {
    // Before, every row was padded to the widest: 26 columns × a million rows.
    const sheetData = row(1, cell('A1', '名称')) + `<row r="999999">${cell('Z999999', '远处')}<c r="XFD999999" s="1"/></row>`;
    const decoded = await decodeFile(buildXlsx({ sheetData }), { decodeHeapMb: 64 });
    expect(decoded.table.headers).toEqual(['名称']);
    expect(decoded.table.rows).toHaveLength(999_998);
    expect(decoded.table.rows.at(-1)).toHaveLength(26);
    expect(decoded.table.rows.at(-1)![25]).toBe('远处');
  });

  it('refuses a zip bomb by its compression ratio without inflating it', async () => {
    // 100 MB of empty rows that deflate about 1,000-fold, as the hostile tester's file did.
    const bomb = buildXlsx({ sheetData: '<row/>'.repeat(17_000_000) }, 9);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await problemOf(bomb)).toMatchObject({ code: 'XLSX_TOO_LARGE', message: expect.stringContaining('IMPORT_MAX_COMPRESSION_RATIO') });
    expect(await problemOf(bomb, { maxCompressionRatio: 10_000, maxInflatedBytes: 64 * 1024 * 1024 })).toMatchObject({ code: 'XLSX_TOO_LARGE', message: expect.stringContaining('IMPORT_MAX_INFLATED_BYTES') });
  });

  it('stops a zip entry that lies about its size at the size it declared', async () => {
    const bytes = buildXlsx({ sheetData: row(1, cell('A1', '名称')) + '<row/>'.repeat(1_000_000) });
    const sheet = listZipEntries(bytes).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    // Declare 100 KB in the local and the central header.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    view.setUint32(sheet.localOffset + 22, 100_000, true);
    for (let i = bytes.length - 22; i > 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50 && view.getUint32(i + 42, true) === sheet.localOffset) view.setUint32(i + 24, 100_000, true);
    }
    let seen = 0;
    const lying = listZipEntries(bytes).find((e) => e.name === sheet.name)!;
    expect(lying.size).toBe(100_000);
    expect(() => inflateEntry(bytes, lying, Infinity, (chunk) => (seen += chunk.length))).toThrow(FileDecodeError);
    expect(seen).toBeLessThanOrEqual(100_000);
    expect(await problemOf(bytes)).toMatchObject({ code: 'XLSX_TOO_LARGE' });
  });

  it('refuses a NUL in a cell of a CSV or an XLSX, naming the row and the column', async () => {
    const csv = Buffer.from('统一社会信用代码,企业名称\n91350100M000100Y43,福州\n91350100M000200Y43,南\u0000阳\n');
    expect(await problemOf(csv)).toMatchObject({ code: 'INVALID_CHARACTER', row: 3, column: '企业名称', message: expect.stringContaining('第 3 行「企业名称」列') });
    const xlsx = buildXlsx({ sheetData: row(1, cell('A1', '企业名称')) + row(2, '<c r="A2" t="s"><v>0</v></c>'), sharedStrings: '<si><t>南_x0000_阳</t></si>' });
    expect(await problemOf(xlsx)).toMatchObject({ code: 'INVALID_CHARACTER', row: 2, column: '企业名称' });
  });

  it('refuses a CSV past its rows, columns or cells by its shape, before parsing it', async () => {
    expect(await problemOf(Buffer.from(`a${','.repeat(100_000)}\n`))).toMatchObject({ code: 'TOO_MANY_COLUMNS', row: 1 });
    expect(await problemOf(Buffer.from('a,b\n1,2\n3,4\n'), { maxRows: 2 })).toMatchObject({ code: 'TOO_MANY_ROWS' });
    expect(await problemOf(Buffer.from('a,b\n1,2\n3,4\n'), { maxCells: 5 })).toMatchObject({ code: 'TOO_MANY_CELLS' });
    // Commas inside quotes are not columns; a final line end does not start a row.
    expect((await decodeFile(Buffer.from(`a,b\n"${','.repeat(500)}",2\n`), { maxRows: 2 })).table.rows).toEqual([[','.repeat(500), '2']]);
  });

  it('turns the worker running out of its heap or its time into a typed problem', async () => {
    const big = buildXlsx({ sheetData: Array.from({ length: 6 }, (_, i) => row(i + 1, cell(`A${i + 1}`, 'a'.repeat(8 * 1024 * 1024) + i))).join('') });
    const generous = { maxCompressionRatio: 1_000_000 };
    expect(await problemOf(big, { ...generous, decodeHeapMb: 32 })).toMatchObject({ code: 'DECODE_OUT_OF_MEMORY', message: expect.stringContaining('IMPORT_DECODE_HEAP_MB') });
    // The same heap reads a small file: what ran out was the file, not the worker's start.
    expect((await decodeFile(buildXlsx({ sheetData: row(1, cell('A1', '名称')) }), { decodeHeapMb: 32 })).table.headers).toEqual(['名称']);
    expect(await problemOf(big, { ...generous, decodeTimeoutMs: 1 })).toMatchObject({ code: 'DECODE_TIMEOUT', message: expect.stringContaining('IMPORT_DECODE_TIMEOUT_MS') });
  });
});

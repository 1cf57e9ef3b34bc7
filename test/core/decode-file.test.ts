import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeFile, FileDecodeError } from '../../src/server/import/decode-file.ts';
import { toCsv, toXlsx } from '../../src/server/import/encode-file.ts';

const text = '统一社会信用代码,企业名称\n91350100M000100Y43,福州某某有限公司\n';
const expected = { headers: ['统一社会信用代码', '企业名称'], rows: [['91350100M000100Y43', '福州某某有限公司']] };

async function problemOf(bytes: Uint8Array, max?: number) {
  try {
    await decodeFile(bytes, max);
  } catch (error) {
    if (error instanceof FileDecodeError) return error.problem;
    throw error;
  }
  throw new Error('expected a problem');
}

describe('decodeFile', () => {
  it('detects UTF-8, UTF-8 with BOM, GBK and GB18030 without being told', async () => {
    const cases: [Uint8Array, string][] = [
      [Buffer.from(text, 'utf8'), 'utf-8'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8-bom'],
      [iconv.encode(text, 'gbk'), 'gb18030'],
      [iconv.encode(text, 'gb18030'), 'gb18030'],
    ];
    for (const [bytes, encoding] of cases) {
      const decoded = await decodeFile(bytes);
      expect(decoded).toMatchObject({ format: 'csv', encoding, table: expected });
    }
  });

  it('reads quoted cells as Excel writes them: commas, doubled quotes, line breaks, CRLF, tabs, blank lines', async () => {
    const csv = '企业名称,地址\r\n"某某,有限公司","南阳市""卧龙区""\r\n光武路1号"\r\n\r\n乙公司,\r\n';
    expect((await decodeFile(Buffer.from(csv))).table).toEqual({
      headers: ['企业名称', '地址'],
      rows: [['某某,有限公司', '南阳市"卧龙区"\r\n光武路1号'], ['乙公司', '']],
      firstRow: 2,
    });
    expect((await decodeFile(Buffer.from('企业名称\t地址\n甲,公司\t南阳\n'))).table.rows).toEqual([['甲,公司', '南阳']]);
  });

  it('reads XLSX, finding the header row', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名录');
    sheet.addRow([]);
    sheet.addRow(['统一社会信用代码', '企业名称', '成立日期']);
    sheet.addRow(['91350100M000100Y43', { richText: [{ text: '福州' }, { text: '某某有限公司' }] }, new Date(Date.UTC(2020, 4, 6))]);
    const decoded = await decodeFile(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(decoded.format).toBe('xlsx');
    expect(decoded.table).toEqual({ headers: ['统一社会信用代码', '企业名称', '成立日期'], rows: [['91350100M000100Y43', '福州某某有限公司', '2020-05-06']], firstRow: 3 });
  });

  it('round-trips its own CSV (UTF-8 BOM and GB18030) and XLSX exports', async () => {
    const table = { sheetName: 's', headers: expected.headers, rows: expected.rows };
    for (const bytes of [toCsv(table), toCsv(table, 'gb18030'), await toXlsx(table)]) {
      expect((await decodeFile(bytes)).table).toMatchObject(expected);
    }
  });

  it('refuses what it cannot read, with a specific problem', async () => {
    expect(await problemOf(Buffer.from(text), 10)).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(await problemOf(new Uint8Array())).toMatchObject({ code: 'EMPTY_FILE' });
    // Shift-JIS Japanese is neither UTF-8 nor GB.
    expect(await problemOf(iconv.encode('会社名,住所\n株式会社テスト,東京都千代田区\n'.repeat(20), 'shift_jis'))).toMatchObject({ code: 'ENCODING_UNDETECTED' });
    expect(await problemOf(Buffer.from('a,b\n"unterminated,1\n'))).toMatchObject({ code: 'CSV_MALFORMED', row: 2 });
    // A quote closed in the middle of a field, on the third record of the file.
    expect(await problemOf(Buffer.from('a,b\nx,1\n"y"z,2\n'))).toMatchObject({ code: 'CSV_MALFORMED', row: 3, message: expect.stringContaining('at row 3') });
    expect(await problemOf(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toMatchObject({ code: 'XLSX_UNREADABLE' });
  });
});

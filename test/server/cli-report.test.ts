import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliIn } from '../helpers/cli.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'double-random-cli-report-'));

const cli = cliIn(dataDir);

describe('double-random report', () => {
  beforeAll(async () => {
    expect((await cli('seed-demo', '--enterprises', '40', '--inspectors', '9', '--experts', '3')).stdout).toContain('demo county 411303');
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes the year’s self-inspection report as a PDF with its Chinese text, and as an XLSX', async () => {
    const pdf = join(dataDir, '自查报告.pdf');
    const made = await cli('report', '--jurisdiction', '411303', '--year', '2026', '--out', pdf);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(`自查报告已写入 ${pdf}（卧龙区 2026年`);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('卧龙区2026年"双随机、一公开"自查报告');
    expect(text).toContain('全年共抽取检查对象0家，占监管对象总数');

    const xlsx = join(dataDir, 'report.xlsx');
    expect((await cli('report', '--jurisdiction', '411303', '--year', '2026', '--as-of', '2026-06-30', '--out', xlsx)).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.worksheets.map((s) => s.name)).toEqual(['汇总', '义务', '涉及对象', '覆盖', '时限', '更正与异议', '结果运用', '检查人员']);
    expect(String(book.getWorksheet('汇总')!.getCell('A2').value)).toContain('统计截至2026-06-30');
  }, 120_000);

  it('refuses a file whose extension is neither .pdf nor .xlsx, naming it, and writes nothing', async () => {
    const docx = join(dataDir, 'report.docx');
    const refused = await cli('report', '--jurisdiction', '411303', '--year', '2026', '--out', docx);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('不支持的报告格式".docx"：--out 的文件扩展名须为 .pdf 或 .xlsx');
    expect(existsSync(docx)).toBe(false);
    expect((await cli('report', '--jurisdiction', '411303', '--out', join(dataDir, 'x.pdf'))).stderr).toContain('report 需要 --year <年份>');
    expect((await cli('report', '--jurisdiction', '999999', '--year', '2026', '--out', join(dataDir, 'x.pdf'))).stderr).toContain('没有代码为 999999 的辖区');
  }, 120_000);
});

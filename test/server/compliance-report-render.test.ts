import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reportSections } from '../../src/core/compliance/report-sections.ts';
import type { ComplianceRow } from '../../src/core/compliance/types.ts';
import { reportPdf } from '../../src/server/compliance/report-pdf.ts';
import { reportXlsx } from '../../src/server/compliance/report-xlsx.ts';
import { WOLONG_FACTS, WOLONG_REPORT } from '../helpers/compliance-report.ts';

const dir = mkdtempSync(join(tmpdir(), 'report-render-'));
const pdfText = (pdf: Buffer, name: string) => {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return { file, text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }) };
};

describe('the self-inspection report rendered', () => {
  it('as a PDF whose Chinese text reads back, with the font embedded and every page numbered', async () => {
    const pdf = await reportPdf(reportSections(WOLONG_REPORT, WOLONG_FACTS));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { file, text } = pdfText(pdf, 'report.pdf');
    expect(text).toContain('南阳市卧龙区2026年"双随机、一公开"自查报告');
    expect(text.replace(/\s+/g, '')).toContain('全年共抽取检查对象103家，占监管对象总数2030家的5.07%');
    expect(text.replace(/\s+/g, '')).toContain('第1页');
    // Embedded (pdffonts' emb column) and subset (the name's ABCDEF+ prefix): small, and shows the same everywhere.
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+NotoSansSC.*\byes\s+yes\b/);
    expect(pdf.length).toBeLessThan(400_000);
  });

  it('continues a long table onto the next pages, its headings repeated, and numbers them all', async () => {
    const many: ComplianceRow = { ...WOLONG_REPORT.rows.find((r) => r.kind === 'FREQUENCY')!, subjects: Array.from({ length: 150 }, (_, i) => ({ kind: 'ENTERPRISE' as const, uscc: `91411303MA44K${String(i).padStart(4, '0')}X`, name: `卧龙区测试企业${i + 1}号`, note: '本年度尚未检查' })), subjectsTotal: 150 };
    const pdf = await reportPdf(reportSections({ ...WOLONG_REPORT, rows: WOLONG_REPORT.rows.map((r) => (r.kind === 'FREQUENCY' ? many : r)) }, WOLONG_FACTS));
    const { text } = pdfText(pdf, 'long.pdf');
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(text.replace(/\s+/g, '')).toContain(`共${pages.length}页`);
    expect(text).toContain('卧龙区测试企业150号');
    // The continued table's headings on the page where its last rows are.
    const last = pages.find((p) => p.includes('卧龙区测试企业150号'))!;
    expect(last).toMatch(/义务\s+对象\s+代码\s+说明/);
  });

  it('as an XLSX with the summary and one sheet per kind of detail, reading back with exceljs', async () => {
    const xlsx = await reportXlsx(WOLONG_REPORT, reportSections(WOLONG_REPORT, WOLONG_FACTS), WOLONG_FACTS);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['汇总', '义务', '涉及对象', '覆盖', '时限', '更正与异议', '结果运用', '检查人员']);
    const values = (name: string) => book.getWorksheet(name)!.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(values('汇总')[0]).toEqual(['南阳市卧龙区2026年"双随机、一公开"自查报告']);
    expect(values('义务')).toContainEqual(['危险性较大的重点单位每年检查覆盖', '《"双随机、一公开"监管抽查工作细则》第十五条（第三章）', '2026年', '109家全部覆盖', '36家／109家（33.02%）', '未达成', '73家重点单位本年度尚未检查。', 73]);
    expect(values('义务')).toHaveLength(1 + WOLONG_REPORT.rows.length);
    expect(values('覆盖')[1]).toEqual(['危险性较大的重点单位', 109, 0, 0, 10, 10, 18, 18, 25, 25, 30, 36, 36, 36]);
    expect(values('时限')[1]!.slice(0, 6)).toEqual(['检查结果公开时限', '《"双随机、一公开"监管抽查工作细则》第二十二条', '20个工作日内', '40份中2份逾期', '未达成', '2026年第二批双随机抽查']);
    expect(values('更正与异议').flat()).toContain('复核确有错误');
  });
});

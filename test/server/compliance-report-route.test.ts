import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFor } from '../helpers/app.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask } from '../helpers/results-flow.ts';

const CITY = '411300'; // 南阳市, above 卧龙区

describe.each(TEST_DATABASES)('the self-inspection report download ($name)', (database) => {
  let demo: DemoCounty;
  let city: string;
  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { enterprises: 60 });
    city = await tokenFor(demo.db, CITY, 'AUDITOR');
    await inspectingTask(demo);
  }, 120_000);
  afterAll(async () => demo?.db.close());

  const get = (path: string, token?: string) => demo.app.fetch(new Request(`http://test${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {}));

  it("gives the county's members and the city above it the PDF, its Chinese text readable", async () => {
    for (const token of [demo.tokens.PLANNER, city]) {
      const response = await get(`/api/compliance/${DEMO}/2026/report.pdf`, token);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toContain(`filename="${DEMO}-2026-self-inspection.pdf"`);
      const file = join(mkdtempSync(join(tmpdir(), 'report-route-')), 'r.pdf');
      writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text).toContain('卧龙区2026年"双随机、一公开"自查报告');
      expect(text).toContain('一、总体情况');
      expect(text).toMatch(/全年共抽取检查对象\d+家，占监管对象总数\d+家的/);
    }
  });

  it('gives the XLSX, which reads back with its sheets', async () => {
    const response = await get(`/api/compliance/${DEMO}/2026/report.xlsx?asOf=2026-06-30`, demo.tokens.AUDITOR);
    expect(response.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    expect(book.worksheets.map((s) => s.name)).toContain('义务');
    expect(String(book.getWorksheet('汇总')!.getCell('A2').value)).toContain('统计截至2026-06-30');
  });

  it('refuses the public and a neighbouring county, and an unknown format, saying why in Chinese', async () => {
    const open = await get(`/api/compliance/${DEMO}/2026/report.pdf`);
    expect(open.status).toBe(401);
    expect(await open.text()).toContain('自查报告需要本辖区或上级的令牌');
    const neighbour = await get(`/api/compliance/${DEMO}/2026/report.pdf`, demo.tokens.neighbourAdmin);
    expect(neighbour.status).toBe(403);
    expect(await neighbour.text()).toContain('仅本辖区及其上级可以');
    const docx = await get(`/api/compliance/${DEMO}/2026/report.docx`, demo.tokens.ADMIN);
    expect(docx.status).toBe(404);
    expect(await docx.text()).toContain('不支持的报告格式".docx"');
  });
});

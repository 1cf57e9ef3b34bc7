import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '../../src/core/calendar/china-date.ts';
import { hasChromium, screenshotPath } from '../helpers/browser.ts';
import { choose, pageWithSession, pickDate, shoot, textOf, consoleBed, type ConsoleBed } from '../helpers/console-page.ts';
import { DEMO, NEIGHBOUR, type DemoCounty } from '../helpers/demo-county.ts';

const CITY = '411300';
/** The year under way is this year (Beijing time): what the home screen's roll-up and a newly opened 合规 screen show. */
const TODAY = chinaDate(new Date());
const YEAR = Number(TODAY.slice(0, 4));
const END = `${YEAR}-12-31`;
/**
 * The task was inspected yesterday, so its announcement today is a day late (卧龙 第十七条: no lead
 * time); on 1 January it is inspected today, and its missing results fall due within the year
 * (第二十六条, 20 working days). Counted to 31 December, some row names its subjects either way.
 */
const INSPECTED = addDays(TODAY, -1) >= `${YEAR}-01-01` ? addDays(TODAY, -1) : TODAY;
import { inspectingTask, Q, resultInput, signAll } from '../helpers/results-flow.ts';

describe.runIf(hasChromium())('合规 at /console/compliance', () => {
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  let sessions: Map<string, string>;
  let bed: ConsoleBed | undefined;
  // A task drawn and inspected, two results published (one with a penalty): a year under way.
  const yearUnderWay = async (county: DemoCounty) => {
    const task = await inspectingTask(county, { title: `${YEAR}年第一批双随机抽查`, windowStart: `${YEAR}-01-01`, windowEnd: INSPECTED, inspectionDate: INSPECTED, size: 4 });
    for (const [i, pick] of task.picks.slice(0, 2).entries()) {
      const over = i === 0 ? { category: 'ordered-to-correct', hazards: [{ description: '液氨储罐区未设置泄漏报警装置', major: true }], handling: { rectificationDue: addDays(INSPECTED, 30), penalty: { decisionNumber: '卧应急罚〔2026〕12号', fineYuan: 30000 } }, summary: '发现重大事故隐患' } : {};
      const r = (await county.gql(Q.record, { t: task.taskId, u: pick.uscc, i: resultInput(pick, { inspectedOn: INSPECTED, ...over }) }, county.tokens.INSPECTOR)).data.recordResult;
      await signAll(county, r.id, pick);
      expect((await county.gql(Q.publish, { id: r.id }, county.tokens.INSPECTOR)).data.publishResult.status).toBe('PUBLISHED');
    }
  };
  beforeAll(async () => {
    ({ demo, browser, base, sessions } = bed = await consoleBed({ county: { enterprises: 60 }, users: [['zhaoju', '赵局长', 'ADMIN'], ['sunchu', '孙处长', 'ADMIN', CITY]], prepare: yearUnderWay }));
  }, 180_000);
  afterAll(async () => bed?.close());

  it('shows the obligations with their status and clause, the charts, and downloads the PDF report', async () => {
    const { page, outside, violations } = await pageWithSession(browser, base, sessions.get('zhaoju')!);
    page.setDefaultTimeout(45_000);
    await page.goto(`${base}/console/`);
    await page.click('.ant-menu-item:has-text("合规")');
    await page.waitForURL(`${base}/console/compliance`);
    await expect.poll(() => textOf(page, 'h4'), { timeout: 45_000 }).toContain(`卧龙区 ${YEAR}年合规情况`);
    await page.waitForSelector('#obligations .ant-table-row');
    // Counted to the year's end: what will be late by then is named.
    await pickDate(page, '#compliance-as-of', END);
    await expect.poll(() => textOf(page, '#compliance-pack'), { timeout: 45_000 }).toContain(`统计截至 ${END}`);
    const table = (await page.textContent('#obligations')) ?? '';
    expect(table).toContain('第六条');
    expect(table).toMatch(/已达成|按进度|有风险|未达成|无法计量/);
    // Clerks read Chinese labels, never the kinds' codes.
    expect(table).not.toMatch(/ENTITIES_DRAWN_SHARE|ON_TRACK|NOT_MEASURABLE/);
    expect(await page.locator('#obligations .ant-tag').count()).toBeGreaterThan(3);

    // A row with subjects opens to name them.
    const expand = page.locator('#obligations .ant-table-row-expand-icon:not(.ant-table-row-expand-icon-spaced)').first();
    await expand.click();
    await page.waitForSelector('.obligation-subjects .ant-table-row');

    // ECharts draws on canvases in its divs.
    await page.waitForSelector('#chart-shares canvas');
    await page.waitForSelector('#chart-load canvas');
    await page.waitForSelector('#chart-deadlines canvas');

    const request = page.waitForRequest((r) => r.url().includes('/api/compliance/'));
    const download = page.waitForEvent('download');
    await page.click('#download-report-pdf');
    expect((await request).url()).toBe(`${base}/api/compliance/${DEMO}/${YEAR}/report.pdf?asOf=${END}`);
    expect((await request).headers().authorization).toMatch(/^Bearer /);
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${DEMO}-${YEAR}年自查报告.pdf`);
    const pdf = readFileSync((await file.path())!);
    const saved = screenshotPath('compliance-report.pdf');
    writeFileSync(saved, pdf);
    const text = execFileSync('pdftotext', [saved, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain(`卧龙区${YEAR}年"双随机、一公开"自查报告`);
    expect(text).toContain('行政处罚1家，罚款合计30000元');
    // The report's first page, for docs/compliance.md.
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', saved, screenshotPath('compliance-report')]);
    if (process.env.UPDATE_DOC_SCREENSHOTS) {
      mkdirSync('docs/screenshots', { recursive: true });
      copyFileSync(screenshotPath('compliance-report.png'), 'docs/screenshots/compliance-report.png');
    }
    await shoot(page, 'console-compliance.png', true);

    // Counted up to another day: the screen and the Excel report follow the picker.
    await pickDate(page, '#compliance-as-of', `${YEAR}-06-30`);
    await expect.poll(() => textOf(page, '#compliance-pack'), { timeout: 45_000 }).toContain(`统计截至 ${YEAR}-06-30`);
    const xlsxRequest = page.waitForRequest((r) => r.url().includes('/report.xlsx'));
    const xlsxDownload = page.waitForEvent('download');
    await page.click('#download-report-xlsx');
    expect((await xlsxRequest).url()).toBe(`${base}/api/compliance/${DEMO}/${YEAR}/report.xlsx?asOf=${YEAR}-06-30`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await (await xlsxDownload).path())!);
    expect(String(book.getWorksheet('汇总')!.getCell('A2').value)).toContain(`统计截至${YEAR}-06-30`);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it("lets the city open a county's 合规 screen from the roll-up on its home screen, and choose among its counties there", async () => {
    const { page, outside, violations } = await pageWithSession(bed!.browser, base, sessions.get('sunchu')!, { stepTimeoutMs: 45_000 });
    await page.goto(`${base}/console/`);
    await page.click('#subordinate-compliance .subordinate-name:has-text("卧龙区")');
    await page.waitForURL(`${base}/console/compliance?j=${DEMO}`);
    await expect.poll(() => textOf(page, 'h4'), { timeout: 45_000 }).toContain(`卧龙区 ${YEAR}年合规情况`);
    await page.waitForSelector('#obligations .ant-table-row');
    expect(await textOf(page, '#obligations')).toContain('第六条');
    expect(await textOf(page, '#compliance-pack')).toContain('卧龙');
    // The chooser lists the city first, then its counties.
    await page.click('#compliance-jurisdiction');
    const options = await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').allTextContents();
    expect(options[0]).toContain('南阳市');
    expect(options.some((o) => o.includes('宛城区'))).toBe(true);
    await page.keyboard.press('Escape');
    await choose(page, '#compliance-jurisdiction', '宛城区');
    await expect.poll(() => textOf(page, 'h4'), { timeout: 45_000 }).toContain(`宛城区 ${YEAR}年合规情况`);
    expect(new URL(page.url()).searchParams.get('j')).toBe(NEIGHBOUR);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });
});

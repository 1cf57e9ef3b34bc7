import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '../../src/core/calendar/china-date.ts';
import { viewerFromToken } from '../../src/server/auth/tokens.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { publishDemoTask } from '../../src/server/demo/demo-publication.ts';
import { launchChromium, offlinePage, screenshotPath } from '../helpers/browser.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { servicesOf } from '../helpers/services.ts';

/** The demo's first start, then a visitor goes from the jurisdiction's page through each notice. */
describe('the four notices in Chromium, as the demo county leaves them', () => {
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  // The demo's task is inspected 20 days ago and announced (numbered) two days before that: in early
  // January those days, and so the plan's year and the notice numbers, are last year's.
  const today = chinaDate(new Date());
  const planYear = Number(addDays(today, -20).slice(0, 4));
  const noticeYear = Number(addDays(today, -22).slice(0, 4));

  beforeAll(async () => {
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }));
    const viewer = await viewerFromToken(demo.db.prisma, `Bearer ${demo.tokens.ADMIN}`);
    if (!('kind' in viewer) || viewer.kind !== 'token') throw new Error('no viewer');
    await publishDemoTask(await servicesOf(demo.db), viewer, today);
    base = `http://127.0.0.1:${(await demo.app.start(0)).port}`;
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.app.stop();
    await demo?.db.close();
  });

  it('reads each notice without JavaScript, reached by its link on the jurisdiction page', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const expected: Record<string, readonly string[]> = {
      抽查事项清单: ['卧龙区随机抽查事项清单', '安全生产责任制和规章制度'],
      抽查计划公告: [`演示：${planYear}年度安全生产监督检查计划`, '南阳市卧龙区应急管理局'],
      抽查任务公告: [`卧龙应急随抽〔${noticeYear}〕第1号`, '检查实施机关', '抽查对象名单'],
      抽查结果公告: [`卧龙应急随抽结〔${noticeYear}〕第1号`, '各检查事项结果', '：不符合'],
    };
    const shots: Record<string, string> = { 抽查事项清单: 'notices-checklist.png', 抽查计划公告: 'notices-plans.png', 抽查任务公告: 'notices-tasks.png', 抽查结果公告: 'notices-results.png' };
    for (const [link, texts] of Object.entries(expected)) {
      await page.goto(`${base}/j/${DEMO}`, { timeout: 45_000 });
      await page.click(`nav.notices a:text-is("${link}")`, { timeout: 45_000 });
      await page.waitForURL(/\/notices\//, { timeout: 45_000 });
      const body = (await page.textContent('body'))!;
      for (const t of texts) expect(body, link).toContain(t);
      expect(body, link).not.toMatch(/\bAQ\d{2}(-\d+)?\b/);
      await page.screenshot({ path: screenshotPath(shots[link]!), fullPage: true });
    }
    await context.close();
  }, 120_000);

  it('applies its style under the portal’s Content-Security-Policy and prints the notice without the portal’s frame', async () => {
    const { page, outside, violations } = await offlinePage(browser, base, { width: 1100, height: 900 });
    await page.goto(`${base}/j/${DEMO}/notices/tasks`, { timeout: 45_000 });
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('nav.notices')!).display)).toBe('flex');
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('header')!).display)).toBe('none');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.notice-head')!).display)).toBe('block');
    await page.screenshot({ path: screenshotPath('notices-task-print.png'), fullPage: true });
    expect(violations).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chinaDate } from '../../src/core/calendar/china-date.ts';
import { pageWithSession, shoot, consoleBed, type ConsoleBed } from '../helpers/console-page.ts';
import type { DemoCounty } from '../helpers/demo-county.ts';

const YEAR = chinaDate(new Date()).slice(0, 4);

describe('the home screen’s compliance warnings in headless Chromium', () => {
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  let sessions: Map<string, string>;
  let bed: ConsoleBed | undefined;
  beforeAll(async () => {
    ({ demo, browser, base, sessions } = bed = await consoleBed({ county: { enterprises: 40 }, users: [['wangfang', '王芳', 'PLANNER']] }));
  }, 120_000);
  afterAll(async () => bed?.close());

  it('lists what is still due this year, live, and opens the task form prefilled with the suggested joint task', async () => {
    const { page, outside, violations } = await pageWithSession(browser, base, sessions.get('wangfang')!, { stepTimeoutMs: 45_000 });
    await page.goto(`${base}/console/`);
    await page.waitForSelector('#compliance-live');
    // Nothing drawn in the year: the joint inspection (卧龙 第十三条) and a round (第六条) are still due.
    await expect.poll(() => page.textContent('#compliance-warnings'), { timeout: 45_000 }).toContain('本年还需开展1次联合抽查');
    expect(await page.textContent('#compliance-warnings')).toContain('本年还需开展1轮抽查');
    await shoot(page, 'console-home-compliance-warnings.png');
    await page.click('.compliance-warning:has-text("联合抽查") .suggested-task');
    await page.waitForSelector('#task_title');
    expect(await page.inputValue('#task_title')).toBe(`${YEAR}年部门联合抽查`);
    expect(await page.getAttribute('#task_joint', 'aria-checked')).toBe('true');
    expect(await page.inputValue('#task_size')).toBe('1');
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  }, 180_000);
});

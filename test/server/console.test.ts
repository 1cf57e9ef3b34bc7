import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { offlinePage, screenshotPath } from '../helpers/browser.ts';
import { DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask } from '../helpers/results-flow.ts';
import { consoleBed, textOf, type ConsoleBed } from '../helpers/console-page.ts';

describe('the staff console at /console in headless Chromium', () => {
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  let taskId: string;
  let bed: ConsoleBed | undefined;
  beforeAll(async () => {
    // No skipping: CI builds the console in npm ci's postinstall, and a missing build is a failure (consoleBed refuses it).
    ({ demo, browser, base } = bed = await consoleBed({
      county: { enterprises: 40 },
      // A task of March 2026 drawn and dispatched but never announced: its announcement (第十七条) is long overdue.
      prepare: async (d) => { taskId = (await inspectingTask(d, { size: 3 }, 'DISPATCHED')).taskId; },
      users: [['zhangwei', '张伟', 'PLANNER']], password: 'Wolong-2026-pass',
    }));
  }, 120_000);
  afterAll(async () => { await bed?.close(); });

  async function logIn(page: Page, password: string) {
    await page.goto(`${base}/console`);
    await page.waitForURL(`${base}/console/login`);
    await page.fill('#login-username', 'zhangwei');
    await page.fill('#login-password', password);
    await page.click('#login-submit');
  }

  it('logs in through the form and shows the demo county’s overdue deadlines and tasks by state, in Chinese', async () => {
    const { page, outside, violations } = await offlinePage(browser, base);
    await logIn(page, 'Wolong-2026-pass');
    await page.waitForURL(`${base}/console/`);
    await expect.poll(() => page.textContent('#current-user'), { timeout: 45_000 }).toContain('张伟');
    expect(await page.textContent('#current-user')).toContain('计划编制人员');
    await expect.poll(() => page.locator('#deadlines tbody tr.ant-table-row').count(), { timeout: 45_000 }).toBeGreaterThan(0);
    const deadlines = (await page.textContent('#deadlines')) ?? '';
    expect(deadlines).toContain('已逾期');
    expect(deadlines).toContain('检查前公告');
    expect(deadlines).toContain('执法部门');
    expect(deadlines).toContain('第十七条');
    expect(deadlines).toContain('2026年第一批双随机抽查');
    // Codes never reach the clerk.
    expect(deadlines).not.toMatch(/OVERDUE|DUE_SOON|ANNOUNCEMENT|BUREAU/);
    // The tasks by state come by a query of their own, which may answer after the deadlines.
    await expect.poll(() => textOf(page, '#tasks-by-state'), { timeout: 45_000 }).toContain('共 1 项');
    expect(await textOf(page, '#tasks-by-state')).toContain('已派发');
    // The token stays in this tab only.
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual(['double-random.console.session']);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    await page.screenshot({ path: screenshotPath('console-home.png'), fullPage: true });
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);

    // A client route reloaded straight from the server gets the console, and logging out ends the session.
    await page.reload();
    await expect.poll(() => page.textContent('#current-user'), { timeout: 45_000 }).toContain('张伟');
    await page.click('#logout');
    await page.waitForURL(`${base}/console/login`);
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
    await page.close();
  });

  it('shows the Chinese refusal of a wrong password', async () => {
    const { page, outside, violations } = await offlinePage(browser, base);
    await logIn(page, 'not-the-password');
    await expect.poll(() => page.textContent('#login-refusal').catch(() => ''), { timeout: 45_000 }).toContain('用户名或密码错误');
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
    await page.screenshot({ path: screenshotPath('console-login-refused.png') });
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('serves hashed assets for a year, index.html for client routes, and its own CSP that still forbids framing', async () => {
    const index = await demo.app.fetch(new Request(`${base}/console/login`));
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const csp = index.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    const asset = /src="(\/console\/assets\/[^"]+\.js)"/.exec(await index.text())![1]!;
    const script = await demo.app.fetch(new Request(`${base}${asset}`));
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await demo.app.fetch(new Request(`${base}/console/assets/..%2f..%2fpackage.json`))).status).toBe(404);
    // The portal keeps its strict policy.
    expect((await demo.app.fetch(new Request(`${base}/`))).headers.get('content-security-policy')).not.toContain('unsafe-inline');
  });

  it('updates the home screen’s deadlines live (deadlineAlerts over graphql-ws) when the task is announced, without a reload', async () => {
    const { page, outside, violations } = await offlinePage(browser, base);
    await logIn(page, 'Wolong-2026-pass');
    await page.waitForURL(`${base}/console/`);
    const announcement = page.locator('#deadlines tbody tr.ant-table-row', { hasText: '检查前公告' });
    await expect.poll(() => announcement.count(), { timeout: 45_000 }).toBe(1);
    // The subscription has answered with the list as it stands.
    await expect.poll(() => page.locator('#deadlines-live').count(), { timeout: 45_000 }).toBe(1);
    await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

    // Elsewhere, the draw officer announces the task: its announcement (第十七条) is no longer overdue.
    const announced = await demo.gql(`mutation($t: ID!) { advanceTask(id: $t, step: ANNOUNCE) { __typename ... on Task { status } ... on Error { message } } }`, { t: taskId }, demo.tokens.DRAW_OFFICER);
    expect(announced.data.advanceTask).toEqual({ __typename: 'Task', status: 'ANNOUNCED' });
    await expect.poll(() => announcement.count(), { timeout: 45_000 }).toBe(0);
    // The counts by state follow as well.
    await expect.poll(() => page.textContent('#tasks-by-state'), { timeout: 45_000 }).toMatch(/已公告\s*1/);
    expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
    await page.screenshot({ path: screenshotPath('console-home-live.png'), fullPage: true });
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });
});

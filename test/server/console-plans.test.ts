import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { offlinePage } from '../helpers/browser.ts';
import { shoot, confirmWith, consoleBed, logInThroughForm, type ConsoleBed } from '../helpers/console-page.ts';
import { DEMO, type DemoCounty } from '../helpers/demo-county.ts';

const PASSWORD = 'Wolong-2026-pass';

// 黑龙江某县's pack: publication needs a double-random share of at least 30% (二(五)).
describe('the 年度计划 screen in headless Chromium', () => {
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  let bed: ConsoleBed | undefined;
  beforeAll(async () => {
    ({ demo, browser, base } = bed = await consoleBed({ county: { enterprises: 40, pack: 'heilongjiang-county' }, users: [['wangfang', '王芳', 'PLANNER'], ['lisi', '李四', 'DRAW_OFFICER']], password: PASSWORD }));
  }, 120_000);
  // Each browser flow may take two minutes (the tests' own timeouts): the machine's cores are shared.
  afterAll(async () => { await bed?.close(); });

  async function logIn(page: Page, username: string) {
    await logInThroughForm(page, base, username, PASSWORD);
    await page.click('.ant-menu-item:has-text("年度计划")');
    await page.waitForURL(`${base}/console/plans`);
  }

  const planOf = (year: number) => demo.db.prisma.inspectionPlan.findFirstOrThrow({ where: { year, status: { not: 'WITHDRAWN' } }, include: { amendments: true } });

  it('a planner creates a plan, sees publication refused with its clause, edits it, publishes it and amends it with a reason', async () => {
    const { page, outside, violations } = await offlinePage(browser, base);
    await logIn(page, 'wangfang');

    await page.click('#plan-create');
    await page.fill('#plan_year', '2026');
    await page.fill('#plan_title', '2026年度安全生产监督检查计划');
    await page.fill('#plan_doubleRandomCount', '20');
    await page.fill('#plan_otherCount', '80');
    await page.click('#plan-form-submit');
    await expect.poll(() => page.textContent('#plans-table'), { timeout: 45_000 }).toContain('2026年度安全生产监督检查计划');
    expect(await page.textContent('#plans-table')).toContain('草稿');
    expect(await page.textContent('#plans-table')).toContain('低于要求');
    expect((await planOf(2026)).status).toBe('DRAFT');

    // Publication refused: the share is 20%, the pack asks for 30% (二(五)); the clause is shown.
    await confirmWith(page, '#plan-publish-2026', '#plan-publish-confirm-2026');
    await expect.poll(() => page.textContent('#plan-publish-refusal').catch(() => ''), { timeout: 45_000 }).toContain('规则包要求至少 30%');
    expect(await page.textContent('#plan-publish-refusal')).toContain('依据：二(五)');
    await page.locator('.ant-popover').waitFor({ state: 'hidden' });
    await shoot(page, 'console-plans-refused.png', true);
    expect((await planOf(2026)).status).toBe('DRAFT');

    // The draft is edited, then published.
    await page.click('#plan-edit-2026');
    await page.fill('#plan_doubleRandomCount', '40');
    await page.fill('#plan_otherCount', '60');
    await page.click('#plan-form-submit');
    await expect.poll(() => page.textContent('#plans-table'), { timeout: 45_000 }).toContain('符合要求');
    await confirmWith(page, '#plan-publish-2026', '#plan-publish-confirm-2026');
    await expect.poll(() => page.textContent('#plans-table'), { timeout: 45_000 }).toContain('已公布');
    expect(await page.locator('#plan-publish-refusal').count()).toBe(0);
    expect(await planOf(2026)).toMatchObject({ status: 'PUBLISHED', doubleRandomCount: 40, otherCount: 60 });

    // An amendment that breaks the share is refused as publication is, with the clause; nothing recorded.
    await page.click('#plan-amend-2026');
    await page.fill('#amend_doubleRandomCount', '10');
    await page.fill('#amend_reason', '人员不足');
    await page.click('#amend-form-submit');
    await expect.poll(() => page.textContent('#plan-refusal').catch(() => ''), { timeout: 45_000 }).toContain('依据：二(五)');
    expect((await planOf(2026)).amendments).toHaveLength(0);

    // A proper amendment, with its reason, is recorded and listed.
    await page.fill('#amend_doubleRandomCount', '40');
    await page.fill('#amend_otherCount', '50');
    await page.fill('#amend_reason', '上级部署专项整治，其他检查减少');
    await page.click('#amend-form-submit');
    await expect.poll(() => page.textContent('#plan-amendments-2026').catch(() => ''), { timeout: 45_000 }).toContain('第 1 次调整');
    const amendments = (await page.textContent('#plan-amendments-2026')) ?? '';
    expect(amendments).toContain('其他检查（家次）：60 → 50');
    expect(amendments).toContain('上级部署专项整治，其他检查减少');
    const stored = await planOf(2026);
    expect(stored.otherCount).toBe(50);
    expect(stored.amendments).toMatchObject([{ seq: 1, reason: '上级部署专项整治，其他检查减少', changes: [{ field: 'otherCount', from: 60, to: 50 }] }]);

    // A second draft for 2027, withdrawn with its reason.
    await page.click('#plan-create');
    await page.fill('#plan_year', '2027');
    await page.fill('#plan_title', '2027年度计划（初稿）');
    await page.fill('#plan_doubleRandomCount', '10');
    await page.fill('#plan_otherCount', '90');
    await page.click('#plan-form-submit');
    await expect.poll(() => page.textContent('#plans-table'), { timeout: 45_000 }).toContain('2027年度计划（初稿）');
    await page.click('#plan-withdraw-2027');
    await page.fill('#withdraw_reason', '比例不足，重新编制');
    await page.click('#withdraw-form-submit');
    await expect.poll(() => page.textContent('#plans-table'), { timeout: 45_000 }).toContain('已撤回');
    expect(await page.textContent('#plan-details-2027-withdrawn')).toContain('比例不足，重新编制');
    expect(await demo.db.prisma.inspectionPlan.findFirstOrThrow({ where: { year: 2027 } })).toMatchObject({ status: 'WITHDRAWN', withdrawalReason: '比例不足，重新编制' });

    const text = (await page.textContent('#plans')) ?? '';
    expect(text).not.toMatch(/DRAFT|PUBLISHED|WITHDRAWN|doubleRandomCount/);
    await shoot(page, 'console-plans.png', true);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  }, 120_000);

  it('a draw officer reads the plans but is offered none of the planner’s actions', async () => {
    const { page, outside, violations } = await offlinePage(browser, base);
    await logIn(page, 'lisi');
    await expect.poll(() => page.textContent('#plans-table'), { timeout: 45_000 }).toContain('2026年度安全生产监督检查计划');
    expect(await page.locator('#plan-create').count()).toBe(0);
    expect(await page.locator('#plans-table button').count()).toBe(0);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  }, 120_000);
});

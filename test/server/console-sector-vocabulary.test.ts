import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../../src/server/db/database.ts';
import { CONSOLE_DIR } from '../../src/server/console/serve-console.ts';
import { launchChromium } from '../helpers/browser.ts';
import { choose, confirmWith, consoleSessions, pageWithSession, shoot } from '../helpers/console-page.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';

const PASSWORD = 'Wolong-2026-pass';

describe('名录库 › 行业领域 in headless Chromium (issue 20, 4)', () => {
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  let jurisdictionId: string;
  const sessions = new Map<string, string>();
  beforeAll(async () => {
    expect(existsSync(join(CONSOLE_DIR, 'index.html')), 'dist/console is missing: run npm run build:console').toBe(true);
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), { enterprises: 10 });
    jurisdictionId = (await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } })).id;
    for (const [u, session] of await consoleSessions(demo, [['wangfang', '王芳', 'ADMIN'], ['zhaolei', '赵磊', 'PLANNER']], PASSWORD)) sessions.set(u, session);
    base = `http://127.0.0.1:${(await demo.app.start(0)).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.app.stop();
    await demo?.db.close();
  });

  const pageAs = (username: string) => pageWithSession(browser, base, sessions.get(username)!, { stepTimeoutMs: 45_000 });
  const rows = (page: Page) => page.locator('#sector-vocabulary-table tbody tr.ant-table-row');
  const row = (page: Page, text: string) => rows(page).filter({ hasText: text });
  const ownSectors = () => demo.db.prisma.jurisdictionSector.findMany({ where: { jurisdictionId }, select: { code: true, label: true, aliases: true, parent: true } });

  async function openForm(page: Page, label: string, code: string) {
    await page.click('#own-sector-create');
    await page.fill('#ownSector_label', label);
    await page.fill('#ownSector_code', code);
  }

  it('an admin adds 水电站 under 综合监管 (the table and the enterprise form have it), a duplicate name is refused on its field, removal is refused while in use and then works; a planner only reads', async () => {
    const { page, outside, violations } = await pageAs('wangfang');
    await page.goto(`${base}/console/directories?tab=sectors`);
    await expect.poll(() => rows(page).count(), { timeout: 45_000 }).toBeGreaterThan(20);
    // Chinese names and sources, never a code as the main text.
    expect(await row(page, '综合监管').first().textContent()).toContain('全国基础目录');
    expect(await row(page, '加油加气站').first().textContent()).toContain('危险化学品');
    expect(await page.locator('.remove-sector').count()).toBe(0);

    await openForm(page, '水电站', 'hydropower');
    await page.click('#ownSector_aliases');
    await page.keyboard.type('小水电');
    await page.keyboard.press('Enter');
    // The list is long (virtual): the clerk types to find the parent, as with any long select.
    await choose(page, '#ownSector_parent', '综合监管', { search: true });
    await page.click('#ownSector-submit');
    await expect.poll(() => row(page, '水电站').count(), { timeout: 45_000 }).toBe(1);
    const added = (await row(page, '水电站').textContent()) ?? '';
    expect(added).toContain('小水电');
    expect(added).toContain('综合监管');
    expect(added).toContain('本辖区');
    expect(await ownSectors()).toEqual([{ code: 'hydropower', label: '水电站', aliases: ['小水电'], parent: 'general' }]);
    await page.click('#sector-source-filter >> text=本辖区');
    await expect.poll(() => rows(page).count()).toBe(1);
    await page.waitForSelector('.ant-segmented-thumb', { state: 'detached' });
    await shoot(page, 'console-directories-sectors.png', true);

    // The shared vocabulary refreshed: the enterprise form offers the new sector under its parent.
    await page.click('#tab-enterprises');
    await page.click('#enterprises-create');
    await page.click('#enterprise_sector');
    await page.keyboard.type('水电');
    await expect.poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '综合监管 · 水电站' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.click('#enterprise-cancel');

    // A name another sector answers to is refused by the server, on its field, in Chinese.
    await page.click('#tab-sectors');
    await openForm(page, '水电站', 'hydropower_2');
    await page.click('#ownSector-submit');
    await expect.poll(() => page.locator('#ownSector_label_help').textContent().catch(() => ''), { timeout: 45_000 }).toContain('已是“水电站”');
    expect(await page.textContent('#ownSector-refusal')).toContain('已是“水电站”');
    expect(await page.locator('.ant-form-item-has-error').count()).toBe(1);
    expect((await ownSectors()).length).toBe(1);
    await page.click('#ownSector-cancel');

    // In use by a checklist item: the server refuses the removal, and says why.
    const item = await demo.db.prisma.checklistItem.create({ data: { jurisdictionId, code: 'HP-1', name: '水电站安全检查', sectors: ['hydropower'] } });
    await confirmWith(page, '#sector-vocabulary-table tr.ant-table-row:has-text("水电站") .remove-sector', '#own-sector-remove-confirm');
    await expect.poll(() => page.textContent('#own-sector-refusal').catch(() => ''), { timeout: 45_000 }).toContain('仍有 1 条');
    expect((await ownSectors()).length).toBe(1);

    await demo.db.prisma.checklistItem.update({ where: { id: item.id }, data: { sectors: [] } });
    await confirmWith(page, '#sector-vocabulary-table tr.ant-table-row:has-text("水电站") .remove-sector', '#own-sector-remove-confirm');
    await expect.poll(() => row(page, '水电站').count(), { timeout: 45_000 }).toBe(0);
    expect(await page.locator('#own-sector-refusal').count()).toBe(0);
    expect(await ownSectors()).toEqual([]);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();

    const planner = await pageAs('zhaolei');
    await planner.page.goto(`${base}/console/directories?tab=sectors`);
    await expect.poll(() => rows(planner.page).count(), { timeout: 45_000 }).toBeGreaterThan(20);
    expect(await planner.page.locator('#own-sector-create').count()).toBe(0);
    expect(await planner.page.locator('.remove-sector').count()).toBe(0);
    await planner.page.close();
  });
});

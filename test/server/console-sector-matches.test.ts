import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openDatabase } from '../../src/server/db/database.ts';
import { CONSOLE_DIR } from '../../src/server/console/serve-console.ts';
import { launchChromium } from '../helpers/browser.ts';
import { choose, confirmWith, consoleSessions, pageWithSession, shoot } from '../helpers/console-page.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';

const PASSWORD = 'Wolong-2026-pass';

describe('名录库 › 检查对象匹配 in headless Chromium (issue 20, 4)', () => {
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  let jurisdictionId: string;
  const sessions = new Map<string, string>();
  beforeAll(async () => {
    expect(existsSync(join(CONSOLE_DIR, 'index.html')), 'dist/console is missing: run npm run build:console').toBe(true);
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), { enterprises: 20 });
    jurisdictionId = (await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } })).id;
    for (const [u, session] of await consoleSessions(demo, [['wangfang', '王芳', 'ADMIN'], ['zhaolei', '赵磊', 'PLANNER']], PASSWORD)) sessions.set(u, session);
    for (const [code, name, object] of [['M-1', '加油站检查', '加油站'], ['M-2', '专项检查', '根据实际情况确定'], ['M-3', '粉尘检查', '粉尘涉爆企业']]) {
      const item = await demo.db.prisma.checklistItem.create({ data: { jurisdictionId, code: code!, name: name!, sectors: [] } });
      await demo.db.sql.query('UPDATE checklist_item SET inspection_object = $1 WHERE id = $2', [object, item.id]);
    }
    base = `http://127.0.0.1:${(await demo.app.start(0)).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.app.stop();
    await demo?.db.close();
  });

  const pageAs = (username: string) => pageWithSession(browser, base, sessions.get(username)!, { stepTimeoutMs: 45_000 });
  const row = (page: import('playwright-core').Page, text: string) => page.locator('#sector-match-table tbody tr.ant-table-row').filter({ hasText: text });

  it('an admin sees how each 检查对象 matched, corrects one (the items follow) and clears it; a planner only reads', async () => {
    const { page, outside, violations } = await pageAs('wangfang');
    await page.goto(`${base}/console/directories?tab=sector-matches`);
    await expect.poll(() => page.locator('#sector-match-table tbody tr.ant-table-row').count(), { timeout: 45_000 }).toBe(3);
    await expect.poll(() => row(page, '加油站').textContent()).toContain('加油加气站');
    expect(await row(page, '加油站').textContent()).toContain('别名');
    expect(await row(page, '粉尘涉爆企业').textContent()).toContain('粉尘涉爆');
    expect(await row(page, '根据实际情况确定').textContent()).toContain('未匹配');

    await row(page, '根据实际情况确定').locator('.correct-match').click();
    // The list is long (virtual): the clerk types to find the sector, as with any long select.
    await page.click('#sectorMatch_sectors');
    await page.keyboard.type('综合');
    await choose(page, '#sectorMatch_sectors', '综合监管');
    await page.click('#sector-match-save');
    await expect.poll(() => row(page, '根据实际情况确定').textContent(), { timeout: 45_000 }).toContain('本局更正');
    expect(await row(page, '根据实际情况确定').textContent()).toContain('综合监管');
    expect(await row(page, '根据实际情况确定').textContent()).toContain('wangfang');
    expect((await demo.db.prisma.checklistItem.findFirstOrThrow({ where: { jurisdictionId, code: 'M-2' } })).sectors).toEqual(['general']);
    await shoot(page, 'console-directories-sector-matches.png', true);

    await confirmWith(page, `#sector-match-table tr.ant-table-row:has-text("根据实际情况确定") .clear-match`, '#clear-match-confirm');
    await expect.poll(() => row(page, '根据实际情况确定').textContent(), { timeout: 45_000 }).toContain('未匹配');
    expect((await demo.db.prisma.checklistItem.findFirstOrThrow({ where: { jurisdictionId, code: 'M-2' } })).sectors).toEqual([]);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();

    const planner = await pageAs('zhaolei');
    await planner.page.goto(`${base}/console/directories?tab=sector-matches`);
    await expect.poll(() => planner.page.locator('#sector-match-table tbody tr.ant-table-row').count(), { timeout: 45_000 }).toBe(3);
    expect(await planner.page.locator('.correct-match').count()).toBe(0);
    await planner.page.close();
  });
});

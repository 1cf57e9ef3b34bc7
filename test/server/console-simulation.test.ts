import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openDatabase } from '../../src/server/db/database.ts';
import { CONSOLE_DIR } from '../../src/server/console/serve-console.ts';
import { choose, consoleSessions, pageWithSession, shoot } from '../helpers/console-page.ts';
import { launchChromium } from '../helpers/browser.ts';
import { demoCounty, type DemoCounty } from '../helpers/demo-county.ts';

/** 规则模拟 at /console/simulation (issue 21, 6): a planner compares 卧龙 with a cap-3 version on the county’s directory. */
describe('规则模拟 at /console/simulation', () => {
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  let sessions: Map<string, string>;
  beforeAll(async () => {
    expect(existsSync(join(CONSOLE_DIR, 'index.html')), 'dist/console is missing: run npm run build:console').toBe(true);
    const packsDir = mkdtempSync(join(tmpdir(), 'dr-sim-packs-'));
    copyFileSync(new URL('../../docs/examples/wolong-cap3.yaml', import.meta.url).pathname, join(packsDir, 'wolong-cap3.yaml'));
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), { enterprises: 300, packsDir });
    sessions = await consoleSessions(demo, [['lihua', '李华', 'PLANNER'], ['zhangwei', '张伟', 'INSPECTOR']], 'Wolong-2026-pass');
    base = `http://127.0.0.1:${(await demo.app.start(0)).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.app.stop();
    await demo?.db.close();
  });

  it('shows both packs side by side, the cap difference first and the strata in Chinese with differences marked', async () => {
    const { page } = await pageWithSession(browser, base, sessions.get('lihua')!, { stepTimeoutMs: 45_000 });
    try {
      await page.goto(`${base}/console/`);
      await page.click('.ant-menu-item:has-text("规则模拟")');
      await page.waitForURL(`${base}/console/simulation`);
      await choose(page, '#simulation-pack', 'wolong@1.0.0');
      await choose(page, '#simulation-compare', 'wolong-cap3@0.1.0');
      await page.fill('#simulation-years', '30');
      await page.click('#simulation-run');
      await page.waitForSelector('#simulation-differences');
      const differences = (await page.textContent('#simulation-differences')) ?? '';
      expect(differences).toContain('抽查上限：每年不超过 2 次 → 每年不超过 3 次');
      const strata = (await page.textContent('#simulation-strata')) ?? '';
      expect(strata).toContain('较大风险');
      expect(strata).not.toMatch(/riskLevel=|creditLevel=/);
      expect(await page.locator('#simulation-strata .simulation-differs').count()).toBeGreaterThan(0);
      expect((await page.textContent('#simulation-obligations')) ?? '').toContain('第六条');
      expect((await page.textContent('#simulation-packs')) ?? '').toContain('每年 3 次');
      await shoot(page, 'console-simulation.png', true);
    } finally {
      await page.close();
    }
  }, 180_000);

  it('is not in an inspector’s menu', async () => {
    const { page } = await pageWithSession(browser, base, sessions.get('zhangwei')!, { stepTimeoutMs: 45_000 });
    try {
      await page.goto(`${base}/console/`);
      await page.waitForSelector('.ant-menu-item:has-text("首页")');
      expect(await page.locator('.ant-menu-item:has-text("规则模拟")').count()).toBe(0);
    } finally {
      await page.close();
    }
  }, 120_000);
});

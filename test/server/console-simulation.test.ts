import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { choose, pageWithSession, shoot, textOf, consoleBed, type ConsoleBed } from '../helpers/console-page.ts';
import type { DemoCounty } from '../helpers/demo-county.ts';

/** 规则模拟 at /console/simulation (issue 21, 6): a planner compares 卧龙 with a cap-3 version on the county’s directory. */
describe('规则模拟 at /console/simulation', () => {
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  let sessions: Map<string, string>;
  let bed: ConsoleBed | undefined;
  beforeAll(async () => {
    const packsDir = mkdtempSync(join(tmpdir(), 'dr-sim-packs-'));
    copyFileSync(new URL('../../docs/examples/wolong-cap3.yaml', import.meta.url).pathname, join(packsDir, 'wolong-cap3.yaml'));
    ({ demo, browser, base, sessions } = bed = await consoleBed({ county: { enterprises: 300, packsDir }, users: [['lihua', '李华', 'PLANNER'], ['zhangwei', '张伟', 'INSPECTOR'], ['zhaoju', '赵局长', 'ADMIN']] }));
  }, 120_000);
  afterAll(async () => bed?.close());

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

  it('compares the pack editor’s unsaved edit (cap 3) with its base, and saves nothing', async () => {
    const { page } = await pageWithSession(browser, base, sessions.get('zhaoju')!, { stepTimeoutMs: 45_000 });
    try {
      await page.goto(`${base}/console/rule-pack`);
      await page.locator('#pack-editor-team-minSize').waitFor();
      await page.fill('#pack-editor-id', 'wolong-cap3-draft');
      await page.fill('#pack-editor-name', '卧龙区规则（上限3次，草稿）');
      await page.click('#pack-editor-add-source');
      await page.fill('#pack-editor-source-0-id', 'notice-2027');
      await page.fill('#pack-editor-source-0-number', '宛卧应急〔2027〕1号');
      await page.fill('#pack-editor-source-0-title', '关于调整抽查上限的通知');
      await choose(page, '#pack-editor-rule', '同一企业每年抽查次数上限', { search: true });
      expect(await page.inputValue('#pack-editor-cap-perYear')).toBe('2');
      await page.fill('#pack-editor-cap-perYear', '3');
      await choose(page, '#pack-editor-cap-cite-doc', '宛卧应急〔2027〕1号');
      await page.fill('#pack-editor-cap-cite-clause', '一');

      await page.click('#pack-editor-simulate');
      await page.waitForURL(`${base}/console/simulation?edit=1`);
      await expect.poll(() => textOf(page, '#simulation-edit'), { timeout: 45_000 }).toContain('编辑中的规则包（未保存）：卧龙区规则（上限3次，草稿）');
      await page.fill('#simulation-years', '20');
      await page.click('#simulation-run');
      await page.waitForSelector('#simulation-differences');
      expect(await textOf(page, '#simulation-differences')).toContain('抽查上限：每年不超过 2 次 → 每年不超过 3 次');
      const packs = await textOf(page, '#simulation-packs');
      expect(packs).toContain('wolong@1.0.0');
      expect(packs).toContain('wolong-cap3-draft@1.0.0（未保存）');
      expect(packs).toContain('每年 3 次');
      // Compared, not saved: the jurisdiction has no pack of its own.
      expect(await demo.db.sql.query(`SELECT pack_id FROM stored_rule_pack`)).toEqual([]);

      // Put aside, the screen compares packs again.
      await page.click('#simulation-edit-drop');
      await page.locator('#simulation-compare').waitFor();
      expect(await page.locator('#simulation-edit').count()).toBe(0);
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

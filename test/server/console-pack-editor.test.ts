import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CONSOLE_DIR } from '../../src/server/console/serve-console.ts';
import { choose, logInThroughForm, shoot, textOf } from '../helpers/console-page.ts';
import { launchChromium, offlinePage } from '../helpers/browser.ts';
import { TEST_DATABASES, type TestDb } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';

const PASSWORD = 'Wolong-2026-pass';

describe('the console’s pack editor (编辑本辖区规则包) in headless Chromium', () => {
  let db: TestDb;
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    expect(existsSync(join(CONSOLE_DIR, 'index.html')), 'dist/console is missing: run npm run build:console').toBe(true);
    db = await TEST_DATABASES.find((d) => d.name === 'pglite')!.open();
    demo = await demoCounty(db, { enterprises: 20 });
    const made = await demo.gql(`mutation($p: String!) { createUser(jurisdiction: "${DEMO}", username: "wolong.admin", name: "卧龙管理员", password: $p, role: ADMIN) { __typename } }`, { p: PASSWORD }, demo.tokens.ADMIN);
    expect(made.data.createUser.__typename).toBe('User');
    base = `http://127.0.0.1:${(await demo.app.start(0)).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.app.stop();
    await db?.close();
  });

  it('an admin edits a value with its citation, sees the diff and a field refusal, saves a new version and switches to it', async () => {
    const { page, outside, violations } = await offlinePage(browser, base);
    await logInThroughForm(page, base, 'wolong.admin', PASSWORD);
    await page.goto(`${base}/console/rule-pack`);
    await page.locator('#pack-editor-team-minSize').waitFor();

    await page.fill('#pack-editor-id', 'wolong-2026');
    await page.click('#pack-editor-add-source');
    await page.fill('#pack-editor-source-0-id', 'notice-2026');
    await page.fill('#pack-editor-source-0-number', '宛卧应急〔2026〕1号');
    await page.fill('#pack-editor-source-0-title', '关于调整检查组人数的通知');
    // 卧龙's team rule, as in force, is the starting point: two members, 第十八条.
    expect(await page.inputValue('#pack-editor-team-minSize')).toBe('2');
    expect(await page.inputValue('#pack-editor-team-cite-clause')).toBe('第十八条');
    await page.fill('#pack-editor-team-minSize', '3');

    // Without its clause the value is refused, on the citation's field, in Chinese.
    await page.fill('#pack-editor-team-cite-clause', '');
    await page.click('#pack-editor-preview');
    await expect.poll(() => textOf(page, '#pack-editor-slot'), { timeout: 45_000 }).toContain('依据须写明来源文件和条款');
    expect(await textOf(page, '#pack-editor-refusal')).toContain('检查组 · 依据 · 条款');

    await choose(page, '#pack-editor-team-cite-doc', '宛卧应急〔2026〕1号');
    await page.fill('#pack-editor-team-cite-clause', '二');
    await page.click('#pack-editor-preview');
    await expect.poll(() => textOf(page, '#pack-editor-diff'), { timeout: 45_000 }).toContain('宛卧应急〔2026〕1号 二');
    const diff = await textOf(page, '#pack-editor-diff');
    expect(diff).toContain('与基础规则包 wolong@1.0.0 的差异（1 条）');
    expect(diff).toContain('检查组');
    expect(diff).toContain('修改');
    expect(await page.locator('#pack-editor-refusal').count()).toBe(0);
    await shoot(page, 'console-pack-editor.png', true);

    await page.click('#pack-editor-save');
    await expect.poll(() => textOf(page, '#pack-editor-saved'), { timeout: 45_000 }).toContain('已保存为新版本 wolong-2026@1.0.0');
    const [row] = await db.sql.query<{ rules: any }>(`SELECT rules FROM stored_rule_pack WHERE pack_id = 'wolong-2026'`);
    expect(row!.rules).toEqual({ team: { minSize: 3, leader: true, cite: { doc: 'notice-2026', clause: '二' } } });

    // The editor now starts from the saved version: its own rules and its own sources only (the parent's stay the parent's).
    await expect.poll(() => page.inputValue('#pack-editor-id'), { timeout: 45_000 }).toBe('wolong-2026');
    await expect.poll(() => page.locator('[id^="pack-editor-source-"][id$="-id"]').count(), { timeout: 45_000 }).toBe(1);
    expect(await page.inputValue('#pack-editor-source-0-number')).toBe('宛卧应急〔2026〕1号');
    expect(await page.inputValue('#pack-editor-team-minSize')).toBe('3');
    expect(await textOf(page, '#pack-editor-versions')).toContain('wolong-2026@1.0.0');

    // The new version is shown; switching to it goes through switchRulePack.
    await expect.poll(() => textOf(page, '#rule-pack-meta'), { timeout: 45_000 }).toContain('宛卧应急〔2026〕1号');
    await page.fill('#rule-pack-switch_reason', '执行2026年调整通知');
    await page.click('#rule-pack-switch-submit');
    await expect.poll(() => textOf(page, '#rule-pack-switched').then((t) => t || textOf(page, '#rule-pack-refusal')), { timeout: 45_000 }).toContain('已切换为');
    const j = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    expect([j.rulePackId, j.rulePackVersion]).toEqual(['wolong-2026', '1.0.0']);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CONSOLE_DIR } from '../../src/server/console/serve-console.ts';
import { logInThroughForm, choose } from '../helpers/console-page.ts';
import { launchChromium, offlinePage, screenshotPath } from '../helpers/browser.ts';
import { TEST_DATABASES, type TestDb } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';

const PASSWORD = 'Wolong-2026-pass';
const CREATE_USER = `mutation($j: String!, $u: String!, $n: String!, $p: String!, $r: Role!) {
  createUser(jurisdiction: $j, username: $u, name: $n, password: $p, role: $r) { __typename ... on Error { message } } }`;

describe('the console’s rule pack (规则包) and audit (审计) screens in headless Chromium', () => {
  let db: TestDb;
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    expect(existsSync(join(CONSOLE_DIR, 'index.html')), 'dist/console is missing: run npm run build:console').toBe(true);
    db = await TEST_DATABASES.find((d) => d.name === 'pglite')!.open();
    demo = await demoCounty(db, { enterprises: 20 });
    for (const [u, n, r] of [['wolong.admin', '卧龙管理员', 'ADMIN'], ['wolong.planner', '张计划', 'PLANNER'], ['wolong.auditor', '赵审计', 'AUDITOR']] as const) {
      expect((await demo.gql(CREATE_USER, { j: DEMO, u, n, p: PASSWORD, r }, demo.tokens.ADMIN)).data.createUser.__typename).toBe('User');
    }
    // More entries than a page holds (20): tokens for 22 dashboards, each on the trail.
    for (let i = 1; i <= 22; i++) {
      const made = await demo.gql(`mutation($n: String!) { createApiToken(jurisdiction: "${DEMO}", role: AUDITOR, name: $n) { __typename } }`, { n: `看板 ${i}` }, demo.tokens.ADMIN);
      expect(made.data.createApiToken.__typename).toBe('NewApiToken');
    }
    base = `http://127.0.0.1:${(await demo.app.start(0)).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.app.stop();
    await db?.close();
  });

  async function logIn(page: Page, username: string) {
    await logInThroughForm(page, base, username, PASSWORD);
  }

  const choosePack = (page: Page, text: string) => choose(page, '#rule-pack-select', text);

  it('shows a planner the active pack, every rule with its clause, and no switch', async () => {
    const { page, outside, violations } = await offlinePage(browser, base);
    await logIn(page, 'wolong.planner');
    await page.click('.ant-menu-item:has-text("规则包")');
    await page.waitForURL(`${base}/console/rule-pack`);
    await expect.poll(() => page.textContent('#rule-pack-meta').catch(() => ''), { timeout: 45_000 }).toContain('卧龙区应急管理局');
    expect(await page.textContent('#rule-pack-meta')).toContain('现行');
    await expect.poll(() => page.locator('#rule-pack-rules tbody tr.ant-table-row').count(), { timeout: 45_000 }).toBeGreaterThan(5);
    const rules = (await page.textContent('#rule-pack-rules')) ?? '';
    expect(rules).toContain('抽查比例不低于监管对象的5%');
    expect(rules).toContain('工作细则 第六条');
    expect(rules).toContain('默认值');
    // Only an admin switches: the planner looks at another pack and is offered nothing.
    await choosePack(page, '偃师区');
    await expect.poll(() => page.textContent('#rule-pack-meta'), { timeout: 45_000 }).toContain('偃师区');
    expect(await page.locator('#rule-pack-switch-submit').count()).toBe(0);
    // The planner has no audit screen either.
    expect(await page.locator('.ant-menu-item:has-text("审计")').count()).toBe(0);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('an admin is refused a city pack with the reason in Chinese, then switches to another county pack, recorded', async () => {
    const { page, outside, violations } = await offlinePage(browser, base);
    await logIn(page, 'wolong.admin');
    await page.goto(`${base}/console/rule-pack`);
    await expect.poll(() => page.textContent('#rule-pack-meta').catch(() => ''), { timeout: 45_000 }).toContain('卧龙区应急管理局');
    await choosePack(page, '攀枝花市');
    await page.click('#rule-pack-switch-submit');
    await expect.poll(() => page.textContent('#rule-pack-refusal').catch(() => ''), { timeout: 45_000 }).toContain('规则包：');
    expect(await page.textContent('#rule-pack-refusal')).toContain('是为市级执法部门制定的规则包，卧龙区是县级辖区');
    await page.screenshot({ path: screenshotPath('console-rule-pack-refused.png'), fullPage: true });
    expect((await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } })).rulePackId).toBe('wolong');

    await choosePack(page, '顺城区');
    await page.fill('#rule-pack-switch_reason', '试行顺城区的细则');
    await page.click('#rule-pack-switch-submit');
    await expect.poll(() => page.textContent('#rule-pack-switched').catch(() => page.textContent('#rule-pack-refusal').catch(() => '')), { timeout: 45_000 }).toContain('已切换为');
    expect((await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } })).rulePackId).toBe('shuncheng');
    await expect.poll(() => page.textContent('#rule-pack-history'), { timeout: 45_000 }).toContain('试行顺城区的细则');
    const history = (await page.textContent('#rule-pack-history')) ?? '';
    expect(history).toContain('wolong@1.0.0');
    expect(history).toContain('shuncheng@1.0.0');
    await page.screenshot({ path: screenshotPath('console-rule-pack.png'), fullPage: true });
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('shows an auditor the trail in Beijing time and Chinese, paged, intact; tampered, verifying finds where', async () => {
    const { page, outside, violations } = await offlinePage(browser, base);
    await logIn(page, 'wolong.auditor');
    await page.click('.ant-menu-item:has-text("审计")');
    await page.waitForURL(`${base}/console/audit`);
    await expect.poll(() => page.locator('#audit-trail tbody tr.ant-table-row').count(), { timeout: 45_000 }).toBeGreaterThan(0);
    const county = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    const created = await demo.db.prisma.auditEntry.findFirstOrThrow({ where: { jurisdictionId: county.id, action: 'token.created' }, orderBy: { seq: 'desc' } });
    const trail = (await page.textContent('#audit-trail')) ?? '';
    // Newest first: the last user made is on the first page, its action in Chinese, its time in Beijing time.
    expect(trail).toContain('建立令牌');
    expect(trail).toContain('看板 22');
    expect(trail).not.toContain('wolong.admin');
    const beijing = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(created.at);
    expect(trail).toContain(beijing);
    expect(trail).not.toContain('token.created');
    expect(await page.textContent('#audit-card')).toContain(`共 ${county.auditSeq} 条`);
    expect(await page.locator('#audit-trail tbody tr.ant-table-row').count()).toBe(20);
    // The oldest entries are on the last page, fetched from the server when asked for.
    await page.click('#audit-card .ant-pagination-item-2');
    await expect.poll(() => page.textContent('#audit-trail'), { timeout: 45_000 }).toContain('用户：wolong.admin');
    expect(await page.textContent('#audit-trail')).toContain('建立用户');
    expect(await page.locator('#audit-trail tbody tr.ant-table-row').count()).toBe(county.auditSeq - 20);

    await page.click('#audit-verify');
    await expect.poll(() => page.textContent('#audit-verification'), { timeout: 45_000 }).toContain(`审计记录完整：共 ${county.auditSeq} 条`);
    await page.screenshot({ path: screenshotPath('console-audit.png'), fullPage: true });

    // Tampering as someone with direct database access would: around the append-only trigger.
    await db.owner.exec('ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only');
    await db.owner.query(`UPDATE audit_entry SET actor = 'someone else' WHERE jurisdiction_id = $1 AND seq = $2`, [county.id, created.seq]);
    await db.owner.exec('ALTER TABLE audit_entry ENABLE ALWAYS TRIGGER audit_entry_append_only');
    await page.click('#audit-verify');
    await expect.poll(() => page.textContent('#audit-verification'), { timeout: 45_000 }).toContain('审计记录已被破坏');
    expect(await page.textContent('#audit-verification')).toContain(`记录被改动：第 ${created.seq} 条`);
    await page.screenshot({ path: screenshotPath('console-audit-broken.png'), fullPage: true });
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });
});

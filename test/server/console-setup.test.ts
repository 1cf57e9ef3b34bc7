import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../src/server/auth/users.ts';
import { CONSOLE_DIR } from '../../src/server/console/serve-console.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { logInThroughForm, choose as chooseOption } from '../helpers/console-page.ts';
import { launchChromium, offlinePage, screenshotPath } from '../helpers/browser.ts';
import { demoCounty, DEMO, NEIGHBOUR, type DemoCounty } from '../helpers/demo-county.ts';

const PASSWORD = 'Setup-2026-pass';

describe('the console’s setup screen (设置) in headless Chromium', () => {
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    expect(existsSync(join(CONSOLE_DIR, 'index.html')), 'dist/console is missing: run npm run build:console').toBe(true);
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), { enterprises: 20, pooling: false });
    // The operator as `double-random init` makes it: a user bound to no jurisdiction.
    expect((await createUser(demo.db.prisma, { username: 'platform.ops', name: '平台运维', password: PASSWORD, role: 'OPERATOR', jurisdictionId: null })).ok).toBe(true);
    const made = await demo.gql(`mutation($j: String!) { createUser(jurisdiction: $j, username: "wolong.admin", name: "卧龙管理员", password: "${PASSWORD}", role: ADMIN) { __typename } }`, { j: DEMO }, demo.tokens.ADMIN);
    expect(made.data.createUser.__typename).toBe('User');
    const planner = await demo.gql(`mutation($j: String!) { createUser(jurisdiction: $j, username: "wolong.planner", name: "计划员", password: "${PASSWORD}", role: PLANNER) { __typename } }`, { j: DEMO }, demo.tokens.ADMIN);
    expect(planner.data.createUser.__typename).toBe('User');
    base = `http://127.0.0.1:${(await demo.app.start(0)).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.app.stop();
    await demo?.db.close();
  });

  async function logIn(page: Page, username: string) {
    await logInThroughForm(page, base, username, PASSWORD);
  }

  /** Picks an option of an antd Select (by its element id) by its visible text. */
  const choose = (page: Page, id: string, text: string) => chooseOption(page, `#${id}`, text);

  it('the operator refuses a code not in GB/T 2260, creates 宜宾市 (name from the table) and its first admin', async () => {
    const { page, outside, violations } = await offlinePage(browser, base);
    await logIn(page, 'platform.ops');
    await page.click('.ant-menu-item:has-text("设置")');
    await page.waitForURL(`${base}/console/setup`);
    await expect.poll(() => page.textContent('#setup-jurisdiction-tree'), { timeout: 45_000 }).toContain('卧龙区（411303，县级）');

    // A code GB/T 2260 does not have: the server's Chinese refusal, naming the field in Chinese.
    await page.fill('#jurisdiction-create_code', '511599');
    await choose(page, 'jurisdiction-create_level', '县级');
    await page.click('#jurisdiction-create-submit');
    await expect.poll(() => page.textContent('#jurisdiction-create-refusal').catch(() => ''), { timeout: 45_000 }).toContain('行政区划代码：');
    expect(await page.textContent('#jurisdiction-create-refusal')).toContain('GB/T 2260');
    await page.screenshot({ path: screenshotPath('console-setup-refused.png'), fullPage: true });
    expect(await demo.db.prisma.jurisdiction.findUnique({ where: { code: '511599' } })).toBeNull();

    // 宜宾市, its name left empty: the table's; its parent (四川省) is not here, so it is top-level.
    await page.fill('#jurisdiction-create_code', '511500');
    await choose(page, 'jurisdiction-create_level', '市级');
    await page.click('#jurisdiction-create-submit');
    await expect.poll(() => page.textContent('#jurisdiction-created').catch(() => ''), { timeout: 45_000 }).toContain('已建立 宜宾市（511500，市级，顶级辖区）');
    await expect.poll(() => page.textContent('#setup-jurisdiction-tree'), { timeout: 45_000 }).toContain('宜宾市（511500，市级）');
    expect(await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: '511500' } })).toMatchObject({ name: '宜宾市', level: 'CITY', parentId: null });

    // The first admin, in the card that opened for the new jurisdiction.
    await expect.poll(() => page.textContent('#first-admin-card').catch(() => ''), { timeout: 45_000 }).toContain('宜宾市 还没有管理员');
    await page.fill('#first-admin_username', 'yibin.admin');
    await page.fill('#first-admin_name', '王建国');
    await page.fill('#first-admin_password', PASSWORD);
    await page.click('#first-admin-submit');
    await expect.poll(() => page.textContent('#first-admin-created').catch(() => ''), { timeout: 45_000 }).toContain('已为 宜宾市 设立管理员 王建国（yibin.admin）');
    await expect.poll(() => page.textContent('#first-admin-list').catch(() => ''), { timeout: 45_000 }).toContain('王建国（yibin.admin）');
    const admin = await demo.db.prisma.appUser.findUniqueOrThrow({ where: { username: 'yibin.admin' }, include: { jurisdiction: true } });
    expect(admin).toMatchObject({ role: 'ADMIN', active: true, jurisdiction: { code: '511500' } });
    await page.screenshot({ path: screenshotPath('console-setup-operator.png'), fullPage: true });
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('the new admin creates a district, a user (then deactivates it) and a token shown once, and revokes it', async () => {
    const { page, outside, violations } = await offlinePage(browser, base);
    await logIn(page, 'yibin.admin');
    await page.goto(`${base}/console/setup`);
    await expect.poll(() => page.textContent('#setup-jurisdiction-tree').catch(() => ''), { timeout: 45_000 }).toContain('宜宾市（511500，市级）');
    // Only its own jurisdiction and below: not the demo county.
    expect(await page.textContent('#setup-jurisdiction-tree')).not.toContain('卧龙区');

    // A district below it: the parent is fixed to its own city.
    expect(await page.inputValue('#jurisdiction-create_parent')).toBe('宜宾市（511500）');
    await page.fill('#jurisdiction-create_code', '511502');
    await page.click('#jurisdiction-create-submit');
    await expect.poll(() => page.textContent('#jurisdiction-created').catch(() => ''), { timeout: 45_000 }).toContain('已建立 翠屏区（511502，县级，上级 宜宾市）');
    await expect.poll(() => page.textContent('#setup-jurisdiction-tree'), { timeout: 45_000 }).toContain('翠屏区（511502，县级）');
    await expect.poll(() => page.textContent('#first-admin-card').catch(() => ''), { timeout: 45_000 }).toContain('翠屏区 还没有管理员');

    // A user of its own, with a role named in Chinese.
    await page.fill('#user-create_username', 'yibin.planner');
    await page.fill('#user-create_name', '李计划');
    await page.fill('#user-create_password', PASSWORD);
    await choose(page, 'user-create_role', '计划编制人员');
    await page.click('#user-create-submit');
    await expect.poll(() => page.textContent('#user-created').catch(() => ''), { timeout: 45_000 }).toContain('已建立用户 李计划（yibin.planner，计划编制人员）');
    await expect.poll(() => page.textContent('#setup-users'), { timeout: 45_000 }).toContain('yibin.planner');
    expect(await page.textContent('#setup-users')).toContain('计划编制人员');
    expect(await demo.db.prisma.appUser.findUniqueOrThrow({ where: { username: 'yibin.planner' } })).toMatchObject({ role: 'PLANNER', active: true });
    // A short password: the server's refusal in Chinese, its field named in Chinese.
    await page.fill('#user-create_username', 'yibin.short');
    await page.fill('#user-create_name', '短密码');
    await page.fill('#user-create_password', 'short');
    await page.click('#user-create-submit');
    await expect.poll(() => page.textContent('#user-create-refusal').catch(() => ''), { timeout: 45_000 }).toContain('密码：密码至少 10 个字符');
    await page.screenshot({ path: screenshotPath('console-setup-users.png'), fullPage: true });

    await page.click('[id="user-deactivate-yibin.planner"]');
    await expect.poll(() => page.locator('[id="user-reactivate-yibin.planner"]').count(), { timeout: 45_000 }).toBe(1);
    expect((await demo.db.prisma.appUser.findUniqueOrThrow({ where: { username: 'yibin.planner' } })).active).toBe(false);

    // A token: its secret in a modal, once; it works; revoked, it ends.
    await page.click('#setup-tab-tokens');
    await page.fill('#token-create_name', '法规股看板');
    await choose(page, 'token-create_role', '审计人员');
    await page.click('#token-create-submit');
    await expect.poll(() => page.textContent('#token-secret').catch(() => ''), { timeout: 45_000 }).toMatch(/^dr_/);
    const secret = (await page.textContent('#token-secret'))!;
    await page.screenshot({ path: screenshotPath('console-setup-token.png'), fullPage: true });
    const audit = `{ auditTrail(jurisdiction: "511500", first: 1) { __typename } }`;
    expect((await demo.gql(audit, {}, secret)).data.auditTrail.__typename).toBe('AuditTrailPage');
    await page.click('#token-secret-close');
    await expect.poll(() => page.locator('#token-secret').count(), { timeout: 45_000 }).toBe(0);
    const row = page.locator('#setup-tokens tr', { hasText: '法规股看板' });
    await expect.poll(() => row.count(), { timeout: 45_000 }).toBe(1);
    expect(await row.textContent()).toContain('审计人员');
    await row.locator('button[id^="token-revoke-"]').click();
    await page.click('#token-revoke-confirm');
    await expect.poll(() => page.locator('#setup-tokens tr', { hasText: '法规股看板' }).count(), { timeout: 45_000 }).toBe(0);
    expect((await demo.db.prisma.apiToken.findFirstOrThrow({ where: { name: '法规股看板' } })).revokedAt).not.toBeNull();
    const afterRevoking = await demo.gql(audit, {}, secret);
    expect(afterRevoking.data?.auditTrail?.__typename).not.toBe('AuditTrailPage');
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('an admin agrees to pool inspectors with a neighbour; a planner is not offered the setup screen', async () => {
    const { page, outside, violations } = await offlinePage(browser, base);
    await logIn(page, 'wolong.admin');
    await page.goto(`${base}/console/setup`);
    await page.click('#setup-tab-pooling');
    const row = page.locator('#setup-pooling tr', { hasText: `宛城区（${NEIGHBOUR}）` });
    await expect.poll(() => row.textContent().catch(() => ''), { timeout: 45_000 }).toContain('未商定');
    await page.click(`#pooling-agree-${NEIGHBOUR}`);
    await expect.poll(() => row.textContent(), { timeout: 45_000 }).toContain('待对方同意');
    const county = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    expect(await demo.db.prisma.poolingConsent.count({ where: { jurisdictionId: county.id } })).toBe(1);
    await page.screenshot({ path: screenshotPath('console-setup-pooling.png'), fullPage: true });

    // 检查实施机关 and 文号前缀 beside the name: the defaults shown, a prefix of its own saved.
    const prefix = page.locator('#jurisdiction-update_noticePrefix, #jurisdiction-notice-prefix').first();
    expect(await prefix.getAttribute('placeholder')).toBe('卧龙应急随抽');
    await prefix.fill('卧龙应急双随机');
    await page.click('#jurisdiction-update-submit');
    await expect.poll(() => page.textContent('#jurisdiction-updated').catch(() => ''), { timeout: 45_000 }).toContain('检查实施机关 南阳市卧龙区应急管理局，公告文号 卧龙应急双随机〔年份〕第N号');
    expect((await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } })).noticePrefix).toBe('卧龙应急双随机');
    await page.click('#logout');
    await page.waitForURL(`${base}/console/login`);

    await logIn(page, 'wolong.planner');
    expect(await page.locator('.ant-menu-item:has-text("设置")').count()).toBe(0);
    await page.goto(`${base}/console/setup`);
    await expect.poll(() => page.textContent('.ant-result-title').catch(() => ''), { timeout: 45_000 }).toContain('您的角色无权查看此页面');
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });
});

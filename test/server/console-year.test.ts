import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays, chinaDate } from '../../src/core/calendar/china-date.ts';
import { loadRegistry } from '../../src/rulepacks/registry.ts';
import { buildApp, type App } from '../../src/server/app.ts';
import { createUser } from '../../src/server/auth/users.ts';
import { CONSOLE_DIR } from '../../src/server/console/serve-console.ts';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { launchChromium, offlinePage } from '../helpers/browser.ts';
import { choose, logInThroughForm, pickDate, shoot, textOf, confirmWith } from '../helpers/console-page.ts';
import { ENTERPRISE_COUNT, enterprisesXlsx, inspectorsCsv } from '../helpers/cuiping-files.ts';

const PASSWORD = 'Cuiping-2026-pass';
const PHONE = { width: 390, height: 844 };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A day n days after a civil date, YYYY-MM-DD. */

/**
 * A county's year through the browser alone (issue 19's test): the operator sets up 宜宾市 and
 * 翠屏区 and its admin; the admin imports the directories (one wrong row each, then corrected),
 * chooses the rule pack, publishes the plan, creates and locks a task; the draw officer holds the
 * draw while the live page watches; an inspector on a phone enters and signs the result; the
 * admin records the colleague's paper signature and publishes; the public portal shows it.
 * Nothing is set up behind the browser's back except the operator's own login (`double-random init`).
 */
describe('a county’s year in the console, from nothing to a published result', () => {
  let db: Database;
  let app: App;
  let browser: Browser;
  let base: string;
  // Today in China: the task's window opens today and the team inspects today, so the result can be entered today.
  const today = chinaDate(new Date());
  const year = Number(today.slice(0, 4));
  const windowEnd = [addDays(today, 20), `${year}-12-31`].sort()[0]!;
  const inspectionDate = today;
  const TASK = `${year}年翠屏区第一批双随机抽查`;
  let taskUrl = '';

  beforeAll(async () => {
    expect(existsSync(join(CONSOLE_DIR, 'index.html')), 'dist/console is missing: run npm run build:console').toBe(true);
    db = await openDatabase({ dataDir: 'memory://' });
    const made = await createUser(db.prisma, { username: 'platform.ops', name: '平台运维', password: PASSWORD, role: 'OPERATOR', jurisdictionId: null });
    expect(made.ok).toBe(true);
    // Picks revealed one by one, so the live page sees the draw happen.
    app = buildApp(db, await loadRegistry(), { drawPacingMs: 400 });
    base = `http://127.0.0.1:${(await app.start(0)).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await db?.close();
  });

  async function session(username: string, viewport?: { width: number; height: number }) {
    const opened = await offlinePage(browser, base, viewport);
    await logInThroughForm(opened.page, base, username, PASSWORD);
    return opened;
  }
  async function done(opened: { page: Page; outside: string[]; violations: string[] }) {
    expect(opened.outside).toEqual([]);
    expect(opened.violations).toEqual([]);
    await opened.page.close();
  }

  it('the operator creates 宜宾市 (511500) and 翠屏区 (511502) under it, and 翠屏区’s first admin', async () => {
    const opened = await session('platform.ops');
    const { page } = opened;
    await page.click('.ant-menu-item:has-text("设置")');
    await page.waitForURL(`${base}/console/setup`);
    await page.fill('#jurisdiction-create_code', '511500');
    await choose(page, '#jurisdiction-create_level', '市级');
    await page.click('#jurisdiction-create-submit');
    await expect.poll(() => textOf(page, '#jurisdiction-created')).toContain('已建立 宜宾市（511500，市级，顶级辖区）');
    // The district: its name and parent from GB/T 2260, its level from the code's shape.
    await page.fill('#jurisdiction-create_code', '511502');
    await page.click('#jurisdiction-create-submit');
    await expect.poll(() => textOf(page, '#jurisdiction-created')).toContain('已建立 翠屏区（511502，县级，上级 宜宾市）');
    await expect.poll(() => textOf(page, '#first-admin-card')).toContain('翠屏区 还没有管理员');
    await page.fill('#first-admin_username', 'cuiping.admin');
    await page.fill('#first-admin_name', '陈立');
    await page.fill('#first-admin_password', PASSWORD);
    await page.click('#first-admin-submit');
    await expect.poll(() => textOf(page, '#first-admin-created')).toContain('已为 翠屏区 设立管理员 陈立（cuiping.admin）');
    await expect.poll(() => textOf(page, '#setup-jurisdiction-tree')).toContain('翠屏区（511502，县级）');
    await shoot(page, 'console-year-1-setup.png', true);
    const district = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: '511502' }, include: { parent: true } });
    expect(district).toMatchObject({ name: '翠屏区', level: 'COUNTY', parent: { code: '511500' } });
    await done(opened);
  }, 180_000);

  it('the admin imports the inspectors from a GBK CSV and the enterprises from an XLSX, each refused for one wrong row, then corrected', async () => {
    const opened = await session('cuiping.admin');
    const { page } = opened;
    const importFile = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
      await page.setInputFiles('#import_file', file);
      await page.click('#import-check');
    };

    await page.click('.ant-menu-item:has-text("名录库")');
    await page.waitForURL(`${base}/console/directories`);
    await page.click('#tab-inspectors');
    await page.click('#inspectors-import');
    await page.waitForURL(`${base}/console/directories/import?kind=inspectors`);
    await importFile({ name: '执法人员名录.csv', mimeType: 'text/csv', buffer: inspectorsCsv({ wrongRow: true }) });
    await expect.poll(() => textOf(page, '#import-detected')).toContain('GBK');
    await expect.poll(() => textOf(page, '#import-problems')).toContain('执法证有效期至');
    const problem = await page.locator('#import-problems tbody tr.ant-table-row').first().locator('td').allTextContents();
    // The fourth inspector is the file's fifth row (the header is row 1).
    expect(problem[0]).toBe('5');
    expect(await textOf(page, '#import-rejected')).toContain('没有写入任何数据');
    await shoot(page, 'console-year-2-import-refused.png', true);
    expect(await db.prisma.inspector.count()).toBe(0);

    await importFile({ name: '执法人员名录.csv', mimeType: 'text/csv', buffer: inspectorsCsv({ wrongRow: false }) });
    await expect.poll(() => textOf(page, '#import-preview')).toContain('将新增 8 条');
    await page.click('#import-commit');
    await expect.poll(() => textOf(page, '#import-result')).toContain('新增 8 条');

    await page.goto(`${base}/console/directories/import?kind=enterprises`);
    await importFile({ name: '企业名录.xlsx', mimeType: XLSX, buffer: await enterprisesXlsx({ wrongRow: true }) });
    await expect.poll(() => textOf(page, '#import-problems')).toContain('校验位不符');
    expect((await page.locator('#import-problems tbody tr.ant-table-row').first().locator('td').allTextContents())[0]).toBe('8');
    await importFile({ name: '企业名录.xlsx', mimeType: XLSX, buffer: await enterprisesXlsx({ wrongRow: false }) });
    await expect.poll(() => textOf(page, '#import-preview')).toContain(`将新增 ${ENTERPRISE_COUNT} 条`);
    await page.click('#import-commit');
    await expect.poll(() => textOf(page, '#import-result')).toContain(`新增 ${ENTERPRISE_COUNT} 条`);
    const district = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: '511502' } });
    expect(await db.prisma.inspector.count({ where: { jurisdictionId: district.id } })).toBe(8);
    expect(await db.prisma.enterprise.count({ where: { jurisdictionId: district.id } })).toBe(ENTERPRISE_COUNT);
    await done(opened);
  }, 240_000);

  it('the admin creates the draw officer’s login, chooses the rule pack, and makes and publishes the plan', async () => {
    const opened = await session('cuiping.admin');
    const { page } = opened;
    await page.goto(`${base}/console/setup`);
    await page.fill('#user-create_username', 'cuiping.draw');
    await page.fill('#user-create_name', '刘抽取');
    await page.fill('#user-create_password', PASSWORD);
    await choose(page, '#user-create_role', '抽取人员');
    await page.click('#user-create-submit');
    await expect.poll(() => textOf(page, '#user-created')).toContain('已建立用户 刘抽取（cuiping.draw，抽取人员）');

    await page.click('.ant-menu-item:has-text("规则包")');
    await page.waitForURL(`${base}/console/rule-pack`);
    await choose(page, '#rule-pack-select', '卧龙区');
    await page.fill('#rule-pack-switch_reason', '参照卧龙区实施细则');
    await page.click('#rule-pack-switch-submit');
    await expect.poll(() => textOf(page, '#rule-pack-switched')).toContain('卧龙区');
    await expect.poll(() => textOf(page, '#rule-pack-rules')).toContain('第六条');

    await page.click('.ant-menu-item:has-text("年度计划")');
    await page.waitForURL(`${base}/console/plans`);
    await page.click('#plan-create');
    await page.fill('#plan_year', String(year));
    await page.fill('#plan_title', `${year}年度翠屏区安全生产监督检查计划`);
    await page.fill('#plan_doubleRandomCount', '4');
    await page.fill('#plan_otherCount', '6');
    await page.click('#plan-form-submit');
    await confirmWith(page, `#plan-publish-${year}`, `#plan-publish-confirm-${year}`);
    await expect.poll(() => textOf(page, `#plans-table`)).toContain('已公布');
    await shoot(page, 'console-year-3-plan.png', true);
    expect(await db.prisma.inspectionPlan.findFirstOrThrow({ where: { year } })).toMatchObject({ status: 'PUBLISHED' });
    await done(opened);
  }, 180_000);

  it('the admin creates the task in the plan and locks it with the server keeping the secret', async () => {
    const opened = await session('cuiping.admin');
    const { page } = opened;
    await page.click('.ant-menu-item:has-text("抽查任务")');
    await page.click('#task-create');
    await page.fill('#task_title', TASK);
    await choose(page, '#task_plan', `${year} 年度`);
    await pickDate(page, '#task_windowStart', today);
    await pickDate(page, '#task_windowEnd', windowEnd);
    await pickDate(page, '#task_inspectionDate', inspectionDate);
    await page.fill('#task_size', '2');
    await page.click('#task-form-submit');
    await page.waitForURL(/\/console\/tasks\/[^/]+$/);
    taskUrl = page.url();
    await expect.poll(() => textOf(page, '#task-status')).toContain('草稿');
    await page.click('#lock-holder-server');
    await page.click('#lock-submit');
    await expect.poll(() => textOf(page, '#task-status')).toContain('已锁定');
    await shoot(page, 'console-year-4-locked.png', true);
    await done(opened);
  }, 180_000);

  it('the draw officer holds the draw while the public live page watches it, then dispatches and announces the task', async () => {
    const opened = await session('cuiping.draw');
    const { page } = opened;
    await page.goto(taskUrl);
    const live = await page.locator('#task-live-link').getAttribute('href');
    expect(live).toMatch(/^\/live\/|\/live\//);
    const watcher = await offlinePage(browser, base);
    await watcher.page.goto(new URL(live!, base).toString());
    await expect.poll(() => textOf(watcher.page, '#task')).toContain(TASK);

    await page.click('#draw-submit');
    // The picks arrive on the live page one by one, then the record verifies.
    await expect.poll(() => watcher.page.locator('#picks tr').count(), { timeout: 45_000 }).toBeGreaterThan(0);
    await watcher.page.waitForSelector('body[data-done="true"]', { timeout: 30_000 });
    expect(await textOf(watcher.page, '#verdict')).toContain('验证通过');
    await shoot(watcher.page, 'console-year-5-live.png', true);
    await done(watcher);

    await expect.poll(() => textOf(page, '#task-status')).toContain('已抽取');
    await expect.poll(() => page.locator('#task-picks-table tbody tr.ant-table-row').count()).toBe(2);
    await page.click('#task-step-dispatch');
    await expect.poll(() => textOf(page, '#task-status')).toContain('已派发');
    await page.click('#task-step-announce');
    await expect.poll(() => textOf(page, '#task-status')).toContain('已公告');
    await shoot(page, 'console-year-6-drawn.png', true);
    await done(opened);
  }, 180_000);

  let leaderCertificate = '';
  it('the admin starts the inspection and gives the first team’s leader a login linked to their directory record', async () => {
    const task = await db.prisma.inspectionTask.findFirstOrThrow({ where: { title: TASK }, include: { draw: { include: { picks: { orderBy: { order: 'asc' } } } } } });
    const leader = await db.prisma.inspector.findUniqueOrThrow({ where: { id: task.draw!.picks[0]!.leaderId } });
    leaderCertificate = leader.certificateNumber;
    const opened = await session('cuiping.admin');
    const { page } = opened;
    await page.goto(taskUrl);
    await page.click('#task-step-start-inspection');
    await expect.poll(() => textOf(page, '#task-status')).toContain('检查中');
    await page.goto(`${base}/console/setup`);
    await page.fill('#user-create_username', 'cuiping.inspector');
    await page.fill('#user-create_name', leader.name);
    await page.fill('#user-create_password', PASSWORD);
    await choose(page, '#user-create_role', '执法检查人员');
    await page.fill('#user-create_inspector', leaderCertificate);
    await page.click('#user-create-submit');
    await expect.poll(() => textOf(page, '#user-created')).toContain('cuiping.inspector');
    expect((await db.prisma.appUser.findUniqueOrThrow({ where: { username: 'cuiping.inspector' } })).inspectorId).toBe(leader.id);
    await done(opened);
  }, 180_000);

  it('the inspector, on a 390-pixel phone, enters the result from their own work list and signs it', async () => {
    const opened = await session('cuiping.inspector', PHONE);
    const { page } = opened;
    await page.goto(`${base}/console/results`);
    const task = await db.prisma.inspectionTask.findFirstOrThrow({ where: { title: TASK }, include: { draw: { include: { picks: { orderBy: { order: 'asc' } } } } } });
    const pick = task.draw!.picks[0]!;
    await expect.poll(() => textOf(page, '#work-list')).toContain('未录入');
    await page.click(`#work-list [data-uscc="${pick.uscc}"] button`);
    await page.waitForSelector('#result_category');
    await choose(page, '#result_category', '未发现问题');
    await page.fill('#result_summary', '现场检查安全生产台账齐全，未发现问题');
    await page.click('#result-submit');
    await expect.poll(async () => `${await textOf(page, '#result-notice')} ${await textOf(page, '#result-refusal')}`).toContain('检查结果已录入');
    await page.click('#sign-self');
    await expect.poll(() => textOf(page, '#result-notice')).toContain('您已签字');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shoot(page, 'console-year-7-phone.png', true);
    await done(opened);
  }, 180_000);

  it('the admin records the rest of the team’s paper signatures and publishes; the public portal shows the result', async () => {
    const task = await db.prisma.inspectionTask.findFirstOrThrow({ where: { title: TASK }, include: { draw: { include: { picks: { orderBy: { order: 'asc' } } } } } });
    const pick = task.draw!.picks[0]!;
    const enterprise = await db.prisma.enterprise.findFirstOrThrow({ where: { uscc: pick.uscc } });
    const opened = await session('cuiping.admin');
    const { page } = opened;
    await page.click('.ant-menu-item:has-text("检查结果")');
    await page.waitForURL(`${base}/console/results`);
    await choose(page, '#results-task', TASK);
    await page.click(`#pick-open-${pick.order}`);
    await page.waitForSelector('#signers');
    for (const member of pick.memberIds.filter((id) => id !== pick.leaderId)) {
      await page.click(`#sign-paper-${member}`);
      await expect.poll(() => textOf(page, '#result-notice')).toContain('已登记纸面签字');
    }
    await expect.poll(() => textOf(page, '#signers')).toContain('已全部签字');
    await confirmWith(page, '#publish-result', '#publish-confirm');
    await expect.poll(() => textOf(page, '#result-notice')).toContain('检查结果已公示');
    await shoot(page, 'console-year-8-published.png', true);
    await done(opened);

    const visitor = await offlinePage(browser, base);
    await visitor.page.goto(`${base}/j/511502`);
    const body = await textOf(visitor.page, 'body');
    expect(body).toContain('翠屏区');
    expect(body).toContain(enterprise.name);
    expect(body).toContain('未发现问题');
    await shoot(visitor.page, 'console-year-9-portal.png', true);
    await done(visitor);
  }, 180_000);
});

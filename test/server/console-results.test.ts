import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../../src/server/db/database.ts';
import { CONSOLE_DIR } from '../../src/server/console/serve-console.ts';
import { confirmWith, shoot, logInThroughForm } from '../helpers/console-page.ts';
import { launchChromium, offlinePage } from '../helpers/browser.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, type DrawnPick } from '../helpers/results-flow.ts';

const CREATE_USER = `mutation($u: String!, $n: String!, $r: Role!, $c: String) {
  createUser(jurisdiction: "${DEMO}", username: $u, name: $n, password: "Wolong-2026-pass", role: $r, inspector: $c) { __typename ... on Error { message } } }`;
const PUBLISHED = `query { jurisdiction(code: "${DEMO}") { publishedResults(first: 10) { totalCount edges { node { uscc status categoryLabel signatures { inspector inPerson } } } } } }`;
const PHONE = { width: 390, height: 844 };

describe('检查结果 at /console/results: an inspector on a phone, a clerk at a desk', () => {
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  let taskId: string;
  let pick: DrawnPick;
  let mine: DrawnPick[];
  let colleague: string;
  beforeAll(async () => {
    expect(existsSync(join(CONSOLE_DIR, 'index.html')), 'dist/console is missing: run npm run build:console').toBe(true);
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), { enterprises: 40 });
    const task = await inspectingTask(demo, { size: 3, itemsPerInspection: 3 });
    taskId = task.taskId;
    pick = task.picks.find((p) => p.team.members.some((m) => m.id !== p.team.leader.id))!;
    colleague = pick.team.members.find((m) => m.id !== pick.team.leader.id)!.id;
    expect(pick.items.length).toBeGreaterThan(1);
    const leader = pick.team.leader.id;
    mine = task.picks.filter((p) => p.team.leader.id === leader || p.team.members.some((m) => m.id === leader));
    const certificate = (await demo.db.prisma.inspector.findUniqueOrThrow({ where: { id: leader } })).certificateNumber;
    for (const [u, n, r, c] of [['liqiang', '李强', 'INSPECTOR', certificate], ['wangfang', '王芳', 'DRAW_OFFICER', null], ['zhaomin', '赵敏', 'PLANNER', null]] as const) {
      const made = (await demo.gql(CREATE_USER, { u, n, r, c }, demo.tokens.ADMIN)).data.createUser;
      expect(made.__typename, JSON.stringify(made)).toBe('User');
    }
    base = `http://127.0.0.1:${(await demo.app.start(0)).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.app.stop();
    await demo?.db.close();
  });

  async function logIn(page: Page, username: string) {
    await logInThroughForm(page, base, username, 'Wolong-2026-pass');
  }
  const text = (page: Page, selector: string) => page.textContent(selector).catch(() => '');

  it('an inspector on a 390-px phone sees their own work list, enters the findings per item, signs, and is refused publication while a colleague has not signed', async () => {
    const { page, outside, violations } = await offlinePage(browser, base, PHONE);
    await logIn(page, 'liqiang');
    await page.goto(`${base}/console/results`);
    await expect.poll(() => text(page, '#work-list'), { timeout: 45_000 }).toContain(pick.enterpriseName);
    expect(await text(page, '#work-list')).toContain(`共 ${mine.length} 家`);
    expect(await page.locator('#work-list .ant-list-item').count()).toBe(mine.length);
    expect(await text(page, '#work-list')).toContain('未录入');
    // No wide table on the phone: the page fits its width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shoot(page, 'console-results-phone-list.png', true);

    await page.click(`#work-list [data-uscc="${pick.uscc}"] button`);
    await page.waitForSelector('#result_category');
    expect(await page.isVisible('#work-list')).toBe(false);
    await page.click('#result_category');
    await page.click('.ant-select-item-option[title="未发现问题"]');
    expect(await page.inputValue('#result_inspectedOn')).toBe('2026-03-16');
    for (let i = 0; i < pick.items.length; i++) await page.click(`#result_items_${i}_outcome label:has(input[value="${i === 0 ? 'COMPLIANT' : 'NOT_APPLICABLE'}"])`);
    await page.fill('#result_items_0_note', '现场核查台账齐全');
    await page.fill('#result_summary', '现场检查未发现问题');
    await page.click('#result-submit');
    await expect.poll(() => text(page, '#result-notice'), { timeout: 45_000 }).toContain('检查结果已录入');
    const row = await demo.db.prisma.inspectionResult.findFirstOrThrow({ where: { uscc: pick.uscc } });
    expect(row).toMatchObject({ status: 'DRAFT', category: 'no-problem', summary: '现场检查未发现问题' });
    expect(row.items).toEqual(pick.items.map((code, i) => (i === 0 ? { code, outcome: 'COMPLIANT', note: '现场核查台账齐全' } : { code, outcome: 'NOT_APPLICABLE' })));

    // Signs as themselves; a clerk's paper-signature buttons are not theirs to use.
    expect(await text(page, '#signers')).toContain('未签字');
    expect(await page.locator('[id^="sign-paper-"]').count()).toBe(0);
    await page.click('#sign-self');
    await expect.poll(() => text(page, '#result-notice'), { timeout: 45_000 }).toContain('您已签字');
    await expect.poll(() => text(page, '#signer-0')).toContain('本人签字');
    await expect.poll(() => page.locator('#sign-self').count()).toBe(0);
    const signature = await demo.db.prisma.resultSignature.findFirstOrThrow({ where: { resultId: row.id } });
    expect(signature).toMatchObject({ inspectorId: pick.team.leader.id, inPerson: true });

    await confirmWith(page, '#publish-result', '#publish-confirm');
    await expect.poll(() => text(page, '#result-refusal'), { timeout: 45_000 }).toContain('检查组尚未全部签字');
    expect(await text(page, '#result-refusal')).toContain('依据：');
    expect(await text(page, '#result-refusal')).toContain('第二十三条');
    expect((await demo.db.prisma.inspectionResult.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('DRAFT');
    // Codes never reach the clerk.
    expect(await text(page, '#result-panel')).not.toMatch(/NOT_SIGNED|COMPLIANT|DRAFT|no-problem/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shoot(page, 'console-results-phone-refused.png', true);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('a clerk at a desk picks the task and the enterprise, records the colleague’s paper signature, and publishes', async () => {
    const { page, outside, violations } = await offlinePage(browser, base);
    await logIn(page, 'wangfang');
    await page.click('.ant-menu-item:has-text("检查结果")');
    await page.waitForURL(`${base}/console/results`);
    await page.click('#results-task');
    await page.click('.ant-select-item-option:has-text("2026年第一批双随机抽查")');
    await expect.poll(() => text(page, '#task-picks'), { timeout: 45_000 }).toContain(pick.enterpriseName);
    expect(await text(page, `#pick-item-${pick.order}`)).toContain('录入中');
    await page.click(`#pick-open-${pick.order}`);
    await page.waitForSelector('#signers');
    expect(await text(page, '#signer-0')).toContain('本人签字');
    // The clerk records paper signatures and signs for nobody in person.
    expect(await page.locator('#sign-self').count()).toBe(0);
    await page.click(`#sign-paper-${colleague}`);
    await expect.poll(() => text(page, '#result-notice'), { timeout: 45_000 }).toContain('已登记纸面签字');
    await expect.poll(() => text(page, '#signers')).toContain('已全部签字');
    expect(await text(page, '#signers')).toContain('纸面签字，工作人员登记');
    await confirmWith(page, '#publish-result', '#publish-confirm');
    await expect.poll(() => text(page, '#result-notice'), { timeout: 45_000 }).toContain('检查结果已公示');
    await expect.poll(() => text(page, '#result-view')).toContain('已公示');
    expect(await text(page, '#result-view')).toContain('未发现问题');
    expect(await text(page, '#result-view')).toContain('符合');
    // What followed: the report's date, listed once recorded.
    await page.click('#event_kind');
    await page.click('.ant-select-item-option[title="检查报告完成"]');
    await page.fill('#event_note', '检查报告已归档');
    await page.click('#event-submit');
    await expect.poll(() => text(page, '#result-notice'), { timeout: 45_000 }).toContain('已登记：检查报告完成');
    await expect.poll(() => text(page, '#result-events')).toContain('检查报告已归档');
    expect(await demo.db.prisma.resultEvent.count({ where: { kind: 'REPORT_COMPLETED', note: '检查报告已归档' } })).toBe(1);
    await shoot(page, 'console-results-desk-published.png', true);

    const published = (await demo.gql(PUBLISHED, {})).data.jurisdiction.publishedResults;
    expect(published.totalCount).toBe(1);
    expect(published.edges[0].node).toMatchObject({ uscc: pick.uscc, status: 'PUBLISHED', categoryLabel: '未发现问题' });
    expect(published.edges[0].node.signatures.map((s: { inPerson: boolean }) => s.inPerson).sort()).toEqual([false, true]);
    expect((await demo.db.prisma.inspectionResult.findFirstOrThrow({ where: { uscc: pick.uscc } })).publishedBy).toContain('wangfang');
    expect(taskId).toBeTruthy();
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('a planner, who may not enter results, is not offered the screen', async () => {
    const { page } = await offlinePage(browser, base);
    await logIn(page, 'zhaomin');
    expect(await page.locator('.ant-menu-item:has-text("检查结果")').count()).toBe(0);
    expect(await page.locator('.ant-menu-item:has-text("更正与异议")').count()).toBe(0);
    await page.goto(`${base}/console/results`);
    await expect.poll(() => text(page, '.ant-result-title'), { timeout: 45_000 }).toContain('您的角色无权查看此页面');
    await page.close();
  });
});

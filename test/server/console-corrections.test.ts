import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../../src/server/db/database.ts';
import { CONSOLE_DIR } from '../../src/server/console/serve-console.ts';
import { shoot } from '../helpers/console-page.ts';
import { launchChromium, offlinePage, screenshotPath } from '../helpers/browser.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, Q, resultInput, signAll, type DrawnPick } from '../helpers/results-flow.ts';

const CREATE_USER = `mutation($u: String!, $n: String!, $r: Role!) {
  createUser(jurisdiction: "${DEMO}", username: $u, name: $n, password: "Wolong-2026-pass", role: $r) { __typename ... on Error { message } } }`;
const PUBLISHED = `query { jurisdiction(code: "${DEMO}") { publishedResults(first: 10) { totalCount edges { node { version correctionReason principalSigned summary } } } } }`;
const OBJECTION_DEADLINES = `query { jurisdiction(code: "${DEMO}") { deadlines { ... on JurisdictionDeadlinesSuccess { data { kind due subjectType clause } } } } }`;

describe('更正与异议 at /console/corrections', () => {
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  let pick: DrawnPick;
  beforeAll(async () => {
    expect(existsSync(join(CONSOLE_DIR, 'index.html')), 'dist/console is missing: run npm run build:console').toBe(true);
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), { enterprises: 40 });
    const task = await inspectingTask(demo, { size: 2, itemsPerInspection: 2 });
    pick = task.picks[0]!;
    // A result entered, signed by the whole team and published: what a correction and an objection start from.
    const draft = (await demo.gql(Q.record, { t: task.taskId, u: pick.uscc, i: resultInput(pick, { items: pick.items.map((code) => ({ code, outcome: 'COMPLIANT' })) }) }, demo.tokens.INSPECTOR)).data.recordResult;
    expect(draft.__typename, JSON.stringify(draft)).toBe('InspectionResult');
    await signAll(demo, draft.id, pick);
    expect((await demo.gql(Q.publish, { id: draft.id }, demo.tokens.INSPECTOR)).data.publishResult.status).toBe('PUBLISHED');
    for (const [u, n, r] of [['wangfang', '王芳', 'DRAW_OFFICER'], ['zhaoju', '赵局长', 'ADMIN']] as const) {
      expect((await demo.gql(CREATE_USER, { u, n, r }, demo.tokens.ADMIN)).data.createUser.__typename).toBe('User');
    }
    base = `http://127.0.0.1:${(await demo.app.start(0)).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.app.stop();
    await demo?.db.close();
  });

  const text = (page: Page, selector: string) => page.textContent(selector).catch(() => '');

  /** Logs in, opens 更正与异议 from the menu, the task, then the enterprise. */
  async function openEnterprise(username: string) {
    const opened = await offlinePage(browser, base);
    const { page } = opened;
    page.setDefaultTimeout(45_000);
    await page.goto(`${base}/console/login`);
    await page.fill('#login-username', username);
    await page.fill('#login-password', 'Wolong-2026-pass');
    await page.click('#login-submit');
    await page.waitForURL(`${base}/console/`);
    await page.click('.ant-menu-item:has-text("更正与异议")');
    await page.click('#corrections-task');
    await page.click('.ant-select-item-option:has-text("2026年第一批双随机抽查")');
    await page.click(`#correction-open-${pick.uscc}`);
    await page.waitForSelector('#correction-panel');
    return opened;
  }

  it('a clerk drafts a correction with its reason; publishing it unsigned is refused with 第二十六条; the principal signs and it is published beside the original', async () => {
    const clerk = await openEnterprise('wangfang');
    let page = clerk.page;
    expect(await text(page, '#correction-versions')).toContain('第 1 版（已公示）');
    expect(await page.locator('#correction_reason').count()).toBe(0);
    await page.click('#correction-start');
    await page.fill('#correction_reason', '原结果漏记现场整改情况');
    await page.fill('#correction_summary', '现场检查未发现问题，已补记整改情况');
    await page.click('#correction-submit');
    await expect.poll(() => text(page, '#correction-notice'), { timeout: 45_000 }).toContain('更正已拟定（第 2 版）');
    await expect.poll(() => text(page, '#principal-signed')).toContain('待负责人签字');
    // Only the principal (an admin) is offered the signature.
    expect(await page.locator('#sign-correction').count()).toBe(0);
    await page.click('#publish-correction');
    await expect.poll(() => text(page, '#correction-refusal'), { timeout: 45_000 }).toContain('更正须经单位主要负责人签字');
    expect(await text(page, '#correction-refusal')).toContain('第二十六条');
    await page.screenshot({ path: screenshotPath('console-corrections-refused.png'), fullPage: true });
    expect(clerk.outside).toEqual([]);
    expect(clerk.violations).toEqual([]);
    await page.close();

    const principal = await openEnterprise('zhaoju');
    page = principal.page;
    await page.click('#sign-correction');
    await expect.poll(() => text(page, '#principal-signed'), { timeout: 45_000 }).toContain('负责人已签字');
    await page.click('#publish-correction');
    await expect.poll(() => text(page, '#correction-notice'), { timeout: 45_000 }).toContain('更正已公示');
    await expect.poll(() => text(page, '#correction-versions')).toContain('第 2 版（已公示）：原结果漏记现场整改情况');
    await shoot(page, 'console-corrections-published.png', true);
    expect(principal.outside).toEqual([]);
    expect(principal.violations).toEqual([]);
    await page.close();

    const published = (await demo.gql(PUBLISHED, {})).data.jurisdiction.publishedResults;
    expect(published.totalCount).toBe(2);
    expect(published.edges.map((e: { node: { version: number } }) => e.node.version).sort()).toEqual([1, 2]);
    const v2 = await demo.db.prisma.inspectionResult.findFirstOrThrow({ where: { uscc: pick.uscc, version: 2 } });
    expect(v2).toMatchObject({ status: 'PUBLISHED', correctionReason: '原结果漏记现场整改情况', summary: '现场检查未发现问题，已补记整改情况' });
    expect(v2.principalSignedBy).toContain('zhaoju');
  });

  it('a clerk registers an objection, sees its review deadline, records the review (not upheld) and the answer', async () => {
    const { page, outside, violations } = await openEnterprise('wangfang');
    await page.click('#objection-start');
    await page.fill('#objection_filedBy', '南阳某企业 法定代表人');
    await page.fill('#objection_grounds', '认为检查日期记载有误');
    await page.click('#objection-submit');
    await expect.poll(() => text(page, '#objection-0'), { timeout: 45_000 }).toContain('已受理，待复核');
    const deadlines = (await demo.gql(OBJECTION_DEADLINES, {}, demo.tokens.ADMIN)).data.jurisdiction.deadlines.data as { kind: string; due: string; subjectType: string; clause: string }[];
    const review = deadlines.find((d) => d.kind === 'OBJECTION_REVIEW')!;
    expect(review.clause).toContain('第二十六条');
    await expect.poll(() => text(page, '#objection-0-review-due'), { timeout: 45_000 }).toBe(review.due);
    expect(await text(page, '#objection-0')).toContain('异议复核期限');
    expect(await text(page, '#objection-0')).toContain('第二十六条');

    await page.click('#objection-review-0');
    await page.click('#review_upheld label:has-text("维持原结果")');
    await page.fill('#review_note', '检查日期与现场记录一致，维持原结果');
    await page.click('#review-submit');
    await expect.poll(() => text(page, '#objection-0'), { timeout: 45_000 }).toContain('已复核，待答复');
    await expect.poll(() => text(page, '#objection-0')).toContain('复核反馈期限');
    const answerDue = ((await demo.gql(OBJECTION_DEADLINES, {}, demo.tokens.ADMIN)).data.jurisdiction.deadlines.data as { kind: string; due: string }[]).find((d) => d.kind === 'OBJECTION_ANSWER')!.due;
    await expect.poll(() => text(page, '#objection-0-answer-due')).toBe(answerDue);

    await page.click('#objection-answer-0');
    await page.fill('#answer_answer', '经复核，检查日期记载无误，维持原检查结果。');
    await page.click('#answer-submit');
    await expect.poll(() => text(page, '#objection-0'), { timeout: 45_000 }).toContain('已答复');
    expect(await text(page, '#objection-0')).toContain('维持原结果');
    expect(await text(page, '#objections')).not.toMatch(/RECEIVED|REVIEWED|ANSWERED|OBJECTION_/);
    await shoot(page, 'console-corrections-objection.png', true);

    const objection = await demo.db.prisma.objection.findFirstOrThrow({ where: { filedBy: '南阳某企业 法定代表人' } });
    expect(objection).toMatchObject({ status: 'ANSWERED', upheld: false, reviewNote: '检查日期与现场记录一致，维持原结果', answer: '经复核，检查日期记载无误，维持原检查结果。' });
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });
});

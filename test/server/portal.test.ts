import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../src/core/calendar/china-date.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { launchChromium, screenshotPath } from '../helpers/browser.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, Q, resultInput, signAll, type DrawnPick } from '../helpers/results-flow.ts';

const raw = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;

describe('一公开: a drawn task of the demo county all the way to the portal and the feed', () => {
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  let picks: DrawnPick[];
  let corrected: { v1: string; v2: string; pick: DrawnPick };
  const today = chinaDate(new Date());
  const TITLE = '2026年第二批 工贸企业双随机抽查';

  beforeAll(async () => {
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }));
    base = `http://127.0.0.1:${(await demo.app.start(0)).port}`;
    browser = await launchChromium();

    // Drawn, dispatched, announced, inspected: every team enters, signs and publishes its result.
    const task = await inspectingTask(demo, { title: TITLE, size: 4 });
    picks = task.picks;
    const ids: string[] = [];
    for (const [i, pick] of picks.entries()) {
      const input = i === 0
        ? resultInput(pick, { category: 'ordered-to-correct', hazards: [{ description: '配电箱未接地' }], handling: { rectificationDue: '2026-04-15' }, summary: '发现一般隐患1项，已责令限期改正' })
        : resultInput(pick);
      const r = (await demo.gql(Q.record, { t: task.taskId, u: pick.uscc, i: input }, demo.tokens.INSPECTOR)).data.recordResult;
      await signAll(demo, r.id, pick);
      expect((await demo.gql(Q.publish, { id: r.id }, demo.tokens.INSPECTOR)).data.publishResult.status).toBe('PUBLISHED');
      ids.push(r.id);
    }
    await demo.gql(Q.advance, { t: task.taskId, s: 'CLOSE' }, demo.tokens.INSPECTOR);

    // One objection, found right on review: corrected (signed by the principal), republished, answered.
    const pick = picks[1]!;
    const objection = (await demo.gql(Q.file, { r: ids[1], on: today, by: pick.enterpriseName, g: '检查当日企业已停产检修，结果记录有误' }, demo.tokens.INSPECTOR)).data.fileObjection;
    await demo.gql(Q.review, { id: objection.id, on: today, up: true, n: '核实企业当日停产，结果确有错误' }, demo.tokens.INSPECTOR);
    const v2 = (await demo.gql(Q.correct, { id: ids[1], i: resultInput(pick, { category: 'no-activity', items: [], summary: '检查当日企业停产检修，未发现开展本次抽查涉及的经营活动' }), r: '经异议复核，检查当日企业停产', o: objection.id }, demo.tokens.INSPECTOR)).data.correctResult;
    await demo.gql(Q.signCorrection, { id: v2.id }, demo.tokens.ADMIN);
    expect((await demo.gql(Q.publish, { id: v2.id }, demo.tokens.INSPECTOR)).data.publishResult.status).toBe('PUBLISHED');
    expect((await demo.gql(Q.answer, { id: objection.id, on: today, a: '已更正并重新公示' }, demo.tokens.INSPECTOR)).data.answerObjection.status).toBe('ANSWERED');
    corrected = { v1: raw(ids[1]!), v2: raw(v2.id), pick };
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.app.stop();
    await demo?.db.close();
  });

  it('the portal shows the draw, the results and both versions of the corrected one, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    expect(await page.textContent('h1')).toContain('双随机、一公开');
    expect(await page.textContent('body')).toContain(corrected.pick.enterpriseName);
    await page.screenshot({ path: screenshotPath('portal-home.png'), fullPage: true });

    await page.goto(`${base}/j/${DEMO}`);
    const body = (await page.textContent('body'))!;
    expect(body).toContain(TITLE);
    for (const p of picks) expect(body).toContain(p.uscc);
    expect(body).toContain('更正 第2版');
    expect(body).toContain('责令限期整改（2026-04-15前）');
    // Personal data never appears: no phone of any enterprise or inspector on the page.
    const phones = (await demo.db.prisma.inspector.findMany({ where: { jurisdiction: { code: DEMO } }, select: { phone: true } })).flatMap((i) => (i.phone ? [i.phone] : []));
    for (const phone of phones) expect(body).not.toContain(phone);
    await page.screenshot({ path: screenshotPath('portal-jurisdiction.png'), fullPage: true });

    await page.goto(`${base}/results/${corrected.v1}`);
    const sections = await page.locator('section h2').allTextContents();
    expect(sections.slice(1)).toEqual(['第2版（更正） 现行', '第1版 已被更正']);
    expect(await page.textContent('body')).toContain('经异议复核，检查当日企业停产');
    await page.screenshot({ path: screenshotPath('portal-result.png'), fullPage: true });

    await page.goto(`${base}/search?q=${corrected.pick.uscc}`);
    expect(await page.locator('a[href^="/results/"]').count()).toBe(2);
    await context.close();
  });

  it('the Atom feed has every result version and the draw; exports hold the same rows', async () => {
    const feed = await (await fetch(`${base}/j/${DEMO}/feed.atom`)).text();
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(feed).toContain(`urn:double-random:result:${corrected.v1}`);
    expect(feed).toContain(`urn:double-random:result:${corrected.v2}`);
    expect(feed).toContain('（更正 第2版）');
    // Each result version, the draw, and the task notice with its result notice's two versions.
    expect(feed.match(/<entry>/g)!.length).toBe(picks.length + 1 + 1 + 3);
    expect(feed).toContain(`抽查公告：${TITLE}`);

    const csv = Buffer.from(await (await fetch(`${base}/j/${DEMO}/results.csv`)).arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').trim().split('\r\n');
    expect(lines[0]).toContain('统一社会信用代码');
    expect(lines.length).toBe(1 + picks.length + 1);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await (await fetch(`${base}/j/${DEMO}/results.xlsx`)).arrayBuffer()) as never);
    expect(book.worksheets[0]!.rowCount).toBe(1 + picks.length + 1);
  });

  it('the same through public GraphQL, without a token', async () => {
    const r = await demo.gql(`query($j: String!) { jurisdiction(code: $j) { publishedResults(first: 20) { totalCount edges { node { uscc version categoryLabel } } } } }`, { j: DEMO });
    expect(r.data.jurisdiction.publishedResults.totalCount).toBe(picks.length + 1);
    expect(r.data.jurisdiction.publishedResults.edges.filter((e: any) => e.node.uscc === corrected.pick.uscc).map((e: any) => e.node.categoryLabel).sort()).toEqual(['未发现开展本次抽查涉及的经营活动', '未发现问题'].sort());
  });

  it('a covert task stays off the portal until its inspection is over', async () => {
    const covert = await inspectingTask(demo, { title: '暗查暗访 专项', covert: true, size: 2 });
    const onPortal = async () => (await (await fetch(`${base}/j/${DEMO}`)).text()).includes('暗查暗访 专项');
    expect(await onPortal()).toBe(false);
    await demo.gql(Q.advance, { t: covert.taskId, s: 'CLOSE' }, demo.tokens.INSPECTOR);
    expect(await onPortal()).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openDatabase } from '../../src/server/db/database.ts';
import { launchChromium, screenshotPath } from '../helpers/browser.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';

const CREATE_TASK = `mutation($j: String!, $input: TaskInput!) { createTask(jurisdiction: $j, input: $input) { ... on Task { id } } }`;
const LOCK = `mutation($t: ID!, $p: Int) { lockTask(task: $t, pacingMs: $p) { ... on Draw { id commitment } } }`;
const DRAW = `mutation($d: ID!) { drawTask(draw: $d) { ... on Draw { seed picks { uscc } } } }`;

describe('the live-draw page in headless Chromium', () => {
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }));
    base = `http://127.0.0.1:${(await demo.app.start(0)).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.app.stop();
    await demo?.db.close();
  });

  it('shows the commitment, takes an observer’s entropy, shows the seed and each pick as they arrive, and the verification at the end', async () => {
    const task = (await demo.gql(CREATE_TASK, { j: DEMO, input: { ...TASK_INPUT, title: '2026年3月 危险化学品 双随机抽查', size: 6 } }, demo.tokens.PLANNER)).data.createTask;
    const draw = (await demo.gql(LOCK, { t: task.id, p: 300 }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    const drawId = Buffer.from(draw.id, 'base64').toString().split(':')[1];
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(`${base}/live/${drawId}`);
    await expect.poll(() => page.textContent('#commitment')).toBe(draw.commitment);
    expect(await page.textContent('#task')).toContain('2026年3月 危险化学品 双随机抽查');

    // An observer types a contribution into the page.
    await page.fill('#value', '会场观众 8341');
    await page.click('#contribute button');
    await expect.poll(() => page.textContent('#entropy')).toContain('会场观众 8341');
    expect(await page.textContent('#contribute-result')).toContain('第 1 条');

    const drawn = (await demo.gql(DRAW, { d: draw.id }, demo.tokens.DRAW_OFFICER)).data.drawTask;
    await expect.poll(() => page.textContent('#seed')).toBe(drawn.seed);
    // A pause after the seed (the lead), then paced: the picks arrive one by one, not all at once.
    await expect.poll(() => page.locator('#picks tr').count(), { timeout: 5_000 }).toBeGreaterThan(0);
    const partial = await page.locator('#picks tr').count();
    expect(partial).toBeLessThan(6);
    await page.waitForSelector('body[data-done="true"]', { timeout: 20_000 });
    const usccs = await page.locator('#picks tr td:nth-child(3)').allTextContents();
    expect(usccs).toEqual(drawn.picks.map((p: { uscc: string }) => p.uscc));
    expect(await page.textContent('#verdict')).toContain('验证通过');
    await page.screenshot({ path: screenshotPath('live-draw.png'), fullPage: true });
  });
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '../../src/core/calendar/china-date.ts';
import { STATUTORY_SCHEDULE } from '../../src/core/calendar/statutory.ts';
import { createCalendar } from '../../src/core/calendar/working-day-calendar.ts';
import { bulletinDueOn, monthAfter, monthBefore, monthsOwed, BULLETIN_CATCH_UP_MONTHS } from '../../src/core/publication/monthly-bulletin.ts';
import { jurisdictionCalendar } from '../../src/server/calendar/jurisdiction-calendar.ts';
import { createEventBus } from '../../src/server/events/pubsub.ts';
import { bulletinsOf, bulletinTick } from '../../src/server/results/monthly-bulletins.ts';
import type { Services } from '../../src/server/tasks/services.ts';
import { launchChromium, screenshotPath } from '../helpers/browser.ts';
import { TEST_DATABASES, type TestDb } from '../helpers/databases.ts';
import { demoCounty, DEMO, NEIGHBOUR, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, Q, resultInput, signAll } from '../helpers/results-flow.ts';

const ISSUE = `mutation($j: String!, $m: String!) { issueBulletin(jurisdiction: $j, month: $m) { __typename
  ... on PeriodicBulletin { month dueOn issuedOn daysLate late byScheduler contentHash } ... on Error { message } ... on RuleError { code } ... on ValidationError { issues { field message } } } }`;
const PUBLIC = `query($j: String!) { jurisdiction(code: $j) { bulletins { month dueOn issuedOn daysLate late byScheduler content } } }`;

/** An instant at a Beijing wall-clock time. */
const beijing = (day: string, time: string) => new Date(`${day}T${time}+08:00`);

describe('the due day of a monthly bulletin (顺城 第二十一条: the first 5 working days)', () => {
  const calendar = createCalendar(STATUTORY_SCHEDULE, { days: [], officialYears: [] });
  it('is the 5th working day of the next month, after weekends and the National Day holiday', () => {
    expect(bulletinDueOn(calendar, '2026-11', 5).date).toBe('2026-12-07'); // 1–4 December, then Monday the 7th
    expect(bulletinDueOn(calendar, '2026-09', 5).date).toBe('2026-10-13'); // 国庆 1–8 October, 10 October a make-up working day
  });
  it('is owed for each month from the one the county came under its pack to last month, at most a year back', () => {
    expect(monthsOwed('2026-10', '2027-01')).toEqual(['2026-10', '2026-11', '2026-12', '2027-01']);
    // A county that came under its pack this month still owes last month's.
    expect(monthsOwed('2026-12', '2026-11')).toEqual(['2026-11']);
    expect(monthsOwed('2020-01', '2026-11')).toHaveLength(BULLETIN_CATCH_UP_MONTHS);
    expect(monthsOwed('2020-01', '2026-11')[0]).toBe('2025-12');
  });
});

describe.each(TEST_DATABASES)('the monthly bulletin of a county under 顺城\'s pack ($name)', (database) => {
  let demo: DemoCounty;
  let owner: TestDb['owner'];
  let clock = new Date();
  const services = (): Services => ({ prisma: demo.db.prisma, databaseKind: demo.db.kind, packs: demo.packs, events: createEventBus(), drawPacingMs: 0, now: () => clock });
  // The month the results below are published in (the real clock): its bulletin is issued the next month.
  const month = chinaDate(new Date()).slice(0, 7);
  let due: string;
  let dueBefore: string;
  const uscc: Record<'penalty' | 'transfer' | 'plain', string> = { penalty: '', transfer: '', plain: '' };

  beforeAll(async () => {
    const db = await database.open();
    owner = db.owner;
    demo = await demoCounty(db, { pack: 'shuncheng' });
    const j = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    const calendar = await jurisdictionCalendar(demo.db.prisma, j.id);
    due = bulletinDueOn(calendar, month, 5).date;
    dueBefore = bulletinDueOn(calendar, monthBefore(`${month}-01`), 5).date;

    // Three results published: a penalty, a transfer, and one without a finding, with feedback and an opinion.
    const task = await inspectingTask(demo, { title: '2026年第三批 工贸企业双随机抽查', size: 3 });
    const today = chinaDate(new Date());
    const inputs = [
      resultInput(task.picks[0]!, { category: 'penalty', hazards: [{ description: '未按规定设置安全警示标志' }], handling: { penalty: { decisionNumber: '顺应急罚〔2026〕7号', fineYuan: 20000 } }, summary: '予以行政处罚' }),
      resultInput(task.picks[1]!, { category: 'transfer', handling: { transfer: { to: 'AUTHORITY', recipient: '抚顺市顺城区市场监督管理局' } }, summary: '涉嫌无证经营，移送' }),
      resultInput(task.picks[2]!, { category: 'no-violation' }),
    ];
    for (const [i, pick] of task.picks.entries()) {
      const r = (await demo.gql(Q.record, { t: task.taskId, u: pick.uscc, i: inputs[i] }, demo.tokens.INSPECTOR)).data.recordResult;
      expect(r.__typename, JSON.stringify(r)).toBe('InspectionResult');
      await signAll(demo, r.id, pick);
      expect((await demo.gql(Q.publish, { id: r.id }, demo.tokens.INSPECTOR)).data.publishResult.status).toBe('PUBLISHED');
      if (i === 0) {
        for (const k of ['FEEDBACK_SENT', 'FEEDBACK_RECEIVED', 'OPINION_RECEIVED']) { const e = (await demo.gql(Q.event, { r: r.id, k, on: today }, demo.tokens.INSPECTOR)).data.recordResultEvent; expect(e.__typename, JSON.stringify(e)).toBe('InspectionResult'); }
      }
    }
    [uscc.penalty, uscc.transfer, uscc.plain] = task.picks.map((p) => p.uscc) as [string, string, string];
  }, 180_000);
  afterAll(async () => demo?.db.close());

  it('issues last month\'s bulletin at the first tick after its due day, marked late by the days late', async () => {
    clock = beijing(addDays(dueBefore, 3), '09:00:00');
    const [late] = await bulletinTick(services());
    expect(late).toMatchObject({ month: monthBefore(`${month}-01`), dueOn: dueBefore, issuedOn: addDays(dueBefore, 3), daysLate: 3, issuedBy: 'scheduler' });
    const page = await (await demo.app.fetch(new Request(`http://test/j/${DEMO}/bulletins/${late!.month}`))).text();
    expect(page).toContain('逾期发布（逾期 3 天）');
  });

  it('issues this month\'s on its due working day in Beijing time, once when two instances tick at once', async () => {
    // 23:59 the day before the due day: not yet.
    clock = beijing(addDays(due, -1), '23:59:00');
    expect(await bulletinTick(services())).toEqual([]);
    // 00:30 in Beijing on the due day is still the day before in UTC: due all the same.
    clock = beijing(due, '00:30:00');
    expect(clock.toISOString().slice(0, 10)).toBe(addDays(due, -1));
    const [a, b] = await Promise.all([bulletinTick(services()), bulletinTick(services())]);
    expect([...a, ...b]).toHaveLength(1);
    const j = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    const all = await bulletinsOf(demo.db.prisma, j.id);
    const issued = all.find((x) => x.month === month)!;
    expect(issued).toMatchObject({ dueOn: due, issuedOn: due, daysLate: 0 });
    expect(issued.content.results.map((r) => r.uscc).sort()).toEqual(Object.values(uscc).sort());
    expect(issued.content.penalties.map((r) => r.uscc)).toEqual([uscc.penalty]);
    expect(issued.content.penalties[0]!.handling).toContain('顺应急罚〔2026〕7号');
    expect(issued.content.transfers.map((r) => r.uscc)).toEqual([uscc.transfer]);
    expect(issued.content.feedback.map((e) => [e.uscc, e.label])).toEqual([[uscc.penalty, '书面反馈送达被检查对象'], [uscc.penalty, '被检查对象收到反馈']]);
    expect(issued.content.opinions.map((e) => e.uscc)).toEqual([uscc.penalty]);
    expect(issued.content.basis).toMatchObject({ clause: '第二十一条', withinWorkingDays: 5 });
    const audit = await demo.db.prisma.auditEntry.findMany({ where: { jurisdictionId: j.id, action: 'bulletin.issued' } });
    expect(audit).toHaveLength(2);

    // A later tick issues nothing more, and the row is never edited.
    clock = beijing(addDays(due, 2), '10:00:00');
    expect(await bulletinTick(services())).toEqual([]);
    await expect(demo.db.sql.exec(`UPDATE periodic_bulletin SET days_late = 0`)).rejects.toThrow(/permission denied/);
    await expect(owner.exec(`UPDATE periodic_bulletin SET days_late = 0`)).rejects.toThrow(/不能修改或删除/);
    await expect(owner.exec(`DELETE FROM periodic_bulletin`)).rejects.toThrow(/不能修改或删除/);
  });

  it('shows it on the portal, in the feed and in public GraphQL, exactly as issued', async () => {
    const home = await (await demo.app.fetch(new Request(`http://test/j/${DEMO}`))).text();
    expect(home).toContain(`href="/j/${DEMO}/bulletins"`);
    const list = await (await demo.app.fetch(new Request(`http://test/j/${DEMO}/bulletins`))).text();
    expect(list).toContain(`/j/${DEMO}/bulletins/${month}`);
    const page = await (await demo.app.fetch(new Request(`http://test/j/${DEMO}/bulletins/${month}`))).text();
    expect(page).toContain('按期发布');
    for (const text of ['顺应急罚〔2026〕7号', '抚顺市顺城区市场监督管理局', '书面反馈送达被检查对象', '被检查对象提出意见', '第二十一条']) expect(page).toContain(text);
    const feed = await (await demo.app.fetch(new Request(`http://test/j/${DEMO}/feed.atom`))).text();
    expect(feed).toContain(`urn:double-random:bulletin:${DEMO}:${month}`);
    const bulletins = (await demo.gql(PUBLIC, { j: DEMO })).data.jurisdiction.bulletins;
    expect(bulletins.map((b: any) => [b.month, b.late, b.byScheduler])).toEqual([[month, false, true], [monthBefore(`${month}-01`), true, true]]);
    expect(bulletins[0].content.results).toHaveLength(3);
    // A pack without periodic publication (the neighbour has none) shows none.
    expect(await (await demo.app.fetch(new Request(`http://test/j/${NEIGHBOUR}/bulletins`))).text()).toContain('不发布月度公告');
    expect((await demo.gql(PUBLIC, { j: NEIGHBOUR })).data.jurisdiction.bulletins).toEqual([]);
  });

  it('lets the admin issue a bulletin by hand under the same rules, and only once', async () => {
    const issued = (await demo.gql(ISSUE, { j: DEMO, m: '2025-06' }, demo.tokens.ADMIN)).data.issueBulletin;
    expect(issued).toMatchObject({ __typename: 'PeriodicBulletin', month: '2025-06', dueOn: '2025-07-07', late: true, byScheduler: false });
    expect(issued.daysLate).toBeGreaterThan(100);
    expect((await demo.gql(ISSUE, { j: DEMO, m: '2025-06' }, demo.tokens.ADMIN)).data.issueBulletin).toMatchObject({ __typename: 'RuleError', code: 'CONFLICT' });
    expect((await demo.gql(ISSUE, { j: DEMO, m: chinaDate(new Date()).slice(0, 7) }, demo.tokens.ADMIN)).data.issueBulletin).toMatchObject({ __typename: 'RuleError', code: 'BAD_STATE', message: expect.stringContaining('尚未结束') });
    expect((await demo.gql(ISSUE, { j: DEMO, m: '2025-13' }, demo.tokens.ADMIN)).data.issueBulletin).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'month' }] });
    expect((await demo.gql(ISSUE, { j: DEMO, m: '2025-05' }, demo.tokens.INSPECTOR)).data.issueBulletin.__typename).toBe('ForbiddenError');
    expect((await demo.gql(ISSUE, { j: NEIGHBOUR, m: '2025-05' }, demo.tokens.neighbourAdmin)).data.issueBulletin).toMatchObject({ __typename: 'RuleError', code: 'BAD_STATE', message: expect.stringContaining('未规定定期公开') });
  });

  it('issues the months a stopped server missed at its next tick, oldest first, each marked late', async () => {
    const next = (m: string) => { const n = monthAfter(m); return `${n.year}-${String(n.month).padStart(2, '0')}`; };
    const [first, second] = [next(month), next(next(month))];
    const j = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    const calendar = await jurisdictionCalendar(demo.db.prisma, j.id);
    const secondDue = bulletinDueOn(calendar, second, 5).date;
    // No tick from this month's bulletin until the day after the second month's was due.
    clock = beijing(addDays(secondDue, 1), '09:00:00');
    const caught = await bulletinTick(services());
    expect(caught.map((b) => b.month)).toEqual([first, second]);
    expect(caught[0]!.daysLate).toBeGreaterThan(caught[1]!.daysLate);
    expect(caught[1]).toMatchObject({ dueOn: secondDue, daysLate: 1, issuedBy: 'scheduler' });
    // Nothing before the county came under its pack (this month), but the one issued by hand.
    expect((await bulletinsOf(demo.db.prisma, j.id)).map((b) => b.month)).toEqual([second, first, month, monthBefore(`${month}-01`), '2025-06']);
    expect(await bulletinTick(services())).toEqual([]);
  });

  it.runIf(database.name === 'pglite')('renders the bulletin in Chromium without JavaScript (docs/publication.md)', async () => {
    const browser: Browser = await launchChromium();
    try {
      const { port } = await demo.app.start(0);
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/j/${DEMO}/bulletins/${month}`, { timeout: 45_000 });
      expect(await page.locator('#results tbody tr').count()).toBe(3);
      await page.screenshot({ path: screenshotPath('portal-bulletin.png'), fullPage: true });
    } finally {
      await browser.close();
      await demo.app.stop();
    }
  }, 90_000);
});

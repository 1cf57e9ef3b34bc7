import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '../../src/core/calendar/china-date.ts';
import { selectorTest } from '../../src/core/rules/classify.ts';
import type { Rules, Selector } from '../../src/core/rules/schema.ts';
import { generateCounty } from '../../src/demo/generate-county.ts';
import { createApiToken } from '../../src/server/auth/tokens.ts';
import type { Database } from '../../src/server/db/database.ts';
import { writeDirectory } from '../../src/server/directory/write-directory.ts';
import { switchRulePack } from '../../src/server/rulepacks/switch-rule-pack.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { Q, resultInput, type DrawnPick } from '../helpers/results-flow.ts';

/**
 * A test year for each of the five packs, built from their documents' obligations: one task drawn
 * and inspected today (Beijing time), some results recorded, counted to 31 December as if nothing
 * more happened. Every row of every pack is asserted, and each pack misses something on purpose,
 * named with its entities or task.
 *
 * The year is today's, so what is due depends on the day the suite runs: a deadline running from
 * today falls due next year late in December (and is next year's to count), and a half-year
 * obligation is due in both halves when the directory was loaded in the first. The expectations
 * follow from the jurisdiction's calendar and today's half, never from the code under test.
 */
const today = chinaDate(new Date());
const YEAR = Number(today.slice(0, 4));
const END = `${YEAR}-12-31`;
const CITY = '411300';
/** The half-year today is in: the directory is loaded today, so nothing was due in an earlier half. */
const HALF_TODAY = today <= `${YEAR}-06-30` ? 1 : 2;
const COMPLIANCE = `query($j: String!, $y: Int!, $d: Date) { jurisdiction(code: $j) { compliance(year: $y, asOf: $d) { pack { id } totals { supervised distinctDrawn draws inspectionsDone otherInspections tasks }
  rows { id kind status cite { clause } target { value text } achieved { value text count } explanation subjectsTotal subjects { kind uscc name title note } } } } }`;
const DUE = `query($j: String!, $c: DayCount!, $n: Int!, $f: Date!) { jurisdiction(code: $j) { deadline(count: $c, days: $n, from: $f) { date } } }`;
const OTHER = `mutation($j: String!, $u: String!, $on: Date!) { recordOtherInspection(jurisdiction: $j, uscc: $u, kind: COMPLAINT, inspectedOn: $on) { __typename ... on Error { message } } }`;

interface Row { id: string; kind: string; status: string; cite: { clause: string } | null; target: { value: number; text: string } | null; achieved: { value: number; text: string; count: number | null } | null; explanation: string; subjectsTotal: number; subjects: { kind: string; uscc: string | null; name: string | null; title: string | null; note: string }[] }

/** One task of the year, drawn, dispatched, announced and inspected today; results for the picks `record` chooses. */
async function yearWithOneTask(demo: DemoCounty, code: string, token: string, record: (picks: DrawnPick[]) => DrawnPick[], size = 5, category = 'no-problem') {
  const input = { title: `${YEAR}年双随机抽查`, windowStart: today, windowEnd: END, inspectionDate: today, size };
  const task = (await demo.gql(Q.createTask, { j: code, input }, token)).data.createTask;
  expect(task.id, JSON.stringify(task)).toBeTruthy();
  const draw = (await demo.gql(Q.lock, { t: task.id }, token)).data.lockTask;
  expect(draw.id, JSON.stringify(draw)).toBeTruthy();
  const drawn = (await demo.gql(Q.draw, { d: draw.id }, token)).data.drawTask;
  expect(drawn.__typename, JSON.stringify(drawn)).toBe('Draw');
  for (const s of ['DISPATCH', 'ANNOUNCE', 'START_INSPECTION']) expect((await demo.gql(Q.advance, { t: task.id, s }, token)).data.advanceTask.__typename).toBe('Task');
  const picks = drawn.picks as DrawnPick[];
  const recorded = record(picks);
  for (const p of recorded) {
    const r = (await demo.gql(Q.record, { t: task.id, u: p.uscc, i: resultInput(p, { inspectedOn: today, category }) }, token)).data.recordResult;
    expect(r.__typename, JSON.stringify(r)).toBe('InspectionResult');
  }
  return { picks: picks.map((p) => p.uscc), inspected: recorded.map((p) => p.uscc) };
}

async function rowsOf(demo: DemoCounty, code: string, token: string): Promise<Map<string, Row>> {
  const res = await demo.gql(COMPLIANCE, { j: code, y: YEAR, d: END }, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return new Map((res.data.jurisdiction.compliance.rows as Row[]).map((r) => [r.id, r]));
}

const statuses = (rows: Map<string, Row>) => Object.fromEntries([...rows].map(([id, r]) => [id, r.status]));
const usccsOf = (row: Row | undefined) => (row?.subjects ?? []).map((s) => s.uscc).sort();

/** The enterprises of a group in the jurisdiction's directory, by the pack's definitions (as the draw classifies them). */
async function groupOf(db: Database, code: string, rules: Rules, group: Selector): Promise<string[]> {
  const rows = await db.prisma.enterprise.findMany({ where: { jurisdiction: { code }, active: true }, include: { records: { where: { withdrawnOn: null } } } });
  const test = selectorTest(rules, END);
  return rows.filter((e) => test({ ...e, subSector: null, scale: null, township: null, records: e.records.map((r) => ({ kind: r.kind, occurredOn: r.occurredOn.toISOString().slice(0, 10) })) }, group)).map((e) => e.uscc).sort();
}
/** The day a deadline of `days` (working or calendar) running from today falls due, by the jurisdiction's calendar. */
async function dueFromToday(demo: DemoCounty, code: string, token: string, count: 'WORKING' | 'CALENDAR', days: number): Promise<string> {
  const res = await demo.gql(DUE, { j: code, c: count, n: days, f: today }, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data.jurisdiction.deadline.date as string;
}
/**
 * A deadline row for items falling due on `due` and not done, counted to 31 December: overdue and
 * named if due before it, at risk if due that very day, and next year's (none due this year) after it.
 */
function expectUndone(row: Row | undefined, due: string, usccs: string[]) {
  expect(row, 'the deadline row').toBeDefined();
  if (due < END) {
    expect(row!.status).toBe('MISSED');
    expect(usccsOf(row)).toEqual([...usccs].sort());
    for (const s of row!.subjects) expect(s.note).toMatch(/已逾期\d+日/);
  } else if (due === END) expect(row).toMatchObject({ status: 'AT_RISK', subjectsTotal: 0, achieved: { text: expect.stringContaining(`未到期${usccs.length}项`) } });
  else expect(row).toMatchObject({ status: 'MET', subjectsTotal: 0, target: { text: '本年无到期事项' } });
}
/** The inspected, counted in the half-year of today only. */
const inspectedInHalf = (half: number, inspected: string[]) => (half === HALF_TODAY ? inspected : []);
/** A half-year frequency row: nothing due before the half the directory was loaded in. */
function expectHalfYear(row: Row | undefined, half: number, group: string[], inspected: string[]) {
  if (half < HALF_TODAY) expect(row).toMatchObject({ status: 'MET', subjectsTotal: 0 });
  else expectFrequency(row, group, inspectedInHalf(half, inspected));
}
/** A frequency row as it must be: every due unit not inspected is named; met only if none is. */
function expectFrequency(row: Row | undefined, due: string[], inspected: string[]) {
  const missing = due.filter((u) => !inspected.includes(u)).sort();
  expect(row, 'the frequency row').toBeDefined();
  expect(usccsOf(row)).toEqual(missing);
  expect(row!.status).toBe(missing.length === 0 ? 'MET' : 'MISSED');
}

describe.each(TEST_DATABASES)('a test year of each pack ($name)', (database) => {
  const opened: DemoCounty[] = [];
  const county = async (pack: string) => { const demo = await demoCounty(await database.open(), { enterprises: 30, pack }); opened.push(demo); return demo; };
  afterAll(async () => { for (const d of opened) { await d.app.stop(); await d.db.close(); } });

  it('wolong: 5% of distinct entities and a round are met; no joint inspection (第十三条) is missed', async () => {
    const demo = await county('wolong');
    const { picks } = await yearWithOneTask(demo, DEMO, demo.tokens.ADMIN, (p) => p.slice(0, 3));
    const rows = await rowsOf(demo, DEMO, demo.tokens.ADMIN);
    expect(statuses(rows)).toEqual({
      'entities-drawn': 'MET', rounds: 'MET', cap: 'MET', joint: 'MISSED',
      'deadline:announcement': 'MET', 'deadline:result-entry': 'MET', 'deadline:publication': 'MET', 'deadline:objection-review': 'MET', 'deadline:objection-answer': 'MET',
      recusal: 'MET', directory: 'NOT_MEASURABLE', 'plan-filed': 'NOT_MEASURABLE',
    });
    expect(rows.get('entities-drawn')).toMatchObject({ cite: { clause: '第六条' }, achieved: { count: 5, text: '5家／30家（16.66%），抽取5次' } });
    expect(rows.get('joint')).toMatchObject({ cite: { clause: '第十三条' }, achieved: { value: 0 } });
    expect(usccsOf(rows.get('cap'))).toEqual([]);
    expect(picks).toHaveLength(5);
    expect(rows.get('plan-filed')!.explanation).toContain('平台无法记录');
  }, 180_000);

  it('shuncheng: the reports of the inspections are late (第十七条) and named; coverage cannot be measured; next year’s plan, due on 31 December, is at risk', async () => {
    const demo = await county('shuncheng');
    // 顺城's scope (第十条) leaves 3 of the 30 demo enterprises.
    const { picks } = await yearWithOneTask(demo, DEMO, demo.tokens.ADMIN, (p) => p.slice(0, 2), 3, 'no-violation');
    const rows = await rowsOf(demo, DEMO, demo.tokens.ADMIN);
    const items = [...rows.keys()].filter((id) => id.startsWith('checklist-item:'));
    expect(statuses(rows)).toMatchObject({
      cap: 'MET', 'checklist-coverage': 'NOT_MEASURABLE', 'deadline:feedback': 'MET',
      // 第十一条: the 2027 plan is due on 31 December, the day counted to, and not yet published.
      'deadline:annual-plan': 'AT_RISK',
      'specialists:non_coal_mine': 'MET', recusal: 'MET',
    });
    expect(rows.size).toBe(8 + items.length);
    // No report was completed: every inspected enterprise's report (5 working days) is overdue by 31 December.
    expectUndone(rows.get('deadline:report'), await dueFromToday(demo, DEMO, demo.tokens.ADMIN, 'WORKING', 5), picks);
    // 第二十一条: this month's results, none published, are due in the first 5 working days of the next month.
    if (today.slice(5, 7) === '12') expect(rows.get('deadline:monthly-publication')).toMatchObject({ status: 'MET', subjectsTotal: 0, target: { text: '本年无到期事项' } });
    else expect(rows.get('deadline:monthly-publication')).toMatchObject({ status: 'MISSED', subjectsTotal: 1, subjects: [{ kind: 'TASK' }] });
    expect(rows.get('checklist-coverage')).toMatchObject({ cite: { clause: '第八条' }, explanation: expect.stringContaining('无法计算覆盖比例') });
  }, 180_000);

  it('heilongjiang-county: the key units (二(五)) not inspected this year are named, and the half-year groups from when they were in the directory', async () => {
    const demo = await county('heilongjiang-county');
    const rules = demo.packs.get('heilongjiang-county')!.rules;
    const key = await groupOf(demo.db, DEMO, rules, 'keyHighDanger');
    expect(key.length).toBeGreaterThan(0);
    // On purpose: results only for picks that are not key units.
    const { inspected } = await yearWithOneTask(demo, DEMO, demo.tokens.ADMIN, (p) => p.filter((x) => !key.includes(x.uscc)).slice(0, 3));
    const rows = await rowsOf(demo, DEMO, demo.tokens.ADMIN);
    expect(statuses(rows)).toMatchObject({ 'double-random-share': 'MET', 'frequency:keyHighDanger:year:1': 'MISSED', joint: 'MISSED', directory: 'NOT_MEASURABLE', 'covert-drawn': 'NOT_MEASURABLE' });
    expect(rows.size).toBe(10);
    expectFrequency(rows.get('frequency:keyHighDanger:year:1'), key, inspected);
    // The directory was loaded today: nobody was in it in an earlier half-year, so nothing was due then.
    for (const half of [1, 2]) {
      expectHalfYear(rows.get(`frequency:blacklisted:half-year:${half}`), half, await groupOf(demo.db, DEMO, rules, 'blacklisted'), inspected);
      expectHalfYear(rows.get(`frequency:majorHazard:half-year:${half}`), half, await groupOf(demo.db, DEMO, rules, 'majorHazard'), inspected);
    }
    expect(rows.get('double-random-share')!.achieved).toMatchObject({ value: 100, count: inspected.length });
    // 二(七): results published within 20 working days of 查处完毕 (a result without a problem is handled at its inspection); none was published.
    expectUndone(rows.get('deadline:publication'), await dueFromToday(demo, DEMO, demo.tokens.ADMIN, 'WORKING', 20), inspected);
  }, 180_000);

  it('yanshi: inspections without results entered (二(三)) and results not published (四.4) are named; an inspection of an undrawn unit (五(四)) too', async () => {
    const demo = await county('yanshi');
    const { picks, inspected } = await yearWithOneTask(demo, DEMO, demo.tokens.ADMIN, (p) => p.slice(0, 3));
    const undrawn = (await demo.db.prisma.enterprise.findFirstOrThrow({ where: { jurisdiction: { code: DEMO }, uscc: { notIn: picks } } })).uscc;
    expect((await demo.gql(OTHER, { j: DEMO, u: undrawn, on: today }, demo.tokens.ADMIN)).data.recordOtherInspection.__typename).toBe('OtherInspection');
    const rows = await rowsOf(demo, DEMO, demo.tokens.ADMIN);
    expect([...rows.keys()].sort()).toEqual(['deadline:publication', 'deadline:result-entry', 'only-drawn-inspected']);
    expect(rows.get('only-drawn-inspected')!.status).toBe('MISSED');
    // 二(三): entered within 5 working days of the inspection; 四.4: published within 5 days of it.
    expectUndone(rows.get('deadline:result-entry'), await dueFromToday(demo, DEMO, demo.tokens.ADMIN, 'WORKING', 5), picks.filter((u) => !inspected.includes(u)));
    expectUndone(rows.get('deadline:publication'), await dueFromToday(demo, DEMO, demo.tokens.ADMIN, 'CALENDAR', 5), picks);
    expect(rows.get('only-drawn-inspected')).toMatchObject({ cite: { clause: '五(四)' }, subjectsTotal: 1, subjects: [{ uscc: undrawn }] });
  }, 180_000);

  it('panzhihua (a city): 30% by double random is met, the group frequencies name who is still due, the 15-day announcement (三(四)) is missed', async () => {
    const demo = await county('wolong');
    const city = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: CITY } });
    const own = generateCounty({ enterprises: 30, seed: 11 });
    await demo.db.sql.transaction(async (tx) => {
      await writeDirectory(tx, 'enterprises', city.id, own.enterprises, 'test');
      await writeDirectory(tx, 'inspectors', city.id, own.inspectors, 'test');
      await writeDirectory(tx, 'experts', city.id, own.experts, 'test');
      await writeDirectory(tx, 'checklist', city.id, own.checklist, 'test');
    });
    const switched = await switchRulePack(demo.db.prisma, demo.packs, { jurisdictionId: city.id, packId: 'panzhihua', actor: 'test', onDate: today });
    expect(switched.ok, JSON.stringify(switched)).toBe(true);
    const token = await createApiToken(demo.db.prisma, { name: `admin-${CITY}`, role: 'ADMIN', jurisdictionId: city.id });
    const rules = demo.packs.get('panzhihua')!.rules;
    const { picks, inspected } = await yearWithOneTask(demo, CITY, token, (p) => p.slice(0, 3));
    const undrawn = (await demo.db.prisma.enterprise.findFirstOrThrow({ where: { jurisdictionId: city.id, uscc: { notIn: picks } } })).uscc;
    expect((await demo.gql(OTHER, { j: CITY, u: undrawn, on: today }, token)).data.recordOtherInspection.__typename).toBe('OtherInspection');
    const rows = await rowsOf(demo, CITY, token);
    const groups = ['complaintHeavy', 'accidentProne', 'penalised', 'seriousViolator', 'blacklisted'] as const;
    expect([...rows.keys()].sort()).toEqual([
      'covert-drawn', 'deadline:announcement', 'deadline:publication', 'directory', 'double-random-share', 'frequency:keyHighDanger:year:1',
      ...groups.flatMap((g) => [`frequency:${g}:half-year:1`, `frequency:${g}:half-year:2`]), 'recusal',
    ].sort());
    // 3 double random of 4 inspections: 75% ≥ 30%.
    expect(rows.get('double-random-share')).toMatchObject({ status: 'MET', achieved: { value: 75, count: 3 } });
    const done = [...inspected, undrawn];
    expectFrequency(rows.get('frequency:keyHighDanger:year:1'), await groupOf(demo.db, CITY, rules, 'keyHighDanger'), done);
    for (const g of groups) for (const half of [1, 2]) expectHalfYear(rows.get(`frequency:${g}:half-year:${half}`), half, await groupOf(demo.db, CITY, rules, g), done);
    // Announced on the inspection day, not 15 days before: late by 15 days, the task named; in the
    // first 15 days of January that announcement was due last year, and is last year's to count.
    if (addDays(today, -15) >= `${YEAR}-01-01`) {
      expect(rows.get('deadline:announcement')).toMatchObject({ status: 'MISSED', cite: { clause: '三(四)' }, subjects: [{ kind: 'TASK', title: `${YEAR}年双随机抽查` }] });
      expect(rows.get('deadline:announcement')!.subjects[0]!.note).toContain('逾期15日');
    } else expect(rows.get('deadline:announcement')).toMatchObject({ status: 'MET', subjectsTotal: 0, target: { text: '本年无到期事项' } });
    // 三(六): published within 7 days of the inspection; none was.
    expectUndone(rows.get('deadline:publication'), await dueFromToday(demo, CITY, token, 'CALENDAR', 7), picks);
    expect(statuses(rows)).toMatchObject({ recusal: 'MET', directory: 'NOT_MEASURABLE', 'covert-drawn': 'NOT_MEASURABLE' });
  }, 180_000);
});


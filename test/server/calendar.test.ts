import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/database.ts';
import { seedDemo } from '../../src/server/demo/seed-demo.ts';
import { switchRulePack } from '../../src/server/rulepacks/switch-rule-pack.ts';
import { loadRegistry } from '../../src/rulepacks/registry.ts';
import { buildApp, graphqlClient, tokenFor } from '../helpers/app.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';

describe.each(TEST_DATABASES)('working-day deadlines of a jurisdiction on $name', (target) => {
  let db: Database;
  let gql: ReturnType<typeof graphqlClient>;
  let admin: string;

  beforeAll(async () => {
    db = await target.open();
    await seedDemo(db.sql, { enterprises: 20, inspectors: 18, experts: 2 });
    const packs = await loadRegistry();
    const county = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: '411303' } });
    const switched = await switchRulePack(db.prisma, packs, { jurisdictionId: county.id, packId: 'wolong', actor: 'test', onDate: '2026-06-01' });
    expect(switched.ok).toBe(true);
    gql = graphqlClient(buildApp(db, packs));
    admin = await tokenFor(db, '411303');
  });
  afterAll(async () => {
    await db.close();
  });

  const deadline = async (from: string, days: number) =>
    (await gql(`query($from: Date!, $days: Int!) { jurisdiction(code: "411303") { deadline(from: $from, days: $days, count: WORKING) { date provisional provisionalYears lastDay } } }`, { from, days })).data.jurisdiction.deadline;

  it("counts the pack's deadlines across 国庆 and its make-up Saturday, with the clause", async () => {
    const result = await gql(`{ jurisdiction(code: "411303") { ruleDeadline(kind: OBJECTION_ANSWER, from: "2026-09-30") { date provisional lastDay clause document } } }`);
    // 15 working days: 10-08, 09, 10 (调休), 12…16, 19…23, 26, 27.
    expect(result.data.jurisdiction.ruleDeadline).toEqual({ date: '2026-10-27', provisional: false, lastDay: '工作日', clause: '第二十六条', document: '"双随机、一公开"监管抽查工作细则' });
    expect(await deadline('2026-09-30', 3)).toMatchObject({ date: '2026-10-10', lastDay: '国庆节调休上班' });
  });

  it('flags a deadline in a year not yet published, until an admin enters its days and declares it', async () => {
    // 2027-01-01 is 元旦 by 全国年节及纪念日放假办法 even before the State Council publishes 2027.
    expect(await deadline('2026-12-28', 5)).toEqual({ date: '2027-01-05', provisional: true, provisionalYears: [2027], lastDay: '工作日' });
    const before = await gql(`{ jurisdiction(code: "411303") { calendarDays(from: "2027-01-01", to: "2027-01-01") { working description } } }`);
    expect(before.data.jurisdiction.calendarDays).toEqual([{ working: false, description: '元旦（法定节假日；2027年放假安排尚未公布，调休未定）' }]);
    // The bureau enters what the published schedule adds (here a day off after 元旦) and declares the year.
    const set = await gql(`mutation { setCalendarOverride(jurisdiction: "411303", date: "2027-01-04", working: false, reason: "元旦调休") { __typename } }`, {}, admin);
    expect(set.data.setCalendarOverride.__typename).toBe('Jurisdiction');
    await gql(`mutation { declareOfficialYear(jurisdiction: "411303", year: 2027) { __typename } }`, {}, admin);
    expect(await deadline('2026-12-28', 5)).toEqual({ date: '2027-01-06', provisional: false, provisionalYears: [], lastDay: '工作日' });
    // Both are on the audit trail: deadlines count on this calendar.
    const county = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: '411303' } });
    const trail = await db.prisma.auditEntry.findMany({ where: { jurisdictionId: county.id, action: { startsWith: 'calendar.' } }, orderBy: { seq: 'asc' } });
    expect(trail.map((e) => [e.action, e.payload])).toEqual([
      ['calendar.override', { date: '2027-01-04', working: false, reason: '元旦调休' }],
      ['calendar.official-year', { year: 2027 }],
    ]);
  });

  it('applies local holidays, keeps every correction, and lets only editors of the jurisdiction make them', async () => {
    await gql(`mutation { setCalendarOverride(jurisdiction: "411303", date: "2026-11-24", working: false, reason: "本地停工日") { __typename } }`, {}, admin);
    expect((await deadline('2026-11-23', 1)).date).toBe('2026-11-25');
    await gql(`mutation { setCalendarOverride(jurisdiction: "411303", date: "2026-11-24", working: true, reason: "撤销停工日") { __typename } }`, {}, admin);
    expect((await deadline('2026-11-23', 1)).date).toBe('2026-11-24');
    const history = await gql(`{ jurisdiction(code: "411303") { calendarOverrides { date working reason } } }`);
    expect(history.data.jurisdiction.calendarOverrides.filter((o: any) => o.date === '2026-11-24').map((o: any) => o.reason)).toEqual(['本地停工日', '撤销停工日']);
    for (const token of [undefined, await tokenFor(db, '411302'), await tokenFor(db, '411303', 'AUDITOR')]) {
      const refused = await gql(`mutation { setCalendarOverride(jurisdiction: "411303", date: "2026-12-01", working: false, reason: "x") { __typename } }`, {}, token);
      expect(refused.data.setCalendarOverride.__typename).toBe('ForbiddenError');
    }
    // Other jurisdictions keep the national calendar.
    const neighbour = await gql(`{ jurisdiction(code: "411302") { deadline(from: "2026-11-23", days: 1, count: WORKING) { date } } }`);
    expect(neighbour.data.jurisdiction.deadline.date).toBe('2026-11-24');
  });

  it('lists calendar days with the reason for each', async () => {
    const days = await gql(`{ jurisdiction(code: "411303") { calendarDays(from: "2026-02-13", to: "2026-02-16") { date working description } } }`);
    expect(days.data.jurisdiction.calendarDays).toEqual([
      { date: '2026-02-13', working: true, description: '工作日' },
      { date: '2026-02-14', working: true, description: '春节调休上班' },
      { date: '2026-02-15', working: false, description: '春节' },
      { date: '2026-02-16', working: false, description: '春节' },
    ]);
  });
});

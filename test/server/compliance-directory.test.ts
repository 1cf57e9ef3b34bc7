import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceEnterprise } from '../../src/core/compliance/facts.ts';
import { chinaDate } from '../../src/core/calendar/china-date.ts';
import { measureCompliance } from '../../src/core/compliance/measure-compliance.ts';
import { loadComplianceFacts } from '../../src/server/compliance/load-facts.ts';
import { TEST_DATABASES, type TestDb } from '../helpers/databases.ts';
import { demoCounty, DEMO, NEIGHBOUR, type DemoCounty } from '../helpers/demo-county.ts';

/**
 * The directory as it was over a year, read from enterprise_history (load-facts.ts): most
 * enterprises were only inserted, some changed standing, moved, were deactivated and came back,
 * were deleted. Each history below is written with the instant of each change (UTC, as the
 * trigger stores it), and the spans must start and end on the Beijing-time day of the change.
 * The county's pack (黑龙江, 二(五)) inspects the blacklisted every half-year, so the standing on
 * 30 June is read too where it differed from the standing on the last day counted.
 */
type Change = { at: string; op?: 'INSERT' | 'UPDATE' | 'DELETE'; in?: 'J' | 'K'; active?: boolean; blacklisted?: boolean; name?: string };
const HISTORIES: Record<string, Change[]> = {
  // Only inserted, before the year: in it all year.
  A: [{ at: '2025-05-01T02:00:00Z' }],
  // Blacklisted on 1 April Beijing time (31 March 17:00 UTC).
  B: [{ at: '2026-01-10T02:00:00Z' }, { at: '2026-03-31T17:00:00Z', op: 'UPDATE', blacklisted: true }],
  // Moved to the neighbour on 15 May: in the directory until the 14th.
  C: [{ at: '2026-02-01T02:00:00Z' }, { at: '2026-05-15T02:00:00Z', op: 'UPDATE', in: 'K' }],
  // Moved in from the neighbour on 1 July.
  D: [{ at: '2025-01-01T02:00:00Z', in: 'K' }, { at: '2026-07-01T10:00:00Z', op: 'UPDATE', in: 'J' }],
  // Deactivated on 1 March, reactivated on 1 August.
  E: [{ at: '2026-01-05T02:00:00Z' }, { at: '2026-03-01T02:00:00Z', op: 'UPDATE', active: false }, { at: '2026-08-01T02:00:00Z', op: 'UPDATE', active: true }],
  // Deleted on 1 January 2026 Beijing time: in it until 31 December 2025, not this year.
  F: [{ at: '2025-01-01T02:00:00Z' }, { at: '2025-12-31T17:00:00Z', op: 'DELETE' }],
  // Deleted on 2 January: in it on 1 January.
  G: [{ at: '2025-01-01T02:00:00Z' }, { at: '2026-01-01T17:00:00Z', op: 'DELETE' }],
  // Inserted on 1 January 2027 Beijing time: after the year.
  H: [{ at: '2026-12-31T20:00:00Z' }],
  // Inserted inactive, never active.
  I: [{ at: '2026-01-01T02:00:00Z', active: false }],
  // Blacklisted on 1 March, off the list on 1 August: blacklisted on 30 June, not at the end.
  M: [{ at: '2026-03-01T02:00:00Z', blacklisted: true }, { at: '2026-08-01T02:00:00Z', op: 'UPDATE', blacklisted: false }],
  // Blacklisted in October: not yet on 30 June.
  K: [{ at: '2026-03-03T02:00:00Z' }, { at: '2026-10-01T02:00:00Z', op: 'UPDATE', blacklisted: true }],
  // A name with the control characters the history's texts are split on (an import does not refuse them): read as spaces, the others unharmed.
  L: [{ at: '2026-04-01T02:00:00Z', name: '企业L\u001e第二\u001f行' }],
};
const usccOf = (key: string) => `91411303TESTHIS${key}00`.slice(0, 18);

describe.each(TEST_DATABASES)('the directory of a year from its history ($name)', (database) => {
  let db: TestDb;
  let demo: DemoCounty;
  let county: { id: string; code: string; name: string; rulePackId: string | null; rulePackVersion: string | null };
  beforeAll(async () => {
    db = await database.open();
    demo = await demoCounty(db, { enterprises: 20, pack: 'heilongjiang-county' });
    county = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO }, select: { id: true, code: true, name: true, rulePackId: true, rulePackVersion: true } });
    const neighbour = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: NEIGHBOUR } });
    for (const [key, changes] of Object.entries(HISTORIES)) {
      const state = { in: 'J' as 'J' | 'K', active: true, blacklisted: false };
      for (const c of changes) {
        if (c.in) state.in = c.in;
        if (c.active !== undefined) state.active = c.active;
        if (c.blacklisted !== undefined) state.blacklisted = c.blacklisted;
        await db.owner.query(
          `INSERT INTO enterprise_history (op, actor, changed_at, id, jurisdiction_id, uscc, name, sector, risk_level, credit_level, blacklisted, key_high_danger, major_hazard_source, operating_status, active, created_at, updated_at, above_designated_size)
           VALUES ($1, 'test', $2::timestamptz AT TIME ZONE 'UTC', $3, $4, $5, $6, '工贸', 'GENERAL', 'NORMAL', $7, false, false, 'OPERATING', $8, $2::timestamptz AT TIME ZONE 'UTC', $2::timestamptz AT TIME ZONE 'UTC', false)`,
          [c.op ?? 'INSERT', c.at, `test-history-${key}`, state.in === 'J' ? county.id : neighbour.id, usccOf(key), c.name ?? `企业${key}`, state.blacklisted, state.active],
        );
      }
    }
  });
  afterAll(async () => { await demo.app.stop(); await db.close(); });

  const directory = async (asOf: string) => {
    const facts = await loadComplianceFacts({ prisma: db.prisma, databaseKind: db.kind, packs: demo.packs, events: undefined as never, drawPacingMs: 0 }, { ...county, level: 'COUNTY' }, Number(asOf.slice(0, 4)), asOf);
    const mine = facts.enterprises.filter((e) => e.uscc.includes('TESTHIS'));
    type Mine = Pick<ComplianceEnterprise, 'inDirectory'> & { blacklisted: boolean; blacklistedOn30June: boolean };
    const on30June = (e: ComplianceEnterprise) => e.groupsOn?.['2026-06-30'] ?? e.groups;
    return { facts, all: facts.enterprises, mine: Object.fromEntries(mine.map((e): [string, Mine] => [e.name.slice(2), { inDirectory: e.inDirectory, blacklisted: e.groups.includes('blacklisted'), blacklistedOn30June: on30June(e).includes('blacklisted') }])) };
  };

  it('gives each enterprise the days it was in the directory, from the Beijing-time day of each change, and its standing on the last day counted and on 30 June', async () => {
    const { all, mine } = await directory('2026-12-31');
    expect(mine).toEqual({
      A: { inDirectory: [{ from: '2025-05-01', to: null }], blacklisted: false, blacklistedOn30June: false },
      B: { inDirectory: [{ from: '2026-01-10', to: null }], blacklisted: true, blacklistedOn30June: true },
      C: { inDirectory: [{ from: '2026-02-01', to: '2026-05-14' }], blacklisted: false, blacklistedOn30June: false },
      D: { inDirectory: [{ from: '2026-07-01', to: null }], blacklisted: false, blacklistedOn30June: false },
      E: { inDirectory: [{ from: '2026-01-05', to: '2026-02-28' }, { from: '2026-08-01', to: null }], blacklisted: false, blacklistedOn30June: false },
      G: { inDirectory: [{ from: '2025-01-01', to: '2026-01-01' }], blacklisted: false, blacklistedOn30June: false },
      M: { inDirectory: [{ from: '2026-03-01', to: null }], blacklisted: false, blacklistedOn30June: true },
      K: { inDirectory: [{ from: '2026-03-03', to: null }], blacklisted: true, blacklistedOn30June: false },
      'L 第二 行': { inDirectory: [{ from: '2026-04-01', to: null }], blacklisted: false, blacklistedOn30June: false },
    });
    // Only where the standing differed is 30 June's kept.
    expect(all.filter((e) => e.groupsOn).map((e) => e.name).sort()).toEqual(['企业K', '企业M']);
    // The seeded directory, only inserted today: every enterprise of the county, each in it from its insertion, in this year's directory.
    const { all: thisYear } = await directory(chinaDate(new Date()));
    const seeded = await db.prisma.enterprise.findMany({ where: { jurisdictionId: county.id, NOT: { uscc: { contains: 'TESTREC' } } }, select: { uscc: true, blacklisted: true } });
    const others = thisYear.filter((e) => !e.uscc.includes('TESTHIS') && !e.uscc.includes('TESTREC'));
    expect(others.map((e) => e.uscc).sort()).toEqual(seeded.map((e) => e.uscc).sort());
    for (const e of others) expect(e.inDirectory).toEqual([{ from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), to: null }]);
    expect(others.filter((e) => e.groups.includes('blacklisted')).map((e) => e.uscc).sort()).toEqual(seeded.filter((e) => e.blacklisted).map((e) => e.uscc).sort());
  });

  it('counts only the changes made by the end of asOf', async () => {
    const { all, mine } = await directory('2026-06-30');
    expect(mine).toEqual({
      A: { inDirectory: [{ from: '2025-05-01', to: null }], blacklisted: false, blacklistedOn30June: false },
      B: { inDirectory: [{ from: '2026-01-10', to: null }], blacklisted: true, blacklistedOn30June: true },
      C: { inDirectory: [{ from: '2026-02-01', to: '2026-05-14' }], blacklisted: false, blacklistedOn30June: false },
      E: { inDirectory: [{ from: '2026-01-05', to: '2026-02-28' }], blacklisted: false, blacklistedOn30June: false },
      G: { inDirectory: [{ from: '2025-01-01', to: '2026-01-01' }], blacklisted: false, blacklistedOn30June: false },
      M: { inDirectory: [{ from: '2026-03-01', to: null }], blacklisted: true, blacklistedOn30June: true },
      K: { inDirectory: [{ from: '2026-03-03', to: null }], blacklisted: false, blacklistedOn30June: false },
      'L 第二 行': { inDirectory: [{ from: '2026-04-01', to: null }], blacklisted: false, blacklistedOn30June: false },
    });
    // 30 June is the day counted: no earlier standing.
    expect(all.filter((e) => e.groupsOn)).toEqual([]);
  });

  it('makes the first half-year’s due units the group’s members on 30 June, and the second half’s those on the last day counted', async () => {
    const { facts } = await directory('2026-12-31');
    const rows = new Map(measureCompliance(facts).rows.map((r) => [r.id, r]));
    const mineDue = (id: string) => rows.get(id)!.subjects.flatMap((x) => (x.kind === 'ENTERPRISE' ? [x.uscc] : [])).filter((u) => u.includes('TESTHIS')).map((u) => u.slice(15, 16)).sort();
    // Nobody of these was inspected: every due one is named. M was blacklisted on 30 June, K not yet.
    expect(mineDue('frequency:blacklisted:half-year:1')).toEqual(['B', 'M']);
    expect(mineDue('frequency:blacklisted:half-year:2')).toEqual(['B', 'K']);
  });

  it('counts a record on the days it had occurred by and was not yet withdrawn on, within the definition’s window of each day', async () => {
    // Three enterprises in the directory since 5 January (their history written as above, then
    // their rows, which records belong to; the trigger's own INSERT changes no standing).
    const ids = [1, 2, 3].map((n) => ({ id: `test-record-${n}`, uscc: `91411303TESTREC${n}00` }));
    const columns = 'id, jurisdiction_id, uscc, name, sector, risk_level, credit_level, blacklisted, key_high_danger, major_hazard_source, operating_status, active, created_at, updated_at, above_designated_size';
    const values = `$1, $2, $3, '企业', '工贸', 'GENERAL', 'NORMAL', false, false, false, 'OPERATING', true, $4::timestamptz AT TIME ZONE 'UTC', $4::timestamptz AT TIME ZONE 'UTC', false`;
    for (const e of ids) {
      await db.owner.query(`INSERT INTO enterprise_history (op, actor, changed_at, ${columns}) VALUES ('INSERT', 'test', $4::timestamptz AT TIME ZONE 'UTC', ${values})`, [e.id, county.id, e.uscc, '2026-01-05T02:00:00Z']);
      await db.owner.query(`INSERT INTO enterprise (${columns}) VALUES (${values})`, [e.id, county.id, e.uscc, '2026-01-05T02:00:00Z']);
    }
    // 处罚 penalised: one penalty within 12 months (the default definition).
    const penalty = (enterpriseId: string, occurredOn: string, withdrawnOn?: string) =>
      db.prisma.enterpriseRecord.create({ data: { jurisdictionId: county.id, enterpriseId, kind: 'PENALTY', occurredOn: new Date(occurredOn), withdrawnOn: withdrawnOn ? new Date(withdrawnOn) : null, withdrawnReason: withdrawnOn ? '更正' : null } });
    await penalty(ids[0]!.id, '2026-09-10'); // after 30 June
    await penalty(ids[1]!.id, '2026-03-01', '2026-08-01'); // withdrawn after 30 June
    await penalty(ids[2]!.id, '2025-10-01'); // within 12 months of 30 June, not of 31 December
    const { all } = await directory('2026-12-31');
    const standing = (uscc: string) => { const e = all.find((x) => x.uscc === uscc)!; return { end: e.groups.includes('penalised'), june: (e.groupsOn?.['2026-06-30'] ?? e.groups).includes('penalised') }; };
    expect(ids.map((e) => standing(e.uscc))).toEqual([{ end: true, june: false }, { end: false, june: true }, { end: false, june: true }]);
    // As of 1 July the withdrawn one still counted (it was withdrawn on 1 August).
    const july = await directory('2026-07-01');
    expect(july.all.find((x) => x.uscc === ids[1]!.uscc)!.groups).toContain('penalised');
  });
});

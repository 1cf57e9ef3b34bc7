import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceEnterprise } from '../../src/core/compliance/facts.ts';
import { loadComplianceFacts } from '../../src/server/compliance/load-facts.ts';
import { TEST_DATABASES, type TestDb } from '../helpers/databases.ts';
import { demoCounty, DEMO, NEIGHBOUR, type DemoCounty } from '../helpers/demo-county.ts';

/**
 * The directory as it was over a year, read from enterprise_history (load-facts.ts): most
 * enterprises were only inserted, some changed standing, moved, were deactivated and came back,
 * were deleted. Each history below is written with the instant of each change (UTC, as the
 * trigger stores it), and the spans must start and end on the Beijing-time day of the change.
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
    demo = await demoCounty(db, { enterprises: 20 });
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
    const facts = await loadComplianceFacts({ prisma: db.prisma, packs: demo.packs, events: undefined as never, drawPacingMs: 0 }, { ...county, level: 'COUNTY' }, 2026, asOf);
    const mine = facts.enterprises.filter((e) => e.uscc.includes('TESTHIS'));
    return { all: facts.enterprises, mine: Object.fromEntries(mine.map((e): [string, Pick<ComplianceEnterprise, 'inDirectory'> & { blacklisted: boolean }] => [e.name.slice(2), { inDirectory: e.inDirectory, blacklisted: e.groups.includes('blacklisted') }])) };
  };

  it('gives each enterprise the days it was in the directory, from the Beijing-time day of each change, and its standing on the last day counted', async () => {
    const { all, mine } = await directory('2026-12-31');
    expect(mine).toEqual({
      A: { inDirectory: [{ from: '2025-05-01', to: null }], blacklisted: false },
      B: { inDirectory: [{ from: '2026-01-10', to: null }], blacklisted: true },
      C: { inDirectory: [{ from: '2026-02-01', to: '2026-05-14' }], blacklisted: false },
      D: { inDirectory: [{ from: '2026-07-01', to: null }], blacklisted: false },
      E: { inDirectory: [{ from: '2026-01-05', to: '2026-02-28' }, { from: '2026-08-01', to: null }], blacklisted: false },
      G: { inDirectory: [{ from: '2025-01-01', to: '2026-01-01' }], blacklisted: false },
      K: { inDirectory: [{ from: '2026-03-03', to: null }], blacklisted: true },
      'L 第二 行': { inDirectory: [{ from: '2026-04-01', to: null }], blacklisted: false },
    });
    // The seeded directory, only inserted: every enterprise of the county, each in it from its insertion.
    const seeded = await db.prisma.enterprise.findMany({ where: { jurisdictionId: county.id }, select: { uscc: true, blacklisted: true } });
    const others = all.filter((e) => !e.uscc.includes('TESTHIS'));
    expect(others.map((e) => e.uscc).sort()).toEqual(seeded.map((e) => e.uscc).sort());
    for (const e of others) expect(e.inDirectory).toEqual([{ from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), to: null }]);
    expect(others.filter((e) => e.groups.includes('blacklisted')).map((e) => e.uscc).sort()).toEqual(seeded.filter((e) => e.blacklisted).map((e) => e.uscc).sort());
  });

  it('counts only the changes made by the end of asOf', async () => {
    const { mine } = await directory('2026-06-30');
    expect(mine).toEqual({
      A: { inDirectory: [{ from: '2025-05-01', to: null }], blacklisted: false },
      B: { inDirectory: [{ from: '2026-01-10', to: null }], blacklisted: true },
      C: { inDirectory: [{ from: '2026-02-01', to: '2026-05-14' }], blacklisted: false },
      E: { inDirectory: [{ from: '2026-01-05', to: '2026-02-28' }], blacklisted: false },
      G: { inDirectory: [{ from: '2025-01-01', to: '2026-01-01' }], blacklisted: false },
      K: { inDirectory: [{ from: '2026-03-03', to: null }], blacklisted: false },
      'L 第二 行': { inDirectory: [{ from: '2026-04-01', to: null }], blacklisted: false },
    });
  });
});

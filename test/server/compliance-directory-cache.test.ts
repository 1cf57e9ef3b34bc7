import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../src/core/calendar/china-date.ts';
import { loadComplianceFacts } from '../../src/server/compliance/load-facts.ts';
import type { Services } from '../../src/server/tasks/services.ts';
import { TEST_DATABASES, type TestDb } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, Q, resultInput } from '../helpers/results-flow.ts';

/**
 * The directory of a year is kept between compliance reads while it does not change
 * (src/server/compliance/directory-cache.ts): given again after a task or a result, read again
 * after any change to an enterprise or a record, including one committed after a later one.
 */
describe.each(TEST_DATABASES)('the kept directory of a year ($name)', (database) => {
  let db: TestDb;
  let demo: DemoCounty;
  let services: Services;
  let county: { id: string; code: string; name: string; level: 'COUNTY'; rulePackId: string | null; rulePackVersion: string | null };
  beforeAll(async () => {
    db = await database.open();
    demo = await demoCounty(db, { enterprises: 20, pack: 'heilongjiang-county' });
    services = { prisma: db.prisma, databaseKind: db.kind, packs: demo.packs, events: undefined as never, drawPacingMs: 0 };
    const j = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO }, select: { id: true, code: true, name: true, rulePackId: true, rulePackVersion: true } });
    county = { ...j, level: 'COUNTY' };
  });
  afterAll(async () => { await demo.app.stop(); await db.close(); });

  // This year's directory (the demo county was loaded today), counted to its last day.
  const today = chinaDate(new Date());
  const year = Number(today.slice(0, 4));
  const directory = async (asOf = `${year}-12-31`) => (await loadComplianceFacts(services, county, year, asOf)).enterprises;

  it('gives the same directory again while nothing in it changed, a task and its results notwithstanding', async () => {
    const first = await directory();
    expect(await directory()).toBe(first);
    const { taskId, picks } = await inspectingTask(demo, { size: 2 });
    const r = (await demo.gql(Q.record, { t: taskId, u: picks[0]!.uscc, i: resultInput(picks[0]!) }, demo.tokens.ADMIN)).data.recordResult;
    expect(r.__typename, JSON.stringify(r)).toBe('InspectionResult');
    expect(await directory()).toBe(first);
    // Another day, or another year, is another directory.
    expect(await directory(`${year}-12-30`)).not.toBe(first);
  });

  it('reads it again after an enterprise changed, and after a record was added', async () => {
    const before = await directory();
    const target = await db.prisma.enterprise.findFirstOrThrow({ where: { jurisdiction: { code: DEMO }, blacklisted: false, records: { none: {} } }, orderBy: { uscc: 'asc' } });
    await db.prisma.enterprise.update({ where: { id: target.id }, data: { blacklisted: true } });
    const after = await directory();
    expect(after).not.toBe(before);
    expect(after.find((e) => e.uscc === target.uscc)!.groups).toContain('blacklisted');
    expect(await directory()).toBe(after);
    await db.prisma.enterpriseRecord.create({ data: { jurisdictionId: target.jurisdictionId, enterpriseId: target.id, kind: 'PENALTY', occurredOn: new Date(`${today}T00:00:00Z`) } });
    const withRecord = await directory();
    expect(withRecord).not.toBe(after);
    expect(withRecord.find((e) => e.uscc === target.uscc)!.groups).toContain('penalised');
  });

  it.runIf(database.name === 'postgres')('reads the change of a transaction that commits after a later change was kept', async () => {
    const [first, second] = await db.prisma.enterprise.findMany({ where: { jurisdiction: { code: DEMO }, blacklisted: false }, orderBy: { uscc: 'desc' }, take: 2 });
    // The owner's transaction writes first (its history row takes the smaller change_id) and
    // commits last; the server's change in between commits at once and is read and kept.
    await db.owner.transaction(async (tx) => {
      await tx.query('UPDATE enterprise SET blacklisted = true WHERE id = $1', [first!.id]);
      await db.prisma.enterprise.update({ where: { id: second!.id }, data: { blacklisted: true } });
      const during = await directory();
      expect(during.find((e) => e.uscc === second!.uscc)!.groups).toContain('blacklisted');
      expect(during.find((e) => e.uscc === first!.uscc)!.groups).not.toContain('blacklisted');
      expect(await directory()).toBe(during);
    });
    expect((await directory()).find((e) => e.uscc === first!.uscc)!.groups).toContain('blacklisted');
  });
});

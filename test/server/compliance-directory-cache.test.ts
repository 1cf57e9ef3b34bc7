import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '../../src/core/calendar/china-date.ts';
import { forgetDirectories } from '../../src/server/compliance/directory-cache.ts';
import { loadComplianceFacts } from '../../src/server/compliance/load-facts.ts';
import { warmDirectories } from '../../src/server/compliance/warm-directories.ts';
import type { Services } from '../../src/server/tasks/services.ts';
import { TEST_DATABASES, type TestDb } from '../helpers/databases.ts';
import { demoCounty, DEMO, NEIGHBOUR, type DemoCounty } from '../helpers/demo-county.ts';
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
  /** A directory in USCC order, to compare one told from a kept one with one read whole. */
  const sorted = (list: readonly { uscc: string }[]) => [...list].sort((x, y) => x.uscc.localeCompare(y.uscc));

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

  it('reads again only the enterprises that changed, and gives what reading it whole gives', async () => {
    const before = await directory();
    const [edited, moved, recorded] = await db.prisma.enterprise.findMany({ where: { jurisdiction: { code: DEMO }, blacklisted: false, records: { none: {} } }, orderBy: { uscc: 'asc' }, skip: 2, take: 3 });
    const neighbour = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: NEIGHBOUR } });
    // An edit, a move to the neighbouring county, a record, and an enterprise new to the directory.
    await db.prisma.enterprise.update({ where: { id: edited!.id }, data: { keyHighDanger: true, name: `${edited!.name}（改名）` } });
    await db.prisma.enterprise.update({ where: { id: moved!.id }, data: { jurisdictionId: neighbour.id } });
    await db.prisma.enterpriseRecord.create({ data: { jurisdictionId: recorded!.jurisdictionId, enterpriseId: recorded!.id, kind: 'PENALTY', occurredOn: new Date(`${today}T00:00:00Z`) } });
    const added = await db.prisma.enterprise.create({ data: { jurisdictionId: edited!.jurisdictionId, uscc: '91411303MA00000X1Y', name: '新设企业有限公司', sector: edited!.sector } });
    const after = await directory();
    const byUscc = <T extends { uscc: string }>(list: readonly T[]) => new Map(list.map((e) => [e.uscc, e]));
    const [was, now] = [byUscc(before), byUscc(after)];
    expect(now.get(edited!.uscc)).toMatchObject({ name: `${edited!.name}（改名）`, groups: expect.arrayContaining(['keyHighDanger']) });
    // Left the directory when it moved: its span ends.
    expect(now.get(moved!.uscc)!.inDirectory.at(-1)!.to).not.toBeNull();
    expect(now.get(recorded!.uscc)!.groups).toContain('penalised');
    expect(now.get(added.uscc)).toMatchObject({ name: '新设企业有限公司', inDirectory: [{ from: today, to: null }] });
    // The others were not read again: they are the very entries kept before.
    const untouched = before.filter((e) => ![edited, moved, recorded].some((x) => x!.uscc === e.uscc));
    expect(untouched.length).toBeGreaterThan(10);
    for (const e of untouched) expect(now.get(e.uscc)).toBe(e);
    expect(was.get(edited!.uscc)).not.toBe(now.get(edited!.uscc));
    // And it is what the directory read whole says.
    forgetDirectories(services);
    const whole = await directory();
    expect(sorted(after)).toEqual(sorted(whole));
  });

  // Today and the last day of its half-year (the same half: no standing on 30 June is needed anew).
  const halfEnd = today <= `${year}-06-30` ? `${year}-06-30` : `${year}-12-31`;
  it.runIf(addDays(today, 2) <= halfEnd)('tells a later day’s directory from today’s, the standings that depend on the day counted again', async () => {
    // A penalised a year ago (its 12 months lapse tomorrow), B to be penalised on the later day
    // (entered before it happened), C without records.
    const sector = (await db.prisma.enterprise.findFirstOrThrow({ where: { jurisdiction: { code: DEMO } } })).sector;
    const made = await Promise.all(['A', 'B', 'C'].map((n) => db.prisma.enterprise.create({ data: { jurisdictionId: county.id, uscc: `91411303TESTROL${n}00`, name: `滚动测试${n}`, sector } })));
    const [a, b, c] = made;
    const yearAgo = new Date(Date.UTC(year - 1, Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10)))).toISOString().slice(0, 10);
    await db.prisma.enterpriseRecord.create({ data: { jurisdictionId: county.id, enterpriseId: a!.id, kind: 'PENALTY', occurredOn: new Date(`${addDays(yearAgo, 1)}T00:00:00Z`) } });
    await db.prisma.enterpriseRecord.create({ data: { jurisdictionId: county.id, enterpriseId: b!.id, kind: 'PENALTY', occurredOn: new Date(`${halfEnd}T00:00:00Z`) } });
    const penalised = (list: readonly { uscc: string; groups: readonly string[] }[]) => made.map((e) => list.find((x) => x.uscc === e.uscc)!.groups.includes('penalised'));

    forgetDirectories(services);
    const now = await directory(today);
    expect(penalised(now)).toEqual([true, false, false]);
    // The later day is told from today's kept directory, not read again.
    const later = await directory(halfEnd);
    expect(penalised(later)).toEqual([false, true, false]);
    const kept = now.find((e) => e.uscc === c!.uscc)!;
    expect(later.find((e) => e.uscc === c!.uscc)).toBe(kept);
    // And it is what reading it whole says.
    forgetDirectories(services);
    const whole = await directory(halfEnd);
    expect(sorted(later)).toEqual(sorted(whole));
    expect(whole.find((e) => e.uscc === c!.uscc)).not.toBe(kept);
  });

  it('keeps this year’s directories read ahead at a server’s start: the first query reads no history', async () => {
    forgetDirectories(services);
    const kept = await warmDirectories(services);
    expect(kept).toBeGreaterThanOrEqual(await db.prisma.enterprise.count({ where: { jurisdiction: { code: DEMO }, active: true } }));
    db.queries.keepStatements = true;
    db.queries.reset();
    try {
      const first = await directory(today);
      expect(first.length).toBeGreaterThan(10);
      expect(db.queries.statements.filter((sql) => sql.includes('FROM enterprise_history WHERE changed_at'))).toEqual([]);
    } finally {
      db.queries.keepStatements = false;
    }
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

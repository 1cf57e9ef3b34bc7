import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lowerLevelPicks, rotationFromDraws } from '../../src/server/draws/rotation-and-levels.ts';
import { snapshotFromDirectory } from '../../src/server/draws/snapshot-from-directory.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask } from '../helpers/results-flow.ts';

const CITY = '411300'; // 南阳市, the level above the demo district

/**
 * The history rotation and the levels read (docs/draw-algorithm.md §5c, §7a), computed from
 * recorded draws: the district's own held draws newest first, covert ones still open left out;
 * the lower level's public picks for the level above, with their inspection dates.
 */
describe.each(TEST_DATABASES)('rotation and lower-level history from recorded draws ($name)', (database) => {
  let demo: DemoCounty;
  let districtId: string;
  let cityId: string;
  const served = async (nodeId: string) => {
    const drawId = Buffer.from(nodeId, 'base64').toString().split(':')[1]!;
    const picks = await demo.db.prisma.drawPick.findMany({ where: { drawId }, select: { uscc: true, leaderId: true, memberIds: true } });
    return { picks, ids: new Set(picks.flatMap((p) => [p.leaderId, ...p.memberIds])), leaders: [...new Set(picks.map((p) => p.leaderId))].sort() };
  };
  let first: Awaited<ReturnType<typeof served>>;
  let second: Awaited<ReturnType<typeof served>>;
  let covert: Awaited<ReturnType<typeof served>>;

  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { pack: 'wolong' });
    districtId = (await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } })).id;
    cityId = (await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: CITY } })).id;
    first = await served((await inspectingTask(demo, { title: '第一批' }, 'DISPATCHED')).drawId);
    second = await served((await inspectingTask(demo, { title: '第二批', inspectionDate: '2026-03-20' }, 'DISPATCHED')).drawId);
    covert = await served((await inspectingTask(demo, { title: '暗查暗访', covert: true, inspectionDate: '2026-03-25' }, 'DISPATCHED')).drawId);
  }, 240_000);
  afterAll(async () => {
    await demo?.app.stop();
    await demo?.db.close();
  });

  it('counts for each inspector of the newest public draw how many draws in a row they served, and its leaders; an open covert draw does not count', async () => {
    const history = await rotationFromDraws(demo.db.prisma, districtId, 'no-such-task', 2);
    const expected = Object.fromEntries([...second.ids].sort().map((id) => [id, first.ids.has(id) ? 2 : 1]));
    expect(history.consecutiveDraws).toEqual(expected);
    expect(history.lastLeaders).toEqual(second.leaders);
    // The covert draw's team is nowhere in it (unless they also served in the second).
    for (const id of covert.ids) if (!second.ids.has(id)) expect(history.consecutiveDraws).not.toHaveProperty(id);
    // At most the pack's maximum of draws is read: with 1, nobody counts more than 1.
    expect(Math.max(...Object.values((await rotationFromDraws(demo.db.prisma, districtId, 'no-such-task', 1)).consecutiveDraws!))).toBe(1);
  });

  it('gives the level above the district\'s public picks in its directory, with their dates; covert picks still open stay out', async () => {
    expect(second.picks.length).toBe(5);
    const directory = new Set([...first.picks, ...second.picks, ...covert.picks].map((p) => p.uscc));
    const { lowerLevelDrawn, inspected } = await lowerLevelPicks(demo.db.prisma, cityId, 2026, directory);
    const publicPicks = new Set([...first.picks, ...second.picks].map((p) => p.uscc));
    expect(lowerLevelDrawn).toEqual([...publicPicks].sort());
    for (const p of covert.picks) if (!publicPicks.has(p.uscc)) expect(lowerLevelDrawn).not.toContain(p.uscc);
    for (const p of second.picks) expect(inspected.get(p.uscc)).toBe('2026-03-20');
    // The snapshot of a pack that reads them: lowerLevelDrawn in the history, their dates in lastInspected (covered by the other level).
    const { snapshot } = await demo.db.prisma.$transaction((tx) => snapshotFromDirectory(tx, districtId, { year: 2026, checklistCodes: [], taskId: 'none', upperLevel: false, lowerLevel: true, rotationMax: 3, inspectionDate: new Date('2026-04-01') }));
    expect(snapshot.history.consecutiveDraws).toBeDefined();
    expect(snapshot.history.lowerLevelDrawn).toBeUndefined(); // the district has no level below with draws
    const plain = await demo.db.prisma.$transaction((tx) => snapshotFromDirectory(tx, districtId, { year: 2026, checklistCodes: [], taskId: 'none', upperLevel: false, inspectionDate: new Date('2026-04-01') }));
    expect(Object.keys(plain.snapshot.history).sort()).toEqual(['doubleRandomCount', 'lastInspected', 'upperLevelDrawn']);
  });
});

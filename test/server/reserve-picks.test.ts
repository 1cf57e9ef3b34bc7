import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrawExport } from '../../src/core/draw/export.ts';
import type { DrawRecord } from '../../src/core/draw/types.ts';
import { generateCounty } from '../../src/demo/generate-county.ts';
import { createApiToken } from '../../src/server/auth/tokens.ts';
import { writeDirectory } from '../../src/server/directory/write-directory.ts';
import { RESERVE_LABEL } from '../../src/core/draw/reserve-label.ts';
import { switchRulePack } from '../../src/server/rulepacks/switch-rule-pack.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';
import { Q } from '../helpers/results-flow.ts';
import { sse } from '../helpers/subscribe.ts';

const CITY = '411300'; // 南阳市, the level above 卧龙区
const ENTERPRISES = 40;
const CITY_SIZE = 15;
const DISTRICT_SIZE = 30;
const raw = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;
const PICKS = `query($id: ID!) { node(id: $id) { ... on Draw { picks { order uscc fromReserve } } } }`;
const EVENTS = `subscription($d: ID!) { drawEvents(draw: $d) { __typename ... on PickRevealed { order uscc fromReserve } } }`;

/**
 * 南阳市 on the 攀枝花 pack, whose directory holds every enterprise of the district (the demo
 * generates the same county for the same size), with inspectors and a checklist of its own:
 * its admin's token.
 */
async function cityAbove(demo: DemoCounty): Promise<string> {
  const city = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: CITY } });
  const county = generateCounty({ enterprises: ENTERPRISES });
  const own = generateCounty({ enterprises: 10, seed: 7 });
  await demo.db.sql.transaction(async (tx) => {
    await writeDirectory(tx, 'enterprises', city.id, county.enterprises, 'test');
    await writeDirectory(tx, 'inspectors', city.id, own.inspectors, 'test');
    await writeDirectory(tx, 'checklist', city.id, own.checklist, 'test');
  });
  const switched = await switchRulePack(demo.db.prisma, demo.packs, { jurisdictionId: city.id, packId: 'panzhihua', actor: 'test', onDate: '2026-03-02' });
  expect(switched.ok, JSON.stringify(switched)).toBe(true);
  return createApiToken(demo.db.prisma, { name: `admin-${CITY}`, role: 'ADMIN', jurisdictionId: city.id });
}

/**
 * 一般不重合 (黑龙江 二(二), docs/draw-algorithm.md §5c): the city drew 15 of the district's 40
 * enterprises this year; the district's pack avoids them, so its task of 30 takes the rest of
 * its pool and only the seats left from that reserve. Those picks say so: the draw_pick row,
 * GraphQL's DrawPick and PickRevealed, the portal's 抽查公告.
 */
describe.each(TEST_DATABASES)('picks drawn from the 一般不重合 reserve ($name)', (database) => {
  let demo: DemoCounty;
  let base: string;
  let drawNode: string;
  let taskId: string;
  let cityPicks: Set<string>;
  let record: DrawRecord;

  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { enterprises: ENTERPRISES, pack: 'heilongjiang-county' });
    base = `http://127.0.0.1:${(await demo.app.start(0)).port}`;
    const cityToken = await cityAbove(demo);

    // The city's public draw this year.
    const cTask = (await demo.gql(Q.createTask, { j: CITY, input: { ...TASK_INPUT, title: '2026年市级抽查', size: CITY_SIZE } }, cityToken)).data.createTask;
    expect(cTask?.id, JSON.stringify(cTask)).toBeTruthy();
    const cLocked = (await demo.gql(Q.lock, { t: cTask.id }, cityToken)).data.lockTask;
    expect(cLocked?.id, JSON.stringify(cLocked)).toBeTruthy();
    const cDrawn = (await demo.gql(Q.draw, { d: cLocked.id }, cityToken)).data.drawTask;
    expect(cDrawn.__typename, JSON.stringify(cDrawn)).toBe('Draw');
    cityPicks = new Set((cDrawn.picks as { uscc: string }[]).map((p) => p.uscc));
    expect(cityPicks.size).toBe(CITY_SIZE);

    // The district's task is larger than what the rest of its pool holds.
    const dTask = (await demo.gql(Q.createTask, { j: DEMO, input: { ...TASK_INPUT, inspectionDate: '2026-03-20', size: DISTRICT_SIZE } }, demo.tokens.PLANNER)).data.createTask;
    expect(dTask?.id, JSON.stringify(dTask)).toBeTruthy();
    taskId = dTask.id;
    const dLocked = (await demo.gql(Q.lock, { t: dTask.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    expect(dLocked?.id, JSON.stringify(dLocked)).toBeTruthy();
    drawNode = dLocked.id;
    const dDrawn = (await demo.gql(Q.draw, { d: dLocked.id }, demo.tokens.DRAW_OFFICER)).data.drawTask;
    expect(dDrawn.__typename, JSON.stringify(dDrawn)).toBe('Draw');
    record = (await demo.db.prisma.draw.findUniqueOrThrow({ where: { id: raw(drawNode) } })).record as unknown as DrawRecord;
  }, 240_000);
  afterAll(async () => {
    await demo?.app.stop();
    await demo?.db.close();
  });

  const reserveOrders = () => record.picks.filter((p) => p.reserve).map((p) => p.order);

  it('the draw took some seats from the reserve: the city\'s picks, only after the rest of the pool', () => {
    expect(record.algorithm).toBe('double-random/v4');
    expect(record.picks).toHaveLength(DISTRICT_SIZE);
    expect(record.avoided!.map((a) => a.uscc).every((u) => cityPicks.has(u))).toBe(true);
    const reserve = record.picks.filter((p) => p.reserve);
    expect(reserve.length).toBeGreaterThan(0);
    expect(reserve.length).toBeLessThan(DISTRICT_SIZE);
    expect(reserve.every((p) => cityPicks.has(p.uscc))).toBe(true);
    expect(record.picks.filter((p) => !p.reserve).some((p) => cityPicks.has(p.uscc))).toBe(false);
  });

  it('stores from_reserve with each pick and GraphQL gives fromReserve true on exactly the reserve picks', async () => {
    const rows = await demo.db.prisma.drawPick.findMany({ where: { drawId: raw(drawNode) }, orderBy: { order: 'asc' }, select: { order: true, fromReserve: true } });
    expect(rows.filter((r) => r.fromReserve).map((r) => r.order)).toEqual(reserveOrders());
    for (const token of [demo.tokens.INSPECTOR, undefined]) {
      const res = await demo.gql(PICKS, { id: drawNode }, token);
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      const picks = res.data.node.picks as { order: number; uscc: string; fromReserve: boolean }[];
      expect(picks).toHaveLength(DISTRICT_SIZE);
      expect(picks.filter((p) => p.fromReserve).map((p) => p.order)).toEqual(reserveOrders());
      expect(picks.filter((p) => p.fromReserve).every((p) => cityPicks.has(p.uscc))).toBe(true);
    }
  });

  it('the live draw reveals fromReserve with each pick, and the export marks the same picks', async () => {
    const events = await sse<{ drawEvents: { __typename: string; order: number; fromReserve: boolean } }>(`${base}/graphql`, EVENTS, { d: drawNode });
    const revealed = events.map((e) => e.drawEvents).filter((e) => e.__typename === 'PickRevealed');
    expect(revealed).toHaveLength(DISTRICT_SIZE);
    expect(revealed.filter((e) => e.fromReserve).map((e) => e.order)).toEqual(reserveOrders());
    const exported = (await (await demo.app.fetch(new Request(`http://test/draws/${raw(drawNode)}/export.json`))).json()) as DrawExport;
    expect(exported.record.picks.filter((p) => p.reserve).map((p) => p.order)).toEqual(reserveOrders());
  });

  it('the portal\'s 抽查公告 tags the reserve picks 备选补抽（一般不重合） and no other', async () => {
    for (const s of ['DISPATCH', 'ANNOUNCE']) expect((await demo.gql(Q.advance, { t: taskId, s }, demo.tokens.DRAW_OFFICER)).data.advanceTask.__typename).toBe('Task');
    const page = await (await demo.app.fetch(new Request(`http://test/j/${DEMO}/draws/${raw(taskId)}`))).text();
    const section = page.slice(page.indexOf(`id="draw-${raw(drawNode)}"`));
    const rows = section.slice(0, section.indexOf('</table>')).split('<tr>').slice(2);
    expect(rows).toHaveLength(DISTRICT_SIZE);
    const tagged = rows.map((r, i) => (r.includes(RESERVE_LABEL) ? i + 1 : 0)).filter(Boolean);
    expect(tagged).toEqual(reserveOrders());
  });
});

/**
 * Covert means covert (docs/draw-algorithm.md §9): the city's 暗查暗访 picks are sealed in the
 * district's snapshot until the city's task closes. Under 一般不重合 they form the district's
 * reserve, so the avoided list and the reserve marks would say early which enterprises the city
 * will inspect: both are withheld until then, then shown.
 */
describe.each(TEST_DATABASES)('reserve picks of a covert upper-level list ($name)', (database) => {
  let demo: DemoCounty;
  let drawNode: string;
  let cityTaskId: string;
  let cityToken: string;
  let record: DrawRecord;
  const exportOf = async () => (await (await demo.app.fetch(new Request(`http://test/draws/${raw(drawNode)}/export.json`))).json()) as DrawExport;
  const marked = async (token?: string) => ((await demo.gql(PICKS, { id: drawNode }, token)).data.node.picks as { order: number; fromReserve: boolean }[]).filter((p) => p.fromReserve).map((p) => p.order);

  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { enterprises: ENTERPRISES, pack: 'heilongjiang-county' });
    cityToken = await cityAbove(demo);
    const cTask = (await demo.gql(Q.createTask, { j: CITY, input: { ...TASK_INPUT, title: '2026年市级暗查暗访', covert: true, size: CITY_SIZE } }, cityToken)).data.createTask;
    cityTaskId = cTask.id;
    const cLocked = (await demo.gql(Q.lock, { t: cTask.id }, cityToken)).data.lockTask;
    expect((await demo.gql(Q.draw, { d: cLocked.id }, cityToken)).data.drawTask.__typename).toBe('Draw');

    const dTask = (await demo.gql(Q.createTask, { j: DEMO, input: { ...TASK_INPUT, inspectionDate: '2026-03-20', size: DISTRICT_SIZE } }, demo.tokens.PLANNER)).data.createTask;
    const dLocked = (await demo.gql(Q.lock, { t: dTask.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    expect(dLocked?.id, JSON.stringify(dLocked)).toBeTruthy();
    drawNode = dLocked.id;
    const dDrawn = (await demo.gql(Q.draw, { d: dLocked.id }, demo.tokens.DRAW_OFFICER)).data.drawTask;
    expect(dDrawn.__typename, JSON.stringify(dDrawn)).toBe('Draw');
    record = (await demo.db.prisma.draw.findUniqueOrThrow({ where: { id: raw(drawNode) } })).record as unknown as DrawRecord;
  }, 240_000);
  afterAll(async () => demo?.db.close());

  it('withholds the avoided list and the reserve marks while the city\'s covert task is open, and shows them once it closes', async () => {
    const reserve = record.picks.filter((p) => p.reserve).map((p) => p.order);
    expect(reserve.length).toBeGreaterThan(0); // the precondition: the sealed list did fill seats
    const sealed = await exportOf();
    expect(sealed.format).toBe('double-random/draw-export/v2');
    expect(sealed.record).not.toHaveProperty('avoided');
    expect(sealed.record.picks.some((p) => 'reserve' in p)).toBe(false);
    expect(await marked()).toEqual([]);
    expect(await marked(demo.tokens.INSPECTOR)).toEqual([]);

    for (const s of ['DISPATCH', 'START_INSPECTION', 'CLOSE']) expect((await demo.gql(Q.advance, { t: cityTaskId, s }, cityToken)).data.advanceTask.__typename).toBe('Task');
    const opened = await exportOf();
    expect(opened.record.picks.filter((p) => p.reserve).map((p) => p.order)).toEqual(reserve);
    expect((opened.record as DrawRecord).avoided!.length).toBeGreaterThan(0);
    expect(await marked()).toEqual(reserve);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrawExport } from '../../src/core/draw/export.ts';
import type { DrawRecord, DrawSnapshot } from '../../src/core/draw/types.ts';
import { verificationStatus, verifyDraw } from '../../src/core/draw/verify.ts';
import { generateCounty } from '../../src/demo/generate-county.ts';
import { createApiToken } from '../../src/server/auth/tokens.ts';
import { writeDirectory } from '../../src/server/directory/write-directory.ts';
import { NODE_DRAW_PORTS } from '../../src/server/draw-ports.ts';
import { switchRulePack } from '../../src/server/rulepacks/switch-rule-pack.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';
import { Q } from '../helpers/results-flow.ts';
import { sse } from '../helpers/subscribe.ts';

const CITY = '411300'; // 南阳市, the level above 卧龙区
const raw = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;
const EVENTS = `subscription($d: ID!) { drawEvents(draw: $d) { __typename
  ... on DrawLocked { commitment candidates snapshotHash }
  ... on SeedRevealed { seed secret entropy }
  ... on PickRevealed { order uscc enterpriseName stratum due items }
  ... on DrawCompleted { picks verified status differences pending summary exportUrl } } }`;
const DRAW_FIELDS = `query($id: ID!) { node(id: $id) { ... on Draw { status snapshotHash candidates export picks { uscc stratum due items } verification { matches status differences pending summary }
  task { title status covert draw { snapshotHash } } } } }`;
const VERIFY = `query($d: JSON!) { verifyDraw(draw: $d) { matches status differences { path expected actual } checked pending { path reason } summary } }`;
const EXPLAIN = `query($d: JSON!, $u: String!) { explainDrawCandidate(draw: $d, uscc: $u) { uscc inPool pending due stratum chance { numerator denominator } reasons summary } }`;

/**
 * The text of a value without the directory itself: the snapshot's enterprises, the enterprises
 * its experts served and its recorded conflicts name directory enterprises whoever drew them.
 */
function beyondDirectory(value: unknown): string {
  return JSON.stringify(value, (key, v) => (['enterprises', 'served', 'conflicts'].includes(key) && Array.isArray(v) ? '[directory]' : v));
}

describe.each(TEST_DATABASES)("a city's covert picks and its district's public draw ($name)", (database) => {
  let demo: DemoCounty;
  let base: string;
  let cityToken: string;
  let cityTaskId: string;
  /** The city's covert picks that are enterprises of the district's directory, and those that are not. */
  let covertInDistrict: string[];
  let covertOutside: string[];
  let districtDrawId: string;
  let districtTaskId: string;
  let districtPicks: string[];

  const exportAs = async (token?: string) => {
    const response = await demo.app.fetch(new Request(`http://test/draws/${districtDrawId}/export.json`, token ? { headers: { authorization: `Bearer ${token}` } } : {}));
    expect(response.status).toBe(200);
    return (await response.json()) as DrawExport;
  };

  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { pack: 'shuncheng' }); // 顺城 第十五条: the upper level's picks are excluded
    base = `http://127.0.0.1:${(await demo.app.start(0)).port}`;
    const district = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    const city = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: CITY } });
    expect(city.id).toBe(district.parentId);

    // The city's directory: 40 of the district's enterprises and 44 of its own the district does not hold.
    const county = generateCounty({ enterprises: 300 });
    const own = generateCounty({ enterprises: 44, seed: 7 });
    const districtUsccs = new Set(county.enterprises.map((e) => e.uscc));
    expect(own.enterprises.every((e) => !districtUsccs.has(e.uscc))).toBe(true);
    await demo.db.sql.transaction(async (tx) => {
      await writeDirectory(tx, 'enterprises', city.id, [...county.enterprises.slice(0, 40), ...own.enterprises], 'test');
      await writeDirectory(tx, 'inspectors', city.id, own.inspectors, 'test');
      await writeDirectory(tx, 'experts', city.id, own.experts, 'test');
      await writeDirectory(tx, 'checklist', city.id, own.checklist, 'test');
    });
    const switched = await switchRulePack(demo.db.prisma, demo.packs, { jurisdictionId: city.id, packId: 'panzhihua', actor: 'test', onDate: '2026-03-02' });
    expect(switched.ok, JSON.stringify(switched)).toBe(true);
    cityToken = await createApiToken(demo.db.prisma, { name: `admin-${CITY}`, role: 'ADMIN', jurisdictionId: city.id });

    // The city draws covertly (暗查暗访) and has not inspected yet.
    const task = (await demo.gql(Q.createTask, { j: CITY, input: { ...TASK_INPUT, title: '2026年市级暗查暗访', covert: true, size: 50 } }, cityToken)).data.createTask;
    expect(task?.id, JSON.stringify(task)).toBeTruthy();
    cityTaskId = task.id;
    const locked = (await demo.gql(Q.lock, { t: task.id }, cityToken)).data.lockTask;
    expect(locked?.id, JSON.stringify(locked)).toBeTruthy();
    const drawn = (await demo.gql(Q.draw, { d: locked.id }, cityToken)).data.drawTask;
    expect(drawn.__typename, JSON.stringify(drawn)).toBe('Draw');
    const cityPicks = (drawn.picks as { uscc: string }[]).map((p) => p.uscc);
    covertInDistrict = cityPicks.filter((u) => districtUsccs.has(u));
    covertOutside = cityPicks.filter((u) => !districtUsccs.has(u));
    expect(covertInDistrict.length).toBeGreaterThan(0);
    expect(covertOutside.length).toBeGreaterThan(0);

    // The district's public draw, announced.
    const dTask = (await demo.gql(Q.createTask, { j: DEMO, input: { ...TASK_INPUT, size: 8 } }, demo.tokens.PLANNER)).data.createTask;
    const dLocked = (await demo.gql(Q.lock, { t: dTask.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    expect(dLocked?.id, JSON.stringify(dLocked)).toBeTruthy();
    districtDrawId = raw(dLocked.id);
    districtTaskId = raw(dTask.id);
    const dDrawn = (await demo.gql(Q.draw, { d: dLocked.id }, demo.tokens.DRAW_OFFICER)).data.drawTask;
    expect(dDrawn.__typename, JSON.stringify(dDrawn)).toBe('Draw');
    districtPicks = (dDrawn.picks as { uscc: string }[]).map((p) => p.uscc);
    for (const s of ['DISPATCH', 'ANNOUNCE']) expect((await demo.gql(Q.advance, { t: dTask.id, s }, demo.tokens.DRAW_OFFICER)).data.advanceTask.__typename).toBe('Task');
  }, 240_000);
  afterAll(async () => {
    await demo?.app.stop();
    await demo?.db.close();
  });

  const leaks = (text: string) => covertInDistrict.filter((u) => text.includes(u));

  it("holds only the district's own enterprises in its snapshot: none of the city's picks outside its directory", async () => {
    const row = await demo.db.prisma.draw.findUniqueOrThrow({ where: { id: districtDrawId } });
    const text = JSON.stringify(row.snapshot);
    expect(covertOutside.filter((u) => text.includes(u))).toEqual([]);
    // The covert picks it does hold are sealed, not listed.
    const snapshot = row.snapshot as unknown as DrawSnapshot;
    expect(snapshot.history.upperLevelDrawn).toEqual([]);
    expect(snapshot.history.upperLevelSealed).toEqual([{ commitment: expect.stringMatching(/^[0-9a-f]{64}$/), draw: expect.any(String), jurisdiction: CITY, level: 'CITY' }]);
    expect(leaks(beyondDirectory(snapshot))).toEqual([]);
  });

  it("reveals none of the city's covert picks while its task is open: export, GraphQL draw and task fields, verification", async () => {
    for (const token of [undefined, demo.tokens.ADMIN]) {
      const exported = await exportAs(token);
      expect(exported.format).toBe('double-random/draw-export/v2');
      expect(exported.openings).toEqual([]);
      expect(exported.record).not.toHaveProperty('excluded');
      expect(exported.record).not.toHaveProperty('strata');
      expect(leaks(beyondDirectory(exported))).toEqual([]);
      const fields = await demo.gql(DRAW_FIELDS, { id: Buffer.from(`Draw:${districtDrawId}`).toString('base64') }, token);
      expect(fields.errors).toBeUndefined();
      expect(fields.data.node.export.format).toBe('double-random/draw-export/v2');
      expect(leaks(beyondDirectory(fields))).toEqual([]);
      expect(fields.data.node.verification).toMatchObject({ matches: false, status: 'PENDING', differences: [] });
    }
  });

  it('before the opening, verification reports the sealed part as pending: not verified, not failed', async () => {
    const exported = await exportAs();
    const local = verifyDraw(exported, NODE_DRAW_PORTS);
    expect(verificationStatus(local)).toBe('PENDING');
    expect(local.matches).toBe(false);
    expect(local.differences).toEqual([]);
    const remote = (await demo.gql(VERIFY, { d: exported })).data.verifyDraw;
    expect(remote).toMatchObject({ matches: false, status: 'PENDING', differences: [] });
    expect(remote.checked).toContain('名录快照哈希，含封存承诺（record.snapshotHash）');
    expect(remote.pending.map((p: { path: string }) => p.path)).toContain('record.picks');
    expect(remote.summary).toContain('市级（411300）');
    expect(leaks(JSON.stringify(remote))).toEqual([]);
    // A pick the public inputs keep out can never be right: still found before the opening.
    const closedOne = exported.snapshot.enterprises.find((e) => e.operatingStatus === 'CLOSED')!;
    const forged = { ...exported, record: { ...exported.record, picks: exported.record.picks.map((p, i) => (i === 0 ? { ...p, uscc: closedOne.uscc } : p)) } };
    const caught = verifyDraw(forged, NODE_DRAW_PORTS);
    expect(verificationStatus(caught)).toBe('MISMATCH');
    expect(caught.differences.map((d) => d.path)).toEqual(['record.picks[0].uscc']);
  });

  it('explains a covert pick exactly as any other candidate the public reasons do not keep out', async () => {
    const exported = await exportAs();
    const explain = async (u: string) => (await demo.gql(EXPLAIN, { d: exported, u })).data.explainDrawCandidate;
    let plain = '';
    let other: { pending: boolean; summary: string } | undefined;
    for (const e of exported.snapshot.enterprises) {
      if (covertInDistrict.includes(e.uscc) || districtPicks.includes(e.uscc)) continue;
      other = await explain((plain = e.uscc));
      if (other!.pending) break;
    }
    expect(other!.pending).toBe(true);
    for (const u of covertInDistrict) {
      const answer = await explain(u);
      if (answer.pending) {
        expect({ ...answer, uscc: '', summary: answer.summary.replace(u, '') }).toEqual({ ...other, uscc: '', summary: other!.summary.replace(plain, '') });
        expect(answer).toMatchObject({ inPool: null, chance: null, reasons: [] });
      } else {
        // Left out for a public reason (closed, out of scope…): never for the upper level's draw.
        expect(answer.inPool).toBe(false);
      }
      expect(JSON.stringify(answer.reasons)).not.toMatch(/upper-level|UPPER_LEVEL/);
      expect(answer.summary).not.toMatch(/UPPER_LEVEL|drawn by/);
    }
  });

  it("shows none of them on the portal, in the feed or in the live draw's events", async () => {
    for (const path of [`/j/${DEMO}`, `/j/${DEMO}/draws/${districtTaskId}`, `/j/${DEMO}/feed.atom`, `/j/${CITY}`, `/j/${CITY}/feed.atom`]) {
      const page = await (await demo.app.fetch(new Request(`http://test${path}`))).text();
      expect(leaks(page), path).toEqual([]);
    }
    expect(await (await demo.app.fetch(new Request(`http://test/j/${DEMO}/draws/${districtTaskId}`))).text()).toContain(districtPicks[0]!);
    const events = await sse(`${base}/graphql`, EVENTS, { d: Buffer.from(`Draw:${districtDrawId}`).toString('base64') });
    expect(events.at(-1)!.drawEvents).toMatchObject({ __typename: 'DrawCompleted', verified: false, status: 'PENDING', differences: [] });
    expect(leaks(JSON.stringify(events))).toEqual([]);
  });

  it('shows the opened form to the city, whose covert task it is, and not to the district', async () => {
    const forCity = await exportAs(cityToken);
    expect(forCity.openings).toHaveLength(1);
    expect(verifyDraw(forCity, NODE_DRAW_PORTS)).toEqual({ matches: true, differences: [] });
    expect((await exportAs(demo.tokens.ADMIN)).openings).toEqual([]);
  });

  it("takes no upper-level picks at all for a pack that does not exclude them: a v1 draw, verified at once", async () => {
    const district = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    const switched = await switchRulePack(demo.db.prisma, demo.packs, { jurisdictionId: district.id, packId: 'wolong', actor: 'test', onDate: '2026-03-03' });
    expect(switched.ok, JSON.stringify(switched)).toBe(true);
    const task = (await demo.gql(Q.createTask, { j: DEMO, input: { ...TASK_INPUT, size: 5 } }, demo.tokens.PLANNER)).data.createTask;
    const locked = (await demo.gql(Q.lock, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    expect((await demo.gql(Q.draw, { d: locked.id }, demo.tokens.DRAW_OFFICER)).data.drawTask.__typename).toBe('Draw');
    const row = await demo.db.prisma.draw.findUniqueOrThrow({ where: { id: raw(locked.id) } });
    expect((row.snapshot as unknown as DrawSnapshot).history).not.toHaveProperty('upperLevelSealed');
    expect((row.snapshot as unknown as DrawSnapshot).history.upperLevelDrawn).toEqual([]);
    const exported = await (await demo.app.fetch(new Request(`http://test/draws/${raw(locked.id)}/export.json`))).json();
    expect(exported.format).toBe('double-random/draw-export/v1');
    expect(verifyDraw(exported, NODE_DRAW_PORTS)).toEqual({ matches: true, differences: [] });
  });

  it("after the city's covert task closes, the district's export opens and verifies fully, its picks exactly what the exclusion implies", async () => {
    for (const s of ['DISPATCH', 'START_INSPECTION', 'CLOSE']) expect((await demo.gql(Q.advance, { t: cityTaskId, s }, cityToken)).data.advanceTask.__typename).toBe('Task');
    const exported = await exportAs();
    expect(exported.format).toBe('double-random/draw-export/v2');
    expect(exported.openings).toHaveLength(1);
    const opened = exported.openings![0]!;
    expect(opened.uscc).toEqual([...covertInDistrict].sort());
    expect(verifyDraw(exported, NODE_DRAW_PORTS)).toEqual({ matches: true, differences: [] });
    expect((await demo.gql(VERIFY, { d: exported })).data.verifyDraw).toMatchObject({ matches: true, status: 'VERIFIED', differences: [], pending: [] });
    const record = exported.record as DrawRecord;
    expect(districtPicks.filter((u) => covertInDistrict.includes(u))).toEqual([]);
    const upper = record.excluded.filter((x) => x.reasons.some((r) => r.messageId === 'UPPER_LEVEL_DRAWN')).map((x) => x.uscc);
    expect(upper.sort()).toEqual([...covertInDistrict].sort());
    // The held draw's own verification follows the opening (its cache is keyed by the seals' state).
    const fields = await demo.gql(DRAW_FIELDS, { id: Buffer.from(`Draw:${districtDrawId}`).toString('base64') });
    expect(fields.data.node.verification).toMatchObject({ matches: true, status: 'VERIFIED', differences: [], pending: [] });
    // Now public, the reason is told.
    const explained = (await demo.gql(EXPLAIN, { d: exported, u: covertInDistrict[0] })).data.explainDrawCandidate;
    expect(explained.inPool).toBe(false);
    expect(explained.reasons.join()).toContain('第十五条');
  });

  it('refuses a tampered opening: a wrong salt or a wrong list never opens the seal', async () => {
    const exported = await exportAs();
    const opening = exported.openings![0]!;
    const salted = { ...exported, openings: [{ ...opening, salt: 'ab'.repeat(32) }] };
    const shortened = { ...exported, openings: [{ ...opening, uscc: opening.uscc.slice(1) }] };
    const padded = { ...exported, openings: [{ ...opening, uscc: [...opening.uscc, exported.snapshot.enterprises.find((e) => !opening.uscc.includes(e.uscc))!.uscc].sort() }] };
    for (const tampered of [salted, shortened, padded]) {
      const v = verifyDraw(tampered, NODE_DRAW_PORTS);
      expect(verificationStatus(v)).toBe('MISMATCH');
      expect(v.differences).toEqual([expect.objectContaining({ path: 'openings[0]', actual: expect.stringContaining('名单或盐值与承诺不符') })]);
      const explained = await demo.gql(EXPLAIN, { d: tampered, u: opening.uscc[0] });
      expect(explained.errors?.[0]?.extensions?.code).toBe('INVALID_OPENING');
    }
  });
});

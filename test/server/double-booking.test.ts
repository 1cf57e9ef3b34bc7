import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/server/auth/tokens.ts';
import { switchRulePack } from '../../src/server/rulepacks/switch-rule-pack.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, NEIGHBOUR, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';

const CREATE_TASK = `mutation($j: String!, $input: TaskInput!) { createTask(jurisdiction: $j, input: $input) { __typename ... on Task { id } ... on Error { message } } }`;
const LOCK = `mutation($t: ID!) { lockTask(task: $t) { __typename ... on Draw { id } ... on Error { message } } }`;
const DRAW = `mutation($d: ID!) { drawTask(draw: $d) { __typename ... on Draw { id } ... on Error { message } } }`;
const ADVANCE = `mutation($t: ID!) { advanceTask(id: $t, step: DISPATCH) { __typename ... on Task { status } ... on Error { message } ... on RuleError { code clause } } }`;
const REPLACE = `mutation($d: ID!, $o: Int!, $i: String!) { replaceInspector(draw: $d, pickOrder: $o, inspector: $i, reason: "工作冲突", approvedBy: "任务执行单位") {
  __typename ... on TeamReplacement { incoming { id } } ... on Error { message } } }`;

/** The database id behind a GraphQL global id (base64 of Type:id). */
const raw = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;

describe.each(TEST_DATABASES)('a pooled inspector is never booked in two jurisdictions’ teams for the same day ($name)', (database) => {
  let demo: DemoCounty;
  let neighbour: { planner: string; officer: string };
  let pooled: string[] = [];
  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { enterprises: 30, pooling: true });
    const [county, next] = await Promise.all([DEMO, NEIGHBOUR].map((code) => demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code } })));
    // The neighbour (宛城区) gets a few of the demo's enterprises and checklist items, and the same pack.
    const enterprises = await demo.db.prisma.enterprise.findMany({ where: { jurisdictionId: county!.id }, take: 5, orderBy: { uscc: 'asc' } });
    await demo.db.prisma.enterprise.createMany({ data: enterprises.map(({ id: _id, createdAt: _c, updatedAt: _u, ...e }) => ({ ...e, jurisdictionId: next!.id })) });
    const items = await demo.db.prisma.checklistItem.findMany({ where: { jurisdictionId: county!.id, parentId: null } });
    await demo.db.prisma.checklistItem.createMany({ data: items.map(({ id: _id, createdAt: _c, updatedAt: _u, extra, ...c }) => ({ ...c, extra: extra ?? {}, jurisdictionId: next!.id })) });
    const sectors = [...new Set((await demo.db.prisma.enterprise.findMany({ where: { jurisdictionId: county!.id }, select: { sector: true } })).map((e) => e.sector))];
    // Every team of either county comes from four of the neighbour's inspectors, who enforce in every sector.
    await demo.db.prisma.inspector.updateMany({ where: { jurisdictionId: county!.id }, data: { active: false } });
    const theirs = await demo.db.prisma.inspector.findMany({ where: { jurisdictionId: next!.id }, orderBy: { certificateNumber: 'asc' } });
    await demo.db.prisma.inspector.updateMany({ where: { jurisdictionId: next!.id }, data: { domains: sectors } });
    await demo.db.prisma.inspector.updateMany({ where: { id: { in: theirs.slice(4).map((i) => i.id) } }, data: { active: false } });
    pooled = theirs.slice(0, 4).map((i) => i.id);
    const switched = await switchRulePack(demo.db.prisma, demo.packs, { jurisdictionId: next!.id, packId: 'wolong', actor: 'test', onDate: '2026-03-02' });
    expect(switched.ok, JSON.stringify(switched)).toBe(true);
    neighbour = {
      planner: await createApiToken(demo.db.prisma, { name: 'planner-411302', role: 'PLANNER', jurisdictionId: next!.id }),
      officer: await createApiToken(demo.db.prisma, { name: 'officer-411302', role: 'DRAW_OFFICER', jurisdictionId: next!.id }),
    };
  }, 120_000);
  afterAll(async () => demo?.db.close());

  const task = async (jurisdiction: string, planner: string, input: Record<string, unknown>) => {
    const created = (await demo.gql(CREATE_TASK, { j: jurisdiction, input: { ...TASK_INPUT, size: 1, ...input } }, planner)).data.createTask;
    expect(created.__typename, JSON.stringify(created)).toBe('Task');
    return created.id as string;
  };
  const lock = async (taskId: string, officer: string) => {
    const draw = (await demo.gql(LOCK, { t: taskId }, officer)).data.lockTask;
    expect(draw.__typename, JSON.stringify(draw)).toBe('Draw');
    return draw.id as string;
  };
  const draw = async (drawId: string, officer: string) => expect((await demo.gql(DRAW, { d: drawId }, officer)).data.drawTask.__typename).toBe('Draw');
  // The current team of every pick of a task's draw (leader and members, replacements applied).
  const teams = async (taskId: string) => {
    const { id: drawId } = await demo.db.prisma.draw.findUniqueOrThrow({ where: { taskId: raw(taskId) } });
    const picks = await demo.db.prisma.drawPick.findMany({ where: { drawId }, orderBy: { order: 'asc' } });
    const replacements = await demo.db.prisma.teamReplacement.findMany({ where: { drawId }, orderBy: { at: 'asc' } });
    return picks.map((p) => {
      let people = [p.leaderId, ...p.memberIds];
      for (const r of replacements.filter((x) => x.pickOrder === p.order)) people = people.map((id) => (id === r.outgoingId ? r.incomingId : id));
      return { order: p.order, people: [...new Set(people)] };
    });
  };

  it('leaves out of a lock’s pool the inspectors already on another jurisdiction’s team that day', async () => {
    const theirs = await task(NEIGHBOUR, neighbour.planner, { title: '宛城区三月十六日' });
    await draw(await lock(theirs, neighbour.officer), neighbour.officer);
    const booked = new Set((await teams(theirs)).flatMap((t) => t.people));
    expect(booked.size).toBeGreaterThanOrEqual(2);

    const ours = await task(DEMO, demo.tokens.PLANNER, { title: '卧龙区三月十六日' });
    const drawId = await lock(ours, demo.tokens.DRAW_OFFICER);
    const snapshot = (await demo.db.prisma.draw.findUniqueOrThrow({ where: { taskId: raw(ours) } })).snapshot as { inspectors: { id: string }[] };
    expect(snapshot.inspectors.map((i) => i.id).sort()).toEqual(pooled.filter((id) => !booked.has(id)).sort());
    await draw(drawId, demo.tokens.DRAW_OFFICER);
    expect((await teams(ours)).flatMap((t) => t.people).filter((id) => booked.has(id))).toEqual([]);
  });

  it('refuses to dispatch a later draw that shares an inspector with another jurisdiction’s earlier one that day, until replaced', async () => {
    // Three pooled inspectors left, both tasks locked before either is held: two teams of at
    // least two among three people share one.
    await demo.db.prisma.inspector.update({ where: { id: pooled[3]! }, data: { active: false } });
    const date = { inspectionDate: '2026-03-20' };
    const theirs = await task(NEIGHBOUR, neighbour.planner, { ...date, title: '宛城区三月二十日' });
    const ours = await task(DEMO, demo.tokens.PLANNER, { ...date, title: '卧龙区三月二十日' });
    const theirDraw = await lock(theirs, neighbour.officer);
    const ourDraw = await lock(ours, demo.tokens.DRAW_OFFICER);
    await draw(theirDraw, neighbour.officer);
    await draw(ourDraw, demo.tokens.DRAW_OFFICER);
    const booked = new Set((await teams(theirs)).flatMap((t) => t.people));
    const clashes = (await teams(ours)).flatMap((t) => t.people.filter((id) => booked.has(id)).map((id) => ({ order: t.order, id })));
    expect(clashes.length).toBeGreaterThan(0);

    const refused = (await demo.gql(ADVANCE, { t: ours }, demo.tokens.DRAW_OFFICER)).data.advanceTask;
    expect(refused).toMatchObject({ __typename: 'RuleError', code: 'DOUBLE_BOOKED', clause: expect.stringContaining('第十八条') });
    expect(refused.message).toContain('同日已在宛城区「宛城区三月二十日」的检查组中');
    // The earlier draw goes out as it is.
    expect((await demo.gql(ADVANCE, { t: theirs }, neighbour.officer)).data.advanceTask).toMatchObject({ status: 'DISPATCHED' });

    for (const clash of clashes) {
      const replaced = (await demo.gql(REPLACE, { d: ourDraw, o: clash.order, i: clash.id }, demo.tokens.DRAW_OFFICER)).data.replaceInspector;
      if (replaced.__typename !== 'TeamReplacement') {
        // No substitute is free that day: the refusal says so, and the task stays undispatched.
        expect(replaced.message).toContain('备选人员');
        expect((await demo.gql(ADVANCE, { t: ours }, demo.tokens.DRAW_OFFICER)).data.advanceTask.code).toBe('DOUBLE_BOOKED');
        return;
      }
      // A substitute booked there that day is passed over.
      expect(booked.has(replaced.incoming.id)).toBe(false);
    }
    expect((await demo.gql(ADVANCE, { t: ours }, demo.tokens.DRAW_OFFICER)).data.advanceTask).toMatchObject({ status: 'DISPATCHED' });
  });
});

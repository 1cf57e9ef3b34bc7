import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';

const CREATE_TASK = `mutation($input: TaskInput!) { createTask(jurisdiction: "${DEMO}", input: $input) { __typename ... on Task { id } ... on Error { message } } }`;
const LOCK = `mutation($t: ID!) { lockTask(task: $t) { __typename ... on Draw { id } ... on Error { message } } }`;
const DRAW = `mutation($d: ID!) { drawTask(draw: $d) { __typename ... on Draw { id } ... on Error { message } } }`;
const ADVANCE = `mutation($t: ID!) { advanceTask(id: $t, step: DISPATCH) { __typename ... on Task { status } ... on Error { message } ... on RuleError { code clause } } }`;
const REPLACE = `mutation($d: ID!, $o: Int!, $i: String!) { replaceInspector(draw: $d, pickOrder: $o, inspector: $i, reason: "工作冲突", approvedBy: "任务执行单位") {
  __typename ... on TeamReplacement { incoming { id } } ... on Error { message } } }`;

/** The database id behind a GraphQL global id (base64 of Type:id). */
const raw = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;

// The current team of every pick of a draw, straight from the database (leader and members, replacements applied).
async function teams(demo: DemoCounty, taskId: string): Promise<{ order: number; people: string[] }[]> {
  const { id: drawId } = await demo.db.prisma.draw.findUniqueOrThrow({ where: { taskId: raw(taskId) } });
  const picks = await demo.db.prisma.drawPick.findMany({ where: { drawId }, orderBy: { order: 'asc' } });
  const replacements = await demo.db.prisma.teamReplacement.findMany({ where: { drawId }, orderBy: { at: 'asc' } });
  return picks.map((p) => {
    let people = [p.leaderId, ...p.memberIds];
    for (const r of replacements.filter((x) => x.pickOrder === p.order)) people = people.map((id) => (id === r.outgoingId ? r.incomingId : id));
    return { order: p.order, people: [...new Set(people)] };
  });
}

describe.each(TEST_DATABASES)('an inspector is never booked on two teams for the same day ($name)', (database) => {
  let demo: DemoCounty;
  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { enterprises: 30, inspectors: 8, pooling: false });
    // Few inspectors, each enforcing in every sector of the directory: draws of the same day must reach for the same people.
    const jurisdiction = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    const sectors = [...new Set((await demo.db.prisma.enterprise.findMany({ where: { jurisdictionId: jurisdiction.id }, select: { sector: true } })).map((e) => e.sector))];
    const inspectors = await demo.db.prisma.inspector.findMany({ where: { jurisdictionId: jurisdiction.id }, orderBy: { certificateNumber: 'asc' } });
    await demo.db.prisma.inspector.updateMany({ where: { jurisdictionId: jurisdiction.id }, data: { domains: sectors } });
    await demo.db.prisma.inspector.updateMany({ where: { id: { in: inspectors.slice(4).map((i) => i.id) } }, data: { active: false } });
    keep = inspectors.slice(0, 4).map((i) => i.id);
  }, 120_000);
  let keep: string[] = [];
  afterAll(async () => demo?.db.close());

  const task = async (title: string, size: number) => {
    const created = (await demo.gql(CREATE_TASK, { input: { ...TASK_INPUT, title, size } }, demo.tokens.PLANNER)).data.createTask;
    expect(created.__typename, JSON.stringify(created)).toBe('Task');
    return created.id as string;
  };
  const lock = async (taskId: string) => {
    const draw = (await demo.gql(LOCK, { t: taskId }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    expect(draw.__typename, JSON.stringify(draw)).toBe('Draw');
    return draw.id as string;
  };
  const draw = async (drawId: string) => expect((await demo.gql(DRAW, { d: drawId }, demo.tokens.DRAW_OFFICER)).data.drawTask.__typename).toBe('Draw');

  it('leaves out of a new lock’s pool the inspectors already on a team that day', async () => {
    const firstTask = await task('同日第一项', 1);
    await draw(await lock(firstTask));
    const booked = new Set((await teams(demo, firstTask)).flatMap((t) => t.people));
    expect(booked.size).toBeGreaterThan(0);

    const secondTask = await task('同日第二项', 1);
    const second = await lock(secondTask);
    const snapshot = (await demo.db.prisma.draw.findUniqueOrThrow({ where: { taskId: raw(secondTask) } })).snapshot as { inspectors: { id: string }[] };
    expect(snapshot.inspectors.length).toBeGreaterThan(0);
    expect(snapshot.inspectors.filter((i) => booked.has(i.id))).toEqual([]);
    await draw(second);
    expect((await teams(demo, secondTask)).flatMap((t) => t.people).filter((id) => booked.has(id))).toEqual([]);
  });

  it('refuses to dispatch a later draw whose team shares an inspector with an earlier one that day, until replaced', async () => {
    // Three inspectors left; both locked before either is held: both pools hold all three, and
    // two teams of at least two among three people must share one.
    await demo.db.prisma.inspector.update({ where: { id: keep[3]! }, data: { active: false } });
    const date = { inspectionDate: '2026-03-20' };
    const created = async (title: string) => {
      const made = (await demo.gql(CREATE_TASK, { input: { ...TASK_INPUT, ...date, title, size: 1 } }, demo.tokens.PLANNER)).data.createTask;
      expect(made.__typename, JSON.stringify(made)).toBe('Task');
      return made.id as string;
    };
    const [earlierTask, laterTask] = [await created('三月二十日甲'), await created('三月二十日乙')];
    const earlier = await lock(earlierTask);
    const later = await lock(laterTask);
    await draw(earlier);
    await draw(later);
    const booked = new Set((await teams(demo, earlierTask)).flatMap((t) => t.people));
    const clashes = (await teams(demo, laterTask)).flatMap((t) => t.people.filter((id) => booked.has(id)).map((id) => ({ order: t.order, id })));
    expect(clashes.length).toBeGreaterThan(0);

    const refused = (await demo.gql(ADVANCE, { t: laterTask }, demo.tokens.DRAW_OFFICER)).data.advanceTask;
    expect(refused).toMatchObject({ __typename: 'RuleError', code: 'DOUBLE_BOOKED', clause: expect.stringContaining('第十八条') });
    expect(refused.message).toContain('三月二十日甲');
    expect(refused.message).toContain('同日已在');
    // The earlier draw dispatches as it is.
    expect((await demo.gql(ADVANCE, { t: earlierTask }, demo.tokens.DRAW_OFFICER)).data.advanceTask).toMatchObject({ status: 'DISPATCHED' });

    for (const clash of clashes) {
      const replaced = (await demo.gql(REPLACE, { d: later, o: clash.order, i: clash.id }, demo.tokens.DRAW_OFFICER)).data.replaceInspector;
      if (replaced.__typename !== 'TeamReplacement') {
        // Every substitute free that day is used up: the refusal says so, and the task cannot go out.
        expect(replaced.message).toContain('备选人员');
        return;
      }
      // A substitute booked elsewhere that day is passed over.
      expect(booked.has(replaced.incoming.id)).toBe(false);
    }
    expect((await demo.gql(ADVANCE, { t: laterTask }, demo.tokens.DRAW_OFFICER)).data.advanceTask).toMatchObject({ status: 'DISPATCHED' });
  });
});

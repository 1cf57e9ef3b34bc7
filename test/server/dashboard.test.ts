import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { DASHBOARD } from '../helpers/dashboard-query.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';

describe.each(TEST_DATABASES)('dashboard queries ($name)', (database) => {
  let demo: DemoCounty;
  beforeAll(async () => {
    demo = await demoCounty(await database.open());
    const plan = (await demo.gql(`mutation { createPlan(jurisdiction: "${DEMO}", year: 2026, title: "2026年度计划", doubleRandomCount: 40, otherCount: 10) { ... on Plan { id } } }`, {}, demo.tokens.PLANNER)).data.createPlan;
    for (let i = 0; i < 12; i++) {
      const task = (await demo.gql(`mutation($j: String!, $p: ID, $input: TaskInput!) { createTask(jurisdiction: $j, plan: $p, input: $input) { ... on Task { id } } }`, { j: DEMO, p: plan.id, input: { ...TASK_INPUT, size: 3, joint: i === 0, jointDepartments: i === 0 ? ['市场监管局'] : [] } }, demo.tokens.PLANNER)).data.createTask;
      const draw = (await demo.gql(`mutation($t: ID!) { lockTask(task: $t) { ... on Draw { id } } }`, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
      await demo.gql(`mutation($d: ID!) { drawTask(draw: $d) { __typename } }`, { d: draw.id }, demo.tokens.DRAW_OFFICER);
    }
  }, 120_000);
  afterAll(async () => demo?.db.close());

  it('a page of tasks with picks and teams costs the same number of SQL statements for 4 tasks or 12', async () => {
    const count = async (n: number) => {
      demo.db.queries.reset();
      const r = await demo.gql(DASHBOARD, { j: DEMO, n }, demo.tokens.AUDITOR);
      expect(r.errors).toBeUndefined();
      expect(r.data.jurisdiction.tasks.edges).toHaveLength(n);
      return demo.db.queries.count;
    };
    const small = await count(4);
    const large = await count(12);
    expect(large).toBe(small);
  });

  it("shows progress against the plan and the pack's requirements", async () => {
    const r = await demo.gql(DASHBOARD, { j: DEMO, n: 1 }, demo.tokens.AUDITOR);
    expect(r.data.jurisdiction.plans[0].progress).toEqual({ sharePercent: 80, drawnInspections: 36, otherInspections: 0, jointTasks: 1, jointRequired: 1, problems: [] });
    const first = r.data.jurisdiction.tasks.edges[0].node;
    expect(first.draw.picks).toHaveLength(3);
    expect(first.draw.picks[0].team.leader.name).toBeTruthy();
  });

  it("gives each task its own draw's picks, in drawn order, with the enterprise's name and the team's people, however many draws a page batches", async () => {
    const r = await demo.gql(
      `query($j: String!) { jurisdiction(code: $j) { tasks(first: 12) { edges { node { draw { id picks { order uscc enterpriseName team { leader { id kind } members { id } experts { id kind } substitutes { id } } } } } } } } }`,
      { j: DEMO }, demo.tokens.AUDITOR,
    );
    const draws = r.data.jurisdiction.tasks.edges.map((e: any) => e.node.draw);
    expect(draws).toHaveLength(12);
    for (const draw of draws) {
      const drawId = Buffer.from(draw.id, 'base64').toString().split(':')[1]!;
      const stored = await demo.db.prisma.drawPick.findMany({ where: { drawId }, orderBy: { order: 'asc' } });
      const names = new Map((await demo.db.prisma.enterprise.findMany({ where: { id: { in: stored.map((p) => p.enterpriseId!) } } })).map((e) => [e.id, e.name]));
      expect(draw.picks.map((p: any) => [p.order, p.uscc, p.enterpriseName])).toEqual(stored.map((p) => [p.order, p.uscc, names.get(p.enterpriseId!)]));
      expect(draw.picks.map((p: any) => ({ leader: p.team.leader.id, members: p.team.members.map((m: any) => m.id), experts: p.team.experts.map((x: any) => x.id), substitutes: p.team.substitutes.map((m: any) => m.id) }))).toEqual(
        stored.map((p) => ({ leader: p.leaderId, members: p.memberIds, experts: p.expertIds, substitutes: p.substituteIds })),
      );
      for (const p of draw.picks) {
        expect(p.team.leader.kind).toBe('INSPECTOR');
        for (const x of p.team.experts) expect(x.kind).toBe('EXPERT');
      }
    }
  });
});

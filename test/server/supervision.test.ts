import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { tokenFor } from '../helpers/app.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';

const CITY = '411300'; // 南阳市, above 卧龙区

const READ = `{ jurisdiction(code: "${DEMO}") {
  plans { id status }
  tasks(first: 10) { totalCount edges { node { id status } } }
  deadlines { __typename ... on JurisdictionDeadlinesSuccess { data { kind } } ... on Error { message } }
  inspectors(first: 1) { edges { node { idNumber phone } } } } }`;

describe.each(TEST_DATABASES)('the upper level supervises the levels below ($name)', (database) => {
  let demo: DemoCounty;
  let city: string;
  let planId: string;
  let taskId: string;
  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { enterprises: 30 });
    city = await tokenFor(demo.db, CITY, 'PLANNER');
    const plan = await demo.gql(`mutation { createPlan(jurisdiction: "${DEMO}", year: 2026, title: "2026年度计划", doubleRandomCount: 40, otherCount: 10) { __typename ... on Plan { id } } }`, {}, demo.tokens.PLANNER);
    planId = plan.data.createPlan.id;
    const task = await demo.gql(`mutation($input: TaskInput!) { createTask(jurisdiction: "${DEMO}", input: $input) { __typename ... on Task { id } } }`, { input: TASK_INPUT }, demo.tokens.PLANNER);
    taskId = task.data.createTask.id;
  }, 120_000);
  afterAll(async () => demo?.db.close());

  it("a city's members read its district's draft plans, draft tasks and deadlines, with personal data masked", async () => {
    const read = await demo.gql(READ, {}, city);
    expect(read.errors).toBeUndefined();
    const j = read.data.jurisdiction;
    expect(j.plans).toEqual([{ id: planId, status: 'DRAFT' }]);
    expect(j.tasks.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([taskId]);
    expect(j.deadlines.__typename).toBe('JurisdictionDeadlinesSuccess');
    expect(j.inspectors.edges[0].node.idNumber).toContain('*');
    expect((await demo.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: taskId }, city)).data.node).toEqual({ id: taskId });
  });

  it('a neighbour at the same level reads none of it', async () => {
    const read = (await demo.gql(READ, {}, demo.tokens.neighbourAdmin)).data.jurisdiction;
    expect(read.plans).toEqual([]);
    expect(read.tasks.totalCount).toBe(0);
    expect(read.deadlines.__typename).toBe('ForbiddenError');
  });

  it('the city changes nothing of the district: its plans and tasks keep to their own members', async () => {
    const cityAdmin = await tokenFor(demo.db, CITY, 'ADMIN');
    for (const token of [city, cityAdmin]) {
      const task = await demo.gql(`mutation($id: ID!) { updateTask(id: $id, changes: { title: "改" }) { __typename } }`, { id: taskId }, token);
      expect(task.data.updateTask.__typename).toBe('ForbiddenError');
      const plan = await demo.gql(`mutation($id: ID!) { updatePlan(id: $id, changes: { title: "改" }) { __typename } }`, { id: planId }, token);
      expect(plan.data.updatePlan.__typename).toBe('ForbiddenError');
      const created = await demo.gql(`mutation($input: TaskInput!) { createTask(jurisdiction: "${DEMO}", input: $input) { __typename } }`, { input: TASK_INPUT }, token);
      expect(created.data.createTask.__typename).toBe('ForbiddenError');
    }
    const after = await demo.gql(`query($id: ID!) { node(id: $id) { ... on Task { title } } }`, { id: taskId }, demo.tokens.PLANNER);
    expect(after.data.node.title).toBe(TASK_INPUT.title);
  });
});

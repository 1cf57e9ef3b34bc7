import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';
import { Q } from '../helpers/results-flow.ts';

const CREATE_TASK = `mutation($input: TaskInput!) { createTask(jurisdiction: "${DEMO}", input: $input) { __typename ... on Task { id } ... on Error { message } } }`;
const LOCK = `mutation($t: ID!) { lockTask(task: $t) { __typename ... on Draw { id } ... on Error { message } ... on RuleError { code clause } } }`;
const TALLY = `{ jurisdiction(code: "${DEMO}") { checklistItemTally(year: 2026) { code ratioText frequencyLabel objects tasks inspections inspected sharePercent ratioNeeded ratioMet frequencyMet periods { from to inspections ended } } } }`;
const ITEM = `mutation($i: ChecklistItemInput!) { createChecklistItem(jurisdiction: "${DEMO}", input: $i) { __typename ... on ChecklistItem { code ratioPercent ratioMinimum frequencyPeriod } ... on Error { message } } }`;

describe('a task drawn for checklist items honours their 抽查比例 (issue 20, 2)', () => {
  let demo: DemoCounty;
  beforeAll(async () => {
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), { enterprises: 60 });
  }, 120_000);
  afterAll(async () => demo?.db.close());

  it('refuses the lock when the task draws fewer than ceil(ratio × the item’s objects), naming the item and the numbers; a task large enough locks', async () => {
    // An item for every enterprise, "不低于10%" of them.
    const item = (await demo.gql(ITEM, { i: { code: 'R1', name: '安全生产综合检查', ratioText: '不低于10%', frequencyText: '每年一次' } }, demo.tokens.PLANNER)).data.createChecklistItem;
    expect(item).toEqual({ __typename: 'ChecklistItem', code: 'R1', ratioPercent: 10, ratioMinimum: true, frequencyPeriod: 'year' });
    const jurisdiction = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    const pool = await demo.db.prisma.enterprise.count({ where: { jurisdictionId: jurisdiction.id, active: true } });
    expect(pool).toBeGreaterThan(50);

    const small = (await demo.gql(CREATE_TASK, { input: { ...TASK_INPUT, size: 3, checklistCodes: ['R1'] } }, demo.tokens.PLANNER)).data.createTask;
    const refused = (await demo.gql(LOCK, { t: small.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    expect(refused).toMatchObject({ __typename: 'RuleError', code: 'RULE', clause: '抽查事项清单 R1 抽查比例' });
    expect(refused.message).toMatch(/抽查事项「安全生产综合检查」（R1）抽查比例“不低于10%”：抽查对象 \d+ 家，至少应抽 \d+ 家，本任务只抽 3 家/);
    expect(await demo.db.prisma.draw.count()).toBe(0);

    // The same item without a task naming it: no check. A task large enough: locked.
    const unnamed = (await demo.gql(CREATE_TASK, { input: { ...TASK_INPUT, size: 3 } }, demo.tokens.PLANNER)).data.createTask;
    expect((await demo.gql(LOCK, { t: unnamed.id }, demo.tokens.DRAW_OFFICER)).data.lockTask.__typename).toBe('Draw');
    // The lock counts the item's objects in the pool (after exclusions); the tally, in the directory.
    const inPool = Number(/抽查对象 (\d+) 家/.exec(refused.message)![1]);
    const objects = pool;
    expect(inPool).toBeLessThanOrEqual(objects);
    const big = (await demo.gql(CREATE_TASK, { input: { ...TASK_INPUT, size: Math.ceil(objects / 10), checklistCodes: ['R1'] } }, demo.tokens.PLANNER)).data.createTask;
    const draw = (await demo.gql(LOCK, { t: big.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    expect(draw.__typename).toBe('Draw');

    // The year's tally: before the draw nothing was inspected; after it, the ratio is met.
    const before = (await demo.gql(TALLY, {}, demo.tokens.PLANNER)).data.jurisdiction.checklistItemTally;
    expect(before).toEqual([expect.objectContaining({ code: 'R1', ratioText: '不低于10%', frequencyLabel: '每年', objects, tasks: 0, inspections: 0, inspected: 0, ratioNeeded: Math.ceil(objects / 10), ratioMet: false })]);
    const drawn = (await demo.gql(Q.draw, { d: draw.id }, demo.tokens.DRAW_OFFICER)).data.drawTask;
    expect(drawn.__typename, JSON.stringify(drawn)).toBe('Draw');
    // The task was drawn for R1; its picks count for it (the pack gives no items per inspection).
    expect(drawn.picks).toHaveLength(Math.ceil(objects / 10));
    const [after] = (await demo.gql(TALLY, {}, demo.tokens.PLANNER)).data.jurisdiction.checklistItemTally;
    expect(after).toMatchObject({ tasks: 1, inspections: Math.ceil(objects / 10), inspected: Math.ceil(objects / 10), ratioMet: true, periods: [{ from: '2026-01-01', to: '2026-12-31', inspections: Math.ceil(objects / 10) }] });
    expect(after.sharePercent).toBeGreaterThanOrEqual(10);
    // Outsiders are told nothing.
    expect((await demo.gql(TALLY, {})).data.jurisdiction.checklistItemTally).toBeNull();
  });
});

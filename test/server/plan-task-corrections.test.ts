import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/server/auth/viewer.ts';
import { advanceTask } from '../../src/server/tasks/tasks.ts';
import { TEST_DATABASES, type TestDb } from '../helpers/databases.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';
import { servicesOf } from '../helpers/services.ts';

// 黑龙江某县's pack: a 30% double-random share (二(五)) and no announcement rule of its own.
const PACK = 'heilongjiang-county';

const PLAN = `__typename ... on Plan { id year title status doubleRandomCount otherCount withdrawnAt withdrawalReason
  amendments { seq reason amendedBy changes { field from to } } }
  ... on Error { message } ... on RuleError { code clause } ... on ValidationError { issues { field message } }`;
const CREATE_PLAN = `mutation($y: Int!, $d: Int!, $o: Int!) { createPlan(jurisdiction: "${DEMO}", year: $y, title: "年度计划", doubleRandomCount: $d, otherCount: $o) { ${PLAN} } }`;
const UPDATE_PLAN = `mutation($id: ID!, $c: PlanChanges!) { updatePlan(id: $id, changes: $c) { ${PLAN} } }`;
const WITHDRAW_PLAN = `mutation($id: ID!, $r: String!) { withdrawPlan(id: $id, reason: $r) { ${PLAN} } }`;
const PUBLISH_PLAN = `mutation($id: ID!) { publishPlan(id: $id) { ${PLAN} } }`;
const AMEND_PLAN = `mutation($id: ID!, $c: PlanAmendmentChanges!, $r: String!) { amendPlan(id: $id, changes: $c, reason: $r) { ${PLAN} } }`;
const PROGRESS = `query($id: ID!) { node(id: $id) { ... on Plan { progress { jointTasks scheduledInspections cancelledTasks } tasks { id status } } } }`;
const TASK = `__typename ... on Task { id status cancelledFrom cancellationReason cancelledAt } ... on Error { message } ... on RuleError { code clause } ... on ValidationError { issues { field message } }`;
const CREATE_TASK = `mutation($input: TaskInput!, $p: ID) { createTask(jurisdiction: "${DEMO}", plan: $p, input: $input) { ${TASK} } }`;
const CANCEL = `mutation($t: ID!, $r: String!) { cancelTask(id: $t, reason: $r) { ${TASK} } }`;
const LOCK = `mutation($t: ID!) { lockTask(task: $t) { __typename ... on Draw { id } ... on Error { message } } }`;
const DRAW = `mutation($d: ID!) { drawTask(draw: $d) { __typename ... on Draw { id } ... on Error { message } ... on RuleError { code } } }`;
const ADVANCE = `mutation($t: ID!, $s: TaskStep!) { advanceTask(id: $t, step: $s) { __typename ... on Task { status } ... on Error { message } ... on RuleError { code clause } } }`;
const CONTRIBUTE = `mutation($d: ID!) { contributeEntropy(draw: $d, value: "观众") { __typename ... on Error { message } ... on RuleError { code } } }`;
const NODE_TASK = `query($id: ID!) { node(id: $id) { ... on Task { status cancelledFrom cancellationReason } } }`;

const EVENTS = `subscription($d: ID!) { drawEvents(draw: $d) { __typename ... on DrawCancelled { reason } } }`;

const rawId = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;

describe.each(TEST_DATABASES)('plans and tasks a bureau can correct ($name)', (database) => {
  let demo: DemoCounty;
  let db: TestDb;
  let countyId: string;
  beforeAll(async () => {
    db = await database.open();
    demo = await demoCounty(db, { pack: PACK });
    countyId = (await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } })).id;
  }, 120_000);
  afterAll(async () => demo?.db.close());

  const createTask = async (input: Record<string, unknown> = {}, plan?: string) => (await demo.gql(CREATE_TASK, { input: { ...TASK_INPUT, ...input }, p: plan ?? null }, demo.tokens.PLANNER)).data.createTask;
  const lock = async (taskId: string) => (await demo.gql(LOCK, { t: taskId }, demo.tokens.DRAW_OFFICER)).data.lockTask;
  const drawn = async (input: Record<string, unknown> = {}) => {
    const task = await createTask(input);
    const draw = await lock(task.id);
    expect((await demo.gql(DRAW, { d: draw.id }, demo.tokens.DRAW_OFFICER)).data.drawTask.__typename).toBe('Draw');
    return task;
  };
  /** A draw's live events for the public, as server-sent events, until the subscription ends. */
  const liveEvents = async (drawId: string) => {
    const response = await demo.app.fetch(new Request('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify({ query: EVENTS, variables: { d: drawId } }) }));
    const text = await response.text();
    return text.split('\n\n').filter((b) => b.split('\n').includes('event: next')).map((b) => JSON.parse(b.split('\n').find((l) => l.startsWith('data: '))!.slice(6)).data.drawEvents);
  };
  const auditOf = (subject: string, action: string) => demo.db.prisma.auditEntry.findMany({ where: { jurisdictionId: countyId, subjectId: rawId(subject), action } });

  it('6a: refuses to start an inspection before its window opens, naming the day it may start', async () => {
    const task = await drawn({ windowStart: '2026-12-10', windowEnd: '2026-12-31', inspectionDate: '2026-12-15' });
    expect((await demo.gql(ADVANCE, { t: task.id, s: 'DISPATCH' }, demo.tokens.DRAW_OFFICER)).data.advanceTask.status).toBe('DISPATCHED');
    const services = await servicesOf(demo.db);
    const inspector: Viewer = { kind: 'token', tokenId: 't', name: 'inspector', role: 'INSPECTOR', jurisdictionId: countyId };
    const early = await advanceTask(services, inspector, rawId(task.id), 'START_INSPECTION', '2026-12-09');
    expect(early).toMatchObject({ ok: false, error: { code: 'WINDOW_NOT_OPEN' } });
    expect(early.ok ? '' : early.error.message).toContain('最早2026-12-10开始检查');
    expect((await demo.db.prisma.inspectionTask.findUniqueOrThrow({ where: { id: rawId(task.id) } })).status).toBe('DISPATCHED');
    expect(await advanceTask(services, inspector, rawId(task.id), 'START_INSPECTION', '2026-12-10')).toMatchObject({ ok: true, value: { status: 'INSPECTING' } });
  });

  it('6b: refuses to announce a covert task under a pack that keeps covert checks secret by the platform default', async () => {
    const task = await drawn({ covert: true });
    await demo.gql(ADVANCE, { t: task.id, s: 'DISPATCH' }, demo.tokens.DRAW_OFFICER);
    const refused = (await demo.gql(ADVANCE, { t: task.id, s: 'ANNOUNCE' }, demo.tokens.DRAW_OFFICER)).data.advanceTask;
    expect(refused).toMatchObject({ __typename: 'RuleError', code: 'RULE', clause: null });
    expect(refused.message).toContain('暗查暗访任务不公告');
    const row = await demo.db.prisma.inspectionTask.findUniqueOrThrow({ where: { id: rawId(task.id) } });
    expect([row.status, row.announcedOn]).toEqual(['DISPATCHED', null]);
    expect((await demo.gql(ADVANCE, { t: task.id, s: 'START_INSPECTION' }, demo.tokens.INSPECTOR)).data.advanceTask.status).toBe('INSPECTING');
  });

  it('6c: a draft plan refused at publication is edited and published; a withdrawn draft no longer blocks its year', async () => {
    const plan = (await demo.gql(CREATE_PLAN, { y: 2026, d: 20, o: 80 }, demo.tokens.PLANNER)).data.createPlan;
    const refused = (await demo.gql(PUBLISH_PLAN, { id: plan.id }, demo.tokens.PLANNER)).data.publishPlan;
    expect(refused).toMatchObject({ __typename: 'RuleError', code: 'RULE', clause: '二(五)' });
    expect((await demo.gql(CREATE_PLAN, { y: 2026, d: 40, o: 60 }, demo.tokens.PLANNER)).data.createPlan).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'year' }] });

    expect((await demo.gql(UPDATE_PLAN, { id: plan.id, c: { doubleRandomCount: -1 } }, demo.tokens.PLANNER)).data.updatePlan).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'doubleRandomCount' }] });
    expect((await demo.gql(UPDATE_PLAN, { id: plan.id, c: { title: 'x' } }, demo.tokens.DRAW_OFFICER)).data.updatePlan.__typename).toBe('ForbiddenError');
    const edited = (await demo.gql(UPDATE_PLAN, { id: plan.id, c: { doubleRandomCount: 40, otherCount: 60, title: '2026年度双随机抽查计划' } }, demo.tokens.PLANNER)).data.updatePlan;
    expect(edited).toMatchObject({ __typename: 'Plan', status: 'DRAFT', doubleRandomCount: 40, otherCount: 60, title: '2026年度双随机抽查计划' });
    const [updated] = await auditOf(plan.id, 'plan.updated');
    expect(updated).toMatchObject({ actor: 'token:planner-411303', payload: { changes: expect.arrayContaining([{ field: 'doubleRandomCount', from: 20, to: 40 }]) } });
    expect((await demo.gql(PUBLISH_PLAN, { id: plan.id }, demo.tokens.PLANNER)).data.publishPlan).toMatchObject({ __typename: 'Plan', status: 'PUBLISHED' });
    expect((await demo.gql(UPDATE_PLAN, { id: plan.id, c: { title: 'x' } }, demo.tokens.PLANNER)).data.updatePlan).toMatchObject({ __typename: 'RuleError', code: 'BAD_STATE' });
    expect((await demo.gql(WITHDRAW_PLAN, { id: plan.id, r: '重新编制' }, demo.tokens.PLANNER)).data.withdrawPlan).toMatchObject({ __typename: 'RuleError', code: 'BAD_STATE' });

    // 2027: a draft given up, with a task under it that is cancelled first.
    const first = (await demo.gql(CREATE_PLAN, { y: 2027, d: 10, o: 90 }, demo.tokens.PLANNER)).data.createPlan;
    const task = await createTask({ windowStart: '2027-03-01', windowEnd: '2027-03-31', inspectionDate: '2027-03-16' }, first.id);
    expect(task.__typename).toBe('Task');
    expect((await demo.gql(WITHDRAW_PLAN, { id: first.id, r: '  ' }, demo.tokens.PLANNER)).data.withdrawPlan).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'reason' }] });
    const blocked = (await demo.gql(WITHDRAW_PLAN, { id: first.id, r: '比例不足，重新编制' }, demo.tokens.PLANNER)).data.withdrawPlan;
    expect(blocked).toMatchObject({ __typename: 'RuleError', code: 'BAD_STATE' });
    expect(blocked.message).toContain('1 个未取消的任务');
    expect((await demo.gql(CANCEL, { t: task.id, r: '随计划撤回' }, demo.tokens.PLANNER)).data.cancelTask.status).toBe('CANCELLED');
    const withdrawn = (await demo.gql(WITHDRAW_PLAN, { id: first.id, r: '比例不足，重新编制' }, demo.tokens.PLANNER)).data.withdrawPlan;
    expect(withdrawn).toMatchObject({ __typename: 'Plan', status: 'WITHDRAWN', withdrawalReason: '比例不足，重新编制' });
    expect(withdrawn.withdrawnAt).toBeTruthy();
    expect(await auditOf(first.id, 'plan.withdrawn')).toMatchObject([{ actor: 'token:planner-411303', payload: { year: 2027, reason: '比例不足，重新编制' } }]);
    expect((await demo.gql(UPDATE_PLAN, { id: first.id, c: { doubleRandomCount: 40 } }, demo.tokens.PLANNER)).data.updatePlan).toMatchObject({ __typename: 'RuleError', code: 'BAD_STATE' });
    expect((await demo.gql(PUBLISH_PLAN, { id: first.id }, demo.tokens.PLANNER)).data.publishPlan).toMatchObject({ __typename: 'RuleError', code: 'BAD_STATE' });
    expect((await createTask({ windowStart: '2027-03-01', windowEnd: '2027-03-31', inspectionDate: '2027-03-16' }, first.id))).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'plan' }] });
    const second = (await demo.gql(CREATE_PLAN, { y: 2027, d: 40, o: 60 }, demo.tokens.PLANNER)).data.createPlan;
    expect(second).toMatchObject({ __typename: 'Plan', status: 'DRAFT', year: 2027 });
    // Moving a draft to a year that has its plan is refused.
    const third = (await demo.gql(CREATE_PLAN, { y: 2028, d: 40, o: 60 }, demo.tokens.PLANNER)).data.createPlan;
    expect((await demo.gql(UPDATE_PLAN, { id: third.id, c: { year: 2027 } }, demo.tokens.PLANNER)).data.updatePlan).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'year' }] });
    // The withdrawn plan is final in the database too.
    await expect(db.owner.query(`UPDATE inspection_plan SET status = 'DRAFT' WHERE id = $1`, [rawId(first.id)])).rejects.toThrow(/已撤回或已取消/);
  });

  it('6d: a published plan is amended with a reason, re-checked against the pack as publication is, and its amendments are readable', async () => {
    const plan = (await demo.gql(`query { jurisdiction(code: "${DEMO}") { plans { id year status } } }`, {}, demo.tokens.PLANNER)).data.jurisdiction.plans.find((p: { year: number; status: string }) => p.year === 2026 && p.status === 'PUBLISHED');
    const draft = (await demo.gql(`query { jurisdiction(code: "${DEMO}") { plans { id year status } } }`, {}, demo.tokens.PLANNER)).data.jurisdiction.plans.find((p: { year: number; status: string }) => p.year === 2027 && p.status === 'DRAFT');
    expect((await demo.gql(AMEND_PLAN, { id: draft.id, c: { otherCount: 50 }, r: '调整' }, demo.tokens.PLANNER)).data.amendPlan).toMatchObject({ __typename: 'RuleError', code: 'BAD_STATE' });

    // The same refusal as publication: the share below 30% (黑龙江 二(五)); nothing is written.
    const low = (await demo.gql(AMEND_PLAN, { id: plan.id, c: { doubleRandomCount: 10 }, r: '人员不足' }, demo.tokens.PLANNER)).data.amendPlan;
    const atPublication = (await demo.gql(CREATE_PLAN, { y: 2029, d: 10, o: 60 }, demo.tokens.PLANNER)).data.createPlan;
    const publicationRefusal = (await demo.gql(PUBLISH_PLAN, { id: atPublication.id }, demo.tokens.PLANNER)).data.publishPlan;
    expect(low).toEqual({ __typename: 'RuleError', code: 'RULE', clause: '二(五)', message: publicationRefusal.message });
    expect((await demo.gql(AMEND_PLAN, { id: plan.id, c: { otherCount: 50 }, r: '' }, demo.tokens.PLANNER)).data.amendPlan).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'reason' }] });
    expect((await demo.gql(AMEND_PLAN, { id: plan.id, c: { otherCount: 60 }, r: '无变化' }, demo.tokens.PLANNER)).data.amendPlan).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'changes' }] });
    expect((await demo.gql(AMEND_PLAN, { id: plan.id, c: { otherCount: 50 }, r: '调整' }, demo.tokens.DRAW_OFFICER)).data.amendPlan.__typename).toBe('ForbiddenError');
    expect(await demo.db.prisma.planAmendment.count({ where: { planId: rawId(plan.id) } })).toBe(0);

    const amended = (await demo.gql(AMEND_PLAN, { id: plan.id, c: { otherCount: 50, title: '2026年度双随机抽查计划（调整）' }, r: '上级部署专项整治，其他检查减少' }, demo.tokens.PLANNER)).data.amendPlan;
    expect(amended).toMatchObject({
      __typename: 'Plan', status: 'PUBLISHED', otherCount: 50, title: '2026年度双随机抽查计划（调整）',
      amendments: [{ seq: 1, reason: '上级部署专项整治，其他检查减少', amendedBy: 'token:planner-411303', changes: [{ field: 'title', from: '2026年度双随机抽查计划', to: '2026年度双随机抽查计划（调整）' }, { field: 'otherCount', from: '60', to: '50' }] }],
    });
    const again = (await demo.gql(AMEND_PLAN, { id: plan.id, c: { doubleRandomCount: 45 } , r: '增加一批' }, demo.tokens.ADMIN)).data.amendPlan;
    expect(again.amendments.map((a: { seq: number }) => a.seq)).toEqual([1, 2]);
    // The public reads the published plan's amendments, without who made them (the audit trail has that).
    const seen = (await demo.gql(`query($id: ID!) { node(id: $id) { ... on Plan { doubleRandomCount amendments { seq reason amendedBy } } } }`, { id: plan.id })).data.node;
    expect(seen).toEqual({ doubleRandomCount: 45, amendments: [{ seq: 1, reason: '上级部署专项整治，其他检查减少', amendedBy: null }, { seq: 2, reason: '增加一批', amendedBy: null }] });
    expect(await auditOf(plan.id, 'plan.amended')).toMatchObject([
      { actor: 'token:planner-411303', payload: { seq: 1, reason: '上级部署专项整治，其他检查减少', changes: [{ field: 'title' }, { field: 'otherCount', from: 60, to: 50 }] } },
      { actor: 'token:admin-411303', payload: { seq: 2, reason: '增加一批' } },
    ]);
    // Amendments are never edited or deleted.
    await expect(db.owner.query(`UPDATE plan_amendment SET reason = 'x'`)).rejects.toThrow(/append-only/);
    await expect(demo.db.sql.query(`DELETE FROM plan_amendment`)).rejects.toThrow(/permission denied/);
  });

  it('6e: a draft or locked task is cancelled with a reason, kept and shown as cancelled, and leaves the plan’s progress; a drawn one never is', async () => {
    const plan = (await demo.gql(`query { jurisdiction(code: "${DEMO}") { plans { id year status } } }`, {}, demo.tokens.PLANNER)).data.jurisdiction.plans.find((p: { year: number; status: string }) => p.year === 2026 && p.status === 'PUBLISHED');
    const draft = await createTask({ size: 4 }, plan.id);
    const joint = await createTask({ size: 3, joint: true, jointDepartments: ['市场监管局'] }, plan.id);
    const draw = await lock(joint.id);
    expect((await demo.gql(PROGRESS, { id: plan.id }, demo.tokens.PLANNER)).data.node.progress).toEqual({ jointTasks: 1, scheduledInspections: 7, cancelledTasks: 0 });

    expect((await demo.gql(CANCEL, { t: draft.id, r: '' }, demo.tokens.PLANNER)).data.cancelTask).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'reason' }] });
    expect((await demo.gql(CANCEL, { t: draft.id, r: '重复建立' }, demo.tokens.DRAW_OFFICER)).data.cancelTask.__typename).toBe('ForbiddenError');
    expect((await demo.gql(CANCEL, { t: draft.id, r: '重复建立' }, demo.tokens.PLANNER)).data.cancelTask).toMatchObject({ __typename: 'Task', status: 'CANCELLED', cancelledFrom: 'DRAFT', cancellationReason: '重复建立' });
    // Whether it subscribed before or after the cancellation, a viewer of the live draw is told, and the stream ends.
    const watching = liveEvents(draw.id);
    const cancelled = (await demo.gql(CANCEL, { t: joint.id, r: '联合部门另行安排' }, demo.tokens.PLANNER)).data.cancelTask;
    expect(await watching).toEqual([{ __typename: 'DrawLocked' }, { __typename: 'DrawCancelled', reason: '联合部门另行安排' }]);
    expect(await liveEvents(draw.id)).toEqual([{ __typename: 'DrawLocked' }, { __typename: 'DrawCancelled', reason: '联合部门另行安排' }]);
    expect(cancelled).toMatchObject({ __typename: 'Task', status: 'CANCELLED', cancelledFrom: 'LOCKED', cancellationReason: '联合部门另行安排' });
    expect(cancelled.cancelledAt).toBeTruthy();
    expect((await demo.gql(CANCEL, { t: joint.id, r: '再取消' }, demo.tokens.PLANNER)).data.cancelTask).toMatchObject({ __typename: 'RuleError', code: 'BAD_STATE' });

    // Its commitment was public: the public sees the task, now cancelled; the draft stays the bureau's.
    expect((await demo.gql(NODE_TASK, { id: joint.id })).data.node).toEqual({ status: 'CANCELLED', cancelledFrom: 'LOCKED', cancellationReason: '联合部门另行安排' });
    expect((await demo.gql(NODE_TASK, { id: draft.id })).data.node).toBeNull();
    expect((await demo.gql(DRAW, { d: draw.id }, demo.tokens.DRAW_OFFICER)).data.drawTask).toMatchObject({ __typename: 'RuleError', code: 'BAD_STATE' });
    expect((await demo.gql(CONTRIBUTE, { d: draw.id })).data.contributeEntropy).toMatchObject({ __typename: 'RuleError', code: 'ENTROPY_CLOSED' });
    expect(await demo.db.prisma.drawPick.count({ where: { drawId: rawId(draw.id) } })).toBe(0);

    const progress = (await demo.gql(PROGRESS, { id: plan.id }, demo.tokens.PLANNER)).data.node;
    expect(progress.progress).toEqual({ jointTasks: 0, scheduledInspections: 0, cancelledTasks: 2 });
    expect(progress.tasks).toEqual(expect.arrayContaining([{ id: draft.id, status: 'CANCELLED' }, { id: joint.id, status: 'CANCELLED' }]));
    expect(await auditOf(joint.id, 'task.cancelled')).toMatchObject([{ actor: 'token:planner-411303', payload: { from: 'LOCKED', reason: '联合部门另行安排', drawId: rawId(draw.id) } }]);

    const done = await drawn();
    const refused = (await demo.gql(CANCEL, { t: done.id, r: '结果不理想' }, demo.tokens.ADMIN)).data.cancelTask;
    expect(refused).toMatchObject({ __typename: 'RuleError', code: 'BAD_STATE' });
    expect(refused.message).toContain('不能取消');
    expect((await demo.db.prisma.inspectionTask.findUniqueOrThrow({ where: { id: rawId(done.id) } })).status).toBe('DRAWN');
    // Never deleted, never changed once cancelled, not even by the owner.
    await expect(demo.db.sql.query(`DELETE FROM inspection_task WHERE id = $1`, [rawId(draft.id)])).rejects.toThrow(/permission denied/);
    await expect(db.owner.query(`UPDATE inspection_task SET status = 'DRAFT' WHERE id = $1`, [rawId(joint.id)])).rejects.toThrow(/已撤回或已取消/);
  });
});

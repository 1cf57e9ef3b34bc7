import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { picksPage } from '../../src/server/portal/draw-pages-data.ts';
import { TEST_DATABASES, type TestDb } from '../helpers/databases.ts';
import { demoCounty, DEMO, NEIGHBOUR, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';

const CREATE_TASK = `mutation($j: String!, $input: TaskInput!) { createTask(jurisdiction: $j, input: $input) {
  __typename ... on Task { id status } ... on Error { message } ... on ValidationError { issues { field message } } } }`;
const LOCK = `mutation($t: ID!) { lockTask(task: $t) { __typename ... on Draw { id } ... on Error { message } ... on RuleError { code } } }`;
const DRAW = `mutation($d: ID!) { drawTask(draw: $d) { __typename ... on Draw { id status picks { order team { members { id } substitutes { id } } } } ... on Error { message } ... on RuleError { code } } }`;
const ADVANCE = `mutation($t: ID!, $s: TaskStep!) { advanceTask(id: $t, step: $s) { __typename ... on Task { status } ... on Error { message } ... on RuleError { code clause } } }`;
const CONTRIBUTE = `mutation($d: ID!, $v: String!) { contributeEntropy(draw: $d, value: $v) { __typename ... on EntropyContribution { seq value } ... on Error { message } ... on RuleError { code } } }`;
const NODE = `query($id: ID!) { node(id: $id) { __typename id } }`;

describe.each(TEST_DATABASES)('tasks: lifecycle, roles, jurisdictions, audit ($name)', (database) => {
  let demo: DemoCounty;
  let db: TestDb;
  beforeAll(async () => {
    db = await database.open();
    demo = await demoCounty(db);
  }, 120_000);
  afterAll(async () => demo?.db.close());

  const createTask = async (input: Record<string, unknown> = {}, token = demo.tokens.PLANNER) => {
    const r = await demo.gql(CREATE_TASK, { j: DEMO, input: { ...TASK_INPUT, ...input } }, token);
    return r.data.createTask;
  };
  const drawnTask = async (input: Record<string, unknown> = {}) => {
    const task = await createTask(input);
    const draw = (await demo.gql(LOCK, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    const drawn = (await demo.gql(DRAW, { d: draw.id }, demo.tokens.DRAW_OFFICER)).data.drawTask;
    expect(drawn.__typename, JSON.stringify(drawn)).toBe('Draw');
    return { task, draw: drawn };
  };

  it('names the field of a bad task', async () => {
    const r = await createTask({ inspectionDate: '2026-04-02' });
    expect(r.__typename).toBe('ValidationError');
    expect(r.issues[0].field).toBe('inspectionDate');
    expect(r.issues[0].message).toContain('outside the task');
  });

  it('refuses to lock a task the pool cannot fill, before any commitment is published', async () => {
    const task = await createTask({ size: 5000 });
    const r = (await demo.gql(LOCK, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    expect(r).toMatchObject({ __typename: 'RuleError', code: 'SHORTFALL' });
    expect(await demo.db.prisma.draw.count({ where: { taskId: Buffer.from(task.id, 'base64').toString().split(':')[1]! } })).toBe(0);
  });

  it('walks a task through dispatch, announcement, inspection and closing; a covert one is never announced (卧龙 第十七条)', async () => {
    const { task } = await drawnTask();
    for (const [step, status] of [['DISPATCH', 'DISPATCHED'], ['ANNOUNCE', 'ANNOUNCED'], ['START_INSPECTION', 'INSPECTING'], ['CLOSE', 'CLOSED']] as const) {
      const token = step === 'START_INSPECTION' || step === 'CLOSE' ? demo.tokens.INSPECTOR : demo.tokens.DRAW_OFFICER;
      expect((await demo.gql(ADVANCE, { t: task.id, s: step }, token)).data.advanceTask).toEqual({ __typename: 'Task', status });
    }
    const covert = await drawnTask({ covert: true });
    await demo.gql(ADVANCE, { t: covert.task.id, s: 'DISPATCH' }, demo.tokens.DRAW_OFFICER);
    const refused = (await demo.gql(ADVANCE, { t: covert.task.id, s: 'ANNOUNCE' }, demo.tokens.DRAW_OFFICER)).data.advanceTask;
    expect(refused).toMatchObject({ __typename: 'RuleError', code: 'RULE', clause: '第十七条' });
  });

  it('each role does only its part', async () => {
    expect((await createTask({}, demo.tokens.DRAW_OFFICER)).__typename).toBe('ForbiddenError');
    const task = await createTask();
    expect((await demo.gql(LOCK, { t: task.id }, demo.tokens.PLANNER)).data.lockTask.__typename).toBe('ForbiddenError');
    const draw = (await demo.gql(LOCK, { t: task.id }, demo.tokens.ADMIN)).data.lockTask;
    expect((await demo.gql(DRAW, { d: draw.id }, demo.tokens.INSPECTOR)).data.drawTask.__typename).toBe('ForbiddenError');
    expect((await demo.gql(DRAW, { d: draw.id })).data.drawTask.__typename).toBe('ForbiddenError');
  });

  it("another county's token can neither read nor change this county's drafts and covert tasks, by query, mutation or node id", async () => {
    const draft = await createTask();
    const covert = await drawnTask({ covert: true });
    const open = await drawnTask();
    const other = demo.tokens.neighbourAdmin;
    expect((await demo.gql(NODE, { id: draft.id }, other)).data.node).toBeNull();
    expect((await demo.gql(NODE, { id: covert.task.id }, other)).data.node).toBeNull();
    expect((await demo.gql(NODE, { id: covert.draw.id }, other)).data.node).toBeNull();
    expect((await demo.gql(NODE, { id: covert.task.id })).data.node).toBeNull();
    expect((await demo.gql(NODE, { id: open.task.id }, other)).data.node).toMatchObject({ __typename: 'Task' });
    expect((await demo.gql(NODE, { id: covert.task.id }, demo.tokens.INSPECTOR)).data.node).toMatchObject({ __typename: 'Task' });

    const listed = await demo.gql(`query($j: String!) { jurisdiction(code: $j) { tasks(first: 100) { totalCount edges { node { id covert status } } } } }`, { j: DEMO }, other);
    const ids = listed.data.jurisdiction.tasks.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids).toContain(open.task.id);
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(covert.task.id);

    expect((await demo.gql(LOCK, { t: draft.id }, other)).data.lockTask.__typename).toBe('NotFoundError');
    expect((await demo.gql(ADVANCE, { t: open.task.id, s: 'DISPATCH' }, other)).data.advanceTask.__typename).toBe('ForbiddenError');
    const foreign = await demo.gql(CREATE_TASK, { j: DEMO, input: TASK_INPUT }, other);
    expect(foreign.data.createTask.__typename).toBe('ForbiddenError');
    const audit = await demo.gql(`query($j: String!) { auditTrail(jurisdiction: $j) { __typename ... on Error { message } } }`, { j: DEMO }, other);
    expect(audit.data.auditTrail.__typename).toBe('ForbiddenError');
    const own = await demo.gql(`query($j: String!) { auditTrail(jurisdiction: $j) { __typename } }`, { j: NEIGHBOUR }, other);
    expect(own.data?.auditTrail.__typename, JSON.stringify(own.errors)).toBe('AuditTrailPage');
  });

  it('takes public entropy while locked, in order, and closes it at the draw; a covert draw takes none from the public', async () => {
    const task = await createTask();
    const draw = (await demo.gql(LOCK, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    expect((await demo.gql(CONTRIBUTE, { d: draw.id, v: '  观众 42 ' })).data.contributeEntropy).toEqual({ __typename: 'EntropyContribution', seq: 1, value: '观众 42' });
    expect((await demo.gql(CONTRIBUTE, { d: draw.id, v: 'x'.repeat(201) })).data.contributeEntropy.__typename).toBe('ValidationError');
    expect((await demo.gql(CONTRIBUTE, { d: draw.id, v: 'second' })).data.contributeEntropy.seq).toBe(2);
    await demo.gql(DRAW, { d: draw.id }, demo.tokens.DRAW_OFFICER);
    expect((await demo.gql(CONTRIBUTE, { d: draw.id, v: 'late' })).data.contributeEntropy).toMatchObject({ code: 'ENTROPY_CLOSED' });
    const exported = await demo.gql(`query($id: ID!) { node(id: $id) { ... on Draw { export } } }`, { id: draw.id });
    expect(exported.data.node.export.seed.entropy).toEqual(['观众 42', 'second']);

    const covert = await createTask({ covert: true });
    const covertDraw = (await demo.gql(LOCK, { t: covert.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    expect((await demo.gql(CONTRIBUTE, { d: covertDraw.id, v: 'x' })).data.contributeEntropy.__typename).toBe('NotFoundError');
  });

  it('replaces a drawn inspector by the next drawn substitute, as a new event; the draw itself does not change (卧龙 第二十条)', async () => {
    const { task, draw } = await drawnTask();
    const pick = draw.picks[0];
    const outgoing = pick.team.members[1].id;
    const REPLACE = `mutation($d: ID!, $o: Int!, $i: String!, $r: String!, $a: String) { replaceInspector(draw: $d, pickOrder: $o, inspector: $i, reason: $r, approvedBy: $a) {
      __typename ... on TeamReplacement { outgoing { id } incoming { id } } ... on Error { message } ... on RuleError { code clause } } }`;
    const badReason = (await demo.gql(REPLACE, { d: draw.id, o: 1, i: outgoing, r: 'prefer someone else', a: '张局长' }, demo.tokens.DRAW_OFFICER)).data.replaceInspector;
    expect(badReason).toMatchObject({ __typename: 'RuleError', clause: '第二十条' });
    const replaced = (await demo.gql(REPLACE, { d: draw.id, o: 1, i: outgoing, r: 'health', a: '张局长' }, demo.tokens.DRAW_OFFICER)).data.replaceInspector;
    expect(replaced).toEqual({ __typename: 'TeamReplacement', outgoing: { id: outgoing }, incoming: { id: pick.team.substitutes[0].id } });
    const after = await demo.gql(`query($id: ID!) { node(id: $id) { ... on Draw { picks { order team { members { id } } } replacements { reason } } } }`, { id: draw.id }, demo.tokens.ADMIN);
    expect(after.data.node.picks[0].team.members.map((m: { id: string }) => m.id)).toContain(pick.team.substitutes[0].id);
    expect(after.data.node.picks[0].team.members.map((m: { id: string }) => m.id)).not.toContain(outgoing);
    expect(draw.picks.length).toBeGreaterThan(1);
    // The replacement belongs to pick 1: the other picks' teams, loaded in the same batch, stand as drawn.
    expect(after.data.node.picks.slice(1).map((p: any) => p.team.members.map((m: { id: string }) => m.id))).toEqual(draw.picks.slice(1).map((p: any) => p.team.members.map((m: { id: string }) => m.id)));
    const rawId = Buffer.from(draw.id, 'base64').toString().split(':')[1]!;
    const stored = await demo.db.prisma.drawPick.findUniqueOrThrow({ where: { drawId_order: { drawId: rawId, order: 1 } } });
    expect(stored.memberIds).toContain(outgoing);

    // Once announced, the portal (一公开) shows the team as it stands too.
    for (const step of ['DISPATCH', 'ANNOUNCE']) await demo.gql(ADVANCE, { t: task.id, s: step }, demo.tokens.DRAW_OFFICER);
    const published = await picksPage(demo.db.prisma, rawId, { skip: 0, take: 1 });
    const nameOf = async (id: string) => (await demo.db.prisma.inspector.findUniqueOrThrow({ where: { id } })).name;
    const shown = published.picks.find((p) => p.order === 1)!.team;
    expect(shown).toContain(await nameOf(pick.team.substitutes[0].id));
    expect(shown).not.toContain(await nameOf(outgoing));
  });

  it('the database refuses to change or delete a held draw, its picks or its audit trail', async () => {
    const { draw } = await drawnTask();
    const rawId = Buffer.from(draw.id, 'base64').toString().split(':')[1]!;
    await expect(demo.db.sql.query(`UPDATE draw SET seed = 'x' WHERE id = $1`, [rawId])).rejects.toThrow(/can no longer change/);
    await expect(demo.db.sql.query(`DELETE FROM draw_pick WHERE draw_id = $1`, [rawId])).rejects.toThrow(/permission denied/);
    await expect(db.owner.query(`DELETE FROM draw_pick WHERE draw_id = $1`, [rawId])).rejects.toThrow(/append-only/);
    await expect(demo.db.sql.query(`UPDATE audit_entry SET actor = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(db.owner.query(`UPDATE audit_entry SET actor = 'x'`)).rejects.toThrow(/append-only/);
  });

  it('verifyAuditTrail finds an entry edited and one deleted behind the application', async () => {
    const VERIFY = `query($j: String!) { verifyAuditTrail(jurisdiction: $j) { __typename ... on QueryVerifyAuditTrailSuccess { data { valid entries breaks { kind seq } } } } }`;
    await drawnTask();
    const clean = (await demo.gql(VERIFY, { j: DEMO }, demo.tokens.AUDITOR)).data.verifyAuditTrail.data;
    expect(clean.valid).toBe(true);
    expect(clean.entries).toBeGreaterThan(5);
    const county = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    const drawnEntry = await demo.db.prisma.auditEntry.findFirstOrThrow({ where: { jurisdictionId: county.id, action: 'task.drawn' }, orderBy: { seq: 'desc' } });
    // Tampering as someone with direct database access would: around the append-only trigger.
    await db.owner.exec('ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only');
    await db.owner.query(`UPDATE audit_entry SET payload = jsonb_set(payload, '{picks}', '99') WHERE jurisdiction_id = $1 AND seq = $2`, [county.id, drawnEntry.seq]);
    await db.owner.query(`DELETE FROM audit_entry WHERE jurisdiction_id = $1 AND seq = 2`, [county.id]);
    await db.owner.exec('ALTER TABLE audit_entry ENABLE ALWAYS TRIGGER audit_entry_append_only');
    const tampered = (await demo.gql(VERIFY, { j: DEMO }, demo.tokens.AUDITOR)).data.verifyAuditTrail.data;
    expect(tampered.valid).toBe(false);
    expect(tampered.breaks).toEqual(expect.arrayContaining([{ kind: 'EDITED', seq: drawnEntry.seq }, { kind: 'MISSING', seq: 2 }]));
  });
});

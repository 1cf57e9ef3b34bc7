import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES, type TestDb } from '../helpers/databases.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';

const CREATE_TASK = `mutation($j: String!, $input: TaskInput!) { createTask(jurisdiction: $j, input: $input) {
  __typename ... on Task { id status } ... on Error { message } ... on ValidationError { issues { field message } } } }`;
const LOCK = `mutation($t: ID!, $c: String) { lockTask(task: $t, commitment: $c) { __typename ... on Draw { id status commitment snapshotHash candidates } ... on Error { message } ... on RuleError { code clause } } }`;
const DRAW = `mutation($d: ID!, $s: String, $k: String) { drawTask(draw: $d, secret: $s, idempotencyKey: $k) { __typename
  ... on Draw { id status seed secret picks { order uscc enterpriseName stratum items team { leader { id name } members { id } substitutes { id } } } verification { matches differences } }
  ... on Error { message } ... on RuleError { code } } }`;

describe.each(TEST_DATABASES)('plans, tasks and draws over GraphQL ($name)', (database) => {
  let demo: DemoCounty;
  let db: TestDb;
  beforeAll(async () => {
    db = await database.open();
    demo = await demoCounty(db);
  }, 120_000);
  afterAll(async () => demo?.db.close());

  async function lockedTask(input: Record<string, unknown> = {}) {
    const created = await demo.gql(CREATE_TASK, { j: DEMO, input: { ...TASK_INPUT, ...input } }, demo.tokens.PLANNER);
    expect(created.data?.createTask.__typename, JSON.stringify(created)).toBe('Task');
    const locked = await demo.gql(LOCK, { t: created.data.createTask.id }, demo.tokens.DRAW_OFFICER);
    expect(locked.data?.lockTask.__typename, JSON.stringify(locked)).toBe('Draw');
    return { taskId: created.data.createTask.id as string, draw: locked.data.lockTask };
  }

  it('creates a task, locks it with a commitment, draws it once, and the draw verifies', async () => {
    const { draw } = await lockedTask();
    expect(draw.status).toBe('LOCKED');
    expect(draw.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(draw.candidates).toBe(300);

    const drawn = await demo.gql(DRAW, { d: draw.id }, demo.tokens.DRAW_OFFICER);
    const result = drawn.data?.drawTask;
    expect(result.__typename, JSON.stringify(drawn)).toBe('Draw');
    expect(result.status).toBe('DRAWN');
    expect(result.picks).toHaveLength(TASK_INPUT.size);
    expect(result.verification).toEqual({ matches: true, differences: [] });
    for (const pick of result.picks) {
      expect(pick.team.members.map((m: { id: string }) => m.id)).toContain(pick.team.leader.id);
      expect(pick.enterpriseName).toBeTruthy();
    }

    const again = await demo.gql(DRAW, { d: draw.id }, demo.tokens.DRAW_OFFICER);
    expect(again.data.drawTask).toMatchObject({ __typename: 'RuleError', code: 'ALREADY_DRAWN' });
  });

  it('refuses a secret that does not match the commitment, and draws with the right one', async () => {
    const secret = 'ab'.repeat(32);
    const { createHash } = await import('node:crypto');
    const commitment = createHash('sha256').update(Buffer.from(secret, 'hex')).digest('hex');
    const created = await demo.gql(CREATE_TASK, { j: DEMO, input: TASK_INPUT }, demo.tokens.ADMIN);
    const locked = await demo.gql(LOCK, { t: created.data.createTask.id, c: commitment }, demo.tokens.ADMIN);
    const drawId = locked.data.lockTask.id;
    expect((await demo.gql(DRAW, { d: drawId }, demo.tokens.ADMIN)).data.drawTask).toMatchObject({ code: 'SECRET_REQUIRED' });
    expect((await demo.gql(DRAW, { d: drawId, s: 'cd'.repeat(32) }, demo.tokens.ADMIN)).data.drawTask).toMatchObject({ code: 'COMMITMENT_MISMATCH' });
    const drawn = await demo.gql(DRAW, { d: drawId, s: secret }, demo.tokens.ADMIN);
    expect(drawn.data.drawTask).toMatchObject({ status: 'DRAWN', secret });
  });

  it('a beacon named at lock time must be entered at the draw, and joins the entropy last', async () => {
    const created = await demo.gql(CREATE_TASK, { j: DEMO, input: TASK_INPUT }, demo.tokens.PLANNER);
    const locked = await demo.gql(`mutation($t: ID!) { lockTask(task: $t, beacon: "福彩3D 2026-03-10 开奖号码") { ... on Draw { id beacon } } }`, { t: created.data.createTask.id }, demo.tokens.DRAW_OFFICER);
    const drawId = locked.data.lockTask.id;
    await demo.gql(`mutation($d: ID!) { contributeEntropy(draw: $d, value: "observer") { __typename } }`, { d: drawId });
    expect((await demo.gql(DRAW, { d: drawId }, demo.tokens.DRAW_OFFICER)).data.drawTask).toMatchObject({ code: 'BEACON_REQUIRED' });
    const drawn = await demo.gql(`mutation($d: ID!) { drawTask(draw: $d, beaconValue: "385") { ... on Draw { status export } } }`, { d: drawId }, demo.tokens.DRAW_OFFICER);
    expect(drawn.data?.drawTask?.status, JSON.stringify(drawn)).toBe("DRAWN");
    expect(drawn.data.drawTask.export.seed.entropy).toEqual(['observer', 'beacon:385']);
  });

  it('keeps what a draw was locked with: the stored snapshot cannot change, and a changed one would not verify', async () => {
    const { draw } = await lockedTask();
    const rawId = Buffer.from(draw.id, 'base64').toString().split(':')[1]!;
    const rewrite = `UPDATE draw SET snapshot = jsonb_set(snapshot, '{enterprises,0,riskLevel}', '"MAJOR"') WHERE id = $1`;
    await expect(demo.db.sql.query(rewrite, [rawId])).rejects.toThrow(/locked with these inputs/);
    // Past the trigger (the database owner's rights): the reveal draws with the hash published at
    // the lock, so the record names the locked snapshot, and verification says it is not this one.
    await db.owner.exec('ALTER TABLE draw DISABLE TRIGGER draw_locked_inputs');
    expect((await db.owner.query(rewrite, [rawId])).length).toBe(0); // an UPDATE returns no rows; it ran
    await db.owner.exec('ALTER TABLE draw ENABLE ALWAYS TRIGGER draw_locked_inputs');
    const drawn = await demo.gql(`mutation($d: ID!) { drawTask(draw: $d) { ... on Draw { status verification { matches differences } } } }`, { d: draw.id }, demo.tokens.DRAW_OFFICER);
    expect(drawn.data?.drawTask?.status, JSON.stringify(drawn)).toBe("DRAWN");
    expect(drawn.data.drawTask.verification.matches).toBe(false);
    const differences: string[] = drawn.data.drawTask.verification.differences;
    expect(differences.find((d) => d.startsWith("record.snapshotHash:"))).toContain(`recorded "${draw.snapshotHash}"`);
  });

  it('the same idempotency key returns the same draw instead of an error', async () => {
    const { draw } = await lockedTask();
    const first = await demo.gql(DRAW, { d: draw.id, k: 'key-1' }, demo.tokens.DRAW_OFFICER);
    const second = await demo.gql(DRAW, { d: draw.id, k: 'key-1' }, demo.tokens.DRAW_OFFICER);
    expect(second.data.drawTask.seed).toBe(first.data.drawTask.seed);
    expect(second.data.drawTask.picks).toEqual(first.data.drawTask.picks);
  });
});

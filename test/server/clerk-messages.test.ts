import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, Q, resultInput } from '../helpers/results-flow.ts';

const CREATE_TASK = `mutation($input: TaskInput!) { createTask(jurisdiction: "${DEMO}", input: $input) { __typename ... on Task { id sectors } ... on ValidationError { issues { field message } } } }`;
const LOCK = `mutation($t: ID!) { lockTask(task: $t) { __typename ... on RuleError { code message shortfalls { code message excluded { uscc reasons } } } } }`;
const CONFLICT = `mutation($p: String!, $u: String!) { recordConflict(jurisdiction: "${DEMO}", person: $p, uscc: $u, reason: "近亲属在该企业任职") { __typename ... on ConflictOfInterest { personId } ... on ValidationError { issues { field message } } } }`;
const REPLACE = `mutation($d: ID!, $o: Int!, $i: String!, $r: String!) { replaceInspector(draw: $d, pickOrder: $o, inspector: $i, reason: $r, approvedBy: "张局长") { __typename ... on Error { message } } }`;

/** Clerks read Chinese, one issue per field, and may write what the directory and the pack call things. */
describe.each(TEST_DATABASES)('messages a clerk can act on ($name)', (database) => {
  let demo: DemoCounty;
  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { enterprises: 60 });
  }, 120_000);
  afterAll(async () => demo?.db.close());

  it('refuses a task with several faults with one issue per field, in Chinese, without the field repeated in the message', async () => {
    const refused = (await demo.gql(CREATE_TASK, { input: { ...TASK_INPUT, title: ' ', windowEnd: '2026-02-01', sectors: ['不存在的行业'], size: 0 } }, demo.tokens.PLANNER)).data.createTask;
    expect(refused.__typename).toBe('ValidationError');
    const fields = refused.issues.map((i: { field: string }) => i.field);
    expect(fields.sort()).toEqual(['sectors', 'size', 'title', 'windowEnd']);
    for (const issue of refused.issues as { field: string; message: string }[]) {
      expect(issue.message.startsWith(`${issue.field}:`)).toBe(false);
      expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('takes a directed task’s sectors by their Chinese names, as the directory does, and stores the codes', async () => {
    const task = (await demo.gql(CREATE_TASK, { input: { ...TASK_INPUT, sectors: ['非煤矿山', '危化'] } }, demo.tokens.PLANNER)).data.createTask;
    expect(task).toMatchObject({ __typename: 'Task', sectors: ['non_coal_mine', 'hazardous_chemicals'] });
  });

  it('says why each enterprise is out of the pool when a lock fails', async () => {
    const task = (await demo.gql(CREATE_TASK, { input: { ...TASK_INPUT, sectors: ['烟花爆竹'], size: 50 } }, demo.tokens.PLANNER)).data.createTask;
    const refused = (await demo.gql(LOCK, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    expect(refused).toMatchObject({ __typename: 'RuleError', code: 'SHORTFALL' });
    const shortfall = refused.shortfalls.find((s: { code: string }) => s.code === 'POOL_TOO_SMALL');
    expect(shortfall.message).toContain('候选池只有');
    expect(shortfall.excluded.length).toBeGreaterThan(0);
    const outside = shortfall.excluded.flatMap((x: { reasons: string[] }) => x.reasons).filter((r: string) => r.includes('不在本次定向抽查的范围内'));
    expect(outside.length).toBeGreaterThan(0);
    // Sectors are named as clerks name them, never by code.
    expect(outside.join('')).not.toMatch(/hazardous_chemicals|building_materials/);
  });

  it('records a conflict of interest by the inspector’s node id or 执法证号, as well as its directory id', async () => {
    const [a, b] = await demo.db.prisma.inspector.findMany({ where: { jurisdiction: { code: DEMO } }, take: 2, orderBy: { certificateNumber: 'asc' } });
    const enterprise = await demo.db.prisma.enterprise.findFirstOrThrow({ where: { jurisdiction: { code: DEMO } } });
    const byCertificate = (await demo.gql(CONFLICT, { p: a!.certificateNumber, u: enterprise.uscc }, demo.tokens.PLANNER)).data.recordConflict;
    expect(byCertificate).toEqual({ __typename: 'ConflictOfInterest', personId: a!.id });
    const nodeId = Buffer.from(`Inspector:${b!.id}`).toString('base64');
    expect((await demo.gql(CONFLICT, { p: nodeId, u: enterprise.uscc }, demo.tokens.PLANNER)).data.recordConflict).toEqual({ __typename: 'ConflictOfInterest', personId: b!.id });
    expect((await demo.gql(CONFLICT, { p: 'NO-SUCH-CERT', u: enterprise.uscc }, demo.tokens.PLANNER)).data.recordConflict).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'person', message: expect.stringContaining('执法证号') }] });
  });

  it('takes a result category and a replacement reason by the pack’s Chinese labels', async () => {
    const { taskId, drawId, picks } = await inspectingTask(demo, { title: '中文类别' });
    const pick = picks[0]!;
    const result = (await demo.gql(Q.record, { t: taskId, u: pick.uscc, i: resultInput(pick, { category: '未发现问题' }) }, demo.tokens.INSPECTOR)).data.recordResult;
    expect(result).toMatchObject({ __typename: 'InspectionResult', category: 'no-problem', categoryLabel: '未发现问题' });
    const refused = (await demo.gql(REPLACE, { d: drawId, o: pick.order, i: pick.team.members[0]!.id, r: '不想去' }, demo.tokens.DRAW_OFFICER)).data.replaceInspector;
    expect(refused.message).toContain('岗位变动、工作冲突、身体原因');
    const replaced = (await demo.gql(REPLACE, { d: drawId, o: pick.order, i: pick.team.members[0]!.id, r: '身体原因' }, demo.tokens.DRAW_OFFICER)).data.replaceInspector;
    expect(replaced.__typename, JSON.stringify(replaced)).not.toMatch(/Error/);
  });

  it('explains a candidate in Chinese: the reasons, the stratum and the chance in words, never message ids or codes', async () => {
    const example = JSON.parse(readFileSync(new URL('../../docs/draw-examples/wolong.json', import.meta.url), 'utf8'));
    const EXPLAIN = `query($d: JSON!, $u: String!) { explainDrawCandidate(draw: $d, uscc: $u) { inPool reasons summary } }`;
    const closed = example.snapshot.enterprises.find((e: { operatingStatus: string }) => e.operatingStatus === 'CLOSED');
    const out = (await demo.gql(EXPLAIN, { d: example, u: closed.uscc })).data.explainDrawCandidate;
    expect(out.inPool).toBe(false);
    expect(out.summary).toContain('不在抽取池中');
    expect(out.reasons[0]).toContain('未在营业');
    expect(JSON.stringify(out)).not.toMatch(/NOT_OPERATING|CLOSED|is not in the pool/);
    const open = example.snapshot.enterprises.find((e: { operatingStatus: string; sector: string }) => e.operatingStatus === 'OPERATING');
    const member = (await demo.gql(EXPLAIN, { d: example, u: open.uscc })).data.explainDrawCandidate;
    expect(member.summary).toMatch(/中签机会/);
    expect(member.summary).not.toMatch(/riskLevel=|creditLevel=|stratum/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, Q, resultInput, type DrawnPick } from '../helpers/results-flow.ts';

const CREATE_USER = `mutation($u: String!, $c: String, $r: Role!) { createUser(jurisdiction: "${DEMO}", username: $u, name: "检查员", password: "a long enough secret", role: $r, inspector: $c) { __typename ... on Error { message } } }`;
const LOGIN = `mutation($u: String!) { login(username: $u, password: "a long enough secret") { ... on Session { token } } }`;
const ME = `query($first: Int, $after: String) { me { name role user { username } inspector { id name }
  workList(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { leader uscc task { id title status } pick { order items team { leader { id } } } result { status signers { person { id } signed } } } } } } }`;
const FORM = `query($t: ID!) { node(id: $t) { ... on Task { draw { resultCategories { code label } drawnItems { code name } nonCooperation { category clause cases { code label } } } } } }`;
const REPLACE = `mutation($d: ID!, $o: Int!, $out: String!) { replaceInspector(draw: $d, pickOrder: $o, inspector: $out, reason: "post-change", approvedBy: "局长") { __typename ... on Error { message } } }`;

describe('我的检查任务: Query.me and an inspector’s work list', () => {
  let demo: DemoCounty;
  let task: Awaited<ReturnType<typeof inspectingTask>>;
  beforeAll(async () => {
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), { enterprises: 60 });
    task = await inspectingTask(demo, { size: 4, itemsPerInspection: 2 });
  }, 120_000);
  afterAll(async () => demo?.db.close());

  async function sessionOf(username: string, inspectorId: string | null, role = 'INSPECTOR') {
    const certificate = inspectorId ? (await demo.db.prisma.inspector.findUniqueOrThrow({ where: { id: inspectorId } })).certificateNumber : null;
    const made = (await demo.gql(CREATE_USER, { u: username, c: certificate, r: role }, demo.tokens.ADMIN)).data.createUser;
    expect(made.__typename, JSON.stringify(made)).toBe('User');
    return (await demo.gql(LOGIN, { u: username })).data.login.token as string;
  }
  const onTeam = (p: DrawnPick, id: string) => p.team.leader.id === id || p.team.members.some((m) => m.id === id);

  it('lists exactly the picks whose team has the user’s inspector, paged, with the result and its signers', async () => {
    const leaderId = task.picks[0]!.team.leader.id;
    const token = await sessionOf('wl.leader', leaderId);
    const mine = task.picks.filter((p) => onTeam(p, leaderId));
    const pick = task.picks[0]!;
    expect((await demo.gql(Q.record, { t: task.taskId, u: pick.uscc, i: resultInput(pick) }, token)).data.recordResult.__typename).toBe('InspectionResult');

    const me = (await demo.gql(ME, { first: 1 }, token)).data.me;
    expect(me).toMatchObject({ role: 'INSPECTOR', user: { username: 'wl.leader' }, inspector: { id: leaderId } });
    expect(me.workList.totalCount).toBe(mine.length);
    const first = me.workList.edges[0].node;
    expect(first.task).toMatchObject({ id: task.taskId, status: 'INSPECTING' });
    expect(mine.map((p) => p.uscc)).toContain(first.uscc);
    expect(me.workList.pageInfo.hasNextPage).toBe(mine.length > 1);
    // Every page together is the whole list, each pick once.
    const all = (await demo.gql(ME, { first: 100 }, token)).data.me.workList.edges.map((e: { node: { uscc: string } }) => e.node.uscc);
    expect(all.sort()).toEqual(mine.map((p) => p.uscc).sort());
    const entered = (await demo.gql(ME, { first: 100 }, token)).data.me.workList.edges.find((e: { node: { uscc: string } }) => e.node.uscc === pick.uscc).node;
    expect(entered.leader).toBe(true);
    expect(entered.result.status).toBe('DRAFT');
    const ids = new Set([pick.team.leader.id, ...pick.team.members.map((m) => m.id)]);
    expect(entered.result.signers.map((s: { person: { id: string } }) => s.person.id).sort()).toEqual([...ids].sort());
    expect(entered.result.signers.every((s: { signed: boolean }) => !s.signed)).toBe(true);
  });

  it('drops a pick once a replacement takes the inspector off its team, and shows it to the one brought in', async () => {
    const pick = task.picks[1]!;
    const outgoing = pick.team.members[0]!.id;
    const outToken = await sessionOf('wl.outgoing', outgoing);
    const before = (await demo.gql(ME, { first: 100 }, outToken)).data.me.workList.edges.map((e: { node: { uscc: string } }) => e.node.uscc);
    expect(before).toContain(pick.uscc);
    const replaced = (await demo.gql(REPLACE, { d: task.drawId, o: pick.order, out: outgoing }, demo.tokens.DRAW_OFFICER)).data.replaceInspector;
    expect(replaced.__typename, JSON.stringify(replaced)).toBe('TeamReplacement');
    const after = (await demo.gql(ME, { first: 100 }, outToken)).data.me.workList.edges.map((e: { node: { uscc: string } }) => e.node.uscc);
    expect(after).not.toContain(pick.uscc);
    const row = await demo.db.prisma.teamReplacement.findFirstOrThrow({ where: { outgoingId: outgoing } });
    const inToken = await sessionOf('wl.incoming', row.incomingId);
    const theirs = (await demo.gql(ME, { first: 100 }, inToken)).data.me.workList.edges.map((e: { node: { uscc: string } }) => e.node.uscc);
    expect(theirs).toContain(pick.uscc);
  });

  it('is empty for a user with no inspector and for a role that may not enter results; me is null for the public', async () => {
    const clerk = await sessionOf('wl.clerk', null, 'DRAW_OFFICER');
    expect((await demo.gql(ME, {}, clerk)).data.me).toMatchObject({ role: 'DRAW_OFFICER', inspector: null, workList: { totalCount: 0, edges: [] } });
    const auditor = await sessionOf('wl.auditor', task.picks[0]!.team.leader.id, 'AUDITOR');
    expect((await demo.gql(ME, {}, auditor)).data.me.workList.totalCount).toBe(0);
    expect((await demo.gql(ME, {}, demo.tokens.ADMIN)).data.me).toMatchObject({ user: null, inspector: null, workList: { totalCount: 0 } });
    expect((await demo.gql(ME, {})).data.me).toBeNull();
  });

  it('gives the form its pack’s categories and non-cooperation cases in Chinese and the names of the drawn items', async () => {
    const draw = (await demo.gql(FORM, { t: task.taskId }, demo.tokens.INSPECTOR)).data.node.draw;
    expect(draw.resultCategories).toContainEqual({ code: 'no-problem', label: '未发现问题' });
    expect(draw.nonCooperation).toMatchObject({ category: 'non-cooperation', clause: expect.stringContaining('第二十五条') });
    expect(draw.nonCooperation.cases).toContainEqual({ code: 'refused-entry', label: '拒绝检查人员或其委托的专业机构进入被检查场所' });
    const codes = new Set(task.picks.flatMap((p) => p.items));
    expect(codes.size).toBeGreaterThan(0);
    expect(draw.drawnItems.map((i: { code: string }) => i.code).sort()).toEqual([...codes].sort());
    expect(draw.drawnItems.every((i: { name: string }) => /[\u4e00-\u9fff]/.test(i.name))).toBe(true);
  });

  it('says in Chinese, with the clause, that an unsigned result cannot be published', async () => {
    const pick = task.picks[2]!;
    const draft = (await demo.gql(Q.record, { t: task.taskId, u: pick.uscc, i: resultInput(pick) }, demo.tokens.INSPECTOR)).data.recordResult;
    const refused = (await demo.gql(Q.publish, { id: draft.id }, demo.tokens.INSPECTOR)).data.publishResult;
    expect(refused).toMatchObject({ __typename: 'RuleError', code: 'NOT_SIGNED', clause: expect.stringContaining('第二十三条'), message: expect.stringContaining('检查组尚未全部签字') });
  });
});

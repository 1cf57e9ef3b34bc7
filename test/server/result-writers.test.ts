import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, Q, resultInput } from '../helpers/results-flow.ts';

const CREATE_USER = `mutation($u: String!, $c: String!) { createUser(jurisdiction: "${DEMO}", username: $u, name: "检查员", password: "a long enough secret", role: INSPECTOR, inspector: $c) { __typename ... on Error { message } } }`;
const LOGIN = `mutation($u: String!) { login(username: $u, password: "a long enough secret") { ... on Session { token } } }`;

describe.each(TEST_DATABASES)('谁检查、谁录入: who may write a result ($name)', (database) => {
  let demo: DemoCounty;
  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { enterprises: 60 });
  }, 120_000);
  afterAll(async () => demo?.db.close());

  async function sessionOf(username: string, inspectorId: string) {
    const inspector = await demo.db.prisma.inspector.findUniqueOrThrow({ where: { id: inspectorId } });
    expect((await demo.gql(CREATE_USER, { u: username, c: inspector.certificateNumber }, demo.tokens.ADMIN)).data.createUser.__typename).toBe('User');
    return (await demo.gql(LOGIN, { u: username })).data.login.token as string;
  }

  it('an inspector outside the team can neither enter nor edit the result; a member can; a clerk enters for the team, on the record', async () => {
    const { taskId, picks } = await inspectingTask(demo);
    const pick = picks[0]!;
    const team = new Set([pick.team.leader.id, ...pick.team.members.map((m) => m.id)]);
    const stranger = await demo.db.prisma.inspector.findFirstOrThrow({ where: { jurisdiction: { code: DEMO }, active: true, id: { notIn: [...team] } } });
    const outsider = await sessionOf('outside.inspector', stranger.id);
    const member = await sessionOf('team.member', pick.team.leader.id);

    const refused = (await demo.gql(Q.record, { t: taskId, u: pick.uscc, i: resultInput(pick) }, outsider)).data.recordResult;
    expect(refused).toMatchObject({ __typename: 'RuleError', code: 'NOT_IN_TEAM', message: expect.stringContaining('不在检查') });
    const draft = (await demo.gql(Q.record, { t: taskId, u: pick.uscc, i: resultInput(pick) }, member)).data.recordResult;
    expect(draft.__typename).toBe('InspectionResult');
    expect((await demo.gql(Q.update, { id: draft.id, i: resultInput(pick, { summary: '外人改写' }) }, outsider)).data.updateResult).toMatchObject({ code: 'NOT_IN_TEAM' });
    expect((await demo.gql(Q.update, { id: draft.id, i: resultInput(pick, { summary: '组长补充' }) }, member)).data.updateResult.summary).toBe('组长补充');

    // A clerk's token (no inspector of its own) enters another enterprise's result for its team.
    const other = picks[1]!;
    const byClerk = (await demo.gql(Q.record, { t: taskId, u: other.uscc, i: resultInput(other) }, demo.tokens.INSPECTOR)).data.recordResult;
    expect(byClerk.__typename).toBe('InspectionResult');
    const raw = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1];
    const entries = await demo.db.prisma.auditEntry.findMany({ where: { action: 'result.entered', subjectId: { in: [raw(draft.id)!, raw(byClerk.id)!] } } });
    const forTeam = Object.fromEntries(entries.map((e) => [e.subjectId, (e.payload as { enteredForTeam: boolean }).enteredForTeam]));
    expect(forTeam).toEqual({ [raw(draft.id)!]: false, [raw(byClerk.id)!]: true });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';

const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { __typename ... on Session { token user { username role jurisdiction { code } } } ... on Error { message } } }`;
const CREATE_USER = `mutation($u: String!, $p: String!, $r: Role!) { createUser(jurisdiction: "${DEMO}", username: $u, name: "王计划", password: $p, role: $r) { __typename ... on User { username } ... on ValidationError { issues { field } } } }`;
const CREATE_TASK = `mutation($input: TaskInput!) { createTask(jurisdiction: "${DEMO}", input: $input) { __typename } }`;

describe.each(TEST_DATABASES)('users log in and act with their role ($name)', (database) => {
  let demo: DemoCounty;
  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { enterprises: 50 });
  }, 120_000);
  afterAll(async () => demo?.db.close());

  it('an admin creates a planner, who logs in, plans, and logs out', async () => {
    expect((await demo.gql(CREATE_USER, { u: 'wang.plan', p: 'short', r: 'PLANNER' }, demo.tokens.ADMIN)).data.createUser).toEqual({ __typename: 'ValidationError', issues: [{ field: 'password' }] });
    expect((await demo.gql(CREATE_USER, { u: 'wang.plan', p: 'correct horse battery', r: 'PLANNER' }, demo.tokens.PLANNER)).data.createUser.__typename).toBe('ForbiddenError');
    expect((await demo.gql(CREATE_USER, { u: 'wang.plan', p: 'correct horse battery', r: 'PLANNER' }, demo.tokens.ADMIN)).data.createUser).toEqual({ __typename: 'User', username: 'wang.plan' });

    expect((await demo.gql(LOGIN, { u: 'wang.plan', p: 'wrong password!' })).data.login.__typename).toBe('ForbiddenError');
    expect((await demo.gql(LOGIN, { u: 'nobody', p: 'wrong password!' })).data.login.__typename).toBe('ForbiddenError');
    const session = (await demo.gql(LOGIN, { u: 'Wang.Plan', p: 'correct horse battery' })).data.login;
    expect(session.user).toEqual({ username: 'wang.plan', role: 'PLANNER', jurisdiction: { code: DEMO } });
    expect((await demo.gql(CREATE_TASK, { input: TASK_INPUT }, session.token)).data.createTask.__typename).toBe('Task');

    expect((await demo.gql(`mutation { logout }`, {}, session.token)).data.logout).toBe(true);
    const after = await demo.gql(CREATE_TASK, { input: TASK_INPUT }, session.token);
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("a deactivated user's session and an expired session are refused", async () => {
    await demo.gql(CREATE_USER, { u: 'li.draw', p: 'another long secret', r: 'DRAW_OFFICER' }, demo.tokens.ADMIN);
    const session = (await demo.gql(LOGIN, { u: 'li.draw', p: 'another long secret' })).data.login;
    await demo.db.prisma.appUser.update({ where: { username: 'li.draw' }, data: { active: false } });
    expect((await demo.gql(CREATE_TASK, { input: TASK_INPUT }, session.token)).errors?.[0]?.message).toContain('deactivated');
    await demo.db.prisma.appUser.update({ where: { username: 'li.draw' }, data: { active: true } });
    // An hour either side of now: a session's end read back in another time zone would flip one of them.
    await demo.db.prisma.apiToken.updateMany({ where: { name: 'user:li.draw' }, data: { expiresAt: new Date(Date.now() + 3_600_000) } });
    // Still signed in: the draft tasks of the county are counted as for a member, not as for the public.
    const TASKS = `{ jurisdiction(code: "${DEMO}") { tasks(first: 1) { totalCount } } }`;
    const asMember = (await demo.gql(TASKS, {}, session.token)).data.jurisdiction.tasks.totalCount;
    expect(asMember).toBeGreaterThan((await demo.gql(TASKS, {})).data.jurisdiction.tasks.totalCount);
    await demo.db.prisma.apiToken.updateMany({ where: { name: 'user:li.draw' }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await demo.gql(CREATE_TASK, { input: TASK_INPUT }, session.token)).errors?.[0]?.message).toContain('log in again');
  });
});

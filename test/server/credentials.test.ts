import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { createEventBus } from '../../src/server/events/pubsub.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, NEIGHBOUR, type DemoCounty } from '../helpers/demo-county.ts';
import { wsClient } from '../helpers/subscribe.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const TOKENS = `query($j: String!, $active: Boolean) { tokens(jurisdiction: $j, active: $active) { __typename ... on QueryTokensSuccess { data { id name role username revokedAt } } ... on Error { message } } }`;
const CREATE_TOKEN = `mutation($j: String!, $name: String!) { createApiToken(jurisdiction: $j, role: PLANNER, name: $name) { __typename ... on NewApiToken { token apiToken { id name role revokedAt } } ... on Error { message } } }`;
const REVOKE = `mutation($j: String!, $id: ID!) { revokeToken(jurisdiction: $j, id: $id) { __typename ... on ApiToken { id revokedAt } ... on Error { message } } }`;
const DEACTIVATE = `mutation($j: String!, $u: String!) { deactivateUser(jurisdiction: $j, username: $u) { __typename ... on User { username active } ... on Error { message } } }`;
const REACTIVATE = `mutation($j: String!, $u: String!) { reactivateUser(jurisdiction: $j, username: $u) { __typename ... on User { username active } ... on Error { message } } }`;
const CREATE_USER = `mutation($u: String!) { createUser(jurisdiction: "${DEMO}", username: $u, name: "张检查", password: "a long enough secret", role: PLANNER) { __typename } }`;
const LOGIN = `mutation($u: String!) { login(username: $u, password: "a long enough secret") { __typename ... on Session { token } } }`;
const WHO = `{ jurisdiction(code: "${DEMO}") { tasks(first: 1) { totalCount } } }`;

describe.each(TEST_DATABASES)('credentials are withdrawn at once ($name)', (database) => {
  let demo: DemoCounty;
  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { enterprises: 20 });
  }, 120_000);
  afterAll(async () => demo?.db.close());

  it('an admin makes a token (its secret shown once), lists tokens without secrets, and revokes one: its next request is refused', async () => {
    const made = (await demo.gql(CREATE_TOKEN, { j: DEMO, name: '法规股看板' }, demo.tokens.ADMIN)).data.createApiToken;
    expect(made.__typename).toBe('NewApiToken');
    expect(made.token).toMatch(/^dr_/);
    expect((await demo.gql(WHO, {}, made.token)).errors).toBeUndefined();

    const listed = (await demo.gql(TOKENS, { j: DEMO }, demo.tokens.ADMIN)).data.tokens;
    expect(listed.__typename).toBe('QueryTokensSuccess');
    expect(listed.data.map((t: { name: string }) => t.name)).toContain('法规股看板');
    // No secret and no hash of it anywhere in the list.
    expect(JSON.stringify(listed)).not.toContain(made.token);
    expect(JSON.stringify(listed)).not.toMatch(/[0-9a-f]{64}/);

    const revoked = (await demo.gql(REVOKE, { j: DEMO, id: made.apiToken.id }, demo.tokens.ADMIN)).data.revokeToken;
    expect(revoked.__typename).toBe('ApiToken');
    expect(revoked.revokedAt).not.toBeNull();
    const after = await demo.gql(WHO, {}, made.token);
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const active = (await demo.gql(TOKENS, { j: DEMO, active: true }, demo.tokens.ADMIN)).data.tokens.data.map((t: { id: string }) => t.id);
    expect(active).not.toContain(made.apiToken.id);
    expect((await demo.gql(REVOKE, { j: DEMO, id: made.apiToken.id }, demo.tokens.ADMIN)).data.revokeToken.__typename).toBe('RuleError');

    const audit = await demo.db.prisma.auditEntry.findMany({ where: { subjectId: made.apiToken.id }, orderBy: { seq: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['token.created', 'token.revoked']);
  });

  it('only the admins of the jurisdiction list, make and revoke its tokens', async () => {
    expect((await demo.gql(TOKENS, { j: DEMO }, demo.tokens.PLANNER)).data.tokens.__typename).toBe('ForbiddenError');
    expect((await demo.gql(TOKENS, { j: DEMO })).data.tokens.__typename).toBe('ForbiddenError');
    expect((await demo.gql(TOKENS, { j: DEMO }, demo.tokens.neighbourAdmin)).data.tokens.__typename).toBe('ForbiddenError');
    expect((await demo.gql(CREATE_TOKEN, { j: DEMO, name: 'x' }, demo.tokens.PLANNER)).data.createApiToken.__typename).toBe('ForbiddenError');
    // The neighbour's admin cannot revoke a token of this county through its own jurisdiction either.
    const planner = (await demo.gql(TOKENS, { j: DEMO }, demo.tokens.ADMIN)).data.tokens.data.find((t: { name: string }) => t.name === `planner-${DEMO}`);
    const foreign = (await demo.gql(REVOKE, { j: NEIGHBOUR, id: planner.id }, demo.tokens.neighbourAdmin)).data.revokeToken;
    expect(foreign.__typename).toBe('ValidationError');
    expect((await demo.gql(WHO, {}, demo.tokens.PLANNER)).errors).toBeUndefined();
    // An admin cannot revoke the token it is using (logout does that).
    const own = (await demo.gql(TOKENS, { j: DEMO }, demo.tokens.ADMIN)).data.tokens.data.find((t: { name: string }) => t.name === `admin-${DEMO}`);
    expect((await demo.gql(REVOKE, { j: DEMO, id: own.id }, demo.tokens.ADMIN)).data.revokeToken.__typename).toBe('RuleError');
  });

  it("deactivating a user ends their sessions at once and stops their logins; reactivating lets them log in anew", async () => {
    await demo.gql(CREATE_USER, { u: 'zhang.plan' }, demo.tokens.ADMIN);
    const session = (await demo.gql(LOGIN, { u: 'zhang.plan' })).data.login.token as string;
    expect((await demo.gql(WHO, {}, session)).errors).toBeUndefined();
    expect((await demo.gql(DEACTIVATE, { j: DEMO, u: 'zhang.plan' }, demo.tokens.PLANNER)).data.deactivateUser.__typename).toBe('ForbiddenError');

    const off = (await demo.gql(DEACTIVATE, { j: DEMO, u: 'Zhang.Plan' }, demo.tokens.ADMIN)).data.deactivateUser;
    expect(off).toEqual({ __typename: 'User', username: 'zhang.plan', active: false });
    expect((await demo.gql(WHO, {}, session)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await demo.gql(LOGIN, { u: 'zhang.plan' })).data.login.__typename).toBe('ForbiddenError');

    expect((await demo.gql(REACTIVATE, { j: DEMO, u: 'zhang.plan' }, demo.tokens.ADMIN)).data.reactivateUser.active).toBe(true);
    expect((await demo.gql(WHO, {}, session)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const again = (await demo.gql(LOGIN, { u: 'zhang.plan' })).data.login.token as string;
    expect((await demo.gql(WHO, {}, again)).errors).toBeUndefined();
    expect((await demo.gql(DEACTIVATE, { j: DEMO, u: 'nobody' }, demo.tokens.ADMIN)).data.deactivateUser.__typename).toBe('ValidationError');
  });
});

describe('a revocation closes the token’s open connections on every instance', () => {
  const database = TEST_DATABASES.find((d) => d.name === 'postgres')!;
  let demo: DemoCounty;
  const busA = createEventBus(REDIS_URL);
  const busB = createEventBus(REDIS_URL);
  let appB: ReturnType<typeof buildApp>;
  let portB: number;
  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { enterprises: 20, events: busA });
    appB = buildApp(demo.db, demo.packs, { events: busB, drawPacingMs: 0 });
    portB = (await appB.start(0)).port;
  }, 120_000);
  afterAll(async () => {
    await appB?.stop();
    await Promise.all([busA.close(), busB.close()]);
    await demo?.db.close();
  });

  it('a subscription held on instance B with a token revoked on instance A is closed with 4401', async () => {
    const made = (await demo.gql(CREATE_TOKEN, { j: DEMO, name: '值班大屏' }, demo.tokens.ADMIN)).data.createApiToken;
    const client = wsClient(portB, made.token);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => client.on('closed', (event) => resolve(event as { code: number; reason: string })));
    const first = new Promise<void>((resolve, reject) =>
      client.subscribe({ query: `subscription { deadlineAlerts(jurisdiction: "${DEMO}") { status } }` }, { next: () => resolve(), error: reject, complete: () => undefined }),
    );
    await first;
    // Instance A (the in-process app of demoCounty) revokes it.
    expect((await demo.gql(REVOKE, { j: DEMO, id: made.apiToken.id }, demo.tokens.ADMIN)).data.revokeToken.__typename).toBe('ApiToken');
    const event = await closed;
    expect(event.code).toBe(4401);
    await client.dispose();
    // And the token cannot open a new connection on B either.
    const retry = wsClient(portB, made.token);
    const refused = await new Promise<unknown>((resolve) => retry.subscribe({ query: `subscription { deadlineAlerts(jurisdiction: "${DEMO}") { status } }` }, { next: () => resolve('next'), error: (e) => resolve(e), complete: () => resolve('complete') }));
    expect(refused).not.toBe('next');
    await retry.dispose();
  });
});

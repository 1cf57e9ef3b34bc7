import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureOperatorToken } from '../../src/server/auth/operator.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { demoCounty, DEMO, NEIGHBOUR, type DemoCounty } from '../helpers/demo-county.ts';

const USERS = `query($j: String!, $after: String) { jurisdiction(code: $j) { users(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { username name role active inspectorCertificate } } } } }`;
const CREATE_USER = `mutation($j: String!, $u: String!, $r: Role!, $i: String) { createUser(jurisdiction: $j, username: $u, name: "用户", password: "a long enough secret", role: $r, inspector: $i) { __typename ... on Error { message } } }`;
const POOLING = `query($j: String!) { jurisdiction(code: $j) { pooling { neighbour { code name } agreedBy agreedAt neighbourAgreedAt pooled } } }`;

describe('Jurisdiction.users and Jurisdiction.pooling, for the setup screen', () => {
  let demo: DemoCounty;
  let operator: string;
  beforeAll(async () => {
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), { enterprises: 10, pooling: false });
    operator = (await ensureOperatorToken(demo.db.prisma))!;
    const certificate = (await demo.db.prisma.inspector.findFirstOrThrow({ where: { jurisdiction: { code: DEMO } } })).certificateNumber;
    for (const [u, r, i] of [['a.admin', 'ADMIN', null], ['b.planner', 'PLANNER', null], ['c.inspector', 'INSPECTOR', certificate]] as const) {
      expect((await demo.gql(CREATE_USER, { j: DEMO, u, r, i }, demo.tokens.ADMIN)).data.createUser.__typename).toBe('User');
    }
  }, 120_000);
  afterAll(async () => demo?.db.close());

  it('pages all users for the jurisdiction’s admins, with the inspector a user is', async () => {
    const first = (await demo.gql(USERS, { j: DEMO }, demo.tokens.ADMIN)).data.jurisdiction.users;
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((e: { node: { username: string } }) => e.node.username)).toEqual(['a.admin', 'b.planner']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await demo.gql(USERS, { j: DEMO, after: first.pageInfo.endCursor }, demo.tokens.ADMIN)).data.jurisdiction.users;
    expect(second.edges[0].node).toMatchObject({ username: 'c.inspector', role: 'INSPECTOR', active: true });
    expect(second.edges[0].node.inspectorCertificate).toBeTruthy();
  });

  it('shows the operator only the admins, and other roles and the public nobody', async () => {
    const forOperator = (await demo.gql(USERS, { j: DEMO }, operator)).data.jurisdiction.users;
    expect(forOperator.edges.map((e: { node: { role: string } }) => e.node.role)).toEqual(['ADMIN']);
    expect(forOperator.totalCount).toBe(1);
    expect((await demo.gql(USERS, { j: DEMO }, demo.tokens.PLANNER)).data.jurisdiction.users.totalCount).toBe(0);
    expect((await demo.gql(USERS, { j: DEMO }, demo.tokens.neighbourAdmin)).data.jurisdiction.users.totalCount).toBe(0);
    expect((await demo.gql(USERS, { j: DEMO })).data.jurisdiction.users.totalCount).toBe(0);
  });

  it('says per neighbour who agreed to pool inspectors, pooled once both have', async () => {
    const before = (await demo.gql(POOLING, { j: DEMO }, demo.tokens.ADMIN)).data.jurisdiction.pooling;
    const wancheng = before.find((p: { neighbour: { code: string } }) => p.neighbour.code === NEIGHBOUR);
    expect(wancheng).toMatchObject({ neighbour: { name: '宛城区' }, agreedBy: null, pooled: false });
    const AGREE = `mutation($j: String!, $n: String!) { agreeToPooling(jurisdiction: $j, neighbour: $n) { __typename } }`;
    expect((await demo.gql(AGREE, { j: DEMO, n: NEIGHBOUR }, demo.tokens.ADMIN)).data.agreeToPooling.__typename).toBe('PoolingAgreement');
    const half = (await demo.gql(POOLING, { j: DEMO }, demo.tokens.ADMIN)).data.jurisdiction.pooling.find((p: { neighbour: { code: string } }) => p.neighbour.code === NEIGHBOUR);
    expect(half.agreedAt).toBeTruthy();
    expect(half.pooled).toBe(false);
    expect((await demo.gql(AGREE, { j: NEIGHBOUR, n: DEMO }, demo.tokens.neighbourAdmin)).data.agreeToPooling.__typename).toBe('PoolingAgreement');
    const both = (await demo.gql(POOLING, { j: DEMO }, demo.tokens.PLANNER)).data.jurisdiction.pooling.find((p: { neighbour: { code: string } }) => p.neighbour.code === NEIGHBOUR);
    expect(both).toMatchObject({ pooled: true });
    expect((await demo.gql(POOLING, { j: DEMO })).data.jurisdiction.pooling).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import { createDemoLogins } from '../../src/server/demo/demo-logins.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';

const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { __typename ... on Session { user { role name jurisdiction { code } } } ... on Error { message } } }`;

describe('a new installation’s demo has a console login per role', () => {
  let demo: DemoCounty;
  let made: Awaited<ReturnType<typeof createDemoLogins>>;
  beforeAll(async () => {
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), { enterprises: 10 });
    const county = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    made = await createDemoLogins(demo.db.prisma, county);
  }, 120_000);
  afterAll(async () => demo?.db.close());

  it('each logs in with the one password shown, in its role; the operator belongs to no jurisdiction', async () => {
    expect(made.password.length).toBeGreaterThanOrEqual(16);
    expect(made.logins.map((l) => l.role)).toEqual(['OPERATOR', 'ADMIN', 'PLANNER', 'DRAW_OFFICER', 'INSPECTOR', 'AUDITOR']);
    for (const login of made.logins) {
      const session = (await demo.gql(LOGIN, { u: login.username, p: made.password })).data.login;
      expect(session, login.username).toMatchObject({ __typename: 'Session', user: { role: login.role, jurisdiction: login.role === 'OPERATOR' ? null : { code: DEMO } } });
    }
    expect((await demo.gql(LOGIN, { u: 'demo.admin', p: 'not-the-password-at-all' })).data.login.__typename).toBe('ForbiddenError');
  });

  it('the inspector’s login is the directory’s first inspector, so it signs as itself', async () => {
    const user = await demo.db.prisma.appUser.findUniqueOrThrow({ where: { username: 'demo.inspector' }, include: { inspector: true } });
    expect(user.inspector?.name).toBe(user.name);
    // A second run (the database is no longer empty then) is never attempted; but the names are taken.
    await expect(createDemoLogins(demo.db.prisma, { id: user.jurisdictionId!, code: DEMO })).rejects.toThrow('demo.operator');
  });
});

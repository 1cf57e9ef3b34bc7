import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureOperatorToken } from '../../src/server/auth/operator.ts';
import { createUser } from '../../src/server/auth/users.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';

const CREATE = `mutation($input: CreateJurisdictionInput!) { createJurisdiction(input: $input) {
  __typename ... on Jurisdiction { code name level parent { code } neighbours { code } }
  ... on ValidationError { issues { field message } } ... on ConflictError { field message } ... on Error { message } } }`;
const UPDATE = `mutation($code: String!, $input: UpdateJurisdictionInput!) { updateJurisdiction(code: $code, input: $input) {
  __typename ... on Jurisdiction { name neighbours { code } } ... on Error { message } } }`;
const ADMIN_TOKEN = `mutation($j: String!, $role: Role!) { createApiToken(jurisdiction: $j, role: $role, name: "第一位管理员") { __typename ... on NewApiToken { token } ... on Error { message } } }`;
const CREATE_USER = `mutation($j: String!, $u: String!, $role: Role!) { createUser(jurisdiction: $j, username: $u, name: "李管理", password: "a long enough secret", role: $role) { __typename ... on User { username role jurisdiction { code } } ... on Error { message } } }`;

describe.each(TEST_DATABASES)('a county sets itself up ($name)', (database) => {
  let demo: DemoCounty;
  let operator: string;
  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { enterprises: 20 });
    operator = (await ensureOperatorToken(demo.db.prisma))!;
  }, 120_000);
  afterAll(async () => demo?.db.close());

  const create = async (input: Record<string, unknown>, token?: string) => {
    const answer = await demo.gql(CREATE, { input }, token);
    if (!answer.data) throw new Error(JSON.stringify(answer.errors));
    return answer.data.createJurisdiction;
  };

  it('the first start makes one operator token, bound to no jurisdiction', async () => {
    expect(operator).toMatch(/^dr_/);
    expect(await ensureOperatorToken(demo.db.prisma)).toBeNull();
    const row = await demo.db.prisma.apiToken.findFirstOrThrow({ where: { role: 'OPERATOR' } });
    expect(row.jurisdictionId).toBeNull();
  });

  it('an operator user (double-random init) logs in and acts as the operator: no jurisdiction, no member of any', async () => {
    const made = await createUser(demo.db.prisma, { username: 'platform.ops', name: '平台管理员', password: 'a long enough secret', role: 'OPERATOR', jurisdictionId: null });
    expect(made.ok && made.value.jurisdictionId).toBeNull();
    const session = (await demo.gql(`mutation { login(username: "platform.ops", password: "a long enough secret") { ... on Session { token user { role jurisdiction { code } } } } }`)).data.login;
    expect(session.user).toEqual({ role: 'OPERATOR', jurisdiction: null });
    expect((await demo.gql(`{ jurisdiction(code: "${DEMO}") { inspectors(first: 1) { edges { node { idNumber } } } } }`, {}, session.token)).data.jurisdiction.inspectors.edges[0].node.idNumber).toContain('*');
    expect(await create({ code: '510000', level: 'PROVINCE', name: '' }, demo.tokens.ADMIN)).toMatchObject({ __typename: 'ForbiddenError', message: '只有平台管理员（OPERATOR）可以建立顶级辖区' });
    // No other role is bound to no jurisdiction.
    expect(await createUser(demo.db.prisma, { username: 'nobody.admin', name: 'x', password: 'a long enough secret', role: 'ADMIN', jurisdictionId: null })).toMatchObject({ ok: false, error: { field: 'role' } });
  });

  it('the operator creates 四川省, 宜宾市 under it and 翠屏区 under that, names from GB/T 2260, each on its own trail and its parent’s', async () => {
    const province = await create({ code: '510000', level: 'PROVINCE' }, operator);
    expect(province).toMatchObject({ __typename: "Jurisdiction", code: "510000", name: "四川省", level: "PROVINCE", parent: null });
    const city = await create({ code: '511500', level: 'CITY', parent: '510000' }, operator);
    expect(city).toMatchObject({ name: '宜宾市', parent: { code: '510000' } });
    // The parent is taken from the table when it is here.
    const district = await create({ code: '511502', level: 'COUNTY' }, operator);
    expect(district).toMatchObject({ name: '翠屏区', level: 'COUNTY', parent: { code: '511500' } });

    const ids = await demo.db.prisma.jurisdiction.findMany({ where: { code: { in: ['511500', '511502'] } }, select: { id: true, code: true } });
    const trail = async (code: string) => (await demo.db.prisma.auditEntry.findMany({ where: { jurisdictionId: ids.find((j) => j.code === code)!.id }, orderBy: { seq: 'asc' } })).map((a) => a.action);
    expect(await trail('511502')).toEqual(['jurisdiction.created']);
    expect(await trail('511500')).toEqual(['jurisdiction.created', 'jurisdiction.subordinate_created']);
  });

  it('the creator makes the first admin of 翠屏区, who then manages its own people', async () => {
    // Not another role, and the public or a stranger not at all.
    expect((await demo.gql(ADMIN_TOKEN, { j: '511502', role: 'PLANNER' }, operator)).data.createApiToken.__typename).toBe('ForbiddenError');
    expect((await demo.gql(ADMIN_TOKEN, { j: '511502', role: 'ADMIN' }, demo.tokens.ADMIN)).data.createApiToken.__typename).toBe('ForbiddenError');
    const user = (await demo.gql(CREATE_USER, { j: '511502', u: 'cuiping-admin', role: 'ADMIN' }, operator)).data.createUser;
    expect(user).toEqual({ __typename: 'User', username: 'cuiping-admin', role: 'ADMIN', jurisdiction: { code: '511502' } });
    // Once it has an admin, the operator no longer makes its credentials.
    expect((await demo.gql(ADMIN_TOKEN, { j: '511502', role: 'ADMIN' }, operator)).data.createApiToken.__typename).toBe('ForbiddenError');
    const j = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: '511502' } });
    expect((await demo.db.prisma.auditEntry.findMany({ where: { jurisdictionId: j.id }, orderBy: { seq: 'asc' } })).map((a) => a.action)).toEqual(['jurisdiction.created', 'user.created']);
  });

  it("a city's admin creates its districts and names their neighbours; others may not", async () => {
    const cityAdmin = (await demo.gql(ADMIN_TOKEN, { j: '511500', role: 'ADMIN' }, operator)).data.createApiToken.token as string;
    expect(await create({ code: '510100', level: 'CITY', parent: '510000' }, cityAdmin)).toMatchObject({ __typename: 'ForbiddenError' });
    expect(await create({ code: '511503', level: 'COUNTY' }, demo.tokens.ADMIN)).toMatchObject({ __typename: 'ForbiddenError' });
    expect(await create({ code: '511503', level: 'COUNTY' })).toMatchObject({ __typename: 'ForbiddenError' });
    const nanxi = await create({ code: '511503', level: 'COUNTY', parent: '511500', neighbours: ['511502'] }, cityAdmin);
    expect(nanxi).toMatchObject({ name: '南溪区', neighbours: [{ code: '511502' }] });
    const cuiping = await demo.gql(`{ jurisdiction(code: "511502") { neighbours { code } } }`);
    expect(cuiping.data.jurisdiction.neighbours).toEqual([{ code: '511503' }]);

    const renamed = (await demo.gql(UPDATE, { code: '511503', input: { name: '南溪区（试点）', neighbours: [] } }, cityAdmin)).data.updateJurisdiction;
    expect(renamed).toEqual({ __typename: "Jurisdiction", name: "南溪区（试点）", neighbours: [] });
    expect((await demo.gql(`{ jurisdiction(code: "511502") { neighbours { code } } }`)).data.jurisdiction.neighbours).toEqual([]);
    expect((await demo.gql(UPDATE, { code: '511503', input: { name: 'x' } }, demo.tokens.ADMIN)).data.updateJurisdiction.__typename).toBe('ForbiddenError');
  });

  it('an unknown code, a wrong parent, a wrong level and a duplicate are refused, naming the field, and write nothing', async () => {
    const before = await demo.db.prisma.jurisdiction.count();
    const unknown = await create({ code: '511599', level: 'COUNTY' }, operator);
    expect(unknown.issues).toEqual([{ field: 'code', message: expect.stringContaining('GB/T 2260') }]);
    const parent = await create({ code: '511504', level: 'COUNTY', parent: '510000' }, operator);
    expect(parent.issues).toEqual([{ field: 'parent', message: expect.stringContaining('511500（宜宾市）') }]);
    const level = await create({ code: '511500', level: 'COUNTY', parent: '510000' }, operator);
    expect(level.issues).toEqual([{ field: 'level', message: expect.stringMatching(/层级不符.*地市级/) }]);
    const missingParent = await create({ code: '530102', level: 'COUNTY', parent: '530100' }, operator);
    expect(missingParent.issues).toEqual([{ field: 'parent', message: expect.stringContaining('尚未在本平台建立') }]);
    const neighbour = await create({ code: '511504', level: 'COUNTY', neighbours: ['999999'] }, operator);
    expect(neighbour.issues).toEqual([{ field: 'neighbours', message: expect.stringContaining('999999') }]);
    const duplicate = await create({ code: '511502', level: 'COUNTY' }, operator);
    expect(duplicate).toMatchObject({ __typename: 'ConflictError', field: 'code', message: expect.stringContaining('已经建立') });
    expect(await demo.db.prisma.jurisdiction.count()).toBe(before);
  });

  it('guides a new county: inspectors before the rule pack, the rule pack before plans and tasks, each refusal naming the next step', async () => {
    expect(await create({ code: '511504', level: 'COUNTY' }, operator)).toMatchObject({ __typename: 'Jurisdiction', name: '叙州区' });
    const admin = (await demo.gql(ADMIN_TOKEN, { j: '511504', role: 'ADMIN' }, operator)).data.createApiToken.token as string;

    const plan = await demo.gql(`mutation { createPlan(jurisdiction: "511504", year: 2026, title: "2026年度计划", doubleRandomCount: 40, otherCount: 10) { __typename ... on RuleError { code message } } }`, {}, admin);
    expect(plan.data.createPlan).toEqual({ __typename: 'RuleError', code: 'NO_RULE_PACK', message: expect.stringMatching(/叙州区（511504）还没有选择规则包：先建立执法人员名录，再选择规则包（switchRulePack），然后才能编制年度计划/) });
    const task = await demo.gql(`mutation($input: TaskInput!) { createTask(jurisdiction: "511504", input: $input) { __typename ... on RuleError { code message } } }`, { input: TASK_INPUT }, admin);
    expect(task.data.createTask).toMatchObject({ __typename: 'RuleError', code: 'NO_RULE_PACK', message: expect.stringContaining('然后才能建立抽查任务') });
    const pack = await demo.gql(`mutation { switchRulePack(jurisdiction: "511504", pack: "wolong") { __typename ... on ValidationError { issues { field message } } } }`, {}, admin);
    expect(pack.data.switchRulePack.issues).toEqual([{ field: 'pack', message: expect.stringContaining('还没有在册的执法人员：请先建立执法人员名录') }]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/app.ts';
import type { Database } from '../../src/server/db/database.ts';
import { seedDemo } from '../../src/server/demo/seed-demo.ts';
import { buildApp, graphqlClient, tokenFor } from '../helpers/app.ts';
import { loadRegistry } from '../../src/rulepacks/registry.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { idNumber, uscc } from '../helpers/fixtures.ts';

const PAGE = `query Page($first: Int!, $filter: EnterpriseFilter) {
  jurisdiction(code: "411303") {
    enterprises(first: $first, filter: $filter, orderBy: { field: NAME }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id uscc name riskLevel phone jurisdiction { code } records { kind occurredOn } alsoSupervisedBy { code } } }
    }
  }
}`;

describe.each(TEST_DATABASES)('GraphQL on $name', (target) => {
  let db: Database;
  let app: App;
  let gql: ReturnType<typeof graphqlClient>;
  let admin: string;
  let neighbourAdmin: string;
  let auditor: string;

  beforeAll(async () => {
    db = await target.open();
    await seedDemo(db.sql, { enterprises: 400, inspectors: 20, experts: 10 });
    app = buildApp(db, await loadRegistry());
    gql = graphqlClient(app);
    admin = await tokenFor(db, '411303');
    neighbourAdmin = await tokenFor(db, '411302');
    auditor = await tokenFor(db, '411303', 'AUDITOR');
  });
  afterAll(async () => {
    await db.close();
  });

  it('pages 100 enterprises with nested relations in a constant number of SQL statements', async () => {
    const statementsFor = async (first: number) => {
      db.queries.reset();
      const result = await gql(PAGE, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data.jurisdiction.enterprises.edges).toHaveLength(first);
      return db.queries.count;
    };
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(hundred).toBe(ten);
    expect(hundred).toBeLessThanOrEqual(8);
  });

  it('filters, counts and pages with cursors', async () => {
    const all = await gql(PAGE, { first: 5, filter: { riskLevel: ['MAJOR'] } });
    const conn = all.data.jurisdiction.enterprises;
    const major = await db.prisma.enterprise.count({ where: { jurisdiction: { code: '411303' }, riskLevel: 'MAJOR', active: true } });
    expect(conn.totalCount).toBe(major);
    expect(conn.edges.every((e: any) => e.node.riskLevel === 'MAJOR')).toBe(true);
    const next = await gql(
      `query($after: String) { jurisdiction(code: "411303") { enterprises(first: 5, after: $after, filter: { riskLevel: [MAJOR] }, orderBy: { field: NAME }) { edges { node { uscc } } } } }`,
      { after: conn.pageInfo.endCursor },
    );
    const firstPage = conn.edges.map((e: any) => e.node.uscc);
    const secondPage = next.data.jurisdiction.enterprises.edges.map((e: any) => e.node.uscc);
    expect(secondPage.some((u: string) => firstPage.includes(u))).toBe(false);

    const sample = await db.prisma.enterprise.findFirstOrThrow({ where: { jurisdiction: { code: '411303' } } });
    const search = await gql(PAGE, { first: 5, filter: { search: sample.uscc.slice(0, 12) } });
    expect(search.data.jurisdiction.enterprises.edges.map((e: any) => e.node.uscc)).toContain(sample.uscc);
  });

  it('masks ID numbers and phones for the public and other jurisdictions, not for members', async () => {
    const query = `{ jurisdiction(code: "411303") { inspectors(first: 1) { edges { node { idNumber phone } } } } }`;
    const full = await db.prisma.inspector.findFirstOrThrow({ where: { jurisdiction: { code: '411303' } }, orderBy: { certificateNumber: 'asc' } });
    const as = async (token?: string) => (await gql(query, {}, token)).data.jurisdiction.inspectors.edges[0].node;
    expect(await as(auditor)).toEqual({ idNumber: full.idNumber, phone: full.phone });
    for (const outsider of [undefined, neighbourAdmin]) {
      const masked = await as(outsider);
      expect(masked.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      expect(masked.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
  });

  const CREATE = `mutation($input: EnterpriseInput!) {
    createEnterprise(jurisdiction: "411303", input: $input) {
      __typename
      ... on Enterprise { id uscc riskLevel history { op actor } }
      ... on ValidationError { message issues { field message } }
      ... on ForbiddenError { message }
      ... on ConflictError { field message }
    }
  }`;
  const newUscc = uscc('91411303MA9X00001');

  it('creates an enterprise for an admin of the jurisdiction, recording who did it', async () => {
    const result = await gql(CREATE, { input: { uscc: newUscc, name: '新建测试有限公司', sector: '机械', riskLevel: 'HIGH' } }, admin);
    expect(result.data.createEnterprise).toMatchObject({ __typename: 'Enterprise', uscc: newUscc, riskLevel: 'HIGH', history: [{ op: 'INSERT', actor: 'token:admin-411303' }] });
  });

  it('answers bad input with a typed error naming each field, and writes nothing', async () => {
    const before = await db.prisma.enterprise.count();
    const result = await gql(CREATE, { input: { uscc: '91411303MA9X000010', name: '', sector: '化工' } }, admin);
    expect(result.data.createEnterprise.__typename).toBe('ValidationError');
    expect(result.data.createEnterprise.issues.map((i: any) => i.field)).toEqual(['uscc', 'name', 'sector']);
    expect(await db.prisma.enterprise.count()).toBe(before);
    const dup = await gql(CREATE, { input: { uscc: newUscc, name: '重复', sector: '机械' } }, admin);
    expect(dup.data.createEnterprise).toMatchObject({ __typename: 'ConflictError', field: 'uscc' });
  });

  it('refuses changes from the public, from another county and from a role that does not maintain directories', async () => {
    const input = { uscc: uscc('91411303MA9X00002'), name: '越权测试', sector: '机械' };
    for (const token of [undefined, neighbourAdmin, auditor]) {
      const result = await gql(CREATE, { input }, token);
      expect(result.data.createEnterprise.__typename).toBe('ForbiddenError');
    }
    const target = await db.prisma.enterprise.findFirstOrThrow({ where: { uscc: newUscc } });
    const id = (await gql(`{ jurisdiction(code: "411303") { enterprises(first: 1, filter: { search: "${newUscc}" }) { edges { node { id } } } } }`)).data.jurisdiction.enterprises.edges[0].node.id;
    const byNode = await gql(`mutation($id: ID!) { deactivateEnterprise(id: $id) { __typename } }`, { id }, neighbourAdmin);
    expect(byNode.data.deactivateEnterprise.__typename).toBe('ForbiddenError');
    expect((await db.prisma.enterprise.findUniqueOrThrow({ where: { id: target.id } })).active).toBe(true);
  });

  it('updates and deactivates by node id, keeping the history of each change', async () => {
    const id = (await gql(`{ jurisdiction(code: "411303") { enterprises(first: 1, filter: { search: "${newUscc}" }) { edges { node { id } } } } }`)).data.jurisdiction.enterprises.edges[0].node.id;
    const updated = await gql(`mutation($id: ID!) { updateEnterprise(id: $id, input: { creditLevel: DISHONEST, blacklisted: true }) { ... on Enterprise { creditLevel blacklisted } } }`, { id }, admin);
    expect(updated.data.updateEnterprise).toEqual({ creditLevel: 'DISHONEST', blacklisted: true });
    const bad = await gql(`mutation($id: ID!) { updateEnterprise(id: $id, input: { uscc: "123" }) { __typename ... on ValidationError { issues { field } } } }`, { id }, admin);
    expect(bad.data.updateEnterprise).toEqual({ __typename: 'ValidationError', issues: [{ field: 'uscc' }] });
    await gql(`mutation($id: ID!) { deactivateEnterprise(id: $id) { __typename } }`, { id }, admin);
    const node = await gql(`query($id: ID!) { node(id: $id) { ... on Enterprise { active history { op row } } } }`, { id }, admin);
    expect(node.data.node.active).toBe(false);
    expect(node.data.node.history.map((h: any) => [h.op, h.row.credit_level, h.row.active])).toEqual([
      ['INSERT', 'NORMAL', true],
      ['UPDATE', 'DISHONEST', true],
      ['UPDATE', 'DISHONEST', false],
    ]);
    const publicView = await gql(`query($id: ID!) { node(id: $id) { ... on Enterprise { history { op } } } }`, { id });
    expect(publicView.data.node.history).toEqual([]);
  });

  it('creates inspectors, experts and checklist items with the same validation as imports', async () => {
    const inspector = await gql(
      `mutation($input: InspectorInput!) { createInspector(jurisdiction: "411303", input: $input) { __typename ... on Inspector { domains certificateValidUntil } ... on ValidationError { issues { field } } } }`,
      { input: { certificateNumber: 'T-0001', name: '周九', unit: '执法大队', idNumber: idNumber('41130319850505005'), certificateValidUntil: '2028-01-31', domains: ['危化', 'non_coal_mine'] } },
      admin,
    );
    expect(inspector.data.createInspector).toEqual({ __typename: 'Inspector', domains: ['hazardous_chemicals', 'non_coal_mine'], certificateValidUntil: '2028-01-31' });
    const badId = await gql(
      `mutation($input: InspectorInput!) { createInspector(jurisdiction: "411303", input: $input) { __typename ... on ValidationError { issues { field } } } }`,
      { input: { certificateNumber: 'T-0002', name: '吴十', unit: '执法大队', idNumber: '411303198505050050' } },
      admin,
    );
    expect(badId.data.createInspector).toEqual({ __typename: 'ValidationError', issues: [{ field: 'idNumber' }] });
    const expert = await gql(
      `mutation($input: ExpertInput!) { createExpert(jurisdiction: "411303", input: $input) { __typename ... on Expert { services { enterpriseUscc kind } } } }`,
      { input: { idNumber: idNumber('41130019700707007'), name: '郑十一', specialties: ['消防'], services: [{ enterpriseUscc: newUscc, kind: 'DESIGN', servedOn: '2024-02-02' }] } },
      admin,
    );
    expect(expert.data.createExpert).toEqual({ __typename: 'Expert', services: [{ enterpriseUscc: newUscc, kind: 'DESIGN' }] });
    const item = await gql(
      `mutation { createChecklistItem(jurisdiction: "411303", input: { code: "AQ01-99", name: "新子事项", parentCode: "AQ01", sectors: ["机械"] }) { __typename ... on ChecklistItem { parent { code } sectors } } }`,
      {},
      admin,
    );
    expect(item.data.createChecklistItem).toEqual({ __typename: 'ChecklistItem', parent: { code: 'AQ01' }, sectors: ['machinery'] });
  });

  it('imports a file uploaded with a multipart request, dry run first', async () => {
    const body = `统一社会信用代码,企业名称,行业类别\n${uscc('91411303MA9X00009')},上传测试有限公司,建材\n`;
    const upload = async (dryRun: boolean, token?: string) => {
      const form = new FormData();
      form.append('operations', JSON.stringify({
        query: `mutation($file: File!, $dryRun: Boolean) { importDirectory(kind: ENTERPRISES, jurisdiction: "411303", file: $file, dryRun: $dryRun) { __typename ... on ImportReport { committed created encoding problems { row column message } } ... on ForbiddenError { message } } }`,
        variables: { file: null, dryRun },
      }));
      form.append('map', JSON.stringify({ 0: ['variables.file'] }));
      form.append('0', new File([body], 'enterprises.csv', { type: 'text/csv' }));
      const response = await app.fetch(new Request('http://test/graphql', { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} }));
      return ((await response.json()) as any).data.importDirectory;
    };
    expect(await upload(true, admin)).toMatchObject({ __typename: 'ImportReport', committed: false, created: 1 });
    expect(await upload(false)).toMatchObject({ __typename: 'ForbiddenError' });
    expect(await upload(false, admin)).toMatchObject({ __typename: 'ImportReport', committed: true, created: 1, encoding: 'utf-8' });
  });

  it('reports which headers it recognised as which field, the fields to map to, and reads an unknown header once mapped', async () => {
    const body = `信用代码号,企业全称,行业类别,备注\n${uscc('91411303MA9X00010')},映射测试有限公司,建材,无\n`;
    const upload = async (mapping?: { from: string; to: string }[]) => {
      const form = new FormData();
      form.append('operations', JSON.stringify({
        query: `mutation($file: File!, $mapping: [ColumnMapping!]) { importDirectory(kind: ENTERPRISES, jurisdiction: "411303", file: $file, dryRun: true, mapping: $mapping) { __typename ... on ImportReport { created headers ignoredColumns columns { header field label } fields { field label required } problems { code column field message } } } }`,
        variables: { file: null, mapping: mapping ?? null },
      }));
      form.append('map', JSON.stringify({ 0: ['variables.file'] }));
      form.append('0', new File([body], 'enterprises.csv', { type: 'text/csv' }));
      const response = await app.fetch(new Request('http://test/graphql', { method: 'POST', body: form, headers: { authorization: `Bearer ${admin}` } }));
      return ((await response.json()) as any).data.importDirectory;
    };
    const unmapped = await upload();
    expect(unmapped.headers).toEqual(['信用代码号', '企业全称', '行业类别', '备注']);
    expect(unmapped.columns).toEqual([{ header: '行业类别', field: 'sector', label: '行业类别' }]);
    expect(unmapped.ignoredColumns).toEqual(['信用代码号', '企业全称', '备注']);
    expect(unmapped.fields).toContainEqual({ field: 'uscc', label: '统一社会信用代码', required: true });
    expect(unmapped.fields).toContainEqual({ field: 'township', label: '所属乡镇', required: false });
    // The missing required columns are named in Chinese, with the field each one is.
    expect(unmapped.problems).toEqual([
      expect.objectContaining({ code: 'MISSING_COLUMN', column: '统一社会信用代码', field: 'uscc', message: expect.stringContaining('文件缺少') }),
      expect.objectContaining({ code: 'MISSING_COLUMN', column: '企业名称', field: 'name' }),
    ]);
    const mapped = await upload([{ from: '信用代码号', to: 'uscc' }, { from: '企业全称', to: '企业名称' }]);
    expect(mapped).toMatchObject({ created: 1, problems: [], ignoredColumns: ['备注'] });
    expect(mapped.columns).toEqual([
      { header: '信用代码号', field: 'uscc', label: '统一社会信用代码' },
      { header: '企业全称', field: 'name', label: '企业名称' },
      { header: '行业类别', field: 'sector', label: '行业类别' },
    ]);
  });

  it('exports a directory over HTTP to members only', async () => {
    const get = (token?: string) => app.fetch(new Request('http://test/export/411303/inspectors.csv', { headers: token ? { authorization: `Bearer ${token}` } : {} }));
    expect((await get()).status).toBe(403);
    expect((await get(neighbourAdmin)).status).toBe(403);
    const ok = await get(auditor);
    expect(ok.status).toBe(200);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await ok.arrayBuffer());
    expect(text.startsWith('\uFEFF执法证号,姓名')).toBe(true);
  });

  it('refuses an unknown token with 401 rather than treating it as the public', async () => {
    const response = await app.fetch(new Request('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer nope' }, body: JSON.stringify({ query: '{ sectors { code } }' }) }));
    expect(response.status).toBe(401);
  });
});

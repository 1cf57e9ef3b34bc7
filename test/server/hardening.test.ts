import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/core/directory/read-table.ts';
import { enterpriseSpec } from '../../src/core/directory/kinds/index.ts';
import { atomFeed } from '../../src/server/portal/atom-feed.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { idNumber, uscc } from '../helpers/fixtures.ts';

const CREATE_ENTERPRISE = `mutation($input: EnterpriseInput!) { createEnterprise(jurisdiction: "${DEMO}", input: $input) { __typename ... on ValidationError { issues { field message } } ... on Error { message } } }`;
const CREATE_INSPECTOR = `mutation($input: InspectorInput!) { createInspector(jurisdiction: "${DEMO}", input: $input) { __typename ... on ValidationError { issues { field message } } } }`;
const SEARCH = `query($q: String!) { jurisdiction(code: "${DEMO}") { enterprises(first: 5, filter: { search: $q }) { totalCount edges { node { name } } } } }`;
const PEOPLE = `query($q: String!) { jurisdiction(code: "${DEMO}") { enterprises(first: 1, filter: { search: $q }) { edges { node { legalRepresentative contactPerson } } } } }`;

describe.each(TEST_DATABASES)('small hardening: dates, NUL, ID numbers, search, personal data ($name)', (database) => {
  let demo: DemoCounty;
  const packsDir = mkdtempSync(join(tmpdir(), 'dr-packs-'));
  beforeAll(async () => {
    writeFileSync(join(packsDir, 'broken.yaml'), 'meta: { id: broken }\n');
    demo = await demoCounty(await database.open(), { enterprises: 20, packsDir });
  }, 120_000);
  afterAll(async () => {
    await demo?.db.close();
    rmSync(packsDir, { recursive: true, force: true });
  });

  it('refuses a Date that is not on the calendar (2026-02-30 is not 2026-03-02)', async () => {
    const q = `query($from: Date!) { jurisdiction(code: "${DEMO}") { calendarDays(from: $from, to: "2026-03-03") { date } } }`;
    const bad = await demo.gql(q, { from: '2026-02-30' });
    expect(bad.errors?.[0]?.message).toContain('2026-02-30 不是日历上存在的日期');
    expect((await demo.gql(q, { from: '2026-13-01' })).errors?.[0]?.message).toContain('不是日历上存在的日期');
    const literal = await demo.gql(`{ jurisdiction(code: "${DEMO}") { calendarDays(from: "2026-02-30", to: "2026-03-03") { date } } }`);
    expect(literal.errors?.[0]?.message).toContain('不是日历上存在的日期');
    expect((await demo.gql(q, { from: '2026-02-28' })).data.jurisdiction.calendarDays[0].date).toBe('2026-02-28');
  });

  it('refuses a NUL character with a typed error naming where it is, never "Unexpected error"', async () => {
    const input = { uscc: uscc('91411303MA70NUL01'), name: '空字符\u0000有限公司', sector: '建材' };
    const viaVariable = await demo.gql(CREATE_ENTERPRISE, { input }, demo.tokens.ADMIN);
    expect(viaVariable.errors?.[0]?.extensions?.code).toBe('INVALID_CHARACTER');
    expect(viaVariable.errors?.[0]?.message).toContain('$input.name');
    const inline = await demo.gql(`mutation { createTask(jurisdiction: "${DEMO}", input: { title: "a\\u0000b", windowStart: "2026-03-01", windowEnd: "2026-03-31", inspectionDate: "2026-03-16", size: 1 }) { __typename } }`, {}, demo.tokens.ADMIN);
    expect(inline.errors?.[0]?.extensions?.code).toBe('INVALID_CHARACTER');
    expect(await demo.db.prisma.enterprise.count({ where: { uscc: input.uscc } })).toBe(0);
    // In a file, the decoder names the row and column (test/server/upload-limits.test.ts).
  });

  it('refuses an ID number whose birth date is in the future', async () => {
    const future = idNumber('41130320990101123');
    const result = await demo.gql(CREATE_INSPECTOR, { input: { certificateNumber: 'FUTURE-01', name: '未来人', unit: '执法大队', idNumber: future } }, demo.tokens.ADMIN);
    expect(result.data.createInspector.__typename).toBe('ValidationError');
    expect(result.data.createInspector.issues[0]).toEqual({ field: 'idNumber', message: expect.stringContaining('晚于今天') });
    const past = await demo.gql(CREATE_INSPECTOR, { input: { certificateNumber: 'PAST-01', name: '过去人', unit: '执法大队', idNumber: idNumber('41130319800101123') } }, demo.tokens.ADMIN);
    expect(past.data.createInspector.__typename).toBe('Inspector');
  });

  it('searches for % and _ as the characters they are', async () => {
    await demo.gql(CREATE_ENTERPRISE, { input: { uscc: uscc('91411303MA70PCT01'), name: '百分之50%_测试有限公司', sector: '建材' } }, demo.tokens.ADMIN);
    expect((await demo.gql(SEARCH, { q: '%' })).data.jurisdiction.enterprises.totalCount).toBe(1);
    expect((await demo.gql(SEARCH, { q: '_' })).data.jurisdiction.enterprises.totalCount).toBe(1);
    expect((await demo.gql(SEARCH, { q: '50%_测' })).data.jurisdiction.enterprises.totalCount).toBe(1);
    expect((await demo.gql(SEARCH, { q: '5_%' })).data.jurisdiction.enterprises.totalCount).toBe(0);
  });

  it('masks the legal representative and the contact person for anyone outside the jurisdiction', async () => {
    await demo.gql(CREATE_ENTERPRISE, { input: { uscc: uscc('91411303MA70LEG01'), name: '法人测试有限公司', sector: '建材', legalRepresentative: '欧阳明', contactPerson: '李四' } }, demo.tokens.ADMIN);
    const asPublic = (await demo.gql(PEOPLE, { q: '法人测试' })).data.jurisdiction.enterprises.edges[0].node;
    expect(asPublic).toEqual({ legalRepresentative: '欧**', contactPerson: '李*' });
    expect((await demo.gql(PEOPLE, { q: '法人测试' }, demo.tokens.neighbourAdmin)).data.jurisdiction.enterprises.edges[0].node.legalRepresentative).toBe('欧**');
    expect((await demo.gql(PEOPLE, { q: '法人测试' }, demo.tokens.INSPECTOR)).data.jurisdiction.enterprises.edges[0].node).toEqual({ legalRepresentative: '欧阳明', contactPerson: '李四' });
  });

  it("does not show the server's folders in rulePackProblems", async () => {
    const problems = (await demo.gql(`{ rulePackProblems { file message } }`)).data.rulePackProblems as { file: string; message: string }[];
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((p) => p.file.endsWith('broken.yaml'))).toBe(true);
    expect(JSON.stringify(problems)).not.toContain(packsDir);
    expect(JSON.stringify(problems)).not.toContain(tmpdir());
  });
});

describe('exports and the feed', () => {
  const database = TEST_DATABASES[0]!;
  let demo: DemoCounty;
  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { enterprises: 5 });
  }, 120_000);
  afterAll(async () => demo?.db.close());

  it('writes cells a spreadsheet would run as formulas as text in CSV exports, and re-imports them unchanged', async () => {
    const names = ['=HYPERLINK("http://evil.example","点我")', '+86公司', '-减号公司', '@SUM(A1)公司'];
    for (const [i, name] of names.entries()) {
      const r = await demo.gql(CREATE_ENTERPRISE, { input: { uscc: uscc(`91411303MA70FML0${i}`), name, sector: '建材' } }, demo.tokens.ADMIN);
      expect(r.data.createEnterprise.__typename).toBe('Enterprise');
    }
    const response = await demo.app.fetch(new Request(`http://test/export/${DEMO}/enterprises.csv`, { headers: { authorization: `Bearer ${demo.tokens.ADMIN}` } }));
    const text = (await response.text()).replace(/^\uFEFF/, '');
    const lines = text.split('\r\n');
    for (const name of names) {
      const line = lines.find((l) => l.includes(name.replace(/"/g, '""')))!;
      expect(line).toBeDefined();
      // The cell starts with an apostrophe (inside quotes when the cell needs them).
      expect(line).toMatch(new RegExp(`,"?'${name.slice(0, 1).replace(/[+=@-]/, (c) => `\\${c}`)}`));
    }
    const [headers, ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    const reread = readTable(enterpriseSpec, { headers: headers!, rows });
    expect(reread.problems).toEqual([]);
    expect(reread.records.map((r) => r.value.name)).toEqual(expect.arrayContaining(names));
  });

  it('shows markup in entry titles of the Atom feed as text', () => {
    const jurisdiction = { code: DEMO, name: '卧龙区', createdAt: new Date('2026-01-01T00:00:00Z') } as never;
    const draw = { taskId: 't', drawId: 'd', jurisdictionCode: DEMO, title: '<b onmouseover=alert(1)>批次</b>', covert: false, status: 'DRAWN', inspectionDate: '2026-03-16', windowStart: '2026-03-01', windowEnd: '2026-03-31', announcedOn: null, commitment: 'c', seed: null, picks: [] };
    const xml = atomFeed('http://x', jurisdiction, [], [draw], new Map());
    const title = /<entry>[\s\S]*?<title type="html">([\s\S]*?)<\/title>/.exec(xml)![1]!;
    expect(title).not.toContain('<b');
    expect(title).toContain('&#60;b onmouseover=alert(1)&#62;批次&#60;/b&#62;');
  });

  it('sends the security headers and never reflects an origin with credentials', async () => {
    const page = await demo.app.fetch(new Request('http://test/'));
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');

    const preflight = await demo.app.fetch(new Request('http://test/graphql', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } }));
    // Any origin may read the API (tokens travel in a header, not in cookies), never with credentials.
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    const post = await demo.app.fetch(new Request('http://test/graphql', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }));
    expect(post.headers.get('access-control-allow-credentials')).toBeNull();
    expect(post.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves GraphiQL with every asset from the server itself', async () => {
    const response = await demo.app.fetch(new Request('http://test/graphql', { headers: { accept: 'text/html' } }));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('YogaGraphiQL');
    // No script, style sheet or font from elsewhere.
    expect(text).not.toMatch(/<script[^>]+src=["']?https?:/);
    expect(text).not.toMatch(/<link[^>]+href=["']?https?:/);
    expect(text).not.toMatch(/unpkg\.com|jsdelivr|cdnjs/);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

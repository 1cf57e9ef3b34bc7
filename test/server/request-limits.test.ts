import { getIntrospectionQuery, isObjectType, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/server/config.ts';
import { DEFAULT_REQUEST_LIMITS, requestCost } from '../../src/server/limits/request-limits.ts';
import { pageCost } from '../../src/server/limits/field-cost.ts';
import { schema } from '../../src/server/schema/index.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { DASHBOARD } from '../helpers/dashboard-query.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';
import { wsClient } from '../helpers/subscribe.ts';

/** What GraphiQL asks when it opens (yoga turns on input value deprecation), with every option on. */
const INTROSPECTION = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true });

/** The hostile tester's query: 100 enterprises, each one's other jurisdictions' 100, and theirs. */
const NESTED = `{ jurisdiction(code: "${DEMO}") { enterprises(first: 100) { edges { node { alsoSupervisedBy { enterprises(first: 100) { edges { node {
  alsoSupervisedBy { enterprises(first: 100) { edges { node { name } } } } } } } } } } } } }`;

const FILTERED_PAGE = `jurisdiction(code: "${DEMO}") { enterprises(first: 100, filter: { riskLevel: [MAJOR], sector: ["hazardous_chemicals"] }, orderBy: { field: NAME }) { totalCount edges { node { name } } } }`;

const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join('\n');

// The limits are checked before any database work, so one database is enough here.
describe('what one GraphQL request may cost', () => {
  let demo: DemoCounty;
  let drawId: string;
  beforeAll(async () => {
    demo = await demoCounty(await TEST_DATABASES[0]!.open(), { enterprises: 50 });
    const task = (await demo.gql(`mutation($input: TaskInput!) { createTask(jurisdiction: "${DEMO}", input: $input) { ... on Task { id } } }`, { input: TASK_INPUT }, demo.tokens.PLANNER)).data.createTask;
    drawId = (await demo.gql(`mutation($t: ID!) { lockTask(task: $t) { ... on Draw { id } } }`, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask.id;
  }, 120_000);
  afterAll(async () => demo?.db.close());

  const entropyCount = () => demo.db.prisma.entropyContribution.count();
  const refusal = async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await demo.gql(query, variables);
    expect(r.data, JSON.stringify(r)).toBeUndefined();
    expect(r.errors).toHaveLength(1);
    return r.errors![0]!;
  };

  it('refuses a deep query with QUERY_TOO_DEEP, its depth and the limit, in Chinese', async () => {
    const deep = `{ jurisdiction(code: "${DEMO}") { ${'children { '.repeat(20)}code${' }'.repeat(20)} } }`;
    const e = await refusal(deep);
    expect(e.extensions).toEqual({ code: 'QUERY_TOO_DEEP', limit: 16, actual: 22 });
    expect(e.message).toMatch(/^查询嵌套过深：深度 22，上限 16/);
  });

  it('refuses the nested 100 × 100 × 100 enterprises with QUERY_TOO_COSTLY before running any SQL', async () => {
    demo.db.queries.reset();
    const e = await refusal(NESTED);
    expect(e.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: 150_000 });
    expect(e.extensions!.actual as number).toBeGreaterThan(100_000_000);
    expect(e.message).toContain('查询代价过高');
    expect(demo.db.queries.count).toBe(0);
  });

  it('multiplies by first/last given as variables', async () => {
    const query = `query($n: Int!) { jurisdiction(code: "${DEMO}") { enterprises(first: $n) { edges { node { alsoSupervisedBy { enterprises(first: $n) { edges { node { name } } } } } } } } }`;
    expect((await demo.gql(query, { n: 10 })).errors).toBeUndefined();
    expect((await refusal(query, { n: 100 })).extensions?.code).toBe('QUERY_TOO_COSTLY');
    // The same document again with small pages: the refusal was for those variables, not kept for the text.
    expect((await demo.gql(query, { n: 10 })).errors).toBeUndefined();
  });

  it('refuses 1,000 aliases of a filtered page, and a hundred aliases of anything', async () => {
    expect((await refusal(`{ ${aliases(1000, FILTERED_PAGE)} }`)).extensions).toEqual({ code: 'TOO_MANY_TOKENS', limit: 1000 });
    const e = await refusal(`{ ${aliases(100, 'sectors { code }')} }`);
    expect(e.extensions).toEqual({ code: 'TOO_MANY_ALIASES', limit: 30, actual: 100 });
    expect(e.message).toMatch(/^查询中的别名过多：100 个，上限 30 个/);
  });

  it('allows contributeEntropy and login once per operation: 1,000 aliases, two aliases or two fragments are refused, and nothing is written', async () => {
    const contribute = (i: number) => `contributeEntropy(draw: "${drawId}", value: "flood ${i}") { __typename }`;
    expect((await refusal(`mutation { ${Array.from({ length: 1000 }, (_, i) => `a${i}: ${contribute(i)}`).join(' ')} }`)).extensions?.code).toBe('TOO_MANY_TOKENS');
    const twice = await refusal(`mutation { a: ${contribute(1)} b: ${contribute(2)} }`);
    expect(twice.extensions).toEqual({ code: 'MUTATION_REPEATED', field: 'contributeEntropy', limit: 1, actual: 2 });
    expect(twice.message).toMatch(/^每个操作只能调用一次 contributeEntropy，本操作调用了 2 次/);
    const fragments = `mutation { ...A ...B } fragment A on Mutation { a: ${contribute(3)} } fragment B on Mutation { b: ${contribute(4)} }`;
    expect((await refusal(fragments)).extensions?.code).toBe('MUTATION_REPEATED');
    expect(await entropyCount()).toBe(0);

    const logins = `mutation { ${Array.from({ length: 50 }, (_, i) => `l${i}: login(username: "admin", password: "guess ${i}") { __typename }`).join(' ')} }`;
    expect((await refusal(logins)).extensions?.code).toBe('TOO_MANY_ALIASES');
    expect((await refusal(`mutation { a: login(username: "admin", password: "guess 1") { __typename } b: login(username: "admin", password: "guess 2") { __typename } }`)).extensions).toMatchObject({ code: 'MUTATION_REPEATED', field: 'login' });

    const imports = `mutation($f: File!) { a: importDirectory(kind: ENTERPRISES, jurisdiction: "${DEMO}", file: $f) { __typename } b: importDirectory(kind: INSPECTORS, jurisdiction: "${DEMO}", file: $f) { __typename } }`;
    expect((await refusal(imports)).extensions).toMatchObject({ code: 'MUTATION_REPEATED', field: 'importDirectory' });

    // Once is fine, and the same field repeated under one name is merged into one call.
    const once = await demo.gql(`mutation { ${contribute(5)} ${contribute(5)} }`);
    expect(once.data.contributeEntropy.__typename).toBe('EntropyContribution');
    expect(await entropyCount()).toBe(1);
  });

  it("passes GraphiQL's introspection query and the dashboard's 100 tasks with picks and teams, with room to spare", async () => {
    const introspection = await demo.gql(INTROSPECTION);
    expect(introspection.errors).toBeUndefined();
    expect(introspection.data.__schema.types.length).toBeGreaterThan(100);
    const dashboard = await demo.gql(DASHBOARD, { j: DEMO, n: 100 }, demo.tokens.AUDITOR);
    expect(dashboard.errors).toBeUndefined();
    // Twice these still pass, so the defaults leave room for richer dashboards and bigger schemas.
    for (const [query, variables] of [[INTROSPECTION, {}], [DASHBOARD, { j: DEMO, n: 100 }]] as const) {
      expect(2 * requestCost(schema, parse(query), {}, variables, null)).toBeLessThan(DEFAULT_REQUEST_LIMITS.maxCost);
    }
  });

  it('counts introspection in the cost: three full introspections in one request are refused', async () => {
    const operationEnd = INTROSPECTION.indexOf('fragment FullType');
    const selection = INTROSPECTION.slice(INTROSPECTION.indexOf('{') + 1, INTROSPECTION.lastIndexOf('}', operationEnd)).trim();
    const e = await refusal(`query { a: ${selection} b: ${selection} c: ${selection} } ${INTROSPECTION.slice(operationEnd)}`);
    expect(e.extensions?.code).toBe('QUERY_TOO_COSTLY');
  });

  it('every relay page declares its cost by first/last', () => {
    const paged = Object.values(schema.getTypeMap()).flatMap((type) =>
      isObjectType(type) && !type.name.startsWith('__')
        ? Object.values(type.getFields()).filter((f) => f.args.some((a) => a.name === 'first') && f.type.toString().endsWith('Connection!')).map((f) => ({ name: `${type.name}.${f.name}`, cost: f.extensions.complexity }))
        : [],
    );
    expect(paged.length).toBeGreaterThanOrEqual(6);
    expect(paged.filter((f) => f.cost !== pageCost).map((f) => f.name)).toEqual([]);
  });

  it('over graphql-ws, a refused document gets its error and the socket stays open', async () => {
    const { port } = await demo.app.start(0);
    const client = wsClient(port);
    try {
      const run = (query: string) => new Promise<{ errors?: readonly { message: string; extensions?: Record<string, unknown> }[]; data?: unknown }>((resolve) => {
        client.subscribe({ query }, { next: (v) => resolve(v as never), error: (e) => resolve({ errors: e as never }), complete: () => {} });
      });
      const refused = await run(NESTED);
      expect(refused.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
      expect(await run(`{ jurisdiction(code: "${DEMO}") { code } }`)).toEqual({ data: { jurisdiction: { code: DEMO } } });
    } finally {
      await client.dispose();
      await demo.app.stop();
    }
  });

  it('reads every limit from the environment, and names a bad one', () => {
    expect(readConfig({}).requestLimits).toEqual(DEFAULT_REQUEST_LIMITS);
    expect(readConfig({ GRAPHQL_MAX_DEPTH: '20', GRAPHQL_MAX_ALIASES: '5', GRAPHQL_MAX_TOKENS: '3000', GRAPHQL_MAX_DIRECTIVES: '10', GRAPHQL_MAX_COST: '500000' }).requestLimits).toEqual({ maxDepth: 20, maxAliases: 5, maxTokens: 3000, maxDirectives: 10, maxCost: 500_000 });
    expect(() => readConfig({ GRAPHQL_MAX_COST: 'lots' })).toThrow(/GRAPHQL_MAX_COST/);
  });
});

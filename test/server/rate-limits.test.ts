import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type App } from '../../src/server/app.ts';
import { readConfig } from '../../src/server/config.ts';
import { clientAddress } from '../../src/server/limits/client-address.ts';
import { createRateLimits, DEFAULT_RATE_LIMITS, type RateLimitSettings } from '../../src/server/limits/rate-limits.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { __typename ... on Session { token } } }`;
const CONTRIBUTE = `mutation($d: ID!, $v: String!, $c: String) { contributeEntropy(draw: $d, value: $v, contributor: $c) { __typename } }`;
const VERIFY = `query($e: JSON!) { verifyDraw(draw: $e) { matches } }`;
const EXPORT = JSON.parse(readFileSync('docs/draw-examples/wolong.json', 'utf8'));
const PASSWORD = 'correct horse battery';

interface Answer {
  status: number;
  retryAfter: string | null;
  data?: any;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** GraphQL from a client at `address`, as the HTTP server would see its socket. */
async function ask(app: App, address: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
  const request = new Request('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  const response = await app.fetch(request, { remoteAddress: address });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), ...((await response.json()) as object) };
}

const login = (app: App, address: string, username: string, password: string) => ask(app, address, LOGIN, { u: username, p: password });
const kind = (a: Answer) => a.data?.login?.__typename ?? a.data?.contributeEntropy?.__typename ?? a.errors?.[0]?.extensions?.code;

describe('rate limits', () => {
  let demo: DemoCounty;
  let drawId: string;
  const apps: App[] = [];
  /** Another app over the same database, with its own limits. */
  const appWith = (settings: Partial<RateLimitSettings>, redisUrl?: string, prefix?: string) => {
    const app = buildApp(demo.db, demo.packs, { drawPacingMs: 0, rateLimits: createRateLimits({ ...DEFAULT_RATE_LIMITS, ...settings }, redisUrl, prefix) });
    apps.push(app);
    return app;
  };
  const user = async (username: string) => {
    const r = await demo.gql(`mutation($u: String!, $p: String!) { createUser(jurisdiction: "${DEMO}", username: $u, name: "测试", password: $p, role: AUDITOR) { __typename } }`, { u: username, p: PASSWORD }, demo.tokens.ADMIN);
    expect(r.data.createUser.__typename).toBe('User');
    return username;
  };

  beforeAll(async () => {
    demo = await demoCounty(await TEST_DATABASES[0]!.open(), { enterprises: 50 });
    const task = (await demo.gql(`mutation($input: TaskInput!) { createTask(jurisdiction: "${DEMO}", input: $input) { ... on Task { id } } }`, { input: TASK_INPUT }, demo.tokens.PLANNER)).data.createTask;
    drawId = (await demo.gql(`mutation($t: ID!) { lockTask(task: $t) { ... on Draw { id } } }`, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask.id;
  }, 120_000);
  afterEach(() => vi.useRealTimers());
  afterAll(async () => {
    for (const app of apps) await app.stop();
    await demo?.db.close();
  });

  it('refuses the 11th wrong password in a row even with the right password until the backoff passes, doubles the wait, and a success starts again; another account from another address is not affected', async () => {
    const zhang = await user('zhang.audit');
    const li = await user('li.audit');
    for (let i = 0; i < 10; i++) expect(kind(await login(demo.app, '203.0.113.7', zhang, `guess number ${i}`))).toBe('ForbiddenError');

    const refused = await login(demo.app, '203.0.113.7', zhang, PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('60');
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', limit: 'LOGIN_ACCOUNT', retryAfter: 60 });
    expect(refused.errors?.[0]?.message).toMatch(/^账户 zhang\.audit 连续登录失败次数过多，请 60 秒后再试/);
    // The account waits wherever the attempt comes from; another account, from elsewhere, does not.
    expect(kind(await login(demo.app, '198.51.100.20', zhang, PASSWORD))).toBe('RATE_LIMITED');
    expect(kind(await login(demo.app, '198.51.100.20', li, PASSWORD))).toBe('Session');

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    expect(kind(await login(demo.app, '203.0.113.7', zhang, 'one more guess'))).toBe('ForbiddenError');
    expect((await login(demo.app, '203.0.113.7', zhang, PASSWORD)).retryAfter).toBe('120');
    vi.setSystemTime(Date.now() + 121_000);
    expect(kind(await login(demo.app, '203.0.113.7', zhang, PASSWORD))).toBe('Session');
    // The success cleared the account's count: nine more failures and the right password still works
    // (from another address: this one has nearly used up its own allowance).
    for (let i = 0; i < 9; i++) expect(kind(await login(demo.app, '203.0.113.8', zhang, `again ${i}`))).toBe('ForbiddenError');
    expect(kind(await login(demo.app, '203.0.113.8', zhang, PASSWORD))).toBe('Session');
  });

  it('lets a burst of concurrent attempts through only up to the limit', async () => {
    const app = appWith({ loginAccountFailures: 2 });
    const wu = await user('wu.audit');
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login(app, '203.0.113.9', wu, `burst ${i}`)));
    const tried = answers.filter((a) => kind(a) === 'ForbiddenError').length;
    expect(tried).toBeGreaterThanOrEqual(2);
    expect(tried).toBeLessThanOrEqual(3);
    expect(answers.filter((a) => kind(a) === 'RATE_LIMITED')).toHaveLength(12 - tried);
  });

  it("refuses an address after its failures, whatever the accounts, and the address's success does not clear them", async () => {
    const app = appWith({ loginAddressFailures: 3 });
    const zhao = await user('zhao.audit');
    expect(kind(await login(app, '192.0.2.1', 'nobody.1', 'x'))).toBe('ForbiddenError');
    expect(kind(await login(app, '192.0.2.1', zhao, PASSWORD))).toBe('Session');
    expect(kind(await login(app, '192.0.2.1', 'nobody.2', 'x'))).toBe('ForbiddenError');
    expect(kind(await login(app, '192.0.2.1', 'nobody.3', 'x'))).toBe('ForbiddenError');
    const refused = await login(app, '192.0.2.1', zhao, PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'LOGIN_ADDRESS' });
    expect(kind(await login(app, '192.0.2.2', zhao, PASSWORD))).toBe('Session');
  });

  it('limits the entropy one address and one contributor give a draw, and writes nothing refused', async () => {
    const before = await demo.db.prisma.entropyContribution.count();
    for (let i = 0; i < 10; i++) expect(kind(await ask(demo.app, '203.0.113.50', CONTRIBUTE, { d: drawId, v: `观众 ${i}` }))).toBe('EntropyContribution');
    const refused = await ask(demo.app, '203.0.113.50', CONTRIBUTE, { d: drawId, v: 'one too many' });
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'ENTROPY_ADDRESS' });
    expect(refused.errors?.[0]?.message).toContain('已达每日 10 条的上限');
    expect(kind(await ask(demo.app, '203.0.113.51', CONTRIBUTE, { d: drawId, v: 'a neighbour' }))).toBe('EntropyContribution');

    // One name from many addresses: five, then refused.
    for (let i = 0; i < 5; i++) expect(kind(await ask(demo.app, `203.0.113.${60 + i}`, CONTRIBUTE, { d: drawId, v: `甲 ${i}`, c: '观察员甲' }))).toBe('EntropyContribution');
    expect((await ask(demo.app, '203.0.113.70', CONTRIBUTE, { d: drawId, v: '甲 again', c: '观察员甲' })).errors?.[0]?.extensions).toMatchObject({ limit: 'ENTROPY_CONTRIBUTOR' });
    // A token counts as one contributor whatever names it gives.
    for (let i = 0; i < 5; i++) expect(kind(await ask(demo.app, `203.0.113.${80 + i}`, CONTRIBUTE, { d: drawId, v: `member ${i}`, c: `name ${i}` }, demo.tokens.AUDITOR))).toBe('EntropyContribution');
    expect((await ask(demo.app, '203.0.113.90', CONTRIBUTE, { d: drawId, v: 'member again', c: 'yet another name' }, demo.tokens.AUDITOR)).errors?.[0]?.extensions).toMatchObject({ limit: 'ENTROPY_CONTRIBUTOR' });

    const values = (await demo.db.prisma.entropyContribution.findMany({ select: { value: true } })).map((e) => e.value);
    expect(values).not.toContain('one too many');
    expect(values).not.toContain('甲 again');
    expect(values).not.toContain('member again');
    expect(values.length - before).toBe(21);
  });

  it("gives an anonymous address a budget of verification work, by the export's size; members and other addresses are not affected", async () => {
    const app = appWith({ verifyPointsPerAddress: 3 });
    for (let i = 0; i < 3; i++) expect((await ask(app, '203.0.113.100', VERIFY, { e: EXPORT })).data.verifyDraw.matches).toBe(true);
    const refused = await ask(app, '203.0.113.100', VERIFY, { e: EXPORT });
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'VERIFY_ADDRESS' });
    expect(refused.errors?.[0]?.message).toContain('本次 1 点');
    expect((await ask(app, '203.0.113.101', VERIFY, { e: EXPORT })).data.verifyDraw.matches).toBe(true);
    expect((await ask(app, '203.0.113.100', VERIFY, { e: EXPORT }, demo.tokens.AUDITOR)).data.verifyDraw.matches).toBe(true);
  });

  it('shares the counts between two app instances through Redis', async () => {
    const prefix = `test-${randomBytes(6).toString('hex')}`;
    const a = appWith({}, REDIS_URL, prefix);
    const b = appWith({}, REDIS_URL, prefix);
    const sun = await user('sun.audit');
    for (let i = 0; i < 5; i++) expect(kind(await login(a, '203.0.113.120', sun, `on a ${i}`))).toBe('ForbiddenError');
    for (let i = 0; i < 5; i++) expect(kind(await login(b, '203.0.113.121', sun, `on b ${i}`))).toBe('ForbiddenError');
    expect((await login(a, '203.0.113.122', sun, PASSWORD)).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'LOGIN_ACCOUNT' });
    expect((await login(b, '203.0.113.122', sun, PASSWORD)).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'LOGIN_ACCOUNT' });
    // Entropy quotas too: ten on one instance, the next on the other is refused.
    for (let i = 0; i < 10; i++) expect(kind(await ask(i % 2 ? a : b, '203.0.113.123', CONTRIBUTE, { d: drawId, v: `shared ${i}` }))).toBe('EntropyContribution');
    expect((await ask(a, '203.0.113.123', CONTRIBUTE, { d: drawId, v: 'shared 11' })).errors?.[0]?.extensions).toMatchObject({ limit: 'ENTROPY_ADDRESS' });
  });

  it("counts the socket's address over HTTP, and X-Forwarded-For only behind TRUST_PROXY proxies", async () => {
    const post = (port: number, forwardedFor: string, value: string) =>
      fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor }, body: JSON.stringify({ query: CONTRIBUTE, variables: { d: drawId, v: value } }) });
    const direct = buildApp(demo.db, demo.packs, { drawPacingMs: 0 });
    const proxied = buildApp(demo.db, demo.packs, { drawPacingMs: 0, trustProxy: 1 });
    apps.push(direct, proxied);
    const [d, p] = [await direct.start(0), await proxied.start(0)];
    // Eleven "different" clients that are one socket: the header is ignored.
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(d.port, `10.9.0.${i}`, `direct ${i}`)).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
    const refused = await post(d.port, '10.9.0.99', 'direct again');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    // Behind one proxy, the address it heard from counts (and what the client wrote before it does not).
    for (let i = 0; i < 11; i++) expect((await post(p.port, `spoofed, 10.8.0.${i}`, `proxied ${i}`)).status).toBe(200);
  });

  it('keys IPv4-mapped addresses as IPv4 and IPv6 by its /64', () => {
    expect(clientAddress('::ffff:203.0.113.5', null, 0)).toBe('203.0.113.5');
    expect(clientAddress('2001:db8:1:2:aaaa::1', null, 0)).toBe(clientAddress('2001:db8:1:2:bbbb::2', null, 0));
    expect(clientAddress('2001:db8:1:2::1', null, 0)).not.toBe(clientAddress('2001:db8:1:3::1', null, 0));
    expect(clientAddress('127.0.0.1', '198.51.100.1, 203.0.113.5', 1)).toBe('203.0.113.5');
    expect(clientAddress('127.0.0.1', '198.51.100.1, 203.0.113.5', 2)).toBe('198.51.100.1');
    expect(clientAddress('127.0.0.1', 'not an address', 1)).toBe('127.0.0.1');
    expect(clientAddress(undefined, '198.51.100.1', 1)).toBe('local');
  });

  it('reads the limits and TRUST_PROXY from the environment', () => {
    expect(readConfig({})).toMatchObject({ rateLimits: DEFAULT_RATE_LIMITS, trustProxy: 0 });
    expect(readConfig({ LOGIN_ACCOUNT_FAILURES: '5', LOGIN_BACKOFF_SECONDS: '30', ENTROPY_PER_ADDRESS: '3', TRUST_PROXY: '1' })).toMatchObject({ rateLimits: { loginAccountFailures: 5, loginBackoffSeconds: 30, entropyPerAddress: 3 }, trustProxy: 1 });
    expect(() => readConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });
});

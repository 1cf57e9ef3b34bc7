import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { dropSchema, ensureTestRoles, POSTGRES_APP_URL, POSTGRES_URL } from '../helpers/databases.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';
import { collect, wsClient } from '../helpers/subscribe.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Starts `double-random serve` as a process of its own, configured as a deployment would be; resolves with its port. */
function startInstance(databaseUrl: string, migrationUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['bin/double-random.js', 'serve'], {
    env: { ...process.env, PORT: '0', DATABASE_URL: databaseUrl, MIGRATION_DATABASE_URL: migrationUrl, REDIS_URL, DRAW_PACING_MS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const port = /localhost:(\d+)\/graphql/.exec(out)?.[1];
      if (port) resolve({ child, port: Number(port) });
    });
    child.once('exit', (code) => reject(new Error(`instance exited (${code}): ${out}`)));
  });
}

async function gql(port: number, query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data: any; errors?: unknown };
}

describe('two server instances share events through Redis', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let db: Database;
  let demo: DemoCounty;
  let a: { child: ChildProcess; port: number };
  let b: { child: ChildProcess; port: number };

  beforeAll(async () => {
    await ensureTestRoles();
    db = await openDatabase({ url: POSTGRES_URL, schema });
    demo = await demoCounty(db);
    const [url, owner] = [`${POSTGRES_APP_URL}?schema=${schema}`, `${POSTGRES_URL}?schema=${schema}`];
    [a, b] = await Promise.all([startInstance(url, owner), startInstance(url, owner)]);
  }, 120_000);

  afterAll(async () => {
    for (const i of [a, b]) i?.child.kill('SIGTERM');
    await Promise.all([a, b].map((i) => i && new Promise((r) => (i.child.exitCode !== null ? r(null) : i.child.once('exit', r)))));
    await db?.close();
    await dropSchema(schema);
  });

  it('a subscriber on instance B sees every event of a draw run on instance A', async () => {
    const task = (await gql(a.port, `mutation($j: String!, $input: TaskInput!) { createTask(jurisdiction: $j, input: $input) { ... on Task { id } } }`, { j: DEMO, input: TASK_INPUT }, demo.tokens.PLANNER)).data.createTask;
    const dashboard = wsClient(b.port, demo.tokens.AUDITOR);
    const taskEvents = collect<{ taskEvents: { action: string; taskId: string } }>(dashboard, `subscription($j: String!) { taskEvents(jurisdiction: $j) { action taskId } }`, { j: DEMO }, (e) => e.some((x) => x.taskEvents.action === 'task.drawn'));
    // Probe until B hears a change made on A: from then on its Redis subscription is in place.
    while (!taskEvents.events.some((e) => e.taskEvents.action === 'task.created')) {
      await gql(a.port, `mutation($j: String!, $input: TaskInput!) { createTask(jurisdiction: $j, input: $input) { __typename } }`, { j: DEMO, input: { ...TASK_INPUT, title: 'probe' } }, demo.tokens.PLANNER);
      await new Promise((r) => setTimeout(r, 100));
    }
    const draw = (await gql(a.port, `mutation($t: ID!) { lockTask(task: $t) { ... on Draw { id } } }`, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;

    const watcher = wsClient(b.port);
    const events = collect<{ drawEvents: { __typename: string; seq?: number; uscc?: string } }>(watcher, `subscription($d: ID!) { drawEvents(draw: $d) { __typename ... on EntropyAdded { seq } ... on PickRevealed { uscc } } }`, { d: draw.id });
    await gql(a.port, `mutation($d: ID!) { contributeEntropy(draw: $d, value: "from A") { __typename } }`, { d: draw.id });
    const drawn = (await gql(a.port, `mutation($d: ID!) { drawTask(draw: $d) { ... on Draw { picks { uscc } } } }`, { d: draw.id }, demo.tokens.DRAW_OFFICER)).data.drawTask;

    const seen = await events.done;
    expect(seen.map((e) => e.drawEvents.__typename)).toEqual(['DrawLocked', 'EntropyAdded', 'SeedRevealed', ...Array(TASK_INPUT.size).fill('PickRevealed'), 'DrawCompleted']);
    expect(seen.filter((e) => e.drawEvents.uscc).map((e) => e.drawEvents.uscc)).toEqual(drawn.picks.map((p: { uscc: string }) => p.uscc));
    const ofTask = (await taskEvents.done).filter((e) => e.taskEvents.taskId === task.id).map((e) => e.taskEvents.action);
    expect(ofTask).toEqual(['task.locked', 'task.drawn']);
    await Promise.all([dashboard.dispose(), watcher.dispose()]);
  }, 60_000);

  it('a pack a county saves on instance A is loaded by instance B, which switches to it', async () => {
    const saved = await gql(a.port, `mutation($rules: JSON!) { saveRulePack(jurisdiction: "${DEMO}", base: "wolong@1.0.0", rules: $rules,
      meta: { id: "wolong-instances", name: "卧龙区（两实例）", inForceFrom: "2026-01-01", sources: [{ id: "notice", title: "关于调整检查组人数的通知" }] }) {
      __typename ... on SavedRulePack { pack { key contentHash } } } }`, { rules: { team: { minSize: 2, maxSize: 4, leader: true, cite: { doc: 'notice', clause: '二' } } } }, demo.tokens.ADMIN);
    expect(saved.data.saveRulePack.__typename).toBe('SavedRulePack');
    const onB = await gql(b.port, `{ rulePacks { key contentHash } }`, {});
    expect(onB.data.rulePacks).toContainEqual({ key: 'wolong-instances@1.0.0', contentHash: saved.data.saveRulePack.pack.contentHash });
    const switched = await gql(b.port, `mutation { switchRulePack(jurisdiction: "${DEMO}", pack: "wolong-instances", version: "1.0.0") { __typename ... on Jurisdiction { rulePack { key } } } }`, {}, demo.tokens.ADMIN);
    expect(switched.data.switchRulePack).toEqual({ __typename: 'Jurisdiction', rulePack: { key: 'wolong-instances@1.0.0' } });
  }, 60_000);
  it('a publication on instance A, or a directory edit there, empties the portal pages instance B keeps', async () => {
    const TITLE = '两实例 公示缓存抽查';
    const portal = (port: number, path: string) => fetch(`http://127.0.0.1:${port}${path}`);
    await portal(b.port, `/j/${DEMO}`);
    const kept = await portal(b.port, `/j/${DEMO}`);
    expect(kept.headers.get('x-cache')).toBe('HIT');
    expect(await kept.text()).not.toContain(TITLE);

    const task = (await gql(a.port, `mutation($j: String!, $input: TaskInput!) { createTask(jurisdiction: $j, input: $input) { ... on Task { id } } }`, { j: DEMO, input: { ...TASK_INPUT, title: TITLE } }, demo.tokens.PLANNER)).data.createTask;
    const draw = (await gql(a.port, `mutation($t: ID!) { lockTask(task: $t) { ... on Draw { id } } }`, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    const drawn = (await gql(a.port, `mutation($d: ID!) { drawTask(draw: $d) { ... on Draw { picks { uscc } } } }`, { d: draw.id }, demo.tokens.DRAW_OFFICER)).data.drawTask;
    // B keeps its page while the task is not public yet (dispatched only).
    await gql(a.port, `mutation($t: ID!) { advanceTask(id: $t, step: DISPATCH) { __typename } }`, { t: task.id }, demo.tokens.DRAW_OFFICER);
    await portal(b.port, `/j/${DEMO}`);
    expect(await (await portal(b.port, `/j/${DEMO}`)).text()).not.toContain(TITLE);
    await gql(a.port, `mutation($t: ID!) { advanceTask(id: $t, step: ANNOUNCE) { __typename } }`, { t: task.id }, demo.tokens.DRAW_OFFICER);
    await expect.poll(async () => (await (await portal(b.port, `/j/${DEMO}`)).text()).includes(TITLE), { timeout: 10_000, interval: 50 }).toBe(true);

    // A directory edit on A (through any mutation) renames a drawn enterprise on B's draw page too.
    const taskId = Buffer.from(task.id, 'base64').toString().split(':')[1]!;
    const drawPage = `/j/${DEMO}/draws/${taskId}`;
    await portal(b.port, drawPage);
    expect((await portal(b.port, drawPage)).headers.get('x-cache')).toBe('HIT');
    const enterprise = await db.prisma.enterprise.findFirstOrThrow({ where: { jurisdiction: { code: DEMO }, uscc: drawn.picks[0].uscc } });
    const renamed = await gql(a.port, `mutation($id: ID!) { updateEnterprise(id: $id, input: { name: "两实例更名有限公司" }) { __typename } }`, { id: Buffer.from(`Enterprise:${enterprise.id}`).toString('base64') }, demo.tokens.ADMIN);
    expect(renamed.data.updateEnterprise.__typename).toBe('Enterprise');
    await expect.poll(async () => (await (await portal(b.port, drawPage)).text()).includes('两实例更名有限公司'), { timeout: 10_000, interval: 50 }).toBe(true);
  }, 60_000);
});

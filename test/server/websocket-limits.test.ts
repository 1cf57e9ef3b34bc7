import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';
import { Q } from '../helpers/results-flow.ts';
import { collect, until, wsClient } from '../helpers/subscribe.ts';
import { buildApp, type App } from '../../src/server/app.ts';
import { createEventBus, type EventBus } from '../../src/server/events/pubsub.ts';

const ALERTS = `subscription($j: String!) { deadlineAlerts(jurisdiction: $j) { kind subject } }`;
const DRAW_EVENTS = `subscription($d: ID!) { drawEvents(draw: $d) { __typename } }`;
type Refused = { message: string; extensions?: { code?: string; limit?: number; setting?: string } }[];

/** Subscribes and resolves with the error payload the server answers with; fails if data comes instead. */
function refusal(client: Client, query: string, variables: Record<string, unknown>): Promise<Refused> {
  return new Promise((resolve, reject) => {
    const cancel = client.subscribe({ query, variables }, {
      next: (value) => {
        cancel();
        reject(new Error(`accepted: ${JSON.stringify(value)}`));
      },
      error: (e) => resolve(e as Refused),
      complete: () => reject(new Error('completed without an error')),
    });
  });
}

/** A graphql-ws client that connects at once and stays connected; `outcome` says whether the server let it in. */
function eagerClient(port: number, token?: string) {
  let settle: (o: { connected: true } | { code: number; reason: string }) => void = () => {};
  const outcome = new Promise<{ connected: true } | { code: number; reason: string }>((resolve) => (settle = resolve));
  const client = createClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => {},
    on: {
      connected: () => settle({ connected: true }),
      closed: (e) => settle({ code: (e as CloseEvent).code, reason: String((e as CloseEvent).reason) }),
    },
  });
  return { client, outcome };
}

// The caps do not depend on the database: one (the embedded PGlite) is enough.
describe('GraphQL over WebSocket: subscription and connection caps, frame and document limits', () => {
  let demo: DemoCounty;
  let events: EventBus;
  let port: number;
  let capped: App;
  let cappedPort: number;
  let jurisdictionId: string;
  const clients: Client[] = [];
  const keep = (c: Client) => (clients.push(c), c);
  const change = () => events.pubsub.publish('task', jurisdictionId, { taskId: 't', status: 'DISPATCHED', covert: false, action: 'TEST', at: new Date().toISOString() });

  beforeAll(async () => {
    events = createEventBus();
    demo = await demoCounty(await TEST_DATABASES[0]!.open(), { events });
    port = (await demo.app.start(0)).port;
    jurisdictionId = (await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } })).id;
    // Small caps, so a test reaches them with a few subscriptions.
    capped = buildApp(demo.db, demo.packs, { events, drawPacingMs: 0, websocket: { perToken: 30, connectionsPerToken: 3, perAddress: 4, connectionsPerAddress: 3 } });
    cappedPort = (await capped.start(0)).port;
  }, 120_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await capped?.stop();
    await demo?.app.stop();
    await events?.close();
    await demo?.db.close();
  });

  it('refuses a 21st subscription on one connection with TOO_MANY_SUBSCRIPTIONS, and the 20 keep receiving', async () => {
    const client = keep(wsClient(port, demo.tokens.ADMIN));
    const twenty = Array.from({ length: 20 }, () => collect(client, ALERTS, { j: DEMO }));
    await until(() => twenty.every((w) => w.events.length >= 1), 'the 20 first lists');

    const [error] = await refusal(client, ALERTS, { j: DEMO });
    expect(error!.extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 20, setting: 'WS_MAX_SUBSCRIPTIONS_PER_CONNECTION' });
    expect(error!.message).toMatch(/每个连接最多同时 20 个订阅/);

    change();
    await until(() => twenty.every((w) => w.events.length >= 2), 'the 20 lists after a change');
    // A place is given back when a subscription ends.
    twenty[0]!.cancel();
    const again = collect(client, ALERTS, { j: DEMO }, (e) => e.length >= 1);
    expect((await again.done)[0]).toHaveProperty('deadlineAlerts');
    for (const w of twenty.slice(1)) w.cancel();
  });

  it('caps one token across its connections, and other tokens are not affected', async () => {
    const a = keep(wsClient(cappedPort, demo.tokens.ADMIN));
    const b = keep(wsClient(cappedPort, demo.tokens.ADMIN));
    const onA = Array.from({ length: 20 }, () => collect(a, ALERTS, { j: DEMO }));
    await until(() => onA.every((w) => w.events.length >= 1), 'the first connection’s lists');
    const onB = Array.from({ length: 10 }, () => collect(b, ALERTS, { j: DEMO }));
    await until(() => onB.every((w) => w.events.length >= 1), 'the second connection’s lists');

    const [error] = await refusal(b, ALERTS, { j: DEMO });
    expect(error!.extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 30, setting: 'WS_MAX_SUBSCRIPTIONS_PER_TOKEN' });
    expect(error!.message).toMatch(/每个令牌在本服务器上最多同时 30 个订阅/);

    const other = collect(keep(wsClient(cappedPort, demo.tokens.PLANNER)), ALERTS, { j: DEMO }, (e) => e.length >= 1);
    expect((await other.done)[0]).toHaveProperty('deadlineAlerts');
    change();
    await until(() => [...onA, ...onB].every((w) => w.events.length >= 2), 'every running subscription after a change');

    onA[0]!.cancel();
    const freed = collect(b, ALERTS, { j: DEMO }, (e) => e.length >= 1);
    expect((await freed.done)[0]).toHaveProperty('deadlineAlerts');
    for (const w of [...onA, ...onB]) w.cancel();
  });

  it('closes a connection over the per-token connection cap with 1008 and the limit named', async () => {
    const three = [1, 2, 3].map(() => eagerClient(cappedPort, demo.tokens.INSPECTOR));
    for (const c of three) keep(c.client);
    expect(await Promise.all(three.map((c) => c.outcome))).toEqual([{ connected: true }, { connected: true }, { connected: true }]);
    const fourth = eagerClient(cappedPort, demo.tokens.INSPECTOR);
    keep(fourth.client);
    const refused = await fourth.outcome;
    expect(refused).toMatchObject({ code: 1008 });
    expect((refused as { reason: string }).reason).toContain('每个令牌最多 3 个连接');
    // The others are unaffected.
    expect((await collect(three[0]!.client, ALERTS, { j: DEMO }, (e) => e.length >= 1).done)[0]).toHaveProperty('deadlineAlerts');
  });

  it('counts the public by address across connections, with its own caps', async () => {
    const task = (await demo.gql(Q.createTask, { j: DEMO, input: TASK_INPUT }, demo.tokens.PLANNER)).data.createTask;
    const draw = (await demo.gql(Q.lock, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    const [p1, p2] = [eagerClient(cappedPort), eagerClient(cappedPort)];
    for (const p of [p1, p2]) keep(p.client);
    const viewers = [p1, p1, p1, p2].map((p) => collect(p.client, DRAW_EVENTS, { d: draw.id }));
    await until(() => viewers.every((v) => v.events.length >= 1), 'the four public viewers');
    const [error] = await refusal(p2.client, DRAW_EVENTS, { d: draw.id });
    expect(error!.extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 4, setting: 'WS_MAX_PUBLIC_SUBSCRIPTIONS_PER_ADDRESS' });
    expect(error!.message).toMatch(/同一地址最多同时 4 个订阅/);

    const p3 = eagerClient(cappedPort);
    const p4 = eagerClient(cappedPort);
    for (const p of [p3, p4]) keep(p.client);
    expect(await p3.outcome).toEqual({ connected: true });
    const refused = await p4.outcome;
    expect(refused).toMatchObject({ code: 1008 });
    expect((refused as { reason: string }).reason).toContain('同一地址最多 3 个连接');
    for (const v of viewers) v.cancel();
  });

  it('refuses a document over WS_MAX_DOCUMENT_BYTES before parsing it', async () => {
    const client = keep(wsClient(port, demo.tokens.ADMIN));
    const [error] = await refusal(client, `${ALERTS}\n# ${'x'.repeat(20_000)}`, { j: DEMO });
    expect(error!.extensions).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', limit: 16384 });
    expect(error!.message).toContain('上限 16384 字节');
  });

  it('closes a socket that sends a frame over 1 MiB with 1009, and keeps serving the others', async () => {
    const watcher = collect(keep(wsClient(port, demo.tokens.ADMIN)), ALERTS, { j: DEMO });
    await until(() => watcher.events.length >= 1, 'the watcher’s first list');

    const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
    const closed = new Promise<{ code: number; answered: string[] }>((resolve) => {
      const answered: string[] = [];
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string };
        if (message.type === 'connection_ack') {
          // Two MiB of a valid Subscribe message: the old limit (100 MiB) let it through to the parser.
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `${ALERTS} # ${'x'.repeat(2 * 1024 * 1024)}`, variables: { j: DEMO } } }));
        } else answered.push(message.type);
      });
      socket.on('close', (code) => resolve({ code, answered }));
    });
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${demo.tokens.ADMIN}` } })));
    expect(await closed).toEqual({ code: 1009, answered: [] });

    change();
    await until(() => watcher.events.length >= 2, 'the other socket’s list after a change');
    watcher.cancel();
  });
});

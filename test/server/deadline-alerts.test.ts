import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, Q } from '../helpers/results-flow.ts';
import { collect, until, wsClient } from '../helpers/subscribe.ts';
import { createEventBus, type EventBus, type TaskSignal } from '../../src/server/events/pubsub.ts';
import { jurisdictionDeadlines } from '../../src/server/results/deadlines.ts';

const ALERTS = `subscription($j: String!) { deadlineAlerts(jurisdiction: $j) { kind status subject due clause } }`;
type Alerts = { deadlineAlerts: { kind: string; status: string; subject: string; due: string; clause: string | null }[] };

describe.each(TEST_DATABASES)('deadline alerts shared among subscribers ($name)', (database) => {
  let demo: DemoCounty;
  let events: EventBus;
  let port: number;
  let jurisdictionId: string;
  let perComputation: number;
  const clients: Client[] = [];
  const title = `共享提醒测试 ${Date.now()}`;
  let taskId: string;
  let watchers: ReturnType<typeof collect<Alerts>>[] = [];

  /** One task-change event, as a mutation announces it, without the mutation's own statements. */
  const change = () => events.pubsub.publish('task', jurisdictionId, { taskId: 't', status: 'DISPATCHED', covert: false, action: 'TEST', at: new Date().toISOString() } satisfies TaskSignal);
  const received = () => watchers.map((w) => w.events.length);

  beforeAll(async () => {
    events = createEventBus();
    demo = await demoCounty(await database.open(), { events });
    port = (await demo.app.start(0)).port;
    jurisdictionId = (await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } })).id;
    // Dispatched, never announced, its inspection day past: an overdue announcement on every list.
    ({ taskId } = await inspectingTask(demo, { title, inspectionDate: '2026-03-20' }, 'DISPATCHED'));
    demo.db.queries.reset();
    await jurisdictionDeadlines({ prisma: demo.db.prisma, databaseKind: demo.db.kind, packs: demo.packs, events, drawPacingMs: 0 }, jurisdictionId);
    perComputation = demo.db.queries.count;
    // 45 subscribers of one jurisdiction: three members, three connections, 15 each (under every default cap).
    for (const token of [demo.tokens.ADMIN, demo.tokens.PLANNER, demo.tokens.AUDITOR]) {
      const client = wsClient(port, token);
      clients.push(client);
      for (let i = 0; i < 15; i++) watchers.push(collect<Alerts>(client, ALERTS, { j: DEMO }));
    }
    await until(() => received().every((n) => n >= 1), 'every first list');
  }, 120_000);
  afterAll(async () => {
    for (const w of watchers) w.cancel();
    await Promise.all(clients.map((c) => c.dispose()));
    await demo?.app.stop();
    await events?.close();
    await demo?.db.close();
  });

  it('computes the alerts once per change for all 45 subscribers, and every one receives the same list', async () => {
    expect(perComputation).toBeGreaterThan(0);
    for (const w of watchers) expect(w.events[0]!.deadlineAlerts.filter((d) => d.subject === title)).toEqual([expect.objectContaining({ kind: 'ANNOUNCEMENT', status: 'OVERDUE' })]);

    demo.db.queries.reset();
    change();
    await until(() => received().every((n) => n >= 2), 'the list after the change');
    expect(demo.db.queries.count).toBe(perComputation);

    // A real change: announcing the task removes its alert from every subscriber's list.
    await demo.gql(Q.advance, { t: taskId, s: 'ANNOUNCE' }, demo.tokens.DRAW_OFFICER);
    await until(() => watchers.every((w) => !w.events.at(-1)!.deadlineAlerts.some((d) => d.subject === title)), 'the list without the announced task');
    const lists = watchers.map((w) => w.events.at(-1)!.deadlineAlerts);
    for (const list of lists) expect(list).toEqual(lists[0]);
  });

  it('coalesces changes that arrive during a computation into one more computation', async () => {
    const before = received();
    demo.db.queries.reset();
    for (let i = 0; i < 6; i++) change(); // the first starts a computation, the other five wait as one
    await until(() => demo.db.queries.count >= 2 * perComputation && received().every((n, i) => n > before[i]!), 'the coalesced lists');
    await new Promise((r) => setTimeout(r, 300)); // room for any further computation to show up in the count
    expect(demo.db.queries.count).toBe(2 * perComputation);
    for (const [i, w] of watchers.entries()) {
      expect(w.events.length - before[i]!).toBeGreaterThanOrEqual(1);
      expect(w.events.length - before[i]!).toBeLessThanOrEqual(2);
      expect(w.events.at(-1)).toEqual(watchers[0]!.events.at(-1));
    }
  });

  it('gives a new subscriber the shared latest list without computing it again', async () => {
    await new Promise((r) => setTimeout(r, 100));
    demo.db.queries.reset();
    const late = collect<Alerts>(clients[0]!, ALERTS, { j: DEMO }, (e) => e.length >= 1);
    const [first] = await late.done;
    expect(first).toEqual(watchers[0]!.events.at(-1));
    expect(demo.db.queries.count).toBeLessThan(perComputation); // the jurisdiction's lookup only
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';
import { collect, sse, until, wsClient } from '../helpers/subscribe.ts';

const CREATE_TASK = `mutation($j: String!, $input: TaskInput!) { createTask(jurisdiction: $j, input: $input) { ... on Task { id } } }`;
const LOCK = `mutation($t: ID!, $p: Int) { lockTask(task: $t, pacingMs: $p) { ... on Draw { id commitment } ... on Error { message } } }`;
const DRAW = `mutation($d: ID!) { drawTask(draw: $d) { ... on Draw { id seed picks { order uscc } } ... on Error { message } } }`;
const EVENTS = `subscription($d: ID!) { drawEvents(draw: $d) { __typename
  ... on DrawLocked { commitment candidates pacingMs }
  ... on EntropyAdded { seq value }
  ... on SeedRevealed { seed secret entropy }
  ... on PickRevealed { order total uscc enterpriseName leader { name } revealAt }
  ... on DrawCompleted { picks verified differences exportUrl } } }`;
const TASK_EVENTS = `subscription($j: String!) { taskEvents(jurisdiction: $j) { taskId status action } }`;

const kinds = (events: { drawEvents: { __typename: string } }[]) => events.map((e) => e.drawEvents.__typename);

describe.each(TEST_DATABASES)('live draws over graphql-ws and server-sent events ($name)', (database) => {
  let demo: DemoCounty;
  let port: number;
  const clients: Client[] = [];
  const client = (token?: string) => {
    const c = wsClient(port, token);
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    demo = await demoCounty(await database.open());
    port = (await demo.app.start(0)).port;
  }, 120_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await demo?.app.stop();
    await demo?.db.close();
  });

  async function locked(pacingMs: number, input: Record<string, unknown> = {}) {
    const task = (await demo.gql(CREATE_TASK, { j: DEMO, input: { ...TASK_INPUT, ...input } }, demo.tokens.PLANNER)).data.createTask;
    const draw = (await demo.gql(LOCK, { t: task.id, p: pacingMs }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    return { task, draw };
  }

  it('a watcher sees the lock, the entropy, the seed, every pick paced one by one, and the verified record', async () => {
    const { draw } = await locked(40);
    const watcher = collect(client(), EVENTS, { d: draw.id }, (events) => kinds(events).includes('DrawLocked'));
    await watcher.done;
    const live = collect<{ drawEvents: any }>(client(), EVENTS, { d: draw.id });
    await until(() => live.events.length >= 1, 'the replayed lock'); // the subscription has reached the server
    await demo.gql(`mutation($d: ID!) { contributeEntropy(draw: $d, value: "现场观众 7") { __typename } }`, { d: draw.id });
    const drawn = (await demo.gql(DRAW, { d: draw.id }, demo.tokens.DRAW_OFFICER)).data.drawTask;
    const events = await live.done;
    const received = Date.now();

    expect(kinds(events)).toEqual(['DrawLocked', 'EntropyAdded', 'SeedRevealed', ...Array(TASK_INPUT.size).fill('PickRevealed'), 'DrawCompleted']);
    expect(events[0]!.drawEvents).toMatchObject({ commitment: draw.commitment, candidates: 300, pacingMs: 40 });
    expect(events[1]!.drawEvents).toEqual({ __typename: 'EntropyAdded', seq: 1, value: '现场观众 7' });
    expect(events[2]!.drawEvents).toMatchObject({ seed: drawn.seed, entropy: ['现场观众 7'] });
    const picks = events.filter((e) => e.drawEvents.__typename === 'PickRevealed').map((e) => e.drawEvents);
    expect(picks.map((p) => p.uscc)).toEqual(drawn.picks.map((p: { uscc: string }) => p.uscc));
    // Paced: pick n is shown at drawn-at + n × 40 ms, never before.
    const times = picks.map((p) => Date.parse(p.revealAt));
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(40);
    expect(received).toBeGreaterThanOrEqual(times.at(-1)!);
    expect(events.at(-1)!.drawEvents).toMatchObject({ picks: TASK_INPUT.size, verified: true, differences: [] });
  });

  it('a subscriber who joins after the draw first gets the whole state so far', async () => {
    const { draw } = await locked(0);
    await demo.gql(`mutation($d: ID!) { contributeEntropy(draw: $d, value: "a") { __typename } }`, { d: draw.id });
    const drawn = (await demo.gql(DRAW, { d: draw.id }, demo.tokens.DRAW_OFFICER)).data.drawTask;
    const events = await collect<{ drawEvents: any }>(client(), EVENTS, { d: draw.id }).done;
    expect(kinds(events)).toEqual(['DrawLocked', 'EntropyAdded', 'SeedRevealed', ...Array(TASK_INPUT.size).fill('PickRevealed'), 'DrawCompleted']);
    expect(events[2]!.drawEvents.seed).toBe(drawn.seed);
  });

  it('serves the same events as server-sent events', async () => {
    const { draw } = await locked(0);
    await demo.gql(DRAW, { d: draw.id }, demo.tokens.DRAW_OFFICER);
    const events = await sse<{ drawEvents: any }>(`http://127.0.0.1:${port}/graphql`, EVENTS, { d: draw.id });
    expect(kinds(events)).toEqual(['DrawLocked', 'SeedRevealed', ...Array(TASK_INPUT.size).fill('PickRevealed'), 'DrawCompleted']);
  });

  it('the public cannot watch a covert draw, even while a member watches it; a member can', async () => {
    const { draw } = await locked(0, { covert: true });
    await expect(collect(client(), EVENTS, { d: draw.id }).done).rejects.toThrow(/No draw has this id/);
    const watching = collect<{ drawEvents: any }>(client(demo.tokens.INSPECTOR), EVENTS, { d: draw.id });
    await expect.poll(() => watching.events.length).toBe(1);
    expect(kinds(watching.events)).toEqual(['DrawLocked']);
    // Viewers share one execution per audience: a member's must not serve the public.
    await expect(collect(client(), EVENTS, { d: draw.id }).done).rejects.toThrow(/No draw has this id/);
    watching.cancel();
  });

  it('viewers who share an execution get the same events; one who comes back after everyone left gets them all again', async () => {
    const { draw } = await locked(20);
    const first = collect<{ drawEvents: any }>(client(), EVENTS, { d: draw.id });
    const second = collect<{ drawEvents: any }>(client(), EVENTS, { d: draw.id });
    await expect.poll(() => first.events.length + second.events.length).toBe(2);
    first.cancel();
    second.cancel();
    await new Promise((r) => setTimeout(r, 50));
    const third = collect<{ drawEvents: any }>(client(), EVENTS, { d: draw.id });
    const fourth = collect<{ drawEvents: any }>(client(), EVENTS, { d: draw.id });
    await expect.poll(() => third.events.length).toBe(1);
    await demo.gql(DRAW, { d: draw.id }, demo.tokens.DRAW_OFFICER);
    const [a, b] = await Promise.all([third.done, fourth.done]);
    expect(kinds(a)).toEqual(['DrawLocked', 'SeedRevealed', ...Array(TASK_INPUT.size).fill('PickRevealed'), 'DrawCompleted']);
    expect(b).toEqual(a);
  });

  it('dashboards hear task changes; the public does not hear covert ones', async () => {
    const member = collect<{ taskEvents: any }>(client(demo.tokens.AUDITOR), TASK_EVENTS, { j: DEMO });
    const publicView = collect<{ taskEvents: any }>(client(), TASK_EVENTS, { j: DEMO });
    // Probe until both subscriptions hear a public change: from then on nothing is missed.
    const heard = (c: { events: { taskEvents: { action: string } }[] }) => c.events.some((e) => e.taskEvents.action === 'task.locked');
    for (let i = 0; !heard(member) || !heard(publicView); i++) {
      if (i > 50) throw new Error(`no task events: member ${JSON.stringify(member.events)}, public ${JSON.stringify(publicView.events)}`);
      await new Promise((r) => setTimeout(r, 50));
      await locked(0);
    }
    const covert = await locked(0, { covert: true });
    const open = await locked(0);
    await demo.gql(DRAW, { d: open.draw.id }, demo.tokens.DRAW_OFFICER);
    const of = (c: { events: { taskEvents: { action: string; taskId: string } }[] }, ids: string[]) => c.events.filter((e) => ids.includes(e.taskEvents.taskId)).map((e) => [e.taskEvents.action, e.taskEvents.taskId]);
    await expect.poll(() => of(member, [covert.task.id, open.task.id]).length).toBe(5);
    expect(of(member, [covert.task.id, open.task.id])).toEqual([
      ['task.created', covert.task.id], ['task.locked', covert.task.id], ['task.created', open.task.id], ['task.locked', open.task.id], ['task.drawn', open.task.id],
    ]);
    await expect.poll(() => of(publicView, [covert.task.id, open.task.id]).length).toBe(2);
    expect(of(publicView, [covert.task.id, open.task.id])).toEqual([['task.locked', open.task.id], ['task.drawn', open.task.id]]);
    member.cancel();
    publicView.cancel();
  });
});

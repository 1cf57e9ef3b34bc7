// npx tsx bench/abuse-subscriptions.ts — issue 17: a simple query while under abuse. A hostile
// tester opened 5,000 deadlineAlerts subscriptions with one member token, and every later task
// change cost 35–37 s. This starts the server (`double-random serve` on PostgreSQL, a process of
// its own), opens deadlineAlerts subscriptions from another process (as the tester did: one token
// trying 5,000; then 5,000 from 50 member tokens, each at its cap), makes task changes while this
// process sends a simple query every 20 ms, and prints the query's p50/p99 and the time each change
// takes to reach every subscriber. Target: p99 ≤ 200 ms. Prints Markdown for docs/performance.md.
// Needs the machine's PostgreSQL. `--clients` is the subscriber process this script spawns.
import { dropSchema } from './drop-schema.ts';
import { serveInstance } from './serve-instance.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const ALERTS = `subscription { deadlineAlerts(jurisdiction: "411303") { kind status due subject clause } }`;
const PER_CONNECTION = 20; // the default WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: the tester fills every connection

if (process.argv[2] === '--clients') await clients(Number(process.argv[3]), process.argv[4]!.split(','), Number(process.argv[5]));
else await drive();

/**
 * The subscriber process: `perToken` deadlineAlerts subscriptions for each token, 20 to a
 * connection. Prints one `ready` line (how many were accepted, refused, or lost with their
 * connection), then `reached <k> <ms since epoch>` when every accepted subscription has had the
 * k-th list after its first.
 */
async function clients(port: number, tokens: string[], perToken: number): Promise<void> {
  let accepted = 0;
  let refused = 0;
  let closed = 0;
  let settled = 0;
  const total = tokens.length * perToken;
  const arrivals: number[] = [];
  const settle = () => {
    if (++settled === total) console.log(`ready ${JSON.stringify({ accepted, refused, closed })}`);
  };
  for (const token of tokens) {
    for (let c = 0; c < Math.ceil(perToken / PER_CONNECTION); c++) {
      const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
      for (let s = 0; s < Math.min(PER_CONNECTION, perToken - c * PER_CONNECTION); s++) {
        let lists = 0;
        client.subscribe(
          { query: ALERTS },
          {
            next: (value) => {
              if (value.errors) console.error('an error list:', JSON.stringify(value.errors));
              if (lists++ === 0) {
                accepted++;
                return settle();
              }
              const k = lists - 1;
              arrivals[k] = (arrivals[k] ?? 0) + 1;
              if (arrivals[k] === accepted) console.log(`reached ${k} ${Date.now()}`);
            },
            error: (e) => {
              if (Array.isArray(e) && (e[0] as { extensions?: { code?: string } }).extensions?.code === 'TOO_MANY_SUBSCRIPTIONS') refused++;
              else closed++;
              settle();
            },
            complete: () => {},
          },
        );
      }
    }
  }
}

async function drive(): Promise<void> {
  const { loadRegistry } = await import('../src/rulepacks/registry.ts');
  const { buildApp } = await import('../src/server/app.ts');
  const { createApiToken } = await import('../src/server/auth/tokens.ts');
  const { openDatabase } = await import('../src/server/db/database.ts');
  const { seedDemo } = await import('../src/server/demo/seed-demo.ts');
  const { switchRulePack } = await import('../src/server/rulepacks/switch-rule-pack.ts');

  const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const CHANGES = Number(process.env.BENCH_CHANGES ?? 20);
  const TASKS = Number(process.env.BENCH_TASKS ?? 20);
  const schema = `bench_abuse_${process.pid}`;
  const db = await openDatabase({ url: POSTGRES_URL, schema });
  const out: string[] = [];
  const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? NaN;
  let server: ChildProcess | undefined;
  let load = '';
  try {
    // The demo county with 卧龙's pack, TASKS drawn tasks whose announcements are overdue (so every list has alerts), and 50 member tokens.
    await seedDemo(db.sql);
    const packs = await loadRegistry();
    const county = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: '411303' } });
    const switched = await switchRulePack(db.prisma, packs, { jurisdictionId: county.id, packId: 'wolong', actor: 'bench', onDate: '2026-03-02' });
    if (!switched.ok) throw new Error(switched.error.message);
    const admin = await createApiToken(db.prisma, { name: 'bench-admin', role: 'ADMIN', jurisdictionId: county.id });
    const members = await Promise.all(Array.from({ length: 50 }, (_, i) => createApiToken(db.prisma, { name: `bench-auditor-${i}`, role: 'AUDITOR', jurisdictionId: county.id })));
    const local = buildApp(db, packs, { drawPacingMs: 0 });
    const gqlAt = async (url: string, query: string, variables: Record<string, unknown> = {}, fetcher: (r: Request) => Promise<Response> = fetch) => {
      const r = await fetcher(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ query, variables }) }));
      const body = (await r.json()) as { data: any; errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const input = { title: 'bench', windowStart: '2026-03-01', windowEnd: '2026-03-31', inspectionDate: '2026-03-16', size: 5 };
    for (let i = 0; i < TASKS; i++) {
      const t = (await gqlAt('http://bench/graphql', `mutation($i: TaskInput!) { createTask(jurisdiction: "411303", input: $i) { ... on Task { id } } }`, { i: { ...input, title: `逾期公告 ${i}` } }, local.fetch)).createTask;
      const d = (await gqlAt('http://bench/graphql', `mutation($t: ID!) { lockTask(task: $t) { ... on Draw { id } } }`, { t: t.id }, local.fetch)).lockTask;
      await gqlAt('http://bench/graphql', `mutation($d: ID!) { drawTask(draw: $d) { __typename } }`, { d: d.id }, local.fetch);
      await gqlAt('http://bench/graphql', `mutation($t: ID!) { advanceTask(id: $t, step: DISPATCH) { __typename } }`, { t: t.id }, local.fetch);
    }
    await local.stop();

    const started = await serveInstance({ DATABASE_URL: `${POSTGRES_URL}?schema=${schema}`, DRAW_PACING_MS: '0' });
    server = started.child;
    const url = `http://127.0.0.1:${started.port}/graphql`;
    // Warm the server up (module loading, JIT, the first plans) before anything is measured.
    for (let i = 0; i < 200; i++) await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ jurisdiction(code: "411303") { name } }` }) }).then((r) => r.json());
    const loadBefore = loadavg()[0]!.toFixed(1);

    /** A simple query every 20 ms, each timed on its own, until stopped. */
    const querier = () => {
      const times: number[] = [];
      const timer = setInterval(() => {
        const start = performance.now();
        void fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ jurisdiction(code: "411303") { name } }` }) })
          .then((r) => r.json())
          .then(() => times.push(performance.now() - start));
      }, 20);
      return async () => {
        clearInterval(timer);
        await new Promise((r) => setTimeout(r, 500)); // the last ones come back
        return times;
      };
    };

    const phase = async (label: string, tokens: string[], perToken: number) => {
      let lines: string[] = [];
      let wake = () => {};
      let crowd: ChildProcess | undefined;
      const waitFor = (prefix: string) => new Promise<string>((resolve) => {
        const check = () => {
          const line = lines.find((l) => l.startsWith(prefix));
          if (line) resolve(line);
          else wake = check;
        };
        check();
      });
      let counts = 'none';
      if (tokens.length) {
        console.error(`${label}: opening ${tokens.length * perToken} subscriptions…`);
        crowd = spawn(process.execPath, ['--import', 'tsx', 'bench/abuse-subscriptions.ts', '--clients', String(started.port), tokens.join(','), String(perToken)], { stdio: ['ignore', 'pipe', 'inherit'] });
        let text = '';
        crowd.stdout!.on('data', (c) => {
          text += c;
          const parts = text.split('\n');
          text = parts.pop()!;
          lines.push(...parts);
          wake();
        });
        const ready = JSON.parse((await waitFor('ready ')).slice(6)) as { accepted: number; refused: number; closed: number };
        counts = `${ready.accepted} open, ${ready.refused} refused (TOO_MANY_SUBSCRIPTIONS), ${ready.closed} lost with a refused connection`;
        console.error(`${label}: ${counts}`);
      }
      const stop = querier();
      await new Promise((r) => setTimeout(r, 1000)); // the query alone first
      const reach: number[] = [];
      const mutation: number[] = [];
      for (let k = 1; k <= CHANGES; k++) {
        const t0 = Date.now();
        await gqlAt(url, `mutation($i: TaskInput!) { createTask(jurisdiction: "411303", input: $i) { ... on Task { id } } }`, { i: { ...input, title: `变更 ${k}` } });
        mutation.push(Date.now() - t0);
        if (crowd) {
          const line = await Promise.race([waitFor(`reached ${k} `), new Promise<string>((r) => setTimeout(() => r(''), 120_000))]);
          reach.push(line ? Number(line.split(' ')[2]) - t0 : NaN);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      const times = await stop();
      crowd?.kill();
      lines = [];
      await new Promise((r) => setTimeout(r, 1000)); // the server closes the crowd's sockets
      out.push(`| ${label} | ${counts} | p50 ${pct(times, 50).toFixed(1)} ms, p99 ${pct(times, 99).toFixed(1)} ms (${times.length} queries) | ${reach.length ? `p50 ${pct(reach, 50)} ms, max ${pct(reach, 100)} ms` : `— (the change itself: p50 ${pct(mutation, 50)} ms)`} |`);
      console.error(out.at(-1));
    };

    await phase('no subscribers', [], 0);
    await phase('one member token tries 5,000 (as the tester)', [members[0]!], 5000);
    await phase('5,000 from 50 member tokens (each at its cap of 100)', members, 100);
    load = `load average ${loadBefore} before, ${loadavg()[0]!.toFixed(1)} after`;
  } finally {
    server?.kill('SIGTERM');
    await db.close();
    await dropSchema(POSTGRES_URL, schema);
  }
  console.log(`\n${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL, ${load}; ${CHANGES} task changes per row, ${TASKS} drawn tasks with overdue announcements on every list\n`);
  console.log('| deadlineAlerts subscriptions | open | a simple query every 20 ms | a change reaches every subscriber |\n|---|---|---|---|');
  for (const line of out) console.log(line);
  process.exit(0);
}

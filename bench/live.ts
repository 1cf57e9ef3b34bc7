// npm run bench:live — issue 6's targets: 1,000 graphql-ws subscribers to one draw (pick events
// delivered within 100 ms of their reveal time, p99), on one instance and across two instances
// through Redis; and a dashboard page of 100 tasks with picks and teams (≤ 50 ms on the server), on
// PostgreSQL and on the embedded PGlite.
// Prints Markdown for docs/performance.md. Needs the machine's PostgreSQL and Redis.
// Run in production mode (npm run bench:live), as bin/double-random.js runs the server.
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DASHBOARD } from '../test/helpers/dashboard-query.ts';
import { loadRegistry } from '../src/rulepacks/registry.ts';
import { buildApp } from '../src/server/app.ts';
import { createApiToken } from '../src/server/auth/tokens.ts';
import { openDatabase, type Database } from '../src/server/db/database.ts';
import { dropSchema } from './drop-schema.ts';
import { serveInstance } from './serve-instance.ts';
import { seedDemo } from '../src/server/demo/seed-demo.ts';
import { switchRulePack } from '../src/server/rulepacks/switch-rule-pack.ts';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const PICKS = 30;
const PACING_MS = 100;
const schema = `bench_live_${process.pid}`;
const db = await openDatabase({ url: POSTGRES_URL, schema });
const out: string[] = [];

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** The demo county on `database` with 卧龙's pack, an admin token and a GraphQL client in-process. */
async function benchCounty(database: Database) {
  await seedDemo(database.sql);
  const packs = await loadRegistry();
  const county = await database.prisma.jurisdiction.findUniqueOrThrow({ where: { code: '411303' } });
  const switched = await switchRulePack(database.prisma, packs, { jurisdictionId: county.id, packId: 'wolong', actor: 'bench', onDate: '2026-03-02' });
  if (!switched.ok) throw new Error(switched.error.message);
  const token = await createApiToken(database.prisma, { name: 'bench', role: 'ADMIN', jurisdictionId: county.id });
  const app = buildApp(database, packs, { drawPacingMs: 0 });
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await app.fetch(new Request('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) }));
    const body = (await r.json()) as { data: any; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const task = async (size: number, pacingMs: number) => {
    const t = (await gql(`mutation($i: TaskInput!) { createTask(jurisdiction: "411303", input: $i) { ... on Task { id } } }`, { i: { title: 'bench', windowStart: '2026-03-01', windowEnd: '2026-03-31', inspectionDate: '2026-03-16', size } })).createTask;
    return (await gql(`mutation($t: ID!, $p: Int) { lockTask(task: $t, pacingMs: $p) { ... on Draw { id } ... on Error { message } } }`, { t: t.id, p: pacingMs })).lockTask.id as string;
  };
  const draw = (id: string) => gql(`mutation($d: ID!) { drawTask(draw: $d) { ... on Draw { id } ... on Error { message } } }`, { d: id });
  return { token, gql, task, draw };
}

/** The dashboard page: 100 drawn tasks of 5 picks each, with their teams, asked for again and again. */
async function dashboardPage(database: Database, label: string) {
  const county = await benchCounty(database);
  const { gql, task, draw } = county;
  for (let i = 0; i < 100; i++) await draw(await task(5, 0));
  const times: number[] = [];
  const rounds = Number(process.env.DASHBOARD_ROUNDS ?? 65);
  for (let i = 0; i < rounds; i++) {
    database.queries.reset();
    const start = performance.now();
    await gql(DASHBOARD, { j: '411303', n: 100 });
    if (i >= 5) times.push(performance.now() - start);
  }
  out.push(`| dashboard page, 100 tasks × 5 picks with teams (${label}, in-process) | median ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, ${database.queries.count} SQL statements | ≤ 50 ms |`);
  console.error(out.at(-1));
  return county;
}

try {
  // 1. The dashboard page, on PostgreSQL and on the embedded PGlite (the default of `npm start`).
  const { token, task } = await dashboardPage(db, 'PostgreSQL');
  const embedded = await openDatabase({ dataDir: 'memory://' });
  try {
    await dashboardPage(embedded, 'PGlite');
  } finally {
    await embedded.close();
  }

  // 2. Live draws watched by a crowd (skipped with --only dashboard).
  if (!process.argv.includes('dashboard')) {
    // The whole crowd comes from 127.0.0.1: the public per-address caps (2,000 by default) must hold it.
    const crowdCaps = { WS_MAX_PUBLIC_SUBSCRIPTIONS_PER_ADDRESS: String(Math.max(2000, SUBSCRIBERS)), WS_MAX_PUBLIC_CONNECTIONS_PER_ADDRESS: String(Math.max(2000, SUBSCRIBERS)) };
    const start = (env: Record<string, string>) => serveInstance({ DATABASE_URL: `${POSTGRES_URL}?schema=${schema}`, ...crowdCaps, ...env });
    const crowd = async (label: string, ports: number[], drawOn: number) => {
      const drawId = await task(PICKS, PACING_MS);
      const clients = spawn(process.execPath, ['--import', 'tsx', 'bench/live-clients.ts', drawId, ports.join(','), String(SUBSCRIBERS)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      let drawn = false;
      console.error(`${label}: ${SUBSCRIBERS} subscribers…`);
      const result = new Promise<{ picks: number; pickP50: number; pickP99: number; pickMax: number; seedP99: number; failed: number; completed: number }>((resolve) => {
        clients.stdout!.on('data', async (c) => {
          text += c;
          if (text.includes('ready') && !drawn) {
            drawn = true;
            await fetch(`http://127.0.0.1:${drawOn}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: `mutation($d: ID!) { drawTask(draw: $d) { __typename } }`, variables: { d: drawId } }) });
          }
          const line = text.split('\n').slice(0, -1).find((l) => l.startsWith('{'));
          if (line) resolve(JSON.parse(line));
        });
      });
      const r = await result;
      clients.kill();
      out.push(`| ${label}: ${SUBSCRIBERS} subscribers × ${PICKS} picks | pick p50 ${r.pickP50} ms, p99 ${r.pickP99} ms, max ${r.pickMax} ms (${r.picks} of ${SUBSCRIBERS * PICKS} delivered, ${r.completed} completed, ${r.failed} failed); seed shown p99 ${r.seedP99} ms after the draw | p99 ≤ 100 ms |`);
      console.error(out.at(-1));
    };
    const single = await start({ DRAW_PACING_MS: '0' });
    await crowd('one instance', [single.port], single.port);
    single.child.kill('SIGTERM');
    const [a, b] = await Promise.all([start({ REDIS_URL }), start({ REDIS_URL })]);
    await crowd('two instances through Redis (half the subscribers on each, drawn on the first)', [a.port, b.port], a.port);
    await crowd('two instances through Redis (all subscribers on the second, drawn on the first)', [b.port], a.port);
    for (const s of [a, b]) s.child.kill('SIGTERM');
  }
} finally {
  await db.close();
  await dropSchema(POSTGRES_URL, schema);
}

console.log(`\n${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
console.log('| measure | result | target |\n|---|---|---|');
for (const line of out) console.log(line);
process.exit(0);

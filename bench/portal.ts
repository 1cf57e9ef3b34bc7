// npm run bench:portal — issue 22, item 7: a jurisdiction with two published 10,000-pick draws,
// 30 visitors at once on its page and on a page of one of its draws (p95 ≤ 200 ms), with the
// weight of each page; on PostgreSQL and on the embedded PGlite, with the page cache and without
// it (every request rendered). Over HTTP, as a browser asks. Prints Markdown for docs/performance.md.
import { spawn } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadRegistry } from '../src/rulepacks/registry.ts';
import { buildApp, type App } from '../src/server/app.ts';
import { createApiToken } from '../src/server/auth/tokens.ts';
import { openDatabase, type Database } from '../src/server/db/database.ts';
import { seedDemo } from '../src/server/demo/seed-demo.ts';
import { switchRulePack } from '../src/server/rulepacks/switch-rule-pack.ts';
import { dropSchema } from './drop-schema.ts';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const VISITORS = Number(process.env.BENCH_VISITORS ?? 30);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const PICKS = 10_000;
const out: string[] = [];

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The demo county with two announced draws of 10,000 enterprises each, drawn by the real draw. */
async function county(db: Database): Promise<{ code: string; taskId: string; drawMs: number[] }> {
  await seedDemo(db.sql, { enterprises: 2 * PICKS + 1_000 });
  const packs = await loadRegistry();
  const j = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: '411303' } });
  const switched = await switchRulePack(db.prisma, packs, { jurisdictionId: j.id, packId: 'wolong', actor: 'bench', onDate: '2026-03-02' });
  if (!switched.ok) throw new Error(switched.error.message);
  const token = await createApiToken(db.prisma, { name: 'bench', role: 'ADMIN', jurisdictionId: j.id });
  const app = buildApp(db, packs, { drawPacingMs: 0, bulletinEveryMs: false });
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const r = await app.fetch(new Request('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) }));
    const body = (await r.json()) as { data: any; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const drawMs: number[] = [];
  let taskId = '';
  for (const [i, title] of ['2026年第一批 全区工贸企业抽查', '2026年第二批 全区工贸企业抽查'].entries()) {
    const t = (await gql(`mutation($i: TaskInput!) { createTask(jurisdiction: "411303", input: $i) { ... on Task { id } ... on Error { message } } }`, { i: { title, windowStart: '2026-03-01', windowEnd: '2026-03-31', inspectionDate: `2026-03-${16 + i}`, size: PICKS } })).createTask;
    const d = (await gql(`mutation($t: ID!) { lockTask(task: $t) { ... on Draw { id } ... on Error { message } } }`, { t: t.id })).lockTask;
    const start = performance.now();
    const drawn = (await gql(`mutation($d: ID!) { drawTask(draw: $d) { __typename ... on Error { message } } }`, { d: d.id })).drawTask;
    if (drawn.__typename !== 'Draw') throw new Error(JSON.stringify(drawn));
    drawMs.push(performance.now() - start);
    for (const s of ['DISPATCH', 'ANNOUNCE']) await gql(`mutation($t: ID!, $s: TaskStep!) { advanceTask(id: $t, step: $s) { __typename } }`, { t: t.id, s });
    taskId = Buffer.from(t.id, 'base64').toString().split(':')[1]!;
  }
  await app.stop();
  return { code: j.code, taskId, drawMs };
}

/** VISITORS at once (another process), each asking for `path` ROUNDS times in a row: every answer's time, and the weight of one. */
function crowd(base: string, path: string): Promise<{ times: number[]; bytes: number; statuses: Record<string, number> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/portal-visitors.ts', `${base}${path}`, String(VISITORS), String(ROUNDS)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  child.stdout!.on('data', (c) => (text += c));
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(text)) : reject(new Error(`visitors exited ${code}`)))));
}

async function measure(db: Database, label: string): Promise<void> {
  const { code, taskId, drawMs } = await county(db);
  console.error(`${label}: two draws of ${PICKS} picks in ${drawMs.map((m) => `${(m / 1000).toFixed(1)} s`).join(', ')}`);
  const packs = await loadRegistry();
  for (const cached of [true, false]) {
    // Without the cache: nothing is ever kept, every request renders its page.
    const app: App = buildApp(db, packs, { bulletinEveryMs: false, ...(cached ? {} : { portalCache: { maxEntryBytes: 0 } }) });
    const { port } = await app.start(0);
    const base = `http://127.0.0.1:${port}`;
    for (const [page, path] of [['jurisdiction page', `/j/${code}`], ['a draw page (page 37 of 100)', `/j/${code}/draws/${taskId}?page=37`]] as const) {
      const first = performance.now();
      await (await fetch(`${base}${path}`)).arrayBuffer();
      const cold = performance.now() - first;
      const r = await crowd(base, path);
      const refused = Object.entries(r.statuses).filter(([s]) => s !== '200').map(([s, n]) => `${n} × ${s}`);
      out.push(`| ${page}, ${label}, ${cached ? 'cached' : 'no cache (every request rendered)'} | **p95 ${pct(r.times, 95).toFixed(1)} ms**, p50 ${pct(r.times, 50).toFixed(1)} ms, max ${Math.max(...r.times).toFixed(1)} ms (${r.times.length} requests${refused.length ? `, ${refused.join(', ')}` : ''}); first render ${cold.toFixed(0)} ms | ${kb(r.bytes)} | p95 ≤ 200 ms |`);
      console.error(out.at(-1));
    }
    await app.stop();
  }
}

const schema = `bench_portal_${process.pid}`;
const postgres = await openDatabase({ url: POSTGRES_URL, schema });
try {
  await measure(postgres, 'PostgreSQL');
} finally {
  await postgres.close();
  await dropSchema(POSTGRES_URL, schema);
}
if (!process.argv.includes('postgres')) {
  const embedded = await openDatabase({ dataDir: 'memory://' });
  try {
    await measure(embedded, 'PGlite');
  } finally {
    await embedded.close();
  }
}

console.log(`\n${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end, ${VISITORS} visitors × ${ROUNDS} requests each\n`);
console.log('| page, database, cache | 30 visitors at once | weight | target |\n|---|---|---|---|');
for (const line of out) console.log(line);
process.exit(0);

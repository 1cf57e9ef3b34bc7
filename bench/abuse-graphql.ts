// npx tsx bench/abuse-graphql.ts — issue 17: a simple query while one client abuses the API.
// Starts `double-random serve` with the demo county (PGlite in a fresh folder, then the machine's
// PostgreSQL in a schema of its own), and from this process runs each abuse from one client (the
// nested 100 × 100 × 100 enterprises, 1,000 aliases of a filtered page, a login flood, an entropy
// flood) while another client asks a simple query every 20 ms; prints that client's latency
// (target: p99 ≤ 200 ms) and what the abuser got back, as Markdown for docs/performance.md.
// The server runs in a process of its own, so a blocked server shows in the simple client's times.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dropSchema } from './drop-schema.ts';
import { demoAdminToken, serveInstance } from './serve-instance.ts';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PHASE_MS = Number(process.env.ABUSE_PHASE_MS ?? 6000);
const INTERVAL_MS = 20;
/** Requests the abuser keeps in flight at once. */
const IN_FLIGHT = 4;
const LOGIN_IN_FLIGHT = 50;
const DEMO = '411303';
const out: string[] = [];

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function post(port: number, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}

/** What one answer was: its error code (or HTTP status), or the type of its first field. */
function outcome(r: { status: number; body: any }): string {
  const code = r.body?.errors?.[0]?.extensions?.code;
  if (code) return String(code);
  const first = r.body?.data && Object.values(r.body.data)[0];
  return (first as { __typename?: string } | null)?.__typename ?? `HTTP ${r.status}`;
}

/** The simple client: one small query every 20 ms until stopped, each answer's time from its send. */
function simpleClient(port: number) {
  const times: number[] = [];
  let failures = 0;
  let running = true;
  const done = (async () => {
    let next = performance.now();
    while (running) {
      const start = performance.now();
      const r = await post(port, `{ jurisdiction(code: "${DEMO}") { name } }`).catch(() => null);
      if (r?.body?.data?.jurisdiction?.name) times.push(performance.now() - start);
      else failures++;
      next += INTERVAL_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
    }
  })();
  return { times, failures: () => failures, stop: async () => ((running = false), await done) };
}

/** Runs `send` again and again, `inFlight` at a time, for a phase; counts what came back. */
async function abuse(send: (i: number) => Promise<{ status: number; body: any }>, inFlight = IN_FLIGHT) {
  const outcomes = new Map<string, number>();
  const end = performance.now() + PHASE_MS;
  let sent = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        const r = await send(sent++).catch((e: Error) => ({ status: 0, body: { errors: [{ extensions: { code: e.message } }] } }));
        const o = outcome(r);
        outcomes.set(o, (outcomes.get(o) ?? 0) + 1);
      }
    }),
  );
  return outcomes;
}

async function measure(label: string, database: string, port: number, run: () => Promise<Map<string, number>>) {
  // Other work on the machine shows in the figures: say how busy it was.
  const load = loadavg()[0]!.toFixed(1);
  const client = simpleClient(port);
  const outcomes = await run();
  await client.stop();
  const got = [...outcomes].map(([k, n]) => `${n.toLocaleString('en')} × ${k}`).join(', ');
  out.push(`| ${database}: ${label} | p50 ${pct(client.times, 50).toFixed(1)} ms, p99 ${pct(client.times, 99).toFixed(1)} ms, max ${Math.max(...client.times).toFixed(1)} ms (${client.times.length} answers${client.failures() ? `, ${client.failures()} failed` : ''}) | ${got || '—'} | ${load} | p99 ≤ 200 ms |`);
  console.error(out.at(-1));
}

const NESTED = `{ jurisdiction(code: "${DEMO}") { enterprises(first: 100) { edges { node { alsoSupervisedBy { enterprises(first: 100) { edges { node {
  alsoSupervisedBy { enterprises(first: 100) { edges { node { name } } } } } } } } } } } } }`;
const FILTERED_PAGE = `jurisdiction(code: "${DEMO}") { enterprises(first: 100, filter: { riskLevel: [MAJOR], sector: ["hazardous_chemicals"] }, orderBy: { field: NAME }) { totalCount edges { node { name } } } }`;
const ALIASES = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: ${FILTERED_PAGE}`).join(' ')} }`;

async function scenario(database: string, env: Record<string, string>) {
  // An empty database: the first start loads the demo county and prints its admin token.
  const server = await serveInstance({ DRAW_PACING_MS: '0', ...env });
  const { port } = server;
  const token = demoAdminToken(server);
  let stopping = false;
  server.child.once('exit', (code, signal) => {
    if (!stopping) console.error(`${database} server exited during the benchmark (code ${code}, signal ${signal})`);
  });
  try {
    await post(port, `mutation { createUser(jurisdiction: "${DEMO}", username: "bench.user", name: "压测", password: "correct horse battery", role: AUDITOR) { __typename } }`, {}, token);
    const task = (await post(port, `mutation($i: TaskInput!) { createTask(jurisdiction: "${DEMO}", input: $i) { ... on Task { id } } }`, { i: { title: 'abuse', windowStart: '2026-12-01', windowEnd: '2026-12-31', inspectionDate: '2026-12-15', size: 5 } }, token)).body.data.createTask;
    const draw = (await post(port, `mutation($t: ID!) { lockTask(task: $t) { ... on Draw { id } ... on Error { message } } }`, { t: task.id }, token)).body.data.lockTask;
    if (!draw?.id) throw new Error(`no draw to flood: ${JSON.stringify(draw)}`);

    await measure('no abuse', database, port, async () => {
      await new Promise((resolve) => setTimeout(resolve, PHASE_MS));
      return new Map();
    });
    await measure('nested 100 × 100 × 100 enterprises, again and again', database, port, () => abuse(() => post(port, NESTED)));
    await measure('1,000 aliases of a filtered page of 100, again and again', database, port, () => abuse(() => post(port, ALIASES)));
    // A login is slow on purpose (scrypt), so a flood keeps many in flight.
    await measure(`login flood: wrong passwords for one account, then for random ones, ${LOGIN_IN_FLIGHT} in flight`, database, port, () =>
      abuse((i) => post(port, `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { __typename } }`, { u: i < 500 ? 'bench.user' : `nobody.${i}`, p: `guess ${i}` }), LOGIN_IN_FLIGHT),
    );
    await measure('entropy flood: contributions to one public draw, and 1,000 aliased in one request', database, port, () =>
      abuse((i) =>
        i % 10 === 9
          ? post(port, `mutation { ${Array.from({ length: 1000 }, (_, k) => `e${k}: contributeEntropy(draw: "${draw.id}", value: "flood ${i}.${k}") { __typename }`).join(' ')} }`)
          : post(port, `mutation($d: ID!, $v: String!) { contributeEntropy(draw: $d, value: $v) { __typename } }`, { d: draw.id, v: `flood ${i}` }),
      ),
    );
  } finally {
    stopping = true;
    server.child.kill('SIGTERM');
    await new Promise((resolve) => (server.child.exitCode !== null ? resolve(null) : server.child.once('exit', resolve)));
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'abuse-graphql-'));
const schema = `bench_abuse_${process.pid}`;
try {
  await scenario('PGlite', { DATA_DIR: dataDir });
  await scenario('PostgreSQL', { DATABASE_URL: `${POSTGRES_URL}?schema=${schema}` });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  await dropSchema(POSTGRES_URL, schema);
}

console.log(`\n${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; each phase ${PHASE_MS / 1000} s, the abuser ${IN_FLIGHT} requests in flight\n`);
console.log('| phase | simple query every 20 ms | what the abuser got | load average | target |\n|---|---|---|---|---|');
for (const line of out) console.log(line);
process.exit(0);

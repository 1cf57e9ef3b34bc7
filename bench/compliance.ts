// npm run bench:compliance: a year's compliance of a 100,000-enterprise county with 20 tasks
// (issue 21, Speed), on PGlite and PostgreSQL. Prints a Markdown table for docs/performance.md.
// Not a test: numbers vary by machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chinaDate } from '../src/core/calendar/china-date.ts';
import { measureCompliance } from '../src/core/compliance/measure-compliance.ts';
import { loadRegistry } from '../src/rulepacks/registry.ts';
import { buildApp } from '../src/server/app.ts';
import { createApiToken } from '../src/server/auth/tokens.ts';
import { forgetDirectories } from '../src/server/compliance/directory-cache.ts';
import { loadComplianceFacts } from '../src/server/compliance/load-facts.ts';
import { openDatabase, type Database } from '../src/server/db/database.ts';
import { seedDemo } from '../src/server/demo/seed-demo.ts';
import { createEventBus } from '../src/server/events/pubsub.ts';
import { switchRulePack } from '../src/server/rulepacks/switch-rule-pack.ts';
import { dropSchema } from './drop-schema.ts';

const N = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
const TASKS = 20;
const SIZE = 250;
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PACK = 'heilongjiang-county'; // frequencies, a share, a joint inspection and deadlines: every kind of pass
const rows: string[][] = [];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function withDatabase<T>(kind: 'pglite' | 'postgres', fn: (db: Database) => Promise<T>): Promise<T> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'dr-bench-'));
    const db = await openDatabase({ dataDir: dir });
    try { return await fn(db); } finally { await db.close(); rmSync(dir, { recursive: true, force: true }); }
  }
  const schema = `bench_compliance_${process.pid}`;
  const db = await openDatabase({ url: POSTGRES_URL, schema });
  try { return await fn(db); } finally { await db.close(); await dropSchema(POSTGRES_URL, schema); }
}

// BENCH_DATABASES=postgres (or pglite) runs one of them: seeding 100,000 enterprises on PGlite takes many minutes.
const KINDS = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
for (const kind of KINDS) {
  await withDatabase(kind, async (db) => {
    const seedStart = performance.now();
    await seedDemo(db.sql, { enterprises: N });
    const packs = await loadRegistry();
    const county = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: '411303' } });
    const switched = await switchRulePack(db.prisma, packs, { jurisdictionId: county.id, packId: PACK, actor: 'bench', onDate: '2026-01-01' });
    if (!switched.ok) throw new Error(switched.error.message);
    const events = createEventBus();
    const app = buildApp(db, packs, { drawPacingMs: 0, events });
    const token = await createApiToken(db.prisma, { name: 'bench', role: 'ADMIN', jurisdictionId: county.id });
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await app.fetch(new Request('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) }));
      const body = (await response.json()) as { data?: any; errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    // A year of 20 tasks, one or two a month, each drawn and taken to inspection (5,000 picks).
    for (let t = 0; t < TASKS; t++) {
      const month = String(1 + Math.floor((t * 12) / TASKS)).padStart(2, '0');
      const input = { title: `2026年第${t + 1}批双随机抽查`, windowStart: `2026-${month}-01`, windowEnd: `2026-${month}-28`, inspectionDate: `2026-${month}-${t % 2 ? '20' : '10'}`, size: SIZE, joint: t === 5, ...(t === 5 ? { jointDepartments: ['市场监管'] } : {}) };
      const task = (await gql(`mutation($i: TaskInput!) { createTask(jurisdiction: "411303", input: $i) { ... on Task { id } ... on Error { message } } }`, { i: input })).createTask;
      if (!task.id) throw new Error(JSON.stringify(task));
      const draw = (await gql(`mutation($t: ID!) { lockTask(task: $t) { ... on Draw { id } ... on Error { message } } }`, { t: task.id })).lockTask;
      if (!draw.id) throw new Error(JSON.stringify(draw));
      const drawn = (await gql(`mutation($d: ID!) { drawTask(draw: $d) { __typename ... on Error { message } } }`, { d: draw.id })).drawTask;
      if (drawn.__typename !== 'Draw') throw new Error(JSON.stringify(drawn));
      for (const s of ['DISPATCH', 'ANNOUNCE', 'START_INSPECTION']) await gql(`mutation($t: ID!, $s: TaskStep!) { advanceTask(id: $t, step: $s) { __typename } }`, { t: task.id, s });
    }
    // Results for four picks in five, written in one statement (seeding, not what is measured).
    await db.sql.query(`INSERT INTO inspection_result (jurisdiction_id, task_id, draw_id, pick_order, enterprise_id, uscc, enterprise_name, version, category, inspected_on, items, hazards, handling, summary, content_hash, entered_by)
      SELECT p.jurisdiction_id, d.task_id, p.draw_id, p."order", p.enterprise_id, p.uscc, e.name, 1, 'no-problem', t.inspection_date, '[]'::jsonb, '[]'::jsonb, '{}'::jsonb, '现场检查未发现问题', md5(p.draw_id || p.uscc), 'bench'
      FROM draw_pick p JOIN draw d ON d.id = p.draw_id JOIN inspection_task t ON t.id = d.task_id JOIN enterprise e ON e.id = p.enterprise_id WHERE p."order" % 5 <> 0`);
    const seeded = performance.now() - seedStart;

    const queryOn = (asOf: string) => `{ jurisdiction(code: "411303") { compliance(year: 2026, asOf: "${asOf}") { totals { supervised distinctDrawn draws inspectionsDone } rows { id status target { text } achieved { text } subjectsTotal subjects { uscc name note } } warnings { obligationId } } } }`;
    const query = queryOn('2026-12-31');
    // Cold: the directory read whole, as on the first query of a server, of a day, or after an import.
    // Warm: the directory kept (src/server/compliance/directory-cache.ts), as after a
    // task, a draw or a result, which change the rest.
    const once = async (cold: boolean) => { if (cold) forgetDirectories(db); const start = performance.now(); const data = await gql(query); return { ms: performance.now() - start, data }; };
    for (let i = 0; i < 2; i++) await once(true); // warm-up: JIT, plans
    const runs: number[] = [];
    const warmRuns: number[] = [];
    let last: any;
    for (let i = 0; i < 7; i++) { const r = await once(true); runs.push(r.ms); last = r.data; }
    for (let i = 0; i < 7; i++) warmRuns.push((await once(false)).ms);
    // After a change: one enterprise edited (its phone), as after a clerk's edit or a record; the
    // kept directory reads that enterprise again, not the 100,000.
    const edited = await db.prisma.enterprise.findFirstOrThrow({ where: { jurisdictionId: county.id }, orderBy: { uscc: 'asc' }, select: { id: true } });
    // The next day: the directory of today (read today) kept, and a later day's told from it, as
    // the first query after midnight is. Only while today is before 31 December 2026, the seeding's year.
    const today = chinaDate(new Date());
    const laterDayRuns: number[] = [];
    for (let i = 0; today < '2026-12-31' && i < 7; i++) {
      forgetDirectories(db);
      await gql(queryOn(today));
      const start = performance.now();
      await gql(query);
      laterDayRuns.push(performance.now() - start);
    }
    const changedRuns: number[] = [];
    for (let i = 0; i < 7; i++) {
      await db.prisma.enterprise.update({ where: { id: edited.id }, data: { phone: `0377-6${String(1_000_000 + i)}` } });
      changedRuns.push((await once(false)).ms);
    }
    // After an import that changed 10,000 of them (one statement, as the bulk import writes).
    const importedRuns: number[] = [];
    for (let i = 0; i < 7; i++) {
      await db.sql.query(`UPDATE enterprise SET phone = $2 WHERE id IN (SELECT id FROM enterprise WHERE jurisdiction_id = $1 ORDER BY uscc LIMIT 10000)`, [county.id, `0377-7${String(1_000_000 + i)}`]);
      importedRuns.push((await once(false)).ms);
    }
    const totals = last.jurisdiction.compliance.totals;
    if (totals.supervised !== N || totals.draws !== TASKS * SIZE) throw new Error(`unexpected totals ${JSON.stringify(totals)}`);
    // The pure measurement alone, on the facts loaded once.
    const facts = await loadComplianceFacts({ prisma: db.prisma, databaseKind: db.kind, packs, events, drawPacingMs: 0 }, { ...county, level: 'COUNTY' }, 2026, '2026-12-31');
    const loads: number[] = [];
    for (let i = 0; i < 3; i++) { forgetDirectories(db); const start = performance.now(); await loadComplianceFacts({ prisma: db.prisma, databaseKind: db.kind, packs, events, drawPacingMs: 0 }, { ...county, level: 'COUNTY' }, 2026, '2026-12-31'); loads.push(performance.now() - start); }
    const pure: number[] = [];
    for (let i = 0; i < 7; i++) { const start = performance.now(); measureCompliance(facts); pure.push(performance.now() - start); }
    rows.push([`Jurisdiction.compliance of ${N.toLocaleString('en')} enterprises, ${TASKS} tasks (${(TASKS * SIZE).toLocaleString('en')} picks, ${totals.inspectionsDone.toLocaleString('en')} results), ${last.jurisdiction.compliance.rows.length} rows, ${kind}, cold: the directory read whole (a server's first read, made in the background at its start; an import of more than 5,000): median of 7 (fastest)`, `${median(runs).toFixed(0)} ms (${Math.min(...runs).toFixed(0)})`, '—']);
    rows.push([`… the same, warm (the directory unchanged since the last query, as after a task or a result), ${kind}: median of 7 (fastest)`, `**${median(warmRuns).toFixed(0)} ms** (${Math.min(...warmRuns).toFixed(0)})`, '≤ 1 s']);
    rows.push([`… the same, after one enterprise changed (the kept directory reads it again), ${kind}: median of 7 (fastest)`, `**${median(changedRuns).toFixed(0)} ms** (${Math.min(...changedRuns).toFixed(0)})`, '≤ 1 s']);
    rows.push([`… the same, after an import that changed 10,000 of them (those read again), ${kind}: median of 7 (fastest)`, `**${median(importedRuns).toFixed(0)} ms** (${Math.min(...importedRuns).toFixed(0)})`, '≤ 1 s']);
    if (laterDayRuns.length > 0) rows.push([`… the same on a later day (${today} kept, 2026-12-31 told from it), ${kind}: median of 7 (fastest)`, `**${median(laterDayRuns).toFixed(0)} ms** (${Math.min(...laterDayRuns).toFixed(0)})`, '≤ 1 s']);
    rows.push([`… of which loading the facts (loadComplianceFacts), cold, ${kind}`, `${median(loads).toFixed(0)} ms`, '—']);
    rows.push([`… of which measureCompliance on the loaded facts, ${kind}`, `${median(pure).toFixed(0)} ms`, '—']);
    console.error(`${kind}: seeded in ${(seeded / 1000).toFixed(0)} s; cold runs ${runs.map((x) => x.toFixed(0)).join(', ')} ms; warm ${warmRuns.map((x) => x.toFixed(0)).join(', ')} ms; after a change ${changedRuns.map((x) => x.toFixed(0)).join(', ')} ms; a later day ${laterDayRuns.map((x) => x.toFixed(0)).join(', ')} ms; after an import of 10,000 ${importedRuns.map((x) => x.toFixed(0)).join(', ')} ms`);
    await app.stop();
    await events.close();
  });
}

console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 16)} UTC, load average ${loadavg()[0]!.toFixed(1)}\n`);
console.log('| measurement | result | target |\n|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);

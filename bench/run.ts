// npm run bench: the foundation's speed targets (issue 3). Prints a Markdown table to paste
// into docs/performance.md with the machine and date. Not a test: numbers vary by machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { enterpriseSpec } from '../src/core/directory/kinds/index.ts';
import type { Field } from '../src/core/directory/fields.ts';
import { generateCounty } from '../src/demo/generate-county.ts';
import { buildApp } from '../src/server/app.ts';
import { openDatabase, type Database } from '../src/server/db/database.ts';
import { dropSchema } from './drop-schema.ts';
import { seedDemo } from '../src/server/demo/seed-demo.ts';
import { importDirectory } from '../src/server/directory/import-directory.ts';
import { loadRegistry } from '../src/rulepacks/registry.ts';
import { toCsv } from '../src/server/import/encode-file.ts';

const N = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const rows: string[][] = [];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function withDatabase<T>(kind: 'pglite' | 'postgres', fn: (db: Database) => Promise<T>): Promise<T> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'dr-bench-'));
    const db = await openDatabase({ dataDir: dir });
    try {
      return await fn(db);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const schema = `bench_${process.pid}`;
  const db = await openDatabase({ url: POSTGRES_URL, schema });
  try {
    return await fn(db);
  } finally {
    await db.close();
    await dropSchema(POSTGRES_URL, schema);
  }
}

const county = generateCounty({ enterprises: N });
const fields = Object.entries(enterpriseSpec.fields) as [string, Field<unknown>][];
const file = toCsv({
  sheetName: 'bench',
  headers: fields.map(([, f]) => f.headers[0]!),
  rows: county.enterprises.map((e) => fields.map(([k, f]) => ((e as any)[k] === null ? '' : f.format((e as any)[k])))),
});

for (const kind of ['pglite', 'postgres'] as const) {
  await withDatabase(kind, async (db) => {
    await db.sql.query(`INSERT INTO jurisdiction (code, name, level) VALUES ('411303', '卧龙区', 'COUNTY')`);
    const start = performance.now();
    const report = await importDirectory(db.sql, { kind: 'enterprises', jurisdictionCode: '411303', file, actor: 'bench' });
    const ms = performance.now() - start;
    if (!report.committed || report.created !== N) throw new Error(`import failed: ${JSON.stringify(report.problems.slice(0, 3))}`);
    rows.push([`Import ${N.toLocaleString('en')} enterprises from CSV (${(file.byteLength / 1e6).toFixed(1)} MB), ${kind}`, `${(ms / 1000).toFixed(2)} s`, '≤ 10 s']);
  });
}

for (const kind of ['pglite', 'postgres'] as const) {
  await withDatabase(kind, async (db) => {
    await seedDemo(db.sql, { enterprises: N });
    const app = buildApp(db, await loadRegistry());
    const query = `{ jurisdiction(code: "411303") { enterprises(first: 100, filter: { sector: ["machinery", "hazardous_chemicals"], riskLevel: [HIGH, MAJOR] }, orderBy: { field: NAME }) {
      totalCount edges { node { id uscc name riskLevel creditLevel township records { kind occurredOn } } } } } }`;
    const once = async () => {
      const start = performance.now();
      const response = await app.fetch(new Request('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }));
      const body = (await response.json()) as any;
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return performance.now() - start;
    };
    for (let i = 0; i < 5; i++) await once(); // warm-up: JIT, plans, Prisma's first query
    const times: number[] = [];
    for (let i = 0; i < 30; i++) times.push(await once());
    rows.push([`Filtered GraphQL page of 100 of ${N.toLocaleString('en')} enterprises, ${kind} (median of 30)`, `${median(times).toFixed(1)} ms`, '≤ 30 ms']);
  });
}

console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| measurement | result | target |\n|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);

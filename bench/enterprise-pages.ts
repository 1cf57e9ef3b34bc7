// npm run bench:enterprise — the enterprise's side of 一公开 (issue 22, 4 and 5): a drawn
// enterprise's notice PDF, the verification page its QR code opens (first visit, which runs the
// verifier, then visits served from the per-draw cache) and its public record. In process
// (app.fetch), PGlite in memory, the demo county with ENTERPRISES enterprises (default 3,000).
// Prints Markdown for docs/performance.md.
import { cpus, totalmem } from 'node:os';
import { openDatabase } from '../src/server/db/database.ts';
import { demoCounty, DEMO } from '../test/helpers/demo-county.ts';
import { inspectingTask } from '../test/helpers/results-flow.ts';

const ENTERPRISES = Number(process.env.ENTERPRISES ?? 3000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), { enterprises: ENTERPRISES });
const task = await inspectingTask(demo, { title: '基准测试 抽查', size: 20, itemsPerInspection: 2 }, 'ANNOUNCED');
const raw = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;
const pick = task.picks[0]!;
const paths = {
  notice: `/j/${DEMO}/tasks/${raw(task.taskId)}/notices/${pick.uscc}.pdf`,
  verify: `/verify/${raw(task.drawId)}/${pick.uscc}`,
  record: `/enterprises/${pick.uscc}`,
};

async function timed(path: string): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const response = await demo.app.fetch(new Request(`http://bench${path}`));
  const bytes = (await response.arrayBuffer()).byteLength;
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  return { ms: performance.now() - start, bytes };
}
const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;
const f = (ms: number) => `${ms.toFixed(1)} ms`;

const first = await timed(paths.verify);
const rows: string[] = [`| verification page, first visit (runs the verifier) | ${f(first.ms)} | — | ${(first.bytes / 1024).toFixed(1)} KB |`];
// Each drawn enterprise's notice once (rendered: font subset and QR code), then one of them again and again (kept).
const renders: number[] = [];
let noticeBytes = 0;
for (const p of task.picks) ({ ms: renders[renders.length], bytes: noticeBytes } = await timed(`/j/${DEMO}/tasks/${raw(task.taskId)}/notices/${p.uscc}.pdf`) as { ms: number; bytes: number });
rows.push(`| notice PDF, first request of each of the ${task.picks.length} (rendered) | ${f(pct(renders, 50))} | ${f(pct(renders, 95))} | ${(noticeBytes / 1024).toFixed(1)} KB |`);
for (const [name, path] of [['verification page, later visits (cached per draw)', paths.verify], ['notice PDF, later requests (kept in the page cache)', paths.notice], ['enterprise record', paths.record]] as const) {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) ({ ms: ms[i], bytes } = await timed(path) as { ms: number; bytes: number });
  rows.push(`| ${name} | ${f(pct(ms, 50))} | ${f(pct(ms, 95))} | ${(bytes / 1024).toFixed(1)} KB |`);
}
console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 16)} UTC; PGlite in memory, ${ENTERPRISES} enterprises, a task of 20 picks, ${RUNS} sequential requests each.\n`);
console.log('| request | p50 | p95 | size |\n|---|---|---|---|');
console.log(rows.join('\n'));
await demo.db.close();
process.exit(0);

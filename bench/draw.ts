// The draw engine's speed and memory (issue 5): county and province scale, draw and verification.
// Run alone: npm run bench:draw [-- --only county]. Figures go to docs/performance.md.
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { runDraw } from '../src/core/draw/draw.ts';
import { EXPORT_FORMAT } from '../src/core/draw/export.ts';
import { commitmentOf } from '../src/core/draw/seed.ts';
import { verifyDraw } from '../src/core/draw/verify.ts';
import { demoSnapshot } from '../src/demo/demo-snapshot.ts';
import { loadRegistry } from '../src/rulepacks/registry.ts';
import { NODE_DRAW_PORTS as ports } from '../src/server/draw-ports.ts';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const scales = [
  { name: 'county', enterprises: 10_000, inspectors: 200, picks: 300, runs: 7 },
  { name: '100k', enterprises: 100_000, inspectors: 2_000, picks: 3_000, runs: 3 },
  { name: 'province', enterprises: 1_000_000, inspectors: 20_000, picks: 30_000, runs: 1 },
].filter((s) => !only || s.name === only);
const pack = (await loadRegistry()).get('wolong')!;
const secret = '42'.repeat(32);
const seed = { secret, commitment: commitmentOf(secret, ports), entropy: ['bench'] };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: string[] = [];
for (const s of scales) {
  const snapshot = demoSnapshot({ enterprises: s.enterprises, inspectors: s.inspectors, experts: 30 });
  const task = { id: `B-${s.name}`, year: 2026, inspectionDate: '2026-06-15', sectors: [], covert: false, joint: false, special: false, size: s.picks };
  const input = { snapshot, task, pack: { key: 'wolong@1.0.0', contentHash: pack.contentHash, rules: pack.rules }, seed };
  global.gc?.();
  const before = process.memoryUsage().rss;
  const drawTimes: number[] = [];
  let record;
  for (let i = 0; i < s.runs; i++) {
    const t = performance.now();
    const result = runDraw(input, ports);
    drawTimes.push(performance.now() - t);
    if (!result.ok) throw new Error(result.error.map((x) => x.message).slice(0, 3).join('; '));
    record = result.value;
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  const t = performance.now();
  const verification = verifyDraw({ format: EXPORT_FORMAT, pack: { key: 'wolong@1.0.0', contentHash: pack.contentHash, meta: pack.meta, rules: pack.rules, hooks: {} }, task, snapshot, seed, record: record! }, ports);
  const verifyTime = performance.now() - t;
  if (!verification.matches) throw new Error('verification failed');
  rows.push(`| ${s.name}: ${s.enterprises.toLocaleString('en')} enterprises, ${s.inspectors.toLocaleString('en')} inspectors, ${s.picks.toLocaleString('en')} picks with teams | ${median(drawTimes).toFixed(0)} ms | ${verifyTime.toFixed(0)} ms | ${((peak) / 2 ** 20).toFixed(0)} MiB (snapshot in memory: ${((before) / 2 ** 20).toFixed(0)} MiB before) |`);
  console.error(rows.at(-1));
}
console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; pack wolong (16 strata by risk × credit, weights)\n`);
console.log('| scale | draw (median) | verification | peak RSS |\n|---|---|---|---|');
for (const r of rows) console.log(r);

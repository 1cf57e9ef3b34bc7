// The draw engine's speed and memory (issue 5): county and province scale, draw and verification.
// Run alone: npm run bench:draw [-- --only county]; BENCH_RUNS=n draws each scale n times.
// Figures go to docs/performance.md.
//
// Each scale runs in two child processes, so that the figures are the draw's and not the demo
// generator's: the first generates the directory and writes it as one enterprise per line; the
// second reads it back line by line, the way a server reads a directory's rows (objects allocated
// in order, the generator's garbage never in the heap), then draws and verifies, and its peak RSS
// is the snapshot plus the draw.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { runDraw } from '../src/core/draw/draw.ts';
import { EXPORT_FORMAT } from '../src/core/draw/export.ts';
import { commitmentOf } from '../src/core/draw/seed.ts';
import type { DrawSnapshot } from '../src/core/draw/types.ts';
import { verifyDraw } from '../src/core/draw/verify.ts';
import type { EnterpriseFacts } from '../src/core/rules/facts.ts';
import { packContentJson } from '../src/core/rules/pack-content.ts';
import type { Rules } from '../src/core/rules/schema.ts';
import { sizeRequiredByRatios } from '../src/core/draw/ratios.ts';
import { toHex, utf8 } from '../src/core/draw/ports.ts';
import { demoSnapshot } from '../src/demo/demo-snapshot.ts';
import { loadRegistry } from '../src/rulepacks/registry.ts';
import { NODE_DRAW_PORTS as ports } from '../src/server/draw-ports.ts';

const scales = [
  { name: 'county', enterprises: 10_000, inspectors: 200, picks: 300, runs: Number(process.env.BENCH_RUNS ?? 21) },
  { name: '100k', enterprises: 100_000, inspectors: 2_000, picks: 3_000, runs: Number(process.env.BENCH_RUNS ?? 3) },
  { name: 'province', enterprises: 1_000_000, inspectors: 20_000, picks: 30_000, runs: Number(process.env.BENCH_RUNS ?? 3) },
  // double-random/v4: the same province drawn by per-class ratios (§6a), the size they require.
  { name: 'province-v4', enterprises: 1_000_000, inspectors: 20_000, picks: 0, runs: Number(process.env.BENCH_RUNS ?? 3), ratios: true },
] as { name: string; enterprises: number; inspectors: number; picks: number; runs: number; ratios?: boolean }[];
type Scale = (typeof scales)[number];
const arg = (flag: string) => (process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1] : undefined);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Child 1: the demo directory of a scale, the rest of the snapshot on the first line, then one enterprise per line. */
async function write(scale: Scale, file: string): Promise<void> {
  const snapshot = demoSnapshot({ enterprises: scale.enterprises, inspectors: scale.inspectors, experts: 30 });
  const out = createWriteStream(file);
  const line = (value: unknown) => new Promise<void>((resolve) => (out.write(`${JSON.stringify(value)}\n`) ? resolve() : out.once('drain', resolve)));
  await line({ ...snapshot, enterprises: [] });
  for (const e of snapshot.enterprises) await line(e);
  await new Promise((resolve) => out.end(resolve));
}

/**
 * Child 2: read the snapshot back, draw it `runs` times, verify once; prints one JSON line.
 * With `once`, a process of its own draws once from scratch and only reports its peak memory:
 * the repeated draws' process keeps each draw's garbage until V8 next collects its old
 * generation, so its peak says more about V8's timing than about one draw.
 */
async function run(scale: Scale, file: string, once = false): Promise<void> {
  let head: DrawSnapshot | undefined;
  const enterprises: EnterpriseFacts[] = [];
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (!head) head = JSON.parse(line) as DrawSnapshot;
    else enterprises.push(JSON.parse(line) as EnterpriseFacts);
  }
  const snapshot: DrawSnapshot = { ...head!, enterprises };
  global.gc?.();
  const loaded = process.memoryUsage();
  const pack = (await loadRegistry()).get('wolong')!;
  const secret = '42'.repeat(32);
  const seed = { secret, commitment: commitmentOf(secret, ports), entropy: ['bench'] };
  // 分层比例 for v4: 重大、较大风险 10 %, 一般 2 %, 低 1 % (about as many picks as the v1 province).
  const rules: Rules = scale.ratios
    ? { ...pack.rules, strata: { ...pack.rules.strata!, by: ['riskLevel', 'creditLevel'], ratios: [{ when: { riskLevel: ['MAJOR', 'HIGH'] }, percent: 10 }, { when: { riskLevel: ['GENERAL'] }, percent: 2 }, { when: { riskLevel: ['LOW'] }, percent: 1 }] } }
    : pack.rules;
  const contentHash = scale.ratios ? toHex(ports.sha256(utf8(packContentJson(pack.meta, rules, {})))) : pack.contentHash;
  const base = { id: `B-${scale.name}`, year: 2026, inspectionDate: '2026-06-15', sectors: [], covert: false, joint: false, special: false, size: scale.picks };
  const task = scale.ratios ? { ...base, size: sizeRequiredByRatios(rules, {}, { enterprises: snapshot.enterprises, task: base, history: snapshot.history })! } : base;
  const drawPack = { key: 'wolong@1.0.0', contentHash, rules };
  // The size's own pool scan (what the lock does once) is not the draw's memory.
  if (scale.ratios) global.gc?.();
  if (once) {
    const result = runDraw({ snapshot, task, pack: drawPack, seed }, ports);
    if (!result.ok) throw new Error('no draw');
    if (scale.ratios && result.value.algorithm !== 'double-random/v4') throw new Error('not v4');
    console.log(JSON.stringify({ peakRss: process.resourceUsage().maxRSS * 1024 }));
    return;
  }
  // From scratch (what the lock's trial draw and a verifier do: the snapshot hashed), then at the
  // reveal (the server passes the hash published at the lock), alternating so that both see the
  // same machine.
  const scratch: number[] = [];
  const times: number[] = [];
  let record;
  for (let i = 0; i < scale.runs; i++) {
    let t = performance.now();
    const result = runDraw({ snapshot, task, pack: drawPack, seed }, ports);
    scratch.push(performance.now() - t);
    if (!result.ok) throw new Error(result.error.map((x) => x.message).slice(0, 3).join('; '));
    record = result.value;
    t = performance.now();
    const revealed = runDraw({ snapshot, task, pack: drawPack, seed, lockedSnapshotHash: record.snapshotHash }, ports);
    times.push(performance.now() - t);
    if (!revealed.ok || revealed.value.seed !== record.seed) throw new Error('the reveal drew differently');
  }
  const t = performance.now();
  const verification = verifyDraw({ format: EXPORT_FORMAT, pack: { ...drawPack, meta: pack.meta, hooks: {} }, task, snapshot, seed, record: record! }, ports);
  if (scale.ratios && record!.algorithm !== 'double-random/v4') throw new Error('not v4');
  const verify = performance.now() - t;
  if (!verification.matches) throw new Error('verification failed');
  console.log(JSON.stringify({ size: task.size, draws: times, scratch, verify, loadedRss: loaded.rss, loadedHeap: loaded.heapUsed, peakRss: process.resourceUsage().maxRSS * 1024 }));
}

const self = fileURLToPath(import.meta.url);
const mode = arg('--child');
if (mode) {
  const scale = scales.find((s) => s.name === arg('--scale'))!;
  await (mode === 'write' ? write(scale, arg('--file')!) : run(scale, arg('--file')!, mode === 'once'));
} else {
  const only = arg('--only');
  const dir = mkdtempSync(join(tmpdir(), 'bench-draw-'));
  const child = (kind: string, scale: Scale, file: string) => {
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--child', kind, '--scale', scale.name, '--file', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`${kind} ${scale.name} failed (${r.status})`);
    return r.stdout;
  };
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  const rows: string[] = [];
  try {
    for (const s of scales.filter((x) => !only || x.name === only)) {
      const file = join(dir, `${s.name}.ndjson`);
      child('write', s, file);
      const r = JSON.parse(child('run', s, file).trim().split('\n').at(-1)!) as { size: number; draws: number[]; scratch: number[]; verify: number; loadedRss: number; loadedHeap: number; peakRss: number };
      const once = JSON.parse(child('once', s, file).trim().split('\n').at(-1)!) as { peakRss: number };
      rows.push(`| ${s.name}: ${s.enterprises.toLocaleString('en')} enterprises, ${s.inspectors.toLocaleString('en')} inspectors, ${r.size.toLocaleString('en')} picks with teams${s.ratios ? ' (v4, ratios by class)' : ''} | ${median(r.draws).toFixed(0)} ms (${r.draws.length} runs; first ${r.draws[0]!.toFixed(0)}, fastest ${Math.min(...r.draws).toFixed(0)}) | ${median(r.scratch).toFixed(0)} ms (fastest ${Math.min(...r.scratch).toFixed(0)}) | ${r.verify.toFixed(0)} ms | ${mib(once.peakRss)} | ${mib(r.peakRss)} (snapshot loaded: ${mib(r.loadedRss)} RSS, ${mib(r.loadedHeap)} heap) |`);
      console.error(rows.at(-1));
      rmSync(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; pack wolong (16 strata by risk × credit, weights)\n`);
  console.log('| scale | draw at the reveal (median) | draw from scratch, as at the lock (median) | verification | peak RSS, one draw | peak RSS over all the runs and the verification |\n|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

// 规则模拟's speed (issue 21): 1,000 simulated years of a 10,000-enterprise county with 10 tasks a
// year under the wolong pack, target ≤ 10 s; then the same against wolong with a cap of 3 (two
// packs, same seeds). Run alone: npm run bench:simulate [-- --years N]. Figures go to docs/performance.md.
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { simulate, type SimulationPack } from '../src/core/simulation/index.ts';
import { demoSnapshot } from '../src/demo/demo-snapshot.ts';
import { loadRegistry } from '../src/rulepacks/registry.ts';
import { NODE_DRAW_PORTS as ports } from '../src/server/draw-ports.ts';

const arg = (flag: string) => (process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1] : undefined);
const years = Number(arg('--years') ?? 1000);
const { history: _history, ...directory } = demoSnapshot({ enterprises: 10_000, inspectors: 200, experts: 30 });
const wolong = (await loadRegistry()).get('wolong')!;
const pack: SimulationPack = { key: 'wolong@1.0.0', name: wolong.meta.name, rules: wolong.rules, hooks: wolong.hooks };
const cap3: SimulationPack = { ...pack, key: 'wolong-cap3', rules: { ...wolong.rules, cap: { ...wolong.rules.cap!, perYear: 3 } } };
// Ten tasks of 50 (5 % of the county a year, 卧龙 第六条), one of them joint (第十三条).
const plan = [1, 3, 4, 5, 6, 7, 9, 10, 11, 12].map((month) => ({ month, size: 50, joint: month === 4 }));

function run(label: string, compare?: SimulationPack) {
  const start = performance.now();
  const report = simulate({ pack, ...(compare ? { compare } : {}), directory, plan, years, seed: 'bench' }, ports);
  const ms = performance.now() - start;
  if (!report.ok) throw new Error(report.error.message);
  const draws = years * plan.length * (compare ? 2 : 1);
  console.log(JSON.stringify({ label, years, enterprises: directory.enterprises.length, tasks: plan.length, draws, ms: Math.round(ms), perDrawMs: +(ms / draws).toFixed(2), load: loadavg().map((x) => +x.toFixed(1)) }));
  return report.value;
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`);
run('wolong, one pack (target ≤ 10 s)');
const compared = run('wolong against cap 3, same seeds', cap3);
for (const line of compared.differences) console.log(`  ${line}`);
for (const o of compared.obligations) console.log(`  ${o.label}（${o.clause}）: ${(o.chance.a * 100).toFixed(1)}% → ${((o.chance.b ?? 0) * 100).toFixed(1)}%`);

import type { Paired, SimulationReport } from '../core/simulation/index.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
/** a, or a → b with a mark where the difference is the pack's (beyond three standard errors). */
const pair = (p: Paired, f: (x: number) => string) => (p.b === null ? f(p.a) : `${f(p.a)} → ${f(p.b)}${p.differs ? ' ◆' : ''}`);

/** The report as a Chinese table for the terminal (`double-random simulate`). */
export function formatSimulation(r: SimulationReport): string {
  const lines: string[] = [];
  const two = r.packs.length > 1;
  lines.push(`规则模拟：${r.years} 年 × ${r.tasks} 个任务，企业 ${r.enterprises} 家（监管对象 ${r.supervised} 家），检查人员 ${r.inspectors} 名，种子「${r.seed}」，按 ${r.calendarYear} 年日历`);
  lines.push(`规则包：${r.packs.map((p) => `${p.name}（${p.key}）`).join(' 对比 ')}${two ? '；◆ 为规则包造成的差异（超过三倍标准误）' : ''}`);
  if (r.differences.length > 0) {
    lines.push('', '主要差异');
    for (const d of r.differences) lines.push(`  · ${d}`);
  }
  lines.push('', '义务达成概率（年末）');
  if (r.obligations.length === 0) lines.push('  （规则包没有可模拟的义务）');
  for (const o of r.obligations) lines.push(`  ${pair(o.chance, pct).padEnd(two ? 18 : 8)}  ${o.label}${o.clause ? `（${o.clause}）` : ''}`);
  lines.push('', '分层：每家企业一年内被检查的概率 · 年均检查次数');
  for (const s of r.strata) lines.push(`  ${s.label}（${s.size} 家）：${pair(s.chance, pct)} · ${pair(s.inspections, num)}`);
  lines.push('', '各规则包');
  for (const p of r.packs) {
    lines.push(`  ${p.name}（${p.key}）`);
    lines.push(`    每年检查 ${num(p.inspectionsPerYear)} 次，不同企业 ${num(p.distinctPerYear)} 家（监管对象的 ${pct(p.distinctShare)}）`);
    lines.push(`    抽查上限：${p.cap.perYear === null ? '未设' : `每年 ${p.cap.perYear} 次`}；因上限排出候选池 年均 ${num(p.cap.hitsPerYear)} 次、${num(p.cap.enterprisesPerYear)} 家，${pct(p.cap.yearsWithHits)} 的年份出现`);
    lines.push(`    检查人员（每人每年）：参加抽取 平均 ${num(p.load.meanDraws)} 次、最多 ${p.load.maxDraws} 次；检查 平均 ${num(p.load.meanInspections)} 次、最多 ${p.load.maxInspections} 次`);
    lines.push(`    检查次数分布：${p.load.distribution.filter((b) => b.share > 0).map((b) => `${b.inspections}${b.orMore ? '+' : ''}次 ${pct(b.share)}`).join('，')}`);
    if (p.infeasible.length === 0) lines.push('    无法抽取的任务：无');
    for (const x of p.infeasible) lines.push(`    无法抽取：${x.title}（${x.code}）${x.years} 年 / ${r.years} 年 — ${x.example}`);
  }
  const list = (title: string, rows: SimulationReport['highest']) => {
    if (rows.length === 0) return;
    lines.push('', title);
    for (const e of rows) lines.push(`  ${e.uscc} ${e.name}（${e.label}）：${pair(e.chance, pct)} · ${pair(e.inspections, num)} 次/年`);
  };
  list('被检查概率最高的企业', r.highest);
  list('被检查概率最低的企业', r.lowest);
  list('查询的企业', r.lookedUp);
  return lines.join('\n');
}

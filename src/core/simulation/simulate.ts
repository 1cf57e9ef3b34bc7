import { err, ok, type Problem, type Result } from '../result.ts';
import { stratumOf } from '../rules/evaluate-pool.ts';
import { stratumLabel } from '../rules/messages.ts';
import { datedPlan } from './plan.ts';
import { YearSimulator } from './simulate-year.ts';
import { ObligationMeter } from './obligations.ts';
import { PackTally } from './tally.ts';
import { taskStream } from './seeds.ts';
import type { DrawPorts } from '../draw/ports.ts';
import type { EnterpriseChance, ObligationChance, PackOutcome, Paired, SimulationInput, SimulationReport, StratumChance } from './types.ts';


const DEFAULT_YEAR = 2026;

/** a and b with b − a, and whether it is beyond three standard errors (`se2`: the difference's variance). */
function paired(a: number, b: number | null, se2: number): Paired {
  if (b === null) return { a, b: null, delta: null, differs: false };
  const delta = b - a;
  return { a, b, delta, differs: delta !== 0 && Math.abs(delta) > 3 * Math.sqrt(se2) };
}

/** Chances as shares of n trials each: binomial variance. */
const chancePair = (a: number, b: number | null, n: number) => paired(a, b, b === null || n === 0 ? 0 : (a * (1 - a) + b * (1 - b)) / n);
/** Mean counts over n trials: Poisson-like variance (mean / n). */
const countPair = (a: number, b: number | null, n: number) => paired(a, b, b === null || n === 0 ? 0 : (a + b) / n);

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

/**
 * Simulates `years` replicas of the planned year under the pack, and under `compare` with the
 * same seeds, and reports what they add up to (docs/simulation.md). Every draw is the engine's
 * (drawSelection); only the hashes, seed derivation and record that verification needs are not made.
 */
export function simulate(input: SimulationInput, ports: Pick<DrawPorts, 'sha256'>): Result<SimulationReport, Problem> {
  const calendarYear = input.calendarYear ?? DEFAULT_YEAR;
  const plan = datedPlan(input, calendarYear);
  if (!plan.ok) return err(plan.error);
  const packs = [input.pack, ...(input.compare ? [input.compare] : [])];
  const simulators = packs.map((p) => new YearSimulator(p, input.directory, plan.value, (year, task) => taskStream(ports, input.seed, year, task)));
  const { enterprises, inspectors } = simulators[0]!;
  const usccs = enterprises.map((e) => e.uscc);
  const tallies = packs.map(() => new PackTally(usccs, inspectors.map((i) => i.id)));
  const meter = new ObligationMeter(calendarYear);
  const obligationInfo = new Map<string, { label: string; clause: string | null }>();
  for (let y = 0; y < input.years; y++) {
    simulators.forEach((sim, k) => {
      const year = sim.run(y);
      tallies[k]!.add(year);
      const rows = meter.measure(packs[k]!, year, sim);
      for (const r of rows) if (!obligationInfo.has(r.id)) obligationInfo.set(r.id, { label: r.label, clause: r.clause });
      tallies[k]!.countMet(rows.filter((r) => r.met).map((r) => r.id));
    });
  }
  const Y = input.years;
  const [A, B] = tallies as [PackTally, PackTally | undefined];

  // Strata of the first pack: both packs' chances over the same groups of enterprises.
  const first = input.pack;
  const strataOf = enterprises.map((e) => stratumOf(e, first.rules, first.hooks ?? {}));
  // 监管对象: the strata and the lists by chance count the enterprises a task could draw (operating, in the first pack's scope).
  const scope = first.rules.scope ? new Set(first.rules.scope.sectors) : undefined;
  const supervised = enterprises.flatMap((e, i) => (e.operatingStatus !== 'CLOSED' && (!scope || scope.has(e.sector)) ? [i] : []));
  const groups = new Map<string, number[]>();
  supervised.forEach((i) => {
    const s = strataOf[i]!;
    const g = groups.get(s);
    if (g) g.push(i);
    else groups.set(s, [i]);
  });
  const share = (t: PackTally | undefined, members: readonly number[], field: 'inspectedYears' | 'inspections') => {
    if (!t) return null;
    let sum = 0;
    for (const i of members) sum += t[field][i]!;
    return sum / (Y * members.length);
  };
  const strata: StratumChance[] = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([stratum, members]) => ({
      stratum,
      label: stratumLabel(stratum),
      size: members.length,
      chance: chancePair(share(A, members, 'inspectedYears')!, share(B, members, 'inspectedYears'), Y * members.length),
      inspections: countPair(share(A, members, 'inspections')!, share(B, members, 'inspections'), Y * members.length),
    }));

  const enterprise = (i: number): EnterpriseChance => ({
    uscc: enterprises[i]!.uscc,
    name: enterprises[i]!.name,
    stratum: strataOf[i]!,
    label: stratumLabel(strataOf[i]!),
    chance: chancePair(A.inspectedYears[i]! / Y, B ? B.inspectedYears[i]! / Y : null, Y),
    inspections: countPair(A.inspections[i]! / Y, B ? B.inspections[i]! / Y : null, Y),
  });
  const top = input.enterprises?.top ?? 10;
  const byChance = [...supervised].sort((x, y) => A.inspectedYears[y]! - A.inspectedYears[x]! || A.inspections[y]! - A.inspections[x]! || x - y);
  const highest = byChance.slice(0, top).map(enterprise);
  const lowest = byChance.slice(Math.max(top, byChance.length - top)).reverse().map(enterprise);
  const position = new Map(usccs.map((u, i) => [u, i]));
  const lookedUp = (input.enterprises?.uscc ?? []).flatMap((u) => (position.has(u) ? [enterprise(position.get(u)!)] : []));

  const obligations: ObligationChance[] = [...obligationInfo.entries()].map(([id, info]) => ({
    id,
    label: info.label,
    clause: info.clause,
    chance: chancePair((A.met.get(id) ?? 0) / Y, B ? (B.met.get(id) ?? 0) / Y : null, Y),
  }));

  const outcomes: PackOutcome[] = packs.map((p, k) => {
    const t = tallies[k]!;
    return {
      key: p.key,
      name: p.name,
      cap: t.cap(p.rules.cap?.perYear ?? null),
      load: t.loadSummary(),
      infeasible: t.infeasible(),
      distinctPerYear: t.distinctPerYear,
      distinctShare: t.distinctPerYear / (supervised.length || 1),
      inspectionsPerYear: t.inspectionsPerYear,
    };
  });

  return ok({
    years: Y,
    seed: input.seed,
    calendarYear,
    enterprises: enterprises.length,
    supervised: supervised.length,
    inspectors: inspectors.length,
    tasks: plan.value.length,
    packs: outcomes,
    obligations,
    strata,
    highest,
    lowest,
    lookedUp,
    differences: B ? differences(outcomes, strata, obligations) : [],
  });
}

/** The differences a pack author should see first, in Chinese, one line each. */
function differences(packs: readonly PackOutcome[], strata: readonly StratumChance[], obligations: readonly ObligationChance[]): string[] {
  const [a, b] = packs as [PackOutcome, PackOutcome];
  const lines: string[] = [];
  const capText = (c: number | null) => (c === null ? '不设上限' : `每年不超过 ${c} 次`);
  if (a.cap.perYear !== b.cap.perYear || a.cap.hitsPerYear !== b.cap.hitsPerYear) {
    lines.push(`抽查上限：${capText(a.cap.perYear)} → ${capText(b.cap.perYear)}；因达到上限被排出候选池平均每年 ${num(a.cap.hitsPerYear)} 次 → ${num(b.cap.hitsPerYear)} 次（涉及企业 ${num(a.cap.enterprisesPerYear)} → ${num(b.cap.enterprisesPerYear)} 家）`);
  }
  for (const o of obligations) if (o.chance.differs) lines.push(`义务「${o.label}」${o.clause ? `（${o.clause}）` : ''}达成概率 ${pct(o.chance.a)} → ${pct(o.chance.b!)}`);
  if (a.distinctPerYear !== b.distinctPerYear) lines.push(`每年检查的不同企业 ${num(a.distinctPerYear)} 家（${pct(a.distinctShare)}）→ ${num(b.distinctPerYear)} 家（${pct(b.distinctShare)}）`);
  for (const s of strata) if (s.chance.differs) lines.push(`分层「${s.label}」（${s.size} 家）每家一年内被检查的概率 ${pct(s.chance.a)} → ${pct(s.chance.b!)}`);
  const refusals = (p: PackOutcome) => p.infeasible.reduce((n, x) => n + x.years, 0);
  if (refusals(a) !== refusals(b)) lines.push(`无法抽取的任务：${refusals(a)} 次 → ${refusals(b)} 次`);
  if (a.load.maxInspections !== b.load.maxInspections || Math.abs(a.load.meanInspections - b.load.meanInspections) > 1e-9) {
    lines.push(`检查人员每年检查次数：平均 ${num(a.load.meanInspections)} → ${num(b.load.meanInspections)}，最多 ${a.load.maxInspections} → ${b.load.maxInspections}`);
  }
  return lines;
}

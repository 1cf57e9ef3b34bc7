import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { parsePlan } from '../core/simulation/plan-file.ts';
import { simulate, SIMULATION_LIMITS, type SimulationDirectory } from '../core/simulation/index.ts';
import { loadRegistry } from '../rulepacks/registry.ts';
import { formatProblem } from '../rulepacks/sdk/problem.ts';
import { NODE_DRAW_PORTS } from '../server/draw-ports.ts';
import { generatedDirectory, simulationPack } from '../server/simulation/simulation-sources.ts';
import { formatSimulation } from './format-simulation.ts';
import { resolvePack, type StoredPackLoader } from './pack-command.ts';

export interface SimulateOptions {
  readonly pack?: string;
  readonly compare?: string;
  readonly jurisdiction?: string;
  readonly enterprises?: string;
  readonly tasks?: string;
  readonly years?: string;
  readonly seed?: string;
  readonly json?: boolean;
}

/**
 * `double-random simulate`: 规则模拟 (docs/simulation.md). The directory is the jurisdiction's as
 * it is now (`readDirectory`, from the database) or, without one, the demo generator's county.
 */
export async function simulateCommand(o: SimulateOptions, env: { packsDir?: string; hookTimeoutMs?: number; stored?: StoredPackLoader; readDirectory: (code: string) => Promise<SimulationDirectory> }): Promise<number> {
  if (!o.pack || !o.tasks || !o.seed) throw new Error('simulate --pack <id@version> --tasks <file.yaml|json> --seed <text> [--compare <id@version|file>] [--jurisdiction <code> | --enterprises N] [--years N] [--json]');
  const registry = await loadRegistry({ packsDir: env.packsDir, ...(env.hookTimeoutMs ? { hookTimeoutMs: env.hookTimeoutMs } : {}) });
  const packOf = async (ref: string) => {
    const result = await resolvePack(ref, registry, env.hookTimeoutMs, env.stored);
    if (!result.ok) {
      for (const p of result.problems) console.error(formatProblem(p));
      return undefined;
    }
    return simulationPack(result.pack);
  };
  const pack = await packOf(o.pack);
  const compare = o.compare ? await packOf(o.compare) : undefined;
  if (!pack || (o.compare && !compare)) return 1;
  const text = await readFile(o.tasks, 'utf8');
  let raw: unknown;
  try {
    raw = o.tasks.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    console.error(`抽查计划 ${o.tasks} 无法读取：${(error as Error).message}`);
    return 1;
  }
  const plan = parsePlan(raw);
  if (!plan.ok) {
    console.error(plan.error.message);
    return 1;
  }
  const years = o.years === undefined ? 100 : Number(o.years);
  const enterprises = o.enterprises === undefined ? 10_000 : Number(o.enterprises);
  if (!o.jurisdiction && (!Number.isInteger(enterprises) || enterprises < 1 || enterprises > 1_000_000)) {
    console.error(`--enterprises 须为 1 至 1000000 的整数，收到 ${o.enterprises}`);
    return 1;
  }
  // The budget is checked before a large directory is generated: one error, nothing made.
  const work = (Number.isFinite(years) ? years : 0) * plan.value.length * (compare ? 2 : 1) * (o.jurisdiction ? 1 : enterprises);
  if (!o.jurisdiction && work > SIMULATION_LIMITS.work) {
    console.error(`模拟规模超出限额：${work.toLocaleString('en-US')}（年数 × 企业数 × 任务数 × 规则包数），上限为 ${SIMULATION_LIMITS.work.toLocaleString('en-US')}`);
    return 1;
  }
  const directory = o.jurisdiction ? await env.readDirectory(o.jurisdiction) : generatedDirectory(enterprises);
  const report = simulate({ pack, ...(compare ? { compare } : {}), directory, plan: plan.value, years, seed: o.seed }, NODE_DRAW_PORTS);
  if (!report.ok) {
    console.error(`${report.error.field ? `${report.error.field}：` : ''}${report.error.message}`);
    return 1;
  }
  console.log(o.json ? JSON.stringify(report.value, null, 2) : formatSimulation(report.value));
  return 0;
}

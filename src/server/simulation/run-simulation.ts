import type { PrismaClient } from '@prisma/client';
import { err, ok, type Result } from '../../core/result.ts';
import { simulate, type PlannedTask, type SimulationPack, type SimulationReport } from '../../core/simulation/index.ts';
import type { PackRegistry } from '../../rulepacks/registry.ts';
import { validatePack, type LoadedPack } from '../../rulepacks/sdk/validate-pack.ts';
import { NODE_DRAW_PORTS } from '../draw-ports.ts';
import { findPack, prepareStoredPack, type PackEdit } from '../rulepacks/stored-packs.ts';
import { generatedDirectory, jurisdictionDirectory, simulationPack } from './simulation-sources.ts';

/**
 * What a request to the server may cost (docs/simulation.md, 限额): years × enterprises × tasks ×
 * packs. The simulation runs on the request's thread, so the server allows a tenth of what the
 * command line does (SIMULATION_LIMITS.work): 100 years of a 10,000-enterprise county with 10
 * tasks and two packs, a few seconds.
 */
export const SERVER_SIMULATION_WORK = 20_000_000;
/** The largest generated county a request may ask for. */
export const SERVER_GENERATED_ENTERPRISES = 20_000;

export interface SimulationRequest {
  /** A jurisdiction's id (its directory as it is now), or null for a generated county. */
  readonly jurisdictionId: string | null;
  readonly enterprises: number | null;
  readonly pack: string;
  readonly compare: string | null;
  /** An unsaved edit: the pack's own rules as JSON, validated as the pack's next version. */
  readonly compareRules: unknown;
  /** Or the pack editor's unsaved edit, made as saving it would (prepareStoredPack). */
  readonly compareEdit: PackEdit | null;
  readonly tasks: readonly PlannedTask[];
  readonly years: number;
  readonly seed: string;
  readonly top: number | null;
  readonly uscc: readonly string[];
}

export interface SimulationRefusal {
  readonly code: 'NOT_FOUND' | 'INVALID';
  readonly issues: readonly { readonly field: string; readonly message: string }[];
}

const refuse = (code: SimulationRefusal['code'], field: string, message: string) => err<SimulationRefusal>({ code, issues: [{ field, message }] });

async function loadedOf(prisma: PrismaClient, registry: PackRegistry, ref: string): Promise<LoadedPack | undefined> {
  const [id, version] = ref.split('@');
  return registry.get(id!, version) ?? (await findPack(prisma, registry, id!, version));
}

/** Resolves the request's packs and directory, checks the budget, then simulates (docs/simulation.md). */
export async function runSimulation(prisma: PrismaClient, registry: PackRegistry, r: SimulationRequest): Promise<Result<SimulationReport, SimulationRefusal>> {
  const base = await loadedOf(prisma, registry, r.pack);
  if (!base) return refuse('NOT_FOUND', 'pack', `没有规则包 ${r.pack}（应为 id@version，内置的或已保存的）`);
  const pack = simulationPack(base);
  let compare: SimulationPack | undefined;
  const given = [r.compare !== null && 'compare', r.compareRules !== null && r.compareRules !== undefined && 'compareRules', r.compareEdit !== null && 'compareEdit'].filter((x) => x !== false);
  if (given.length > 1) return refuse('INVALID', given[1]!, `对比的规则包只能给一个：compare（id@version）、compareRules（编辑中的规则）或 compareEdit（规则包编辑器中未保存的修改），收到 ${given.join('、')}`);
  if (r.compare !== null) {
    const other = await loadedOf(prisma, registry, r.compare);
    if (!other) return refuse('NOT_FOUND', 'compare', `没有规则包 ${r.compare}（应为 id@version，内置的或已保存的）`);
    compare = simulationPack(other);
  } else if (r.compareRules !== null && r.compareRules !== undefined) {
    // 编辑中的规则: the pack's own rules as an author edits them, validated as the SDK validates a saved pack.
    const meta = { ...base.meta, name: `${base.meta.name}（编辑中）` };
    const validated = validatePack({ meta, rules: r.compareRules }, { file: 'compareRules', resolveParent: (ref) => registry.packs.get(ref), messages: 'zh-CN' });
    const field = (path: string) => (path.startsWith('rules') ? `compareRules${path.slice('rules'.length)}` : 'compareRules');
    if (!validated.ok) return err({ code: 'INVALID', issues: validated.error.map((p) => ({ field: field(p.path), message: `${field(p.path)}：${p.message}` })) });
    compare = simulationPack(validated.value, `${base.meta.id}@${base.meta.version}（编辑中）`);
  } else if (r.compareEdit !== null) {
    // 未保存的修改: the new version exactly as saving it would make it, refused on the same paths.
    const prepared = await prepareStoredPack(prisma, registry, r.compareEdit);
    if (!prepared.ok) return err({ code: 'INVALID', issues: prepared.error.map((p) => ({ field: `compareEdit.${p.path}`, message: p.message })) });
    const { pack: edited, key } = prepared.value;
    compare = simulationPack({ ...edited, meta: { ...edited.meta, name: `${edited.meta.name}（未保存）` } }, `${key}（未保存）`);
  }
  const packs = compare ? 2 : 1;
  if (!Number.isInteger(r.years) || r.years < 1 || r.years > 1000) return refuse('INVALID', 'years', `模拟年数须为 1 至 1000 的整数，收到 ${r.years}`);
  let size: number;
  if (r.jurisdictionId === null) {
    size = r.enterprises ?? 10_000;
    if (!Number.isInteger(size) || size < 1 || size > SERVER_GENERATED_ENTERPRISES) return refuse('INVALID', 'enterprises', `生成的企业数须为 1 至 ${SERVER_GENERATED_ENTERPRISES} 的整数，收到 ${size}`);
  } else {
    size = await prisma.enterprise.count({ where: { jurisdictionId: r.jurisdictionId, active: true } });
  }
  // Checked before anything is read or generated: one error, nothing made.
  const work = r.years * size * r.tasks.length * packs;
  if (work > SERVER_SIMULATION_WORK) {
    return refuse('INVALID', 'years', `模拟规模超出限额：${r.years} 年 × ${size} 家企业 × ${r.tasks.length} 个任务 × ${packs} 个规则包 = ${work.toLocaleString('en-US')}，在线模拟上限为 ${SERVER_SIMULATION_WORK.toLocaleString('en-US')}（请减少年数；更大的模拟请用命令行 double-random simulate）`);
  }
  const directory = r.jurisdictionId === null ? generatedDirectory(size) : await jurisdictionDirectory(prisma, r.jurisdictionId);
  const report = simulate({ pack, ...(compare ? { compare } : {}), directory, plan: r.tasks, years: r.years, seed: r.seed, enterprises: { ...(r.top !== null ? { top: r.top } : {}), uscc: r.uscc } }, NODE_DRAW_PORTS);
  if (!report.ok) return refuse('INVALID', report.error.field ?? 'input', report.error.message);
  return ok(report.value);
}

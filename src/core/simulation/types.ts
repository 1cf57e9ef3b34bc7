import type { DrawSnapshot, Shortfall } from '../draw/types.ts';
import type { RulePackHooks } from '../rules/facts.ts';
import type { Rules } from '../rules/schema.ts';

/**
 * 规则模拟 simulation for pack authors (issue 21, 6; docs/simulation.md): many replicas of one
 * planned year, each drawn by the engine with a seed of its own, so that an author sees what a
 * pack (or a change to it) does before a county adopts it.
 */

/** A pack as the simulation draws by it: its rules and hooks, as the engine takes them. */
export interface SimulationPack {
  /** id@version, or a name for an unsaved edit. */
  readonly key: string;
  readonly name: string;
  readonly rules: Rules;
  readonly hooks?: RulePackHooks;
}

/** The directory drawn from: the draw snapshot without its history (each simulated year makes its own). */
export type SimulationDirectory = Omit<DrawSnapshot, 'history'>;

/** One task of the plan, drawn once in every simulated year. */
export interface PlannedTask {
  /** For people: 第一季度双随机抽查… (default 任务N). */
  readonly title?: string;
  /** The month it is drawn and inspected (1–12; the 15th). Either this or `date`. */
  readonly month?: number;
  /** Month and day, MM-DD (the same day every simulated year). */
  readonly date?: string;
  /** Enterprises to draw. */
  readonly size: number;
  /** 定向: sectors the task is limited to; empty or absent for an undirected task. */
  readonly sectors?: readonly string[];
  /** 暗查暗访 covert. */
  readonly covert?: boolean;
  /** 联合抽查 joint with other departments. */
  readonly joint?: boolean;
  /** 专项整治、特殊事件或上级指令 (卧龙 第十五条). */
  readonly special?: boolean;
  readonly itemsPerInspection?: number;
  readonly teamSize?: number;
}

export interface SimulationInput {
  readonly pack: SimulationPack;
  /** A second pack (another version, or an edit) drawn with the same seeds, side by side. */
  readonly compare?: SimulationPack;
  readonly directory: SimulationDirectory;
  readonly plan: readonly PlannedTask[];
  /** How many replicas of the year: 1 to SIMULATION_LIMITS.years. */
  readonly years: number;
  /** Any text: the whole simulation is reproducible from it. */
  readonly seed: string;
  /** The calendar year the plan is dated in (its dates, certificates' validity); default 2026. */
  readonly calendarYear?: number;
  /** Enterprises listed by chance: so many with the highest and the lowest (default 10), and these USCCs. */
  readonly enterprises?: { readonly top?: number; readonly uscc?: readonly string[] };
}

/** A figure of each pack: `a` the first, `b` the compared one (null without one). */
export interface Paired {
  readonly a: number;
  readonly b: number | null;
  /** b − a, null without a second pack. */
  readonly delta: number | null;
  /** The difference is more than three standard errors (and not nothing): the pack's, not chance's. */
  readonly differs: boolean;
}

export interface StratumChance {
  /** The stratum key of the first pack (riskLevel=HIGH|creditLevel=NORMAL…). */
  readonly stratum: string;
  /** Its Chinese label (较大风险 · 信用一般…). */
  readonly label: string;
  readonly size: number;
  /** Chance that a member is inspected at least once in a year (mean over members). */
  readonly chance: Paired;
  /** Inspections of a member in a year (mean). */
  readonly inspections: Paired;
}

export interface EnterpriseChance {
  readonly uscc: string;
  readonly name: string;
  readonly stratum: string;
  readonly label: string;
  readonly chance: Paired;
  readonly inspections: Paired;
}

export interface LoadSummary {
  /** Per inspector and year. */
  readonly meanDraws: number;
  readonly maxDraws: number;
  readonly meanInspections: number;
  readonly maxInspections: number;
  /** Inspector-years by inspections in the year: how many had 0, 1, 2… (the last bucket is "or more"). */
  readonly distribution: readonly { readonly inspections: number; readonly orMore: boolean; readonly share: number }[];
}

export interface InfeasibleDraw {
  /** The plan's task (0-based) and its title. */
  readonly task: number;
  readonly title: string;
  readonly code: Shortfall['code'];
  /** In how many simulated years the draw was refused for this reason. */
  readonly years: number;
  /** One refusal's message, as the clerk would read it. */
  readonly example: string;
}

export interface CapSummary {
  /** The pack's cap per year (null without one). */
  readonly perYear: number | null;
  /** Times an enterprise was left out of a task's pool because it had reached the cap (CAP_REACHED), per year. */
  readonly hitsPerYear: number;
  /** Share of the simulated years with at least one. */
  readonly yearsWithHits: number;
  /** Distinct enterprises the cap stopped in a year (mean). */
  readonly enterprisesPerYear: number;
}

/** One obligation's chance of being met at the year's end (measured by src/core/compliance). */
export interface ObligationChance {
  readonly id: string;
  readonly label: string;
  readonly clause: string | null;
  readonly chance: Paired;
}

export interface PackOutcome {
  readonly key: string;
  readonly name: string;
  readonly cap: CapSummary;
  readonly load: LoadSummary;
  readonly infeasible: readonly InfeasibleDraw[];
  /** Distinct enterprises inspected in a year (mean) and as a share of the supervised (operating, in the first pack's scope). */
  readonly distinctPerYear: number;
  readonly distinctShare: number;
  readonly inspectionsPerYear: number;
}

export interface SimulationReport {
  readonly years: number;
  readonly seed: string;
  readonly calendarYear: number;
  readonly enterprises: number;
  /** Operating and in the first pack's scope: the strata and the lists by chance count these. */
  readonly supervised: number;
  readonly inspectors: number;
  readonly tasks: number;
  readonly packs: readonly PackOutcome[];
  /** Obligations of the first pack (and the second's, matched by id), each one's chance of being met. */
  readonly obligations: readonly ObligationChance[];
  readonly strata: readonly StratumChance[];
  /** The `top` highest chances, then the `top` lowest, then those asked for by USCC. */
  readonly highest: readonly EnterpriseChance[];
  readonly lowest: readonly EnterpriseChance[];
  readonly lookedUp: readonly EnterpriseChance[];
  /** What differs between the two packs, in Chinese, one line each (empty with one pack). */
  readonly differences: readonly string[];
}

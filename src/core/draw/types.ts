import type { YearHistory } from '../rules/evaluate-pool.ts';
import type { EnterpriseFacts, InspectorFacts, TaskFacts } from '../rules/facts.ts';
import type { Rules } from '../rules/schema.ts';
import type { Verdict } from '../rules/messages.ts';

export const ALGORITHM = 'double-random/v1';
/**
 * v1 with sealed upper-level entries (docs/draw-algorithm.md §9): recorded by exactly the draws
 * whose snapshot carries a seal, so every v1 draw stays v1, byte for byte.
 */
export const ALGORITHM_SEALED = 'double-random/v2';
/**
 * Experts who served the enterprise are always left out (§7), whatever reasons the pack's recusal
 * rule lists; seals as in v2, optional. Recorded by exactly the draws where v1 and v2 would have
 * drawn such an expert (docs/draw-algorithm.md §0), so every other draw keeps its bytes.
 */
export const ALGORITHM_RECUSES_SERVED = 'double-random/v3';
/**
 * v3 with the rules bureaus write that v1–v3 could not draw (docs/draw-algorithm.md §0): recorded
 * by exactly the draws whose rules use one of them (`v4Features`), so every other draw keeps the
 * bytes of v1, v2 or v3. Seals optional; experts who served the enterprise left out as in v3.
 */
export const ALGORITHM_V4 = 'double-random/v4';
/** Every version ever published: a verifier keeps them all. */
export const ALGORITHMS = [ALGORITHM, ALGORITHM_SEALED, ALGORITHM_RECUSES_SERVED, ALGORITHM_V4] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/**
 * In place of upper-level picks not yet public (a covert task still open): a commitment to the
 * list, and whose task it waits for. Part of the snapshot, so the hash published at lock binds it.
 */
export interface UpperLevelSeal {
  /** hex(SHA-256(UTF-8(JCS({ salt, uscc })))), the list sorted by code units, each USCC once. */
  readonly commitment: string;
  /** The upper level's draw whose picks are sealed: its export is published once its task closes. */
  readonly draw: string;
  /** The upper jurisdiction's division code. */
  readonly jurisdiction: string;
  /** Its level: PROVINCE, CITY or COUNTY. */
  readonly level: string;
}

/** A seal opened: the list and the salt its commitment was taken over. */
export interface SealOpening {
  readonly commitment: string;
  /** 32 bytes, lowercase hex. */
  readonly salt: string;
  /** USCCs in code-unit order, each once, all in the snapshot's enterprises. */
  readonly uscc: readonly string[];
}

/** The year's history as a snapshot holds it: v1's fields, the seals of v2 and v4's fields when there are any. */
export interface SnapshotHistory extends YearHistory {
  /** Present only when not empty (a v1 snapshot never has it). */
  readonly upperLevelSealed?: readonly UpperLevelSeal[];
  /**
   * 轮换 rotation (§7a): for each inspector who served in the jurisdiction's most recent draw, in
   * how many of its most recent draws in a row (as leader or member). Present only when not empty.
   */
  readonly consecutiveDraws?: Readonly<Record<string, number>>;
  /** The leaders of the jurisdiction's most recent draw (for hooks, §5a), ids in code-unit order. Present only when not empty. */
  readonly lastLeaders?: readonly string[];
  /** USCCs in this directory the lower-level bureaus drew this year (public picks only, §5c). Present only when not empty. */
  readonly lowerLevelDrawn?: readonly string[];
}

export interface ExpertFacts {
  /** Stable pseudonymous id. */
  readonly id: string;
  readonly specialties: readonly string[];
  /** Enterprises served (评价, 检测检验, 设计, 标准化评审): grounds for recusal. */
  readonly served: readonly { readonly uscc: string; readonly kind: 'EVALUATION' | 'TESTING' | 'DESIGN' | 'STANDARDISATION' }[];
}

export interface ChecklistFacts {
  readonly code: string;
  readonly sectors: readonly string[];
  /** Only leaf items (no sub-items) are drawn. */
  readonly leaf: boolean;
}

/** Everything the draw reads, as of the moment the task was locked. No personal data. */
export interface DrawSnapshot {
  readonly enterprises: readonly EnterpriseFacts[];
  readonly inspectors: readonly InspectorFacts[];
  readonly experts: readonly ExpertFacts[];
  readonly checklist: readonly ChecklistFacts[];
  readonly history: SnapshotHistory;
  /** Recorded conflicts of interest (回避): this inspector or expert may not serve this enterprise. */
  readonly conflicts: readonly { readonly personId: string; readonly uscc: string }[];
}

/** A task as the draw sees it: the facts rules see, plus what to draw. */
export interface DrawTask extends TaskFacts {
  readonly id: string;
  /** Enterprises to draw. */
  readonly size: number;
  /** Checklist items per enterprise; default: the pack's drawItems.min, else 0. */
  readonly itemsPerInspection?: number;
  /** Team size; default: the pack's (specialists' size for their sector, else team.minSize), else 2. */
  readonly teamSize?: number;
  /** Experts per team; default 1 when the pack requires experts, else 0. */
  readonly expertsPerTeam?: number;
  /** Substitutes drawn in order for each team; default 2. */
  readonly substitutes?: number;
}

export interface DrawPack {
  readonly key: string;
  readonly contentHash: string;
  readonly rules: Rules;
}

/** The bureau's secret (revealed at the draw) and the public entropy fixed after its commitment. */
export interface SeedInputs {
  /** 32 bytes, lowercase hex. */
  readonly secret: string;
  /** SHA-256 of the secret's bytes, published before the draw. */
  readonly commitment: string;
  /** Public values in the order received: a beacon named in advance, observers' contributions. */
  readonly entropy: readonly string[];
}

export interface TeamRecord {
  readonly leader: string;
  readonly members: readonly string[];
  readonly experts: readonly string[];
  /** Replacements, in the order they are to be used. */
  readonly substitutes: readonly string[];
}

export interface PickRecord {
  readonly order: number;
  readonly uscc: string;
  readonly stratum: string;
  /** Drawn because mandatory coverage made it due (frequencies), not by lot among its stratum. */
  readonly due: boolean;
  readonly items: readonly string[];
  readonly team: TeamRecord;
  /** v4: drawn from the reserve of avoided units (一般不重合, §5c) for a seat the pool could not fill. Present only then. */
  readonly reserve?: true;
}

export interface StratumRecord {
  readonly stratum: string;
  readonly size: number;
  readonly weight: number;
  readonly quota: number;
  /** v4 only: the index of its `strata.ratios` entry, null when it shares seats by weight (§6a). */
  readonly ratio?: number | null;
  /** v4 only: each member's inclusion probability "p/q", null where not exact (unequal weights, §6a). */
  readonly inclusion?: string | null;
}

export interface DrawRecord {
  readonly algorithm: Algorithm;
  readonly packKey: string;
  readonly packHash: string;
  readonly snapshotHash: string;
  readonly taskHash: string;
  readonly commitment: string;
  readonly seed: string;
  readonly picks: readonly PickRecord[];
  readonly strata: readonly StratumRecord[];
  readonly excluded: readonly { readonly uscc: string; readonly reasons: readonly Verdict[] }[];
  /** v4: the reserve (avoided units, §5c), in USCC order; present only when not empty. Those drawn are picks with `reserve`. */
  readonly avoided?: readonly { readonly uscc: string; readonly reasons: readonly Verdict[] }[];
  readonly ineligibleInspectors: readonly { readonly id: string; readonly reasons: readonly Verdict[] }[];
  readonly recusals: readonly { readonly uscc: string; readonly personId: string; readonly reason: string }[];
  /** Due units this task could not take (more were due than its size). */
  readonly stillDue: readonly string[];
  /** v4 only: a due member's inclusion probability "p/q" (1/1 when all are taken), null with none due (§6a). */
  readonly dueInclusion?: string | null;
  /** 48-bit values read from the generator: a verifier compares it too. */
  readonly randomValuesUsed: number;
}

export interface Shortfall {
  /**
   * HOOK_FAILED: a hook of the pack threw or answered wrongly (e.g. a refusal without its citation).
   * RATIOS_SIZE: the task's size is not the one the per-stratum ratios require (`needed`).
   */
  readonly code: 'RATIOS_SIZE' | 'POOL_TOO_SMALL' | 'TEAM_SHORT' | 'SPECIALISTS_SHORT' | 'EXPERTS_SHORT' | 'ITEMS_SHORT' | 'BAD_INPUT' | 'HOOK_FAILED';
  readonly message: string;
  readonly uscc?: string;
  readonly needed?: number;
  readonly available?: number;
  /** What the pack allows to fill the gap, with its clause. */
  readonly allowed?: string;
  /** POOL_TOO_SMALL: every enterprise left out of the pool, with its reasons (so a clerk sees why). */
  readonly excluded?: readonly { readonly uscc: string; readonly reasons: readonly Verdict[] }[];
}

import type { Citation } from './schema.ts';

/**
 * What rules and hooks see of the world: plain, readonly data, no personal data.
 * The server builds these from the directories; tests build them by hand.
 */
export interface RecordFact {
  readonly kind: 'COMPLAINT' | 'ACCIDENT' | 'PENALTY' | 'SERIOUS_VIOLATION';
  readonly occurredOn: string;
}

export interface EnterpriseFacts {
  readonly uscc: string;
  readonly name: string;
  readonly sector: string;
  readonly subSector: string | null;
  readonly scale: 'LARGE' | 'MEDIUM' | 'SMALL' | 'MICRO' | null;
  readonly riskLevel: 'MAJOR' | 'HIGH' | 'GENERAL' | 'LOW';
  readonly creditLevel: 'TRUSTWORTHY' | 'NORMAL' | 'DISHONEST' | 'SERIOUSLY_DISHONEST';
  readonly blacklisted: boolean;
  readonly keyHighDanger: boolean;
  readonly majorHazardSource: boolean;
  readonly township: string | null;
  readonly operatingStatus: 'OPERATING' | 'SUSPENDED' | 'CLOSED';
  readonly records: readonly RecordFact[];
}

export interface InspectorFacts {
  /** Stable pseudonymous id, never a name or ID number. */
  readonly id: string;
  readonly unit: string;
  readonly unitKind: 'SECTION' | 'BRIGADE' | 'TOWNSHIP_STATION';
  readonly domains: readonly string[];
  readonly formalStaff: boolean;
  readonly certificateValidUntil: string | null;
  /** The jurisdiction the inspector belongs to: the task's own, or a neighbour pooled in. */
  readonly home: 'own' | 'neighbour';
}

export interface TaskFacts {
  readonly year: number;
  /** Planned inspection date (YYYY-MM-DD): certificates must be valid on it. */
  readonly inspectionDate: string;
  /** Sectors a directed task is limited to; empty for an undirected task. */
  readonly sectors: readonly string[];
  readonly covert: boolean;
  readonly joint: boolean;
  /** 专项整治、特殊事件或上级指令另行部署的定向抽查 (卧龙 第十五条). */
  readonly special: boolean;
}

/**
 * A hook's refusal: the reason (a sentence) and the clause behind it, like every rule's. The
 * citation's `doc` is one of the pack's sources (`meta.sources`, or a document its rules cite).
 */
export interface HookRefusal {
  readonly reason: string;
  readonly cite: Citation;
}

/** A hook's answer: `true` to allow, or a cited refusal. */
export type HookVerdict = true | HookRefusal;

/**
 * The history a v4 draw's hooks receive (docs/draw-algorithm.md §5a), deep-frozen: the snapshot's
 * history with the upper level's sealed lists opened (the seals themselves left out). Draws of
 * v1–v3 pass no `history`: their hooks keep their arguments exactly.
 */
export interface HookHistory {
  readonly doubleRandomCount: Readonly<Record<string, number>>;
  readonly lastInspected: Readonly<Record<string, string>>;
  readonly upperLevelDrawn: readonly string[];
  readonly lowerLevelDrawn: readonly string[];
  /** 轮换: inspector id → how many of the jurisdiction's most recent draws in a row they served in. */
  readonly consecutiveDraws: Readonly<Record<string, number>>;
  /** The leaders of the jurisdiction's most recent draw. */
  readonly lastLeaders: readonly string[];
}

/**
 * Extension points for what data cannot say. Hooks must be pure and self-contained: the answer
 * depends on the arguments and JavaScript's own built-ins only, never on a variable of the
 * module around them, so that their source text (which the content hash and the draw export
 * hold) decides what they do. The SDK re-creates every hook from that text in an isolated
 * context and runs only the re-created function (docs/rule-packs.md §4).
 */
export interface RulePackHooks {
  /** May this inspector be drawn for this task? Runs after the pack's eligibility rule. */
  readonly inspectorEligible?: (input: { readonly inspector: InspectorFacts; readonly task: TaskFacts; readonly history?: HookHistory }) => HookVerdict;
  /** May this enterprise be in this task's pool? Runs after scope, exclusions and caps. */
  readonly poolFilter?: (input: { readonly enterprise: EnterpriseFacts; readonly task: TaskFacts; readonly history?: HookHistory }) => HookVerdict;
  /** Does this team suit this enterprise? Runs after the pack's team rules. */
  readonly teamConstraint?: (input: { readonly team: readonly InspectorFacts[]; readonly enterprise: EnterpriseFacts; readonly task: TaskFacts; readonly history?: HookHistory }) => HookVerdict;
  /** The stratum an enterprise is drawn in, when `rules.strata` cannot express it. */
  readonly stratumOf?: (input: { readonly enterprise: EnterpriseFacts; readonly history?: HookHistory }) => string;
}

export const HOOK_NAMES = ['inspectorEligible', 'poolFilter', 'teamConstraint', 'stratumOf'] as const satisfies readonly (keyof RulePackHooks)[];

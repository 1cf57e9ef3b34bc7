import type { Citation } from '../rules/schema.ts';

/**
 * 年度合规 compliance of a jurisdiction's year against the pack in force: one row per obligation
 * the pack states. Shared by the compliance engine, the self-inspection report (自查报告), the
 * console's charts and the upper level's roll-up.
 */

/** 已达成 met · 按进度 on track · 有风险 at risk · 未达成 missed · 无法计量 the platform cannot measure it. */
export type ObligationStatus = 'MET' | 'ON_TRACK' | 'AT_RISK' | 'MISSED' | 'NOT_MEASURABLE';

export type ObligationKind =
  | 'ENTITIES_DRAWN_SHARE' // shares.entitiesDrawnMin: distinct entities drawn / supervised (卧龙 第六条)
  | 'ROUNDS' // shares.roundsPerYearMin
  | 'DOUBLE_RANDOM_SHARE' // shares.planShareMin, measured on inspections actually done (攀枝花 二(六))
  | 'FREQUENCY' // frequencies[]: every unit of a group inspected once per year / half-year
  | 'CAP' // cap.perYear: nobody inspected more often than the cap
  | 'JOINT' // planning.jointInspectionsMin
  | 'CHECKLIST_COVERAGE' // checklist.coverage
  | 'CHECKLIST_ITEM' // checklist.items / the checklist's own 抽查比例 and 抽查频次
  | 'DEADLINE' // deadlines[], announcement, plan due date, periodic publication: met on time
  | 'SPECIALISTS' // specialists[]: teams with the required specialists
  | 'RECUSAL' // recusal: recusals applied (listed, informative)
  | 'INSPECTOR_DIRECTORY' // inspectorDirectory: size and review
  | 'OTHER'; // stated by the pack, not measured: status NOT_MEASURABLE with the reason

/** A civil period in Beijing time, inclusive dates (YYYY-MM-DD). */
export interface CompliancePeriod {
  readonly from: string;
  readonly to: string;
  /** 2026年, 2026年上半年, 2026年下半年 … */
  readonly label: string;
}

/** What is behind a row: an entity still due, one over the cap, a late task, a team lacking a specialist… */
export type ComplianceSubject =
  | { readonly kind: 'ENTERPRISE'; readonly uscc: string; readonly name: string; readonly note: string }
  | { readonly kind: 'TASK'; readonly taskId: string; readonly title: string; readonly note: string }
  | { readonly kind: 'INSPECTOR'; readonly inspectorId: string; readonly name: string; readonly note: string }
  | { readonly kind: 'RESULT'; readonly resultId: string; readonly uscc: string; readonly name: string; readonly note: string };

export interface ComplianceFigure {
  readonly value: number;
  /** Of how many, where a share is measured (the supervised entities, the group's units…). */
  readonly of: number | null;
  /** 'percent' | 'count' | 'rounds' | 'days' … as Chinese text is in `text`. */
  readonly unit: 'PERCENT' | 'COUNT' | 'ROUNDS' | 'DAYS';
  /** For people: "不低于5%", "103家／2030家（5.07%）". */
  readonly text: string;
  /** The count behind a percent (103 of the 2,030 behind 5.07%), when the figure is a share. */
  readonly count?: number;
}

export interface ComplianceRow {
  /** Stable within a pack version: 'entities-drawn', 'frequency:KEY_HIGH_DANGER:half-year:1', 'deadline:publication' … */
  readonly id: string;
  readonly kind: ObligationKind;
  /** The obligation in Chinese, as a clerk reads it. */
  readonly label: string;
  readonly cite: Citation | null;
  readonly period: CompliancePeriod;
  readonly target: ComplianceFigure | null;
  readonly achieved: ComplianceFigure | null;
  readonly status: ObligationStatus;
  /** Why this status, in Chinese (for NOT_MEASURABLE: why the platform cannot measure it). */
  readonly explanation: string;
  /** The entities or tasks behind the status, at most `subjectsTotal` of them listed in `subjects`. */
  readonly subjects: readonly ComplianceSubject[];
  readonly subjectsTotal: number;
}

/** 预警: what is still due before the half-year or the year ends, with the suggested next task. */
export interface ComplianceWarning {
  readonly obligationId: string;
  readonly dueBy: string;
  readonly daysLeft: number;
  readonly message: string;
  readonly suggestedTask: SuggestedTask | null;
}

/** A task that would close the gap: e.g. a directed task over the 12 key units not yet drawn. */
export interface SuggestedTask {
  readonly title: string;
  readonly directed: boolean;
  readonly sectors: readonly string[];
  /** The enterprises it would be drawn from (a directed task's list), when that is the gap. */
  readonly usccs: readonly string[];
  readonly size: number;
  /** 联合抽查: a joint task with other departments, when that is the gap. */
  readonly joint?: boolean;
}

/** Coverage of one group through the year, for the charts: inspected so far at the end of each month. */
export interface CoverageSeries {
  readonly group: string;
  readonly label: string;
  readonly due: number;
  /** 12 cumulative counts, January to December (months after `asOf` repeat the last known value). */
  readonly inspectedByMonth: readonly number[];
}

export interface InspectorLoad {
  readonly inspectorId: string;
  readonly name: string;
  readonly draws: number;
  readonly inspections: number;
}

export interface ComplianceReport {
  readonly jurisdiction: { readonly code: string; readonly name: string; readonly level: 'PROVINCE' | 'CITY' | 'COUNTY' };
  readonly year: number;
  /** The day counted up to (Beijing time); the year's last day once it is over. */
  readonly asOf: string;
  readonly pack: { readonly id: string; readonly version: string; readonly name: string } | null;
  readonly rows: readonly ComplianceRow[];
  readonly warnings: readonly ComplianceWarning[];
  readonly coverage: readonly CoverageSeries[];
  readonly inspectorLoad: readonly InspectorLoad[];
  /** The year's totals the report opens with. */
  readonly totals: {
    readonly supervised: number;
    readonly distinctDrawn: number;
    readonly draws: number;
    readonly inspectionsDone: number;
    readonly otherInspections: number;
    readonly tasks: number;
    readonly cancelledTasks: number;
  };
}

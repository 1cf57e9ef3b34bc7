import type { Citation, Rules, Selector } from '../rules/schema.ts';
import type { ItemPeriod } from '../checklist/ratio-frequency.ts';
import type { ComplianceReport } from './types.ts';

/**
 * What a year's compliance is measured on: plain data, loaded by the server from the database
 * (src/server/compliance/load-facts.ts) or made by the simulation for a simulated year. All dates
 * are Beijing-time civil dates (YYYY-MM-DD).
 */
export interface ComplianceFacts {
  /** The pack's rules in force for the year (extends resolved); null: no pack, nothing to measure. */
  readonly rules: Rules | null;
  readonly pack: ComplianceReport['pack'];
  readonly jurisdiction: ComplianceReport['jurisdiction'];
  readonly year: number;
  /** Counted up to this day (inclusive); later days of the year are still to come. */
  readonly asOf: string;
  /** The directory as it was over the year: every enterprise in it on at least one day of the year. */
  readonly enterprises: readonly ComplianceEnterprise[];
  readonly tasks: readonly ComplianceTask[];
  /** One per drawn enterprise of a task (a task's draw record). */
  readonly picks: readonly CompliancePick[];
  /** 检查结果: inspections actually done, with the day of the inspection. */
  readonly inspections: readonly { readonly taskId: string; readonly uscc: string; readonly on: string }[];
  /** Inspections outside double random (专项、投诉举报、转办…), recorded with their day. */
  readonly otherInspections: readonly { readonly uscc: string; readonly on: string }[];
  /** 回避 recusals the draws applied. */
  readonly recusals: readonly { readonly taskId: string; readonly uscc: string; readonly personId: string; readonly personName: string; readonly reason: string }[];
  /** The deadlines of the year's tasks as evaluated (src/core/results/deadlines.ts), bureau's only. */
  readonly deadlines: readonly ComplianceDeadline[];
  /** The inspector directory (执法检查人员名录库): active inspectors and when it was last reviewed. */
  readonly inspectors: readonly { readonly id: string; readonly name: string; readonly active: boolean; readonly domains: readonly string[] }[];
  /** The day the review period runs from: the last review, or the day the directory got its first inspector; null: none. */
  readonly inspectorsReviewedOn: string | null;
  /** The annual plan (年度计划) falling due this year (the next year's, for a pack whose plan is made the year before), if published, and when. */
  readonly plan: { readonly publishedOn: string | null } | null;
  /** Checklist items with a 抽查比例 or 抽查频次 and the inspections done of them this year. */
  readonly checklistItems: readonly ComplianceChecklistItem[];
  /** How many subjects a row lists at most (all are counted in subjectsTotal); 200 by default. */
  readonly subjectsLimit?: number;
}

export interface ComplianceEnterprise {
  readonly uscc: string;
  readonly name: string;
  readonly sector: string;
  /** Days in the directory (from its history), inclusive; `to` null: still in it. */
  readonly inDirectory: readonly { readonly from: string; readonly to: string | null }[];
  /** The groups (src/core/rules selectors) it belongs to, as of `asOf`. */
  readonly groups: readonly Selector[];
  /**
   * Its groups on an earlier day where they differed from `groups`: on the last day of a half-year
   * that ended before `asOf` (blacklisted in September, it was not blacklisted on 30 June). A day
   * not listed: as `groups`.
   */
  readonly groupsOn?: Readonly<Record<string, readonly Selector[]>>;
}

export interface ComplianceTask {
  readonly id: string;
  readonly title: string;
  readonly status: 'DRAFT' | 'LOCKED' | 'DRAWN' | 'DISPATCHED' | 'ANNOUNCED' | 'INSPECTING' | 'CLOSED' | 'CANCELLED';
  readonly inspectionDate: string;
  /** 定向抽查 (special / directed): drawn from a named list rather than the whole directory. */
  readonly directed: boolean;
  readonly joint: boolean;
  readonly covert: boolean;
  readonly announcedOn: string | null;
  readonly closedOn: string | null;
  readonly size: number;
}

export interface CompliancePick {
  readonly taskId: string;
  readonly uscc: string;
  /** The team: leader and members (inspectors); experts are not inspectors. */
  readonly team: readonly string[];
  readonly experts: readonly string[];
}

export interface ComplianceDeadline {
  /** 'announcement' | 'report' | 'publication' | 'monthly-publication' … (DeadlineKind). */
  readonly kind: string;
  readonly taskId: string;
  /** What it is about: the task, an enterprise's result, an objection, a month (Chinese label). */
  readonly subject: string;
  readonly uscc: string | null;
  readonly due: string;
  readonly doneOn: string | null;
  /** DONE · LATE (done after due) · OVERDUE (not done, past due) · DUE_SOON · OPEN · LAPSED. */
  readonly status: string;
  readonly cite: Citation | null;
}

export interface ComplianceChecklistItem {
  readonly code: string;
  readonly name: string;
  readonly ratioText: string | null;
  readonly ratioPercent: number | null;
  readonly frequencyText: string | null;
  readonly period: ItemPeriod | null;
  readonly ratioCite: Citation | null;
  readonly frequencyCite: Citation | null;
  /** The item's objects (enterprises of its sectors). */
  readonly objects: number;
  /** Inspections done of the item this year: enterprise and day. */
  readonly inspections: readonly { readonly uscc: string; readonly on: string }[];
}

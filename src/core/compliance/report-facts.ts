import type { Citation } from '../rules/schema.ts';

/**
 * What the self-inspection report (自查报告) needs beyond the compliance rows, read from the
 * database for the jurisdiction's year: results by category, corrections (更正), objections (异议)
 * and the consequences applied (结果运用, 黑龙江 二(八)). Plain data: the server reads it, the
 * core turns it into sections.
 */
export interface ReportFacts {
  /** The pack's source documents, to cite a clause by its document. */
  readonly sources: readonly { readonly id: string; readonly title: string; readonly number?: string | undefined }[];
  readonly results: {
    /** Published results of the year (current versions). */
    readonly published: number;
    readonly byCategory: readonly { readonly code: string; readonly label: string; readonly count: number }[];
    readonly cite: Citation | null;
  };
  readonly corrections: {
    readonly list: readonly { readonly uscc: string; readonly name: string; readonly version: number; readonly on: string; readonly reason: string }[];
    readonly cite: Citation | null;
  };
  readonly objections: {
    readonly filed: number;
    readonly reviewed: number;
    readonly upheld: number;
    readonly answered: number;
    /** Reviews and answers given after their period, or still not given when it ran out. */
    readonly late: readonly ReportLateObjection[];
    readonly cite: Citation | null;
  };
  readonly consequences: {
    readonly penalties: readonly { readonly uscc: string; readonly name: string; readonly decisionNumber: string; readonly fineYuan: number | null }[];
    readonly transfers: readonly { readonly uscc: string; readonly name: string; readonly to: 'AUTHORITY' | 'JUDICIAL'; readonly recipient: string }[];
    readonly blacklistings: readonly { readonly uscc: string; readonly name: string; readonly since: string; readonly reason: string; readonly cite: Citation | null; readonly withdrawn: boolean }[];
    /** 信用记录: credit level changes and the dated records (处罚, 严重违法) written for next year's strata. */
    readonly creditRecords: readonly { readonly uscc: string; readonly name: string; readonly what: string; readonly reason: string; readonly on: string }[];
    readonly handlingCite: Citation | null;
  };
}

export interface ReportLateObjection {
  readonly objectionId: string;
  readonly uscc: string;
  readonly name: string;
  /** 复核 review or 反馈 answer. */
  readonly step: 'REVIEW' | 'ANSWER';
  readonly due: string;
  readonly doneOn: string | null;
  readonly cite: Citation | null;
}

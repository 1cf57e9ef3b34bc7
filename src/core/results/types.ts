import type { Citation } from '../rules/schema.ts';

/** 检查事项 checked, and what was found on it. */
export interface ItemFinding {
  readonly code: string;
  readonly outcome: 'COMPLIANT' | 'NONCOMPLIANT' | 'NOT_APPLICABLE';
  readonly note?: string | undefined;
}

/** 隐患: a hazard found; `major` is a 重大事故隐患, `concealed` one the enterprise hid (隐瞒不报). */
export interface HazardFinding {
  readonly description: string;
  readonly major: boolean;
  readonly concealed: boolean;
  readonly itemCode?: string | undefined;
}

/** 处理: what follows from the findings. */
export interface Handling {
  /** 责令限期整改: the date rectification is due. */
  readonly rectificationDue?: string | undefined;
  /** 行政处罚: the decision's number and the fine in yuan. */
  readonly penalty?: { readonly decisionNumber: string; readonly fineYuan?: number | undefined } | undefined;
  /** 移送: to another authority or to the judicial organs, and to whom. */
  readonly transfer?: { readonly to: 'AUTHORITY' | 'JUDICIAL'; readonly recipient: string } | undefined;
}

/** What a team enters for one drawn enterprise: the content every signature signs. */
export interface ResultContent {
  readonly category: string;
  /** The day of the inspection (检查结束). */
  readonly inspectedOn: string;
  readonly items: readonly ItemFinding[];
  readonly hazards: readonly HazardFinding[];
  readonly handling: Handling;
  /** 不予配合情节严重: the pack's case codes (卧龙 第二十五条). */
  readonly nonCooperation: readonly string[];
  readonly summary: string;
}

/** Why a result, a signature, a publication or a correction is refused. */
export interface ResultIssue {
  readonly code:
    | 'NOT_DRAWN'
    | 'UNKNOWN_CATEGORY'
    | 'INVALID'
    | 'NOT_SIGNED'
    | 'NOT_IN_TEAM'
    | 'PUBLISHED'
    | 'PRINCIPAL_SIGNATURE_REQUIRED'
    | 'BAD_STATE';
  readonly message: string;
  readonly field?: string | undefined;
  readonly cite?: Citation | undefined;
}

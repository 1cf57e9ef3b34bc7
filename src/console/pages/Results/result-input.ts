import type { ConsoleResultFieldsFragment, ItemOutcome, ResultInput, TransferTo } from '../../gql/graphql.ts';

/** The result form's fields (flat where ResultInput nests, so each has its own id `<form>_<field>`). */
export interface ResultFormValues {
  category?: string;
  inspectedOn?: string;
  items: { code: string; outcome?: ItemOutcome; note?: string }[];
  hazards: { description?: string; major?: boolean; concealed?: boolean; itemCode?: string }[];
  rectificationDue?: string;
  penaltyDecision?: string;
  penaltyFine?: number | null;
  transferTo?: TransferTo;
  transferRecipient?: string;
  summary?: string;
  /** 不配合检查情节: only with the pack's non-cooperation category. */
  nonCooperation?: string[];
}

const text = (s: string | null | undefined) => (s && s.trim() ? s.trim() : undefined);

/**
 * The form's starting values: the latest version's content when there is one, else every item
 * drawn for the enterprise with no finding yet (the team must give one per item) and the task's
 * inspection date.
 */
export function initialValues(drawnItems: readonly string[], inspectionDate: string, result?: ConsoleResultFieldsFragment): ResultFormValues {
  if (!result) return { inspectedOn: inspectionDate, items: drawnItems.map((code) => ({ code })), hazards: [] };
  const h = result.handling;
  const entered = new Map(result.items.map((i) => [i.code, i]));
  // Items drawn but not yet given a finding in this version still appear, to be filled in.
  const codes = [...drawnItems, ...result.items.map((i) => i.code).filter((c) => !drawnItems.includes(c))];
  return {
    category: result.category,
    inspectedOn: result.inspectedOn,
    items: codes.map((code) => ({ code, ...(entered.get(code) ? { outcome: entered.get(code)!.outcome, note: entered.get(code)!.note ?? undefined } : {}) })),
    hazards: result.hazards.map((x) => ({ description: x.description, major: x.major, concealed: x.concealed, itemCode: x.itemCode ?? undefined })),
    rectificationDue: h.rectificationDue ?? undefined,
    penaltyDecision: h.penalty?.decisionNumber,
    penaltyFine: h.penalty?.fineYuan ?? null,
    transferTo: h.transfer?.to,
    transferRecipient: h.transfer?.recipient,
    summary: result.summary,
    nonCooperation: [...result.nonCooperation],
  };
}

/** The form's values as the server's ResultInput (empty parts left out: the server validates the rest). */
export function resultInputOf(v: ResultFormValues): ResultInput {
  const decision = text(v.penaltyDecision);
  const recipient = text(v.transferRecipient);
  return {
    category: v.category ?? '',
    inspectedOn: v.inspectedOn ?? '',
    items: v.items.filter((i) => i.outcome).map((i) => ({ code: i.code, outcome: i.outcome!, ...(text(i.note) ? { note: text(i.note) } : {}) })),
    hazards: v.hazards.filter((h) => text(h.description)).map((h) => ({ description: text(h.description)!, major: h.major ?? false, concealed: h.concealed ?? false, ...(h.itemCode ? { itemCode: h.itemCode } : {}) })),
    handling: {
      ...(v.rectificationDue ? { rectificationDue: v.rectificationDue } : {}),
      ...(decision ? { penalty: { decisionNumber: decision, ...(typeof v.penaltyFine === 'number' ? { fineYuan: v.penaltyFine } : {}) } } : {}),
      ...(v.transferTo && recipient ? { transfer: { to: v.transferTo, recipient } } : {}),
    },
    nonCooperation: [...(v.nonCooperation ?? [])],
    summary: v.summary?.trim() ?? '',
  };
}

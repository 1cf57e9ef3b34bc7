import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { PLATFORM_DEFAULT } from '../rules/platform-default.ts';
import type { Citation, Rules } from '../rules/schema.ts';

/** The dates a task's deadlines run from and end with, as far as they happened. */
export interface ScheduleFacts {
  readonly task: {
    readonly id: string;
    readonly title: string;
    readonly inspectionDate: string;
    readonly covert: boolean;
    readonly announcedOn: string | null;
    readonly closedOn: string | null;
    /** The inspection has started (检查中 or closed): a pick without a result still runs its deadlines from the inspection day. */
    readonly reachedInspection: boolean;
  };
  /** One per drawn enterprise; `result` once the team entered one. */
  readonly picks: readonly {
    readonly uscc: string;
    readonly name: string;
    readonly result: {
      readonly id: string;
      readonly inspectedOn: string;
      readonly enteredOn: string;
      /** The day the last required signature came. */
      readonly signedOn: string | null;
      /** 检查报告完成: the report's real date as recorded (paper first, entered later); the last signature when none is. */
      readonly reportCompletedOn: string | null;
      readonly feedbackSentOn: string | null;
      readonly feedbackReceivedOn: string | null;
      readonly opinionOn: string | null;
      /** 查处完毕; the inspection day when nothing needed handling. */
      readonly handlingEndedOn: string | null;
      readonly publishedOn: string | null;
      readonly rectificationDue: string | null;
      readonly followUpOn: string | null;
    } | null;
  }[];
  readonly objections: readonly { readonly id: string; readonly uscc: string; readonly receivedOn: string; readonly reviewedOn: string | null; readonly answeredOn: string | null }[];
}

export type DeadlineKind = 'announcement' | 'report' | 'feedback' | 'opinion' | 'result-entry' | 'publication' | 'objection-review' | 'objection-answer' | 'monthly-publication' | 'follow-up';
/** LAPSED: the enterprise's own period ran out unanswered (its lateness, not the bureau's). */
export type DeadlineStatus = 'DONE' | 'LATE' | 'OVERDUE' | 'DUE_SOON' | 'OPEN' | 'LAPSED';

/** Whose period it is: the bureau's, or the enterprise's (its opinion, 顺城 第二十条). */
export type DeadlineParty = 'BUREAU' | 'ENTERPRISE';

/** The deadlines the inspected enterprise, not the bureau, has to meet. */
const ENTERPRISE_DEADLINES: readonly DeadlineKind[] = ['opinion'];

export interface ScheduledDeadline {
  readonly kind: DeadlineKind;
  /** What it is about: the task, an enterprise's result, an objection, a month. */
  readonly subject: { readonly type: 'task' | 'result' | 'objection' | 'month'; readonly id: string; readonly label: string };
  readonly from: { readonly event: string; readonly date: string } | null;
  readonly due: string;
  readonly provisional: boolean;
  readonly doneOn: string | null;
  readonly status: DeadlineStatus;
  readonly party: DeadlineParty;
  /** The clause; null for the platform's own defaults, whose `note` then starts with PLATFORM_DEFAULT. */
  readonly cite: Citation | null;
  readonly note?: string;
}

/** Working days before its due date from which an open deadline counts as soon due. */
export const DUE_SOON_WORKING_DAYS = 3;
/** 复查: working days after the rectification period (platform default; packs are silent). */
export const FOLLOW_UP_WORKING_DAYS = 3;

const EVENT_LABEL: Record<string, string> = {
  'inspection-end': '检查结束', 'report-done': '检查报告完成', 'feedback-received': '被检查对象收到反馈', 'result-produced': '检查结果产生',
  'task-end': '抽查任务结束', 'handling-end': '查处完毕', 'objection-received': '收到异议申请', 'review-done': '复核结果作出',
  'inspection-start': '检查开始', 'month-end': '月末', 'rectification-due': '整改期满',
};

/**
 * Every deadline of a task as of `today`: the announcement before the inspection (unless covert),
 * the pack's report, feedback, entry and publication periods per drawn enterprise, objections,
 * the monthly publication and the follow-ups of rectification orders; each with its clause and
 * counted on the jurisdiction's working-day calendar. A deadline whose starting event has not
 * happened is not listed yet.
 */
export function taskDeadlines(rules: Rules, calendar: WorkingDayCalendar, facts: ScheduleFacts, today: string): ScheduledDeadline[] {
  const out: ScheduledDeadline[] = [];
  const soonLimit = calendar.deadline({ from: today, days: DUE_SOON_WORKING_DAYS, count: 'working' }).date;
  const status = (due: string, doneOn: string | null, party: DeadlineParty): DeadlineStatus =>
    doneOn ? (doneOn <= due ? 'DONE' : 'LATE') : today > due ? (party === 'ENTERPRISE' ? 'LAPSED' : 'OVERDUE') : due <= soonLimit ? 'DUE_SOON' : 'OPEN';
  const push = (d: Omit<ScheduledDeadline, 'status' | 'party'>) => {
    const party: DeadlineParty = ENTERPRISE_DEADLINES.includes(d.kind) ? 'ENTERPRISE' : 'BUREAU';
    out.push({ ...d, party, status: status(d.due, d.doneOn, party) });
  };
  const { task } = facts;
  const taskSubject = { type: 'task' as const, id: task.id, label: task.title };

  const announcement = rules.announcement;
  if (announcement && !(task.covert && announcement.covertStaysSecret)) {
    const t = Date.parse(`${task.inspectionDate}T00:00:00Z`) - announcement.leadDays * 86_400_000;
    push({ kind: 'announcement', subject: taskSubject, from: { event: EVENT_LABEL['inspection-start']!, date: task.inspectionDate }, due: new Date(t).toISOString().slice(0, 10), provisional: false, doneOn: task.announcedOn, cite: announcement.cite });
  }

  for (const rule of rules.deadlines ?? []) {
    if (rule.id === 'objection-review' || rule.id === 'objection-answer') continue;
    for (const pick of facts.picks) {
      const r = pick.result;
      // Without a result, an inspection that took place still runs from the task's inspection day:
      // an unentered inspection becomes overdue instead of having no deadline at all.
      const inspected = r?.inspectedOn ?? (task.reachedInspection ? task.inspectionDate : null);
      const reportOn = r ? r.reportCompletedOn ?? r.signedOn : null;
      const start: Record<string, string | null> = {
        'inspection-end': inspected,
        'result-produced': inspected,
        'report-done': reportOn,
        'feedback-received': r?.feedbackReceivedOn ?? null,
        'task-end': task.closedOn,
        'handling-end': r?.handlingEndedOn ?? null,
      };
      const from = start[rule.from] ?? null;
      if (!from) continue;
      const done: Record<string, string | null> = {
        report: reportOn, feedback: r?.feedbackSentOn ?? null, opinion: r?.opinionOn ?? null, 'result-entry': r?.enteredOn ?? null, publication: r?.publishedOn ?? null,
      };
      const d = calendar.deadline({ from, days: rule.days, count: rule.count });
      push({ kind: rule.id, subject: { type: 'result', id: r?.id ?? pick.uscc, label: pick.name }, from: { event: EVENT_LABEL[rule.from]!, date: from }, due: d.date, provisional: d.provisional, doneOn: done[rule.id] ?? null, cite: rule.cite });
    }
  }

  const objection = rules.afterPublication?.objection;
  const reviewRule = rules.deadlines?.find((d) => d.id === 'objection-review');
  const answerRule = rules.deadlines?.find((d) => d.id === 'objection-answer');
  for (const o of facts.objections) {
    const subject = { type: 'objection' as const, id: o.id, label: facts.picks.find((p) => p.uscc === o.uscc)?.name ?? o.uscc };
    const review = reviewRule ?? (objection && { days: objection.reviewWorkingDays, count: 'working' as const, cite: objection.cite });
    if (review) {
      const d = calendar.deadline({ from: o.receivedOn, days: review.days, count: review.count });
      push({ kind: 'objection-review', subject, from: { event: EVENT_LABEL['objection-received']!, date: o.receivedOn }, due: d.date, provisional: d.provisional, doneOn: o.reviewedOn, cite: review.cite });
    }
    const answer = answerRule ?? (objection && { days: objection.answerWorkingDays, count: 'working' as const, cite: objection.cite });
    if (answer && o.reviewedOn) {
      const d = calendar.deadline({ from: o.reviewedOn, days: answer.days, count: answer.count });
      push({ kind: 'objection-answer', subject, from: { event: EVENT_LABEL['review-done']!, date: o.reviewedOn }, due: d.date, provisional: d.provisional, doneOn: o.answeredOn, cite: answer.cite });
    }
  }

  const monthly = rules.periodicPublication;
  if (monthly) {
    const byMonth = new Map<string, { publishedOn: string | null }[]>();
    for (const p of facts.picks) if (p.result) byMonth.set(p.result.inspectedOn.slice(0, 7), [...(byMonth.get(p.result.inspectedOn.slice(0, 7)) ?? []), p.result]);
    for (const [month, results] of [...byMonth].sort()) {
      const [y, m] = month.split('-').map(Number) as [number, number];
      const next = m === 12 ? { y: y + 1, m: 1 } : { y, m: m + 1 };
      const d = calendar.nthWorkingDayOfMonth(next.y, next.m, monthly.withinWorkingDays);
      const all = results.every((r) => r.publishedOn);
      const doneOn = all ? results.map((r) => r.publishedOn!).sort().at(-1)! : null;
      push({ kind: 'monthly-publication', subject: { type: 'month', id: `${task.id}:${month}`, label: `${month} ${task.title}` }, from: { event: EVENT_LABEL['month-end']!, date: month }, due: d.date, provisional: d.provisional, doneOn, cite: monthly.cite });
    }
  }

  for (const pick of facts.picks) {
    const r = pick.result;
    if (!r?.rectificationDue || !r.publishedOn) continue;
    const d = calendar.deadline({ from: r.rectificationDue, days: FOLLOW_UP_WORKING_DAYS, count: 'working' });
    push({ kind: 'follow-up', subject: { type: 'result', id: r.id, label: pick.name }, from: { event: EVENT_LABEL['rectification-due']!, date: r.rectificationDue }, due: d.date, provisional: d.provisional, doneOn: r.followUpOn, cite: null, note: `${PLATFORM_DEFAULT}：整改期满后 ${FOLLOW_UP_WORKING_DAYS} 个工作日内复查（follow-up within ${FOLLOW_UP_WORKING_DAYS} working days after the rectification period, platform default）` });
  }
  return out;
}

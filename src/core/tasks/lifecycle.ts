import type { Citation, Rules } from '../rules/schema.ts';

/** 抽查任务 states, in order; CANCELLED (已取消) ends a task that was never drawn. */
export const TASK_STATES = ['DRAFT', 'LOCKED', 'DRAWN', 'DISPATCHED', 'ANNOUNCED', 'INSPECTING', 'CLOSED', 'CANCELLED'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** The states as a clerk reads them. */
export const TASK_STATE_LABELS: Readonly<Record<string, string>> = {
  DRAFT: '草稿', LOCKED: '已锁定', DRAWN: '已抽取', DISPATCHED: '已派发', ANNOUNCED: '已公告', INSPECTING: '检查中', CLOSED: '已结束', CANCELLED: '已取消',
} satisfies Record<TaskState, string>;

/** The steps a task takes after its draw; locking and drawing have their own operations. */
export const TASK_STEPS = ['DISPATCH', 'ANNOUNCE', 'START_INSPECTION', 'CLOSE'] as const;
export type TaskStep = (typeof TASK_STEPS)[number];

export interface TaskShape {
  readonly status: TaskState;
  readonly covert: boolean;
  /** The state a cancelled task was cancelled from (DRAFT or LOCKED). */
  readonly cancelledFrom?: TaskState | null | undefined;
}

/** What a step needs to know of the task: its state, whether covert, and when its window opens. */
export interface SteppingTask extends TaskShape {
  /** First day of the task's window (YYYY-MM-DD, Beijing date). */
  readonly windowStart: string;
}

export type StepRefusal = {
  readonly code: 'BAD_STATE' | 'COVERT_STAYS_SECRET' | 'MUST_ANNOUNCE' | 'WINDOW_NOT_OPEN';
  readonly message: string;
  readonly cite?: Citation;
};

const STATE_NAMES: Record<TaskState, string> = {
  DRAFT: '草稿', LOCKED: '已锁定', DRAWN: '已抽取', DISPATCHED: '已派发', ANNOUNCED: '已公告', INSPECTING: '检查中', CLOSED: '已结束', CANCELLED: '已取消',
};
const STEP_NAMES: Record<TaskStep, string> = { DISPATCH: '派发', ANNOUNCE: '公告', START_INSPECTION: '开始检查', CLOSE: '结束' };

/** The state's Chinese name with its code, for messages: 已锁定（LOCKED）. */
export const stateName = (state: TaskState): string => `${STATE_NAMES[state]}（${state}）`;

const FROM: Record<TaskStep, readonly TaskState[]> = {
  DISPATCH: ['DRAWN'],
  ANNOUNCE: ['DISPATCHED'],
  START_INSPECTION: ['DISPATCHED', 'ANNOUNCED'],
  CLOSE: ['INSPECTING'],
};
/** The states each step may start from: the console offers only the steps a task can take now. */
export const STEP_FROM: Readonly<Record<TaskStep, readonly TaskState[]>> = FROM;
const TO: Record<TaskStep, TaskState> = { DISPATCH: 'DISPATCHED', ANNOUNCE: 'ANNOUNCED', START_INSPECTION: 'INSPECTING', CLOSE: 'CLOSED' };

/**
 * Whether the pack keeps covert checks secret. A pack without an announcement rule does too:
 * covert means covert (docs/security.md "What covert means"); only a pack that says
 * `covertStaysSecret: false` announces them.
 */
export const covertStaysSecret = (rules: Rules): boolean => rules.announcement?.covertStaysSecret ?? true;

/**
 * The state a step leads to, or why it is refused: a covert check is never announced unless the
 * pack says otherwise (攀枝花 三(四), 卧龙 第十七条, and the platform's default); a non-covert one is
 * announced before it starts when the pack requires announcements; no inspection starts before
 * its window opens. `today` is the Beijing date of the step.
 */
export function nextState(rules: Rules, task: SteppingTask, step: TaskStep, today: string): { ok: true; to: TaskState } | { ok: false; refusal: StepRefusal } {
  if (!FROM[step].includes(task.status)) {
    return { ok: false, refusal: { code: 'BAD_STATE', message: `任务${stateName(task.status)}不能${STEP_NAMES[step]}：只有${FROM[step].map(stateName).join('或')}的任务可以${STEP_NAMES[step]}（a ${task.status} task cannot ${step.toLowerCase().replace('_', ' ')}）` } };
  }
  const announcement = rules.announcement;
  const secret = task.covert && covertStaysSecret(rules);
  if (step === 'ANNOUNCE' && secret) {
    const message = '暗查暗访任务不公告，检查结束前保密（a covert check is not announced; it stays secret until the inspection is over）';
    return { ok: false, refusal: { code: 'COVERT_STAYS_SECRET', message: announcement ? message : `${message}；规则包未另作规定，按平台默认保密`, ...(announcement ? { cite: announcement.cite } : {}) } };
  }
  if (step === 'START_INSPECTION' && task.status === 'DISPATCHED' && announcement && !secret) {
    return { ok: false, refusal: { code: 'MUST_ANNOUNCE', message: `规则包要求检查开始前${announcement.leadDays}日公告，请先公告（the pack requires announcing the inspection ${announcement.leadDays} days before it starts）`, cite: announcement.cite } };
  }
  if (step === 'START_INSPECTION' && today < task.windowStart) {
    return { ok: false, refusal: { code: 'WINDOW_NOT_OPEN', message: `任务的检查时间自${task.windowStart}开始，最早${task.windowStart}开始检查（今天是${today}；the window opens on ${task.windowStart}）` } };
  }
  return { ok: true, to: TO[step] };
}

/**
 * Whether a task may be cancelled: a draft, or a locked task before its draw (its commitment was
 * published, so the cancellation stays public, see `publicCanSee`). Once drawn, never: a cancelled
 * draw followed by a new task would be a redraw until the outcome suits.
 */
export function cancellation(task: TaskShape): { ok: true } | { ok: false; refusal: StepRefusal } {
  if (task.status === 'DRAFT' || task.status === 'LOCKED') return { ok: true };
  if (task.status === 'CANCELLED') return { ok: false, refusal: { code: 'BAD_STATE', message: '任务已取消（the task is already cancelled）' } };
  return {
    ok: false,
    refusal: { code: 'BAD_STATE', message: `任务${stateName(task.status)}，已经抽取，不能取消：抽取结果一经产生即不可撤销，取消后另行抽取等于重抽（a drawn task cannot be cancelled）` },
  };
}

/**
 * What the public (no login) may see of a task: non-covert tasks once locked (the draw is a
 * public ceremony), and so also when cancelled after the lock; covert ones only once the
 * inspection is over (a cancelled covert task never happened and stays with its bureau).
 */
export function publicCanSee(task: TaskShape): boolean {
  if (task.status === 'DRAFT') return false;
  if (task.status === 'CANCELLED') return !task.covert && task.cancelledFrom === 'LOCKED';
  return !task.covert || task.status === 'CLOSED';
}

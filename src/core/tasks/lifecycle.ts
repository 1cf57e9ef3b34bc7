import type { Citation, Rules } from '../rules/schema.ts';

/** 抽查任务 states, in order. */
export const TASK_STATES = ['DRAFT', 'LOCKED', 'DRAWN', 'DISPATCHED', 'ANNOUNCED', 'INSPECTING', 'CLOSED'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** The steps a task takes after its draw; locking and drawing have their own operations. */
export const TASK_STEPS = ['DISPATCH', 'ANNOUNCE', 'START_INSPECTION', 'CLOSE'] as const;
export type TaskStep = (typeof TASK_STEPS)[number];

export interface TaskShape {
  readonly status: TaskState;
  readonly covert: boolean;
}

export type StepRefusal = { readonly code: 'BAD_STATE' | 'COVERT_STAYS_SECRET' | 'MUST_ANNOUNCE'; readonly message: string; readonly cite?: Citation };

const FROM: Record<TaskStep, readonly TaskState[]> = {
  DISPATCH: ['DRAWN'],
  ANNOUNCE: ['DISPATCHED'],
  START_INSPECTION: ['DISPATCHED', 'ANNOUNCED'],
  CLOSE: ['INSPECTING'],
};
const TO: Record<TaskStep, TaskState> = { DISPATCH: 'DISPATCHED', ANNOUNCE: 'ANNOUNCED', START_INSPECTION: 'INSPECTING', CLOSE: 'CLOSED' };

/**
 * The state a step leads to, or why it is refused: a covert check is never announced when the
 * pack keeps it secret (攀枝花 三(四)), and a non-covert one is announced before it starts when
 * the pack requires announcements.
 */
export function nextState(rules: Rules, task: TaskShape, step: TaskStep): { ok: true; to: TaskState } | { ok: false; refusal: StepRefusal } {
  if (!FROM[step].includes(task.status)) {
    return { ok: false, refusal: { code: 'BAD_STATE', message: `a ${task.status} task cannot ${step.toLowerCase().replace('_', ' ')}; it must be ${FROM[step].join(' or ')}` } };
  }
  const announcement = rules.announcement;
  if (step === 'ANNOUNCE' && task.covert && announcement?.covertStaysSecret) {
    return { ok: false, refusal: { code: 'COVERT_STAYS_SECRET', message: 'a covert check (暗查暗访) is not announced; it stays secret until the inspection', cite: announcement.cite } };
  }
  if (step === 'START_INSPECTION' && task.status === 'DISPATCHED' && announcement && !(task.covert && announcement.covertStaysSecret)) {
    return { ok: false, refusal: { code: 'MUST_ANNOUNCE', message: `the pack requires announcing the inspection ${announcement.leadDays} days before it starts`, cite: announcement.cite } };
  }
  return { ok: true, to: TO[step] };
}

/**
 * What the public (no login) may see of a task: non-covert tasks once locked (the draw is a
 * public ceremony); covert ones only once the inspection is over.
 */
export function publicCanSee(task: TaskShape): boolean {
  if (task.status === 'DRAFT') return false;
  return !task.covert || task.status === 'CLOSED';
}

import type { Prisma } from '@prisma/client';
import { publicCanSee, type TaskState } from '../../core/tasks/lifecycle.ts';
import { canRead, isMemberOf, readableJurisdictions, type Viewer } from './viewer.ts';

/**
 * The tasks a viewer may read, as a Prisma filter: members see all of their jurisdiction's, and
 * so do the levels above it (they supervise it);
 * everyone sees non-covert tasks once locked (the draw is a public ceremony), also when cancelled
 * after the lock, and covert ones once closed. Mirrors `publicCanSee` in src/core/tasks/lifecycle.ts.
 */
export function visibleTasks(viewer: Viewer): Prisma.InspectionTaskWhereInput {
  const published: Prisma.InspectionTaskWhereInput = {
    OR: [
      { status: { notIn: ['DRAFT', 'CANCELLED'] }, OR: [{ covert: false }, { status: 'CLOSED' }] },
      { status: 'CANCELLED', cancelledFrom: 'LOCKED', covert: false },
    ],
  };
  return viewer.kind === 'token' ? { OR: [{ jurisdictionId: { in: readableJurisdictions(viewer) } }, published] } : published;
}

/** Plans: members (and the levels above) see drafts, everyone sees published plans. */
export function visiblePlans(viewer: Viewer): Prisma.InspectionPlanWhereInput {
  const published: Prisma.InspectionPlanWhereInput = { status: 'PUBLISHED' };
  return viewer.kind === 'token' ? { OR: [{ jurisdictionId: { in: readableJurisdictions(viewer) } }, published] } : published;
}

/** The same rule for one task already loaded: members see it, others when it is published. */
export function canSeeTask(viewer: Viewer, task: { readonly jurisdictionId: string; readonly status: TaskState; readonly covert: boolean; readonly cancelledFrom?: TaskState | null }): boolean {
  return isMemberOf(viewer, task.jurisdictionId) || publicCanSee(task);
}

/** canSeeTask for reading only: the levels above see what members see. (Writes that check visibility first, like contributing entropy, keep canSeeTask.) */
export function canReadTask(viewer: Viewer, task: Parameters<typeof canSeeTask>[1]): boolean {
  return canRead(viewer, task.jurisdictionId) || publicCanSee(task);
}

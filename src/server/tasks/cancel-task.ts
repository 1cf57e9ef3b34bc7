import type { InspectionTask } from '@prisma/client';
import { cancellation } from '../../core/tasks/lifecycle.ts';
import { reasonIssue } from '../../core/tasks/plan-fields.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { actorOf, type Viewer } from '../auth/viewer.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { resultTransaction } from '../db/result-transaction.ts';
import { announceTaskChange, type Services } from './services.ts';
import { problem, type TaskProblem } from './task-problem.ts';
import { taskFor } from './tasks.ts';

/**
 * Cancels a task that was never drawn, with a reason (admins and planners). The task is kept,
 * marked cancelled with who, when, why and the state it left; a task cancelled after its lock
 * stays public, since its commitment was (lifecycle.ts `publicCanSee`). A drawn task is never
 * cancelled.
 */
export async function cancelTask(s: Services, viewer: Viewer, taskId: string, reason: string): Promise<Result<InspectionTask, TaskProblem>> {
  const found = await taskFor(s, viewer, taskId, 'plan');
  if (!found.ok) return found;
  const task = found.value;
  const allowed = cancellation(task);
  if (!allowed.ok) return err(problem('BAD_STATE', allowed.refusal.message));
  const badReason = reasonIssue(reason);
  if (badReason) return err(problem('INVALID', badReason, { field: 'reason' }));
  const actor = actorOf(viewer);
  const result = await resultTransaction(s.prisma, async (tx): Promise<Result<{ task: InspectionTask; drawId: string | null }, TaskProblem>> => {
    // drawTask locks the draw's row before it reads the task: taking it first, a cancellation and
    // a draw of the same task queue up, and whichever comes second finds the other's outcome.
    const [draw] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM draw WHERE task_id = ${task.id} FOR UPDATE`;
    const cancelledAt = new Date();
    const moved = await tx.inspectionTask.updateMany({
      where: { id: task.id, status: task.status },
      data: { status: 'CANCELLED', cancelledFrom: task.status, cancelledAt, cancelledBy: actor, cancellationReason: reason.trim() },
    });
    if (moved.count !== 1) return err(problem('BAD_STATE', '任务的状态已被他人改变（例如已经抽取），请重新载入（the task changed state meanwhile; reload it）'));
    await appendAudit(tx, {
      jurisdictionId: task.jurisdictionId, actor, action: 'task.cancelled', subjectType: 'InspectionTask', subjectId: task.id,
      payload: { from: task.status, reason: reason.trim(), drawId: draw?.id ?? null, planId: task.planId },
    }, cancelledAt);
    return ok({ task: await tx.inspectionTask.findUniqueOrThrow({ where: { id: task.id } }), drawId: draw?.id ?? null });
  });
  if (!result.ok) return result;
  announceTaskChange(s, task.jurisdictionId, result.value.task, 'task.cancelled');
  // Viewers of the live draw learn that it will not be held.
  if (result.value.drawId) s.events.pubsub.publish('draw', result.value.drawId, { kind: 'CANCELLED' });
  return ok(result.value.task);
}

import { REPLACEMENT_REASONS, replacementReasonCode } from '../../core/rules/replacement-reasons.ts';
import type { TeamReplacement } from '@prisma/client';
import { err, ok, type Result } from '../../core/result.ts';
import { may, refusal } from '../auth/permissions.ts';
import { actorOf, type Viewer } from '../auth/viewer.ts';
import { canSeeTask } from '../auth/visibility.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { resultTransaction } from '../db/result-transaction.ts';
import type { Services } from '../tasks/services.ts';
import { problem, type TaskProblem } from '../tasks/task-problem.ts';
import { rulesOfDraw } from './draw-export.ts';
import { currentTeam } from './current-team.ts';
import { bookingsOn } from './inspector-bookings.ts';

export interface ReplaceRequest {
  readonly drawId: string;
  readonly pickOrder: number;
  readonly outgoingId: string;
  /** post-change | work-conflict | health under 卧龙 第二十条; free text where the pack is silent. */
  readonly reason: string;
  /** Who approved it, when the pack requires an approval. */
  readonly approvedBy?: string | null | undefined;
}

/**
 * Replaces a drawn inspector by the next unused substitute drawn for that team, in the drawn
 * order; recorded as a new event beside the draw, which itself never changes.
 */
export async function replaceInspector(s: Services, viewer: Viewer, request: ReplaceRequest): Promise<Result<TeamReplacement, TaskProblem>> {
  const draw = await s.prisma.draw.findUnique({ where: { id: request.drawId }, include: { task: true } });
  if (!draw || !canSeeTask(viewer, draw.task)) return err(problem('NOT_FOUND', '没有这个编号的抽取 (No draw has this id)'));
  if (!may(viewer, draw.jurisdictionId, 'draw')) return err(problem('FORBIDDEN', refusal(viewer, 'draw')));
  if (draw.status !== 'DRAWN') return err(problem('BAD_STATE', '只有已抽取的任务才有检查组可调整 (only a held draw has teams to change)'));
  if (draw.task.status === 'CLOSED') return err(problem('BAD_STATE', '任务已结束 (the task is closed)'));
  const rules = rulesOfDraw(draw);
  const rule = rules.replacement;
  // Under a pack's rule the reason is one of its reasons, written as its code or its Chinese label (岗位变动).
  const written = request.reason.trim();
  const reason = rule ? replacementReasonCode(written) ?? written : written;
  if (rule && !(rule.reasons as readonly string[]).includes(reason)) {
    return err(problem('RULE', `只有以下原因才能更换已抽取的检查人员：${rule.reasons.map((r) => REPLACEMENT_REASONS[r].label).join('、')} (a drawn inspector is replaced only for ${rule.reasons.join(', ')})`, { field: 'reason', cite: rule.cite }));
  }
  if (!reason) return err(problem('INVALID', '请写明更换检查人员的原因 (say why the inspector is replaced)', { field: 'reason' }));
  if (rule && !request.approvedBy?.trim()) return err(problem('RULE', `更换须经批准（${rule.approval}），请填写批准人 (a replacement needs approval)`, { field: 'approvedBy', cite: rule.cite }));

  const actor = actorOf(viewer);
  return resultTransaction(s.prisma, async (tx) => {
    // Serialises replacements of one draw, so two cannot take the same substitute.
    await tx.$queryRaw`SELECT id FROM draw WHERE id = ${draw.id} FOR UPDATE`;
    const pick = await tx.drawPick.findUnique({ where: { drawId_order: { drawId: draw.id, order: request.pickOrder } } });
    if (!pick) return err(problem('INVALID', `抽取结果中没有第 ${request.pickOrder} 家 (no such pick)`, { field: 'pickOrder' }));
    const earlier = await tx.teamReplacement.findMany({ where: { drawId: draw.id, pickOrder: pick.order }, orderBy: { at: 'asc' } });
    const team = currentTeam(pick, earlier);
    if (!team.members.includes(request.outgoingId)) return err(problem('INVALID', `检查人员 ${request.outgoingId} 不在第 ${pick.order} 组中 (not in the team)`, { field: 'outgoingId' }));
    const used = new Set([...team.members, ...earlier.map((r) => r.outgoingId)]);
    // A substitute already on another task's team that day (any jurisdiction) is passed over.
    const booked = await bookingsOn(tx, draw.task.inspectionDate, draw.jurisdictionId);
    const incoming = pick.substituteIds.find((id) => !used.has(id) && !booked.has(id));
    if (!incoming) return err(problem('RULE', `第 ${pick.order} 组抽取的 ${pick.substituteIds.length} 名备选人员已全部用完 (all substitutes used)`, rules.pooling ? { cite: rules.pooling.cite } : {}));
    const replacement = await tx.teamReplacement.create({ data: { drawId: draw.id, pickOrder: pick.order, outgoingId: request.outgoingId, incomingId: incoming, reason, actor } });
    await appendAudit(tx, {
      jurisdictionId: draw.jurisdictionId, actor, action: 'team.replaced', subjectType: 'Draw', subjectId: draw.id,
      payload: { pickOrder: pick.order, uscc: pick.uscc, outgoing: request.outgoingId, incoming, reason, approvedBy: request.approvedBy?.trim() ?? null },
    });
    return ok(replacement);
  });
}

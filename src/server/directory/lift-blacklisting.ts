import type { EnterpriseBlacklisting } from '@prisma/client';
import { chinaDate } from '../../core/calendar/china-date.ts';
import { isIsoDate, toIsoDate } from '../../core/directory/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { actorOf, canEditDirectory, DIRECTORY_EDITORS, type Viewer } from '../auth/viewer.ts';
import { resultTransaction } from '../db/result-transaction.ts';
import { changeStanding } from '../results/apply-consequences.ts';
import { asDate } from '../results/result-content.ts';
import type { Services } from '../tasks/services.ts';
import { problem, type TaskProblem } from '../tasks/task-problem.ts';

export interface LiftInput {
  readonly enterpriseId: string;
  readonly liftedOn: string;
  readonly reason: string;
}

/**
 * 移出黑名单: the jurisdiction's admin or planner lifts an enterprise's open blacklisting, on a
 * day and for a reason, on the audit trail; the directory's flag is cleared with its history.
 * The blacklisting itself stays, with its lifting, for the public record.
 */
export async function liftBlacklisting(s: Services, viewer: Viewer, input: LiftInput, today = chinaDate(new Date())): Promise<Result<EnterpriseBlacklisting, TaskProblem>> {
  const enterprise = await s.prisma.enterprise.findUnique({ where: { id: input.enterpriseId }, select: { id: true, jurisdictionId: true, uscc: true, name: true, blacklisted: true } });
  if (!enterprise) return err(problem('NOT_FOUND', '没有该企业 (no enterprise has this id)'));
  if (!canEditDirectory(viewer, enterprise.jurisdictionId)) {
    return err(problem('FORBIDDEN', `移出黑名单须由本辖区的 ${DIRECTORY_EDITORS.join('、')} 办理${viewer.kind === 'token' ? `，您的令牌角色为 ${viewer.role}` : '（需要 API 令牌）'} (only an admin or planner of the jurisdiction lifts a blacklisting)`));
  }
  if (!isIsoDate(input.liftedOn)) return err(problem('INVALID', `"${input.liftedOn}" 不是日期（YYYY-MM-DD）`, { field: 'liftedOn' }));
  const reason = input.reason.trim();
  if (!reason) return err(problem('INVALID', '请写明移出黑名单的理由（如：重大事故隐患已整改并经审查同意）', { field: 'reason' }));
  const open = await s.prisma.enterpriseBlacklisting.findFirst({ where: { enterpriseId: enterprise.id, liftedOn: null, withdrawnOn: null }, orderBy: { since: 'desc' } });
  if (!open) {
    const last = await s.prisma.enterpriseBlacklisting.findFirst({ where: { enterpriseId: enterprise.id }, orderBy: { createdAt: 'desc' } });
    return err(last?.liftedOn
      ? problem('CONFLICT', `${enterprise.name} 已于 ${toIsoDate(last.liftedOn)} 移出黑名单，不能重复移出 (already lifted)`, { field: 'enterprise' })
      : problem('BAD_STATE', `${enterprise.name} 未列入黑名单 (not blacklisted)`, { field: 'enterprise' }));
  }
  const since = toIsoDate(open.since);
  if (input.liftedOn < since || input.liftedOn > today) return err(problem('INVALID', `移出日期应在列入黑名单之日（${since}）与今天（${today}）之间`, { field: 'liftedOn' }));
  const actor = actorOf(viewer);
  return resultTransaction(s.prisma, async (tx) => {
    // Only an open one is lifted: of two lifting at once, the second finds none.
    const lifted = await tx.enterpriseBlacklisting.updateMany({ where: { id: open.id, liftedOn: null, withdrawnOn: null }, data: { liftedOn: asDate(input.liftedOn), liftedReason: reason, liftedBy: actor } });
    if (lifted.count !== 1) return err(problem('CONFLICT', `${enterprise.name} 的黑名单已被移出或撤销，请刷新 (lifted meanwhile)`, { field: 'enterprise' }));
    if (enterprise.blacklisted) await changeStanding(tx, enterprise.id, { blacklisted: false }, actor);
    await appendAudit(tx, {
      jurisdictionId: enterprise.jurisdictionId, actor, action: 'enterprise.blacklisting-lifted', subjectType: 'EnterpriseBlacklisting', subjectId: open.id,
      payload: { enterpriseId: enterprise.id, uscc: enterprise.uscc, since, reason: open.reason, liftedOn: input.liftedOn, liftedReason: reason },
    });
    return ok(await tx.enterpriseBlacklisting.findUniqueOrThrow({ where: { id: open.id } }));
  });
}

import type { Prisma } from '@prisma/client';
import { groupBy } from '../../core/group-by.ts';
import type { Consequence } from '../../core/results/consequences.ts';
import type { Rules } from '../../core/rules/schema.ts';
import { applyConsequences, type ConsequenceOrigin } from './apply-consequences.ts';
import { chainConsequences } from './correct-consequences.ts';
import { contentOf } from './result-content.ts';

/**
 * 暗查暗访: a covert task's results stay with its bureau until the task closes, and so do their
 * consequences. The directory (its standing, records and history), the 黑名单 and every later
 * draw's snapshot of the directory are public, so a blacklisting, a changed risk or credit level
 * or a record written while the task runs would name a covert pick. They wait for the close.
 */
export async function consequencesWithheld(tx: Prisma.TransactionClient, taskId: string): Promise<boolean> {
  const task = await tx.inspectionTask.findUnique({ where: { id: taskId }, select: { covert: true, status: true } });
  return task !== null && task.covert && task.status !== 'CLOSED';
}

export interface WithheldOutcome {
  readonly uscc: string;
  readonly version: number;
  readonly consequences: readonly Consequence['kind'][];
}

/**
 * At a covert task's close (in its transaction): what its published results cause, written now.
 * For each enterprise, its latest published version (a correction made before the close replaces
 * the original) and the follow-ups (复查) recorded on its result, judged on the standing as it is
 * today; each takes effect on `today`, the day the results became public (a follow-up's
 * blacklisting keeps its follow-up as origin).
 */
export async function applyWithheldConsequences(tx: Prisma.TransactionClient, rules: Rules, taskId: string, actor: string, today: string): Promise<WithheldOutcome[]> {
  const published = await tx.inspectionResult.findMany({ where: { taskId, status: 'PUBLISHED' }, orderBy: [{ uscc: 'asc' }, { version: 'desc' }] });
  const latest = published.filter((r, i) => i === 0 || published[i - 1]!.uscc !== r.uscc);
  // The follow-ups of every version of the task's results, read once and taken by draw and enterprise.
  const events = await tx.resultEvent.findMany({
    where: { kind: 'FOLLOW_UP', result: { taskId } }, orderBy: [{ occurredOn: 'asc' }, { createdAt: 'asc' }],
    select: { id: true, occurredOn: true, rectified: true, result: { select: { drawId: true, uscc: true } } },
  });
  const followUpsOf = groupBy(events, (e) => `${e.result.drawId}\u0000${e.result.uscc}`);
  const out: WithheldOutcome[] = [];
  for (const row of latest) {
    const followUps = followUpsOf.get(`${row.drawId}\u0000${row.uscc}`) ?? [];
    const origins = new Map<Consequence, ConsequenceOrigin>();
    const content = contentOf(row);
    const consequences = await applyConsequences(
      tx, row, (standing) => chainConsequences(rules, content, followUps, standing, origins), actor, { on: today },
      (c) => ({ on: today, eventId: origins.get(c)?.eventId ?? null }),
    );
    if (consequences.length) out.push({ uscc: row.uscc, version: row.version, consequences: consequences.map((c) => c.kind) });
  }
  return out;
}

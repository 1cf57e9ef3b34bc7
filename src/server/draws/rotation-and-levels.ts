import type { Prisma } from '@prisma/client';
import { canonicalSealList } from '../../core/draw/upper-level-seal.ts';
import { rotationHistory, type ServedDraw } from '../../core/rules/rotation.ts';
import { publicCanSee, type TaskState } from '../../core/tasks/lifecycle.ts';

type Db = Prisma.TransactionClient;
const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * 轮换 rotation's history (docs/draw-algorithm.md §7a): the jurisdiction's own held draws (its
 * task not cancelled), newest drawn first, at most `max` of them (counts beyond the pack's maximum
 * change nothing). Who served: each team's leader and members, less those replaced, plus their
 * replacements. A covert draw whose task is still open is left out: the snapshot is published
 * with the draw, and would tell who inspects covertly (it counts once its task closes).
 */
export async function rotationFromDraws(db: Db, jurisdictionId: string, taskId: string, max: number): Promise<{ consecutiveDraws?: Record<string, number>; lastLeaders?: string[] }> {
  const draws = await db.draw.findMany({
    where: { jurisdictionId, status: 'DRAWN', taskId: { not: taskId }, task: { status: { not: 'CANCELLED' } } },
    orderBy: [{ drawnAt: 'desc' }, { id: 'asc' }],
    select: { task: { select: { status: true, covert: true } }, picks: { select: { leaderId: true, memberIds: true } }, replacements: { select: { outgoingId: true, incomingId: true } } },
  });
  const held: ServedDraw[] = [];
  for (const d of draws) {
    if (held.length >= max) break;
    if (!publicCanSee({ status: d.task.status as TaskState, covert: d.task.covert })) continue;
    const served = new Set(d.picks.flatMap((p) => [p.leaderId, ...p.memberIds]).filter(Boolean));
    for (const r of d.replacements) {
      served.delete(r.outgoingId);
      served.add(r.incomingId);
    }
    held.push({ leaders: d.picks.map((p) => p.leaderId).filter(Boolean), served: [...served] });
  }
  return rotationHistory(held);
}

/**
 * The picks this year of the jurisdictions directly below (§5c), in this directory, public ones
 * only: a lower level's covert picks not yet closed are left out (never sealed here), so they
 * neither leak nor count until the covert task closes. With them, each pick's inspection date,
 * which counts as an inspection for mandatory coverage (covered when the other level inspected it).
 */
export async function lowerLevelPicks(db: Db, jurisdictionId: string, year: number, directory: ReadonlySet<string>): Promise<{ lowerLevelDrawn: string[]; inspected: Map<string, string> }> {
  const from = new Date(Date.UTC(year, 0, 1));
  const to = new Date(Date.UTC(year + 1, 0, 1));
  const draws = await db.draw.findMany({
    where: { jurisdiction: { parentId: jurisdictionId }, status: 'DRAWN', task: { inspectionDate: { gte: from, lt: to }, status: { not: 'CANCELLED' } } },
    select: { task: { select: { status: true, covert: true, inspectionDate: true } }, picks: { select: { uscc: true } } },
  });
  const inspected = new Map<string, string>();
  for (const d of draws) {
    if (!publicCanSee({ status: d.task.status as TaskState, covert: d.task.covert })) continue;
    const date = isoDate(d.task.inspectionDate);
    for (const p of d.picks) {
      if (!directory.has(p.uscc)) continue;
      if ((inspected.get(p.uscc) ?? '') < date) inspected.set(p.uscc, date);
    }
  }
  return { lowerLevelDrawn: canonicalSealList(inspected.keys()), inspected };
}

import type { Prisma } from '@prisma/client';
import { currentTeam } from './current-team.ts';

type Db = Prisma.TransactionClient;

/** Where an inspector is already booked: another task's team on the same inspection date. */
export interface Booking {
  readonly taskId: string;
  readonly taskTitle: string;
  readonly jurisdictionName: string;
  readonly drawnAt: Date;
}

/**
 * 同日重复派员: the inspectors on the team (leader and members, replacements applied) of a drawn,
 * not cancelled task of ANOTHER jurisdiction on this inspection date. A pooled inspector (卧龙
 * 第十八条) serves one jurisdiction's team on a given day, never two; within one jurisdiction the
 * pack's own limits decide (`maxTeamsPerInspector`), as they do within one task.
 */
export async function bookingsOn(db: Db, inspectionDate: Date, jurisdictionId: string): Promise<Map<string, Booking>> {
  const draws = await db.draw.findMany({
    where: { status: 'DRAWN', jurisdictionId: { not: jurisdictionId }, task: { inspectionDate, status: { not: 'CANCELLED' } } },
    select: {
      drawnAt: true,
      task: { select: { id: true, title: true, jurisdiction: { select: { name: true } } } },
      picks: { select: { order: true, leaderId: true, memberIds: true } },
      replacements: { select: { pickOrder: true, outgoingId: true, incomingId: true }, orderBy: { at: 'asc' } },
    },
    orderBy: { drawnAt: 'asc' },
  });
  const booked = new Map<string, Booking>();
  for (const draw of draws) {
    const booking: Booking = { taskId: draw.task.id, taskTitle: draw.task.title, jurisdictionName: draw.task.jurisdiction.name, drawnAt: draw.drawnAt ?? new Date(0) };
    for (const pick of draw.picks) {
      const team = currentTeam(pick, draw.replacements.filter((r) => r.pickOrder === pick.order));
      for (const id of new Set([team.leader, ...team.members])) if (!booked.has(id)) booked.set(id, booking);
    }
  }
  return booked;
}

/**
 * The members of a held draw's teams who were booked the same day by another jurisdiction's draw
 * held BEFORE it (two draws locked before either was held can both pick a pooled inspector): the
 * later draw's team must replace them (replaceInspector) before the task is dispatched.
 */
export async function doubleBookedMembers(db: Db, drawId: string): Promise<{ inspectorId: string; inspectorName: string; pickOrder: number; booking: Booking }[]> {
  const draw = await db.draw.findUnique({ where: { id: drawId }, include: { task: true, picks: true, replacements: { orderBy: { at: 'asc' } } } });
  if (!draw || draw.status !== 'DRAWN' || !draw.drawnAt) return [];
  const booked = await bookingsOn(db, draw.task.inspectionDate, draw.jurisdictionId);
  const clashes: { inspectorId: string; pickOrder: number; booking: Booking }[] = [];
  for (const pick of draw.picks) {
    const team = currentTeam(pick, draw.replacements.filter((r) => r.pickOrder === pick.order));
    for (const id of new Set([team.leader, ...team.members])) {
      const booking = booked.get(id);
      if (booking && booking.drawnAt < draw.drawnAt) clashes.push({ inspectorId: id, pickOrder: pick.order, booking });
    }
  }
  if (clashes.length === 0) return [];
  const names = new Map((await db.inspector.findMany({ where: { id: { in: clashes.map((c) => c.inspectorId) } }, select: { id: true, name: true } })).map((i) => [i.id, i.name]));
  return clashes.map((c) => ({ ...c, inspectorName: names.get(c.inspectorId) ?? c.inspectorId }));
}

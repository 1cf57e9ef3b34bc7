import type { PrismaClient } from '@prisma/client';
import type { TeamRecord } from '../../core/draw/types.ts';
import { peopleById, unknownPerson, type PersonView } from './draw-view.ts';
import { currentTeam } from './replace-inspector.ts';

/** A pick's team as it stands (the draw's TeamRecord, recorded replacements applied), people resolved. */
export type TeamView = { readonly [K in keyof TeamRecord]: TeamRecord[K] extends string ? PersonView : readonly PersonView[] };

/** What of a pick its team is made from. */
export interface TeamPick {
  readonly drawId: string;
  readonly order: number;
  readonly leaderId: string;
  readonly memberIds: readonly string[];
  readonly expertIds: readonly string[];
  readonly substituteIds: readonly string[];
}

const pickKey = (drawId: string, order: number) => `${drawId}:${order}`;

/**
 * The teams of many picks from one read of their draws' replacements and one of the people
 * (a dashboard page shows hundreds of teams: no promise or query per pick). A replacement
 * always comes from the pick's substitutes, so everyone a team can show is known before the
 * replacements are, and both are read at once.
 */
export async function teamsOfPicks(prisma: PrismaClient, picks: readonly TeamPick[]): Promise<TeamView[]> {
  const ids = new Set<string>();
  for (const p of picks) {
    ids.add(p.leaderId);
    for (const list of [p.memberIds, p.expertIds, p.substituteIds]) for (const id of list) ids.add(id);
  }
  const [replacements, people] = await Promise.all([
    prisma.teamReplacement.findMany({
      where: { drawId: { in: [...new Set(picks.map((p) => p.drawId))] } },
      orderBy: { at: 'asc' },
      select: { drawId: true, pickOrder: true, outgoingId: true, incomingId: true },
    }),
    peopleById(prisma, [...ids]),
  ]);
  const replacementsOf = new Map<string, { outgoingId: string; incomingId: string }[]>();
  for (const r of replacements) {
    const key = pickKey(r.drawId, r.pickOrder);
    replacementsOf.set(key, [...(replacementsOf.get(key) ?? []), r]);
  }
  const current = picks.map((p) => currentTeam(p, replacementsOf.get(pickKey(p.drawId, p.order)) ?? []));
  const missing = current.flatMap((t) => [t.leader, ...t.members]).filter((id) => !people.has(id));
  if (missing.length > 0) for (const [id, person] of await peopleById(prisma, [...new Set(missing)])) people.set(id, person);
  const person = (id: string) => people.get(id) ?? unknownPerson(id);
  return picks.map((p, i) => ({
    leader: person(current[i]!.leader),
    members: current[i]!.members.map(person),
    experts: p.expertIds.map(person),
    substitutes: p.substituteIds.map(person),
  }));
}

/** The DataLoader key of a pick. */
export const teamPickKey = (p: TeamPick) => pickKey(p.drawId, p.order);

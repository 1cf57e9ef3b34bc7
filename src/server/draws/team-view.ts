import type { PrismaClient } from '@prisma/client';
import type { TeamRecord } from '../../core/draw/types.ts';
import { currentTeam } from './current-team.ts';

/** A person on a drawn team as a live draw shows them: name and unit, never an ID number or phone. */
export interface PersonView {
  readonly id: string;
  readonly name: string;
  readonly unit: string;
  readonly kind: 'INSPECTOR' | 'EXPERT';
  /** The jurisdiction whose directory the person is in: a pooled neighbour's inspector shows it. */
  readonly homeCode: string;
  readonly homeName: string;
}

/**
 * Inspectors and experts by directory id, as a published team shows them. Dashboards, the live view
 * and the portal read people through here.
 */
export async function peopleById(prisma: PrismaClient, ids: readonly string[]): Promise<Map<string, PersonView>> {
  // Both directories in one statement: a team's people are read on every dashboard page.
  const people = await prisma.$queryRaw<PersonView[]>`
    SELECT p.id, p.name, p.unit, 'INSPECTOR' AS kind, j.code AS "homeCode", j.name AS "homeName" FROM inspector p JOIN jurisdiction j ON j.id = p.jurisdiction_id WHERE p.id = ANY(${[...ids]})
    UNION ALL
    SELECT p.id, p.name, coalesce(p.employer, '') AS unit, 'EXPERT' AS kind, j.code AS "homeCode", j.name AS "homeName" FROM expert p JOIN jurisdiction j ON j.id = p.jurisdiction_id WHERE p.id = ANY(${[...ids]})`;
  return new Map(people.map((p) => [p.id, p]));
}

/** A drawn id no longer in either directory (it cannot be deleted, so this should not be seen). */
export const unknownPerson = (id: string): PersonView => ({ id, name: '(not in the directory)', unit: '', kind: 'INSPECTOR', homeCode: '', homeName: '' });

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
export async function teamsOfPicks(prisma: PrismaClient, picks: readonly TeamPick[], unknown: (id: string) => PersonView = unknownPerson): Promise<TeamView[]> {
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
    const list = replacementsOf.get(key);
    if (list) list.push(r);
    else replacementsOf.set(key, [r]);
  }
  const current = picks.map((p) => currentTeam(p, replacementsOf.get(pickKey(p.drawId, p.order)) ?? []));
  const missing = current.flatMap((t) => [t.leader, ...t.members]).filter((id) => !people.has(id));
  if (missing.length > 0) for (const [id, person] of await peopleById(prisma, [...new Set(missing)])) people.set(id, person);
  const person = (id: string) => people.get(id) ?? unknown(id);
  return picks.map((p, i) => ({
    leader: person(current[i]!.leader),
    members: current[i]!.members.map(person),
    experts: p.expertIds.map(person),
    substitutes: p.substituteIds.map(person),
  }));
}

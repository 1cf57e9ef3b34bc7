import type { PrismaClient } from '@prisma/client';
import { teamsOfPicks, unknownPerson, type PersonView, type TeamPick, type TeamView } from './team-view.ts';

/** A drawn enterprise as dashboards, the live page and the portal show it: its current name and its team as it stands. */
export interface PickWithTeam {
  readonly drawId: string;
  readonly order: number;
  readonly uscc: string;
  /** The enterprise's name in the directory now; null when the pick names no directory row. */
  readonly enterpriseName: string | null;
  readonly stratum: string;
  readonly due: boolean;
  readonly items: readonly string[];
  readonly team: TeamView;
}

interface PickRow extends TeamPick {
  readonly uscc: string;
  readonly enterpriseName: string | null;
  readonly stratum: string;
  readonly due: boolean;
  readonly items: string[];
}

/**
 * The picks of many draws, each draw's in drawn order (aligned with `drawIds`), with names and
 * teams: one statement for the picks and their enterprises' names, then `teamsOfPicks`' reads,
 * however many draws there are. Whole lists rather than a relation loaded pick by pick, so a
 * dashboard page of hundreds of picks resolves each pick's name and team without a promise of
 * its own (a third less work for the GraphQL executor and the garbage collector: docs/performance.md).
 */
export async function picksOfDraws(prisma: PrismaClient, drawIds: readonly string[], unknown: (id: string) => PersonView = unknownPerson): Promise<PickWithTeam[][]> {
  // The arrays as JSON, which JSON.parse reads natively: the text form is parsed character by
  // character in JavaScript (a fifth of this read for a page). Ordered by "order" alone: the rows
  // are sorted into their draws below, and text sorts by collation, far slower than integers.
  const rows = await prisma.$queryRaw<PickRow[]>`
    SELECT p.draw_id AS "drawId", p."order", p.uscc, e.name AS "enterpriseName", p.stratum, p.due, to_json(p.items) AS items,
           p.leader_id AS "leaderId", to_json(p.member_ids) AS "memberIds", to_json(p.expert_ids) AS "expertIds", to_json(p.substitute_ids) AS "substituteIds"
      FROM draw_pick p LEFT JOIN enterprise e ON e.id = p.enterprise_id
     WHERE p.draw_id = ANY(${[...drawIds]})
     ORDER BY p."order"`;
  const teams = await teamsOfPicks(prisma, rows, unknown);
  const byDraw = new Map<string, PickWithTeam[]>(drawIds.map((id) => [id, []]));
  rows.forEach((r, i) => {
    byDraw.get(r.drawId)!.push({ drawId: r.drawId, order: r.order, uscc: r.uscc, enterpriseName: r.enterpriseName, stratum: r.stratum, due: r.due, items: r.items, team: teams[i]! });
  });
  return drawIds.map((id) => byDraw.get(id)!);
}

import type { PrismaClient } from '@prisma/client';
import { sealedFromPublic } from './upper-level-seals.ts';
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
  /**
   * Drawn from the 一般不重合 reserve (the other level's picks this year) for a seat the rest of
   * the pool could not fill (§5c); false while a covert upper-level list of the draw is sealed.
   */
  readonly fromReserve: boolean;
  readonly team: TeamView;
}

interface PickRow extends TeamPick {
  readonly uscc: string;
  readonly enterpriseName: string | null;
  readonly stratum: string;
  readonly due: boolean;
  readonly items: string[];
  readonly fromReserve: boolean;
}

/**
 * The picks of many draws, each draw's in drawn order (aligned with `drawIds`), with names and
 * teams: one statement for the picks and their enterprises' names, then `teamsOfPicks`' reads,
 * however many draws there are. Whole lists rather than a relation loaded pick by pick, so a
 * dashboard page of hundreds of picks resolves each pick's name and team without a promise of
 * its own (a quarter less work for the GraphQL executor and the garbage collector: docs/performance.md).
 */
export async function picksOfDraws(prisma: PrismaClient, drawIds: readonly string[], unknown: (id: string) => PersonView = unknownPerson): Promise<PickWithTeam[][]> {
  // Each draw's picks as one JSON array, built by the database and read by JSON.parse: as rows,
  // every value of every pick is a field the driver decodes on its own (PGlite's protocol parser
  // copies each one; a text array is parsed character by character), 6 ms of a PGlite page
  // against 1 ms more for PostgreSQL to build the JSON (docs/performance.md, issue 6, session 8).
  const draws = await prisma.$queryRaw<{ drawId: string; picks: PickRow[] }[]>`
    SELECT x."drawId", json_agg(x ORDER BY x."order") AS picks
      FROM (SELECT p.draw_id AS "drawId", p."order", p.uscc, e.name AS "enterpriseName", p.stratum, p.due, p.items, p.from_reserve AS "fromReserve",
                   p.leader_id AS "leaderId", p.member_ids AS "memberIds", p.expert_ids AS "expertIds", p.substitute_ids AS "substituteIds"
              FROM draw_pick p LEFT JOIN enterprise e ON e.id = p.enterprise_id
             WHERE p.draw_id = ANY(${[...drawIds]})) x
     GROUP BY x."drawId"`;
  const picksOf = new Map(draws.map((d) => [d.drawId, d.picks]));
  // A reserve mark of a draw whose covert upper-level list is still sealed would say early which
  // enterprises that list holds (§9): withheld (false) until it opens, as the export withholds it.
  for (const d of draws) {
    if (d.picks.some((p) => p.fromReserve) && (await sealedFromPublic(prisma, d.drawId))) picksOf.set(d.drawId, d.picks.map((p) => ({ ...p, fromReserve: false })));
  }
  const perDraw = drawIds.map((id) => picksOf.get(id) ?? []);
  const teams = await teamsOfPicks(prisma, perDraw.flat(), unknown);
  let next = 0;
  return perDraw.map((picks) => picks.map(({ leaderId, memberIds, expertIds, substituteIds, ...pick }) => ({ ...pick, team: teams[next++]! })));
}

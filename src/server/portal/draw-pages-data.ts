import type { PrismaClient } from '@prisma/client';
import { Prisma } from '@prisma/client';
import { toIsoDate } from '../../core/directory/dates.ts';
import { sealedFromPublic } from '../draws/upper-level-seals.ts';
import { teamsOfPicks, type TeamPick } from '../draws/team-view.ts';
import { PUBLISHED_TASKS } from './portal-data.ts';

/** A published draw (抽查公告) without its picks: what a jurisdiction's page lists. */
export interface DrawSummary {
  readonly taskId: string;
  readonly drawId: string;
  readonly title: string;
  readonly covert: boolean;
  readonly status: string;
  readonly inspectionDate: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly announcedOn: string | null;
  readonly commitment: string;
  readonly seed: string | null;
  /** When the public learnt of it: the announcement, or the draw for a pack that announces nothing. */
  readonly publishedAt: Date;
  /** How many enterprises it drew. */
  readonly size: number;
}

export interface PublicPick {
  readonly order: number;
  readonly uscc: string;
  readonly name: string;
  readonly items: readonly string[];
  readonly team: readonly string[];
  /** 一般不重合 备选补抽 (§5c); false while a covert upper-level list of the draw is sealed. */
  readonly fromReserve: boolean;
}

const SUMMARY_SELECT = {
  id: true, title: true, covert: true, status: true, inspectionDate: true, windowStart: true, windowEnd: true, announcedOn: true,
  draw: { select: { id: true, commitment: true, seed: true, drawnAt: true, _count: { select: { picks: true } } } },
} satisfies Prisma.InspectionTaskSelect;

function toSummary(t: Prisma.InspectionTaskGetPayload<{ select: typeof SUMMARY_SELECT }>): DrawSummary {
  const d = t.draw!;
  return {
    taskId: t.id, drawId: d.id, title: t.title, covert: t.covert, status: t.status, inspectionDate: toIsoDate(t.inspectionDate), windowStart: toIsoDate(t.windowStart), windowEnd: toIsoDate(t.windowEnd),
    announcedOn: t.announcedOn ? toIsoDate(t.announcedOn) : null, commitment: d.commitment, seed: d.seed, publishedAt: t.announcedOn ?? d.drawnAt ?? new Date(0), size: d._count.picks,
  };
}

const publishedDrawsOf = (jurisdictionId: string): Prisma.InspectionTaskWhereInput => ({ AND: [PUBLISHED_TASKS, { jurisdictionId }, { draw: { status: 'DRAWN' } }] });

/** A page of a jurisdiction's published draws, newest inspection first, with their total. */
export async function drawSummaries(prisma: PrismaClient, jurisdictionId: string, page: { readonly skip: number; readonly take: number }): Promise<{ total: number; draws: DrawSummary[] }> {
  const where = publishedDrawsOf(jurisdictionId);
  const [total, tasks] = await Promise.all([
    prisma.inspectionTask.count({ where }),
    prisma.inspectionTask.findMany({ where, orderBy: [{ inspectionDate: 'desc' }, { id: 'asc' }], skip: page.skip, take: page.take, select: SUMMARY_SELECT }),
  ]);
  return { total, draws: tasks.map(toSummary) };
}

/** One published draw of a jurisdiction by its task, or undefined (not published, not drawn, not there). */
export async function publishedDraw(prisma: PrismaClient, jurisdictionId: string, taskId: string): Promise<DrawSummary | undefined> {
  const task = await prisma.inspectionTask.findFirst({ where: { AND: [publishedDrawsOf(jurisdictionId), { id: taskId }] }, select: SUMMARY_SELECT });
  return task ? toSummary(task) : undefined;
}

interface PickRow extends TeamPick {
  readonly uscc: string;
  readonly enterpriseName: string | null;
  readonly items: string[];
  readonly fromReserve: boolean;
}

/** The picks whose enterprise name holds `q` or whose USCC starts with it (all of them for none). */
function pickFilter(q: string | undefined): Prisma.Sql {
  const text = q?.trim();
  if (!text) return Prisma.empty;
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return Prisma.sql`AND (e.name LIKE ${`%${escaped}%`} OR p.uscc LIKE ${`${escaped.toUpperCase()}%`})`;
}

/**
 * One page of a published draw's picks in drawn order, with names and teams as they stand, and how
 * many picks match: a 10,000-pick draw is read 100 rows at a time, never whole. Call it only for
 * a draw `publishedDraw` or `drawSummaries` returned.
 */
export async function picksPage(prisma: PrismaClient, drawId: string, page: { readonly skip: number; readonly take: number; readonly q?: string }): Promise<{ total: number; picks: PublicPick[] }> {
  const filter = pickFilter(page.q);
  const [[count], rows, sealed] = await Promise.all([
    prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM draw_pick p LEFT JOIN enterprise e ON e.id = p.enterprise_id WHERE p.draw_id = ${drawId} ${filter}`,
    prisma.$queryRaw<PickRow[]>`
      SELECT p.draw_id AS "drawId", p."order", p.uscc, e.name AS "enterpriseName", p.items, p.from_reserve AS "fromReserve",
             p.leader_id AS "leaderId", p.member_ids AS "memberIds", p.expert_ids AS "expertIds", p.substitute_ids AS "substituteIds"
        FROM draw_pick p LEFT JOIN enterprise e ON e.id = p.enterprise_id
       WHERE p.draw_id = ${drawId} ${filter}
       ORDER BY p."order" LIMIT ${page.take} OFFSET ${page.skip}`,
    // A reserve mark of a draw whose covert upper-level list is still sealed would say early which
    // enterprises that list holds (§9): withheld until it opens, as the export withholds it.
    sealedFromPublic(prisma, drawId),
  ]);
  const teams = await teamsOfPicks(prisma, rows, (id) => ({ id, name: '（名录中无此人）', unit: '', kind: 'INSPECTOR', homeCode: '', homeName: '' }));
  return {
    total: count?.n ?? 0,
    picks: rows.map((p, i) => {
      const { leader, members, experts } = teams[i]!;
      return {
        order: p.order, uscc: p.uscc, name: p.enterpriseName || p.uscc, items: p.items, fromReserve: sealed ? false : p.fromReserve,
        team: [`${leader.name}（组长）`, ...members.filter((m) => m.id !== leader.id).map((m) => m.name), ...experts.map((e) => `${e.name}（专家）`)],
      };
    }),
  };
}

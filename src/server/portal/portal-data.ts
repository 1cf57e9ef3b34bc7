import { toIsoDate } from '../../core/directory/dates.ts';
import type { Prisma, PrismaClient } from '@prisma/client';
import { categoryLabel } from '../results/draw-rules.ts';
import type { Handling, HazardFinding } from '../../core/results/types.ts';
import { likeLiteral } from '../db/like-pattern.ts';

/**
 * What the public portal shows (一公开): draws of non-covert tasks once announced (or under
 * inspection where a pack announces nothing), of covert ones once the inspection is over; and
 * published results of those tasks. Never an ID number, a phone or a legal representative.
 */
export const PUBLISHED_TASKS: Prisma.InspectionTaskWhereInput = {
  OR: [{ covert: false, status: { in: ['ANNOUNCED', 'INSPECTING', 'CLOSED'] } }, { covert: true, status: 'CLOSED' }],
};
export const PUBLISHED_RESULTS: Prisma.InspectionResultWhereInput = { status: 'PUBLISHED', task: PUBLISHED_TASKS };

export interface PublicResult {
  readonly id: string;
  readonly jurisdiction: { readonly code: string; readonly name: string };
  readonly taskTitle: string;
  readonly uscc: string;
  readonly enterpriseName: string;
  readonly version: number;
  readonly supersedesId: string | null;
  readonly correctedById: string | null;
  readonly category: string;
  readonly categoryLabel: string;
  readonly inspectedOn: string;
  readonly hazards: readonly HazardFinding[];
  readonly handling: Handling;
  readonly summary: string;
  readonly correctionReason: string | null;
  readonly publishedAt: Date;
  readonly contentHash: string;
}

const RESULT_SELECT = {
  id: true, uscc: true, enterpriseName: true, version: true, supersedesId: true, correctedBy: { select: { id: true, status: true } }, category: true, drawId: true, inspectedOn: true,
  hazards: true, handling: true, summary: true, correctionReason: true, publishedAt: true, contentHash: true,
  jurisdiction: { select: { code: true, name: true } }, task: { select: { title: true } },
} satisfies Prisma.InspectionResultSelect;

async function toPublic(prisma: PrismaClient, rows: Prisma.InspectionResultGetPayload<{ select: typeof RESULT_SELECT }>[]): Promise<PublicResult[]> {
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id, jurisdiction: r.jurisdiction, taskTitle: r.task.title, uscc: r.uscc, enterpriseName: r.enterpriseName, version: r.version, supersedesId: r.supersedesId,
      correctedById: r.correctedBy?.status === 'PUBLISHED' ? r.correctedBy.id : null,
      category: r.category, categoryLabel: await categoryLabel(prisma, r.drawId, r.category), inspectedOn: toIsoDate(r.inspectedOn),
      hazards: r.hazards as unknown as HazardFinding[], handling: r.handling as unknown as Handling, summary: r.summary, correctionReason: r.correctionReason, publishedAt: r.publishedAt!, contentHash: r.contentHash,
    })),
  );
}

/** Search by enterprise name (any part) or USCC (its start). */
export function matching(q: string | undefined): Prisma.InspectionResultWhereInput {
  const text = q?.trim();
  return text ? { OR: [{ enterpriseName: { contains: likeLiteral(text) } }, { uscc: { startsWith: likeLiteral(text.toUpperCase()) } }] } : {};
}

export async function publishedResults(prisma: PrismaClient, where: Prisma.InspectionResultWhereInput, take = 200, skip = 0): Promise<PublicResult[]> {
  const rows = await prisma.inspectionResult.findMany({ where: { AND: [PUBLISHED_RESULTS, where] }, select: RESULT_SELECT, orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }], take, skip });
  return toPublic(prisma, rows);
}

/** How many published result versions match (for the portal's pages). */
export const countPublishedResults = (prisma: PrismaClient, where: Prisma.InspectionResultWhereInput) => prisma.inspectionResult.count({ where: { AND: [PUBLISHED_RESULTS, where] } });

/** A published result with every published version of it, oldest first. */
export async function resultWithVersions(prisma: PrismaClient, id: string): Promise<PublicResult[] | undefined> {
  const one = await prisma.inspectionResult.findFirst({ where: { AND: [PUBLISHED_RESULTS, { id }] }, select: { drawId: true, uscc: true } });
  if (!one) return undefined;
  const rows = await prisma.inspectionResult.findMany({ where: { AND: [PUBLISHED_RESULTS, { drawId: one.drawId, uscc: one.uscc }] }, select: RESULT_SELECT, orderBy: { version: 'asc' } });
  return toPublic(prisma, rows);
}


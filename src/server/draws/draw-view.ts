import type { Services } from '../tasks/services.ts';
import { PromiseCache } from '../cache/promise-cache.ts';
import { picksOfDraws, type PickWithTeam } from './picks-of-draws.ts';
import type { TeamView } from './team-view.ts';

/** A pick as a live draw reveals it: the team without its substitutes. */
export type PickView = Omit<PickWithTeam, 'drawId' | 'team'> & Pick<TeamView, 'leader' | 'members' | 'experts'>;

/** What a live draw shows of a locked draw. */
export interface LockedView {
  readonly drawId: string;
  readonly status: 'LOCKED' | 'DRAWN';
  readonly taskTitle: string;
  readonly size: number;
  readonly inspectionDate: Date;
  readonly commitment: string;
  readonly beacon: string | null;
  readonly snapshotHash: string;
  readonly packKey: string;
  readonly candidates: number;
  readonly pacingMs: number;
  readonly lockedAt: Date;
  /** Set when the task was cancelled before its draw: the draw will never be held. */
  readonly cancelled: { readonly at: Date; readonly reason: string } | null;
}

/** …and of a held one: the revealed secret, the seed, the entropy and the picks with their teams. */
export interface HeldView {
  readonly secret: string;
  readonly seed: string;
  readonly drawnAt: Date;
  readonly pacingMs: number;
  readonly entropy: readonly { readonly seq: number; readonly value: string; readonly contributor: string; readonly receivedAt: Date }[];
  readonly picks: readonly PickView[];
}

/** The state of a draw for the live page, read with narrow queries (a draw row holds its whole snapshot). */
export async function lockedView(s: Services, drawId: string): Promise<LockedView | undefined> {
  const [row] = await s.prisma.$queryRaw<
    { id: string; status: 'LOCKED' | 'DRAWN'; title: string; size: number; inspection_date: Date; commitment: string; beacon: string | null; snapshot_hash: string; pack_key: string; candidates: number; pacing_ms: number; locked_at: Date; cancelled_at: Date | null; cancellation_reason: string | null }[]
  >`SELECT d.id, d.status::text AS status, t.title, t.size, t.inspection_date, d.commitment, d.beacon, d.snapshot_hash, d.pack->>'key' AS pack_key,
       jsonb_array_length(d.snapshot->'enterprises')::int AS candidates, d.pacing_ms, d.locked_at, t.cancelled_at, t.cancellation_reason
     FROM draw d JOIN inspection_task t ON t.id = d.task_id WHERE d.id = ${drawId}`;
  if (!row) return undefined;
  return {
    drawId: row.id, status: row.status, taskTitle: row.title, size: row.size, inspectionDate: row.inspection_date, commitment: row.commitment, beacon: row.beacon,
    snapshotHash: row.snapshot_hash, packKey: row.pack_key, candidates: row.candidates, pacingMs: row.pacing_ms, lockedAt: row.locked_at,
    cancelled: row.cancelled_at ? { at: row.cancelled_at, reason: row.cancellation_reason ?? '' } : null,
  };
}

// Kept a minute, so a later replacement of an inspector shows in the teams of later viewers.
const held = new PromiseCache<string, HeldView>({ size: 200, ttlMs: 60_000 });

/**
 * A held draw as every viewer on this instance sees it, read once and shared: a thousand viewers
 * of one draw cost one set of queries, not a thousand.
 */
export function heldView(s: Services, drawId: string): Promise<HeldView | undefined> {
  return held.get(drawId, () => readHeldView(s, drawId));
}

async function readHeldView(s: Services, drawId: string): Promise<HeldView | undefined> {
  const draw = await s.prisma.draw.findUnique({ where: { id: drawId }, select: { status: true, secret: true, seed: true, drawnAt: true, pacingMs: true } });
  if (!draw || draw.status !== 'DRAWN' || !draw.secret || !draw.seed || !draw.drawnAt) return undefined;
  const [entropy, [picks]] = await Promise.all([
    s.prisma.entropyContribution.findMany({ where: { drawId }, orderBy: { seq: 'asc' }, select: { seq: true, value: true, contributor: true, receivedAt: true } }),
    picksOfDraws(s.prisma, [drawId]),
  ]);
  return {
    secret: draw.secret,
    seed: draw.seed,
    drawnAt: draw.drawnAt,
    pacingMs: draw.pacingMs,
    entropy,
    picks: picks!.map(({ order, uscc, enterpriseName, stratum, due, items, fromReserve, team: { leader, members, experts } }) => ({ order, uscc, enterpriseName, stratum, due, items, fromReserve, leader, members, experts })),
  };
}

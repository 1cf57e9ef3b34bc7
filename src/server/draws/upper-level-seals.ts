import { createHmac } from 'node:crypto';
import type { Prisma, PrismaClient } from '@prisma/client';
import type { DrawSnapshot, SealOpening, UpperLevelSeal } from '../../core/draw/types.ts';
import { canonicalSealList, sealCommitment, sealsOf } from '../../core/draw/upper-level-seal.ts';
import { publicCanSee, type TaskState } from '../../core/tasks/lifecycle.ts';
import { isMemberOf, type Viewer } from '../auth/viewer.ts';
import { NODE_DRAW_PORTS } from '../draw-ports.ts';
import { PromiseCache } from '../cache/promise-cache.ts';

type Db = Prisma.TransactionClient | PrismaClient;

/**
 * The salt of the seal a task puts on an upper-level draw's picks: HMAC-SHA256 keyed with that
 * draw's revealed secret, over the task's id. Only who may know the upper draw's secret (its own
 * members until its covert task closes, everyone after) can open the seal, and nothing needs
 * storing: the picks, the secret and the snapshot never change. Verifiers never recompute it;
 * they check the opened list and salt against the commitment.
 */
export function sealSalt(upperSecret: string, taskId: string): string {
  return createHmac('sha256', Buffer.from(upperSecret, 'hex')).update(`double-random/upper-level-seal/v1\n${taskId}`).digest('hex');
}

const opening = (secret: string, taskId: string, picks: Iterable<string>): SealOpening => {
  const salt = sealSalt(secret, taskId);
  const uscc = canonicalSealList(picks);
  return { commitment: sealCommitment(salt, uscc, NODE_DRAW_PORTS), salt, uscc };
};

export interface UpperLevelEntries {
  /** Picks of the level above already public (§9): in the clear. */
  readonly upperLevelDrawn: readonly string[];
  /** One seal per upper-level draw whose covert task is still open and that drew in this directory. */
  readonly upperLevelSealed: readonly UpperLevelSeal[];
  /** The seals opened, for the server's own trial run at the lock (never published from here). */
  readonly openings: readonly SealOpening[];
  /** The inspection date of each public pick (the latest): covered when the other level inspected it (§5c). */
  readonly inspected?: ReadonlyMap<string, string>;
}

/**
 * The picks of the level above this year, as far as they concern this directory: only USCCs in
 * it (the others are none of its business), public picks in the clear, the picks of each covert
 * task not yet closed under a seal of its own.
 */
export async function upperLevelEntries(db: Db, parentId: string, year: number, directory: ReadonlySet<string>, taskId: string): Promise<UpperLevelEntries> {
  const from = new Date(Date.UTC(year, 0, 1));
  const to = new Date(Date.UTC(year + 1, 0, 1));
  const [parent, draws] = await Promise.all([
    db.jurisdiction.findUniqueOrThrow({ where: { id: parentId }, select: { code: true, level: true } }),
    db.draw.findMany({
      where: { jurisdictionId: parentId, status: 'DRAWN', task: { inspectionDate: { gte: from, lt: to } } },
      select: { id: true, secret: true, task: { select: { status: true, covert: true, inspectionDate: true } }, picks: { select: { uscc: true } } },
      orderBy: { id: 'asc' },
    }),
  ]);
  const upperLevelDrawn = new Set<string>();
  const upperLevelSealed: UpperLevelSeal[] = [];
  const openings: SealOpening[] = [];
  const inspected = new Map<string, string>();
  for (const d of draws) {
    const mine = d.picks.map((p) => p.uscc).filter((u) => directory.has(u));
    if (mine.length === 0) continue;
    if (publicCanSee({ status: d.task.status as TaskState, covert: d.task.covert })) {
      const date = d.task.inspectionDate.toISOString().slice(0, 10);
      for (const u of mine) {
        upperLevelDrawn.add(u);
        if ((inspected.get(u) ?? '') < date) inspected.set(u, date);
      }
      continue;
    }
    const o = opening(d.secret!, taskId, mine);
    openings.push(o);
    upperLevelSealed.push({ commitment: o.commitment, draw: d.id, jurisdiction: parent.code, level: parent.level });
  }
  return { upperLevelDrawn: canonicalSealList(upperLevelDrawn), upperLevelSealed, openings, inspected };
}

/**
 * The openings of a held or locked draw's seals that `who` may see: the server (drawing) all of
 * them; anyone those whose covert task has closed; members of the upper jurisdiction theirs at
 * once (the covert task is their own). Members of the drawing jurisdiction get no earlier look.
 * In the order of the snapshot's seals.
 */
export async function openingsFor(db: Db, draw: { readonly taskId: string; readonly snapshot: unknown }, who: Viewer | 'server'): Promise<SealOpening[]> {
  const snapshot = draw.snapshot as DrawSnapshot;
  const seals = sealsOf(snapshot);
  if (seals.length === 0) return [];
  const upper = await db.draw.findMany({
    where: { id: { in: seals.map((s) => s.draw) } },
    select: { id: true, jurisdictionId: true, secret: true, task: { select: { status: true, covert: true } }, picks: { select: { uscc: true } } },
  });
  const byId = new Map(upper.map((d) => [d.id, d]));
  let directory: Set<string> | undefined;
  const out: SealOpening[] = [];
  for (const seal of seals) {
    const d = byId.get(seal.draw);
    if (!d?.secret) throw new Error(`the upper-level draw ${seal.draw} of a seal is missing or not drawn`);
    const open = who === 'server' || publicCanSee({ status: d.task.status as TaskState, covert: d.task.covert }) || isMemberOf(who, d.jurisdictionId);
    if (!open) continue;
    directory ??= new Set(snapshot.enterprises.map((e) => e.uscc));
    const o = opening(d.secret, draw.taskId, d.picks.map((p) => p.uscc).filter((u) => directory!.has(u)));
    // Everything it is made of is frozen: a different commitment is a broken invariant, not a case.
    if (o.commitment !== seal.commitment) throw new Error(`the seal ${seal.commitment} does not re-open from draw ${seal.draw}`);
    out.push(o);
  }
  return out;
}

// A draw's seals are fixed at its lock: read once per draw (a province's snapshot is megabytes).
const sealsOfDraw = new PromiseCache<string, readonly UpperLevelSeal[]>({ size: 1000 });

/** A held draw's seals, read once (a province's snapshot is megabytes); undefined for no such draw. */
const sealsOfHeldDraw = (db: Db, drawId: string) =>
  sealsOfDraw.get(drawId, async () => {
    const [row] = await db.$queryRaw<{ seals: UpperLevelSeal[] | null }[]>`SELECT snapshot->'history'->'upperLevelSealed' AS seals FROM draw WHERE id = ${drawId}`;
    return row ? (row.seals ?? []) : undefined;
  });

/** The upper-level draws of these seals whose lists the public may open now (their covert task closed), sorted. */
async function publiclyOpenSealDraws(db: Db, seals: readonly UpperLevelSeal[]): Promise<string[]> {
  const tasks = await db.draw.findMany({ where: { id: { in: seals.map((s) => s.draw) } }, select: { id: true, task: { select: { status: true, covert: true } } } });
  return tasks.filter((d) => publicCanSee({ status: d.task.status as TaskState, covert: d.task.covert })).map((d) => d.id).sort();
}

/**
 * Which of a draw's seals the public can open now, as a cache key: a held draw's verification
 * changes only when one of its seals opens. Empty for a draw without seals.
 */
export async function publicOpenState(db: Db, drawId: string): Promise<string> {
  const seals = await sealsOfHeldDraw(db, drawId);
  if (!seals || seals.length === 0) return '';
  return (await publiclyOpenSealDraws(db, seals)).join(',');
}

/**
 * Whether a held draw still has a seal the public cannot open (its covert upper-level task not
 * closed): what would tell that list early — which picks came from the 一般不重合 reserve, the
 * avoided units — stays withheld until then, as the export withholds it (§9).
 */
export async function sealedFromPublic(db: Db, drawId: string): Promise<boolean> {
  const seals = await sealsOfHeldDraw(db, drawId);
  if (!seals || seals.length === 0) return false;
  return (await publiclyOpenSealDraws(db, seals)).length < new Set(seals.map((s) => s.draw)).size;
}

import type { EntropyContribution, Prisma, PrismaClient } from '@prisma/client';
import { err, ok, type Result } from '../../core/result.ts';
import type { TaskState } from '../../core/tasks/lifecycle.ts';
import { actorOf, type Viewer } from '../auth/viewer.ts';
import { canSeeTask } from '../auth/visibility.ts';
import { resultTransaction } from '../db/result-transaction.ts';
import type { Services } from '../tasks/services.ts';
import { problem, type TaskProblem } from '../tasks/task-problem.ts';

type Db = Prisma.TransactionClient | PrismaClient;

const entropyCount = async (db: Db, drawId: string) =>
  ((await db.$queryRaw<{ n: number }[]>`SELECT COALESCE(MAX(seq), 0)::int AS n FROM entropy_contribution WHERE draw_id = ${drawId}`)[0]?.n ?? 0);

/** Appends a value to a draw's public entropy, numbered after the last; call with the draw row locked. */
export async function appendEntropy(tx: Prisma.TransactionClient, drawId: string, value: string, contributor: string): Promise<EntropyContribution> {
  return tx.entropyContribution.create({ data: { drawId, seq: (await entropyCount(tx, drawId)) + 1, value, contributor } });
}

/** A draw's public entropy in the order received: what its seed mixes in. */
export async function entropyValues(db: Db, drawId: string): Promise<string[]> {
  return (await db.entropyContribution.findMany({ where: { drawId }, orderBy: { seq: 'asc' }, select: { value: true } })).map((e) => e.value);
}

/** Limits that keep the public entropy list readable and the seed input bounded. */
export const ENTROPY_LIMITS = { maxLength: 200, maxContributions: 1000 } as const;

/** The name a contribution is listed under: the one given, the token's actor, or 公众 (the public). */
export function contributorName(viewer: Viewer, given: string | null | undefined): string {
  return given?.trim().slice(0, 60) || (viewer.kind === 'token' ? actorOf(viewer) : '公众');
}

/**
 * Who a contribution counts against for the per-contributor quota: a token whatever name it
 * gives, else the name given; null for the unnamed public, counted by address only.
 */
export function contributorKey(viewer: Viewer, given: string | null | undefined): string | null {
  if (viewer.kind === 'token') return `token:${viewer.tokenId}`;
  const name = given?.trim().slice(0, 60);
  return name ? `name:${name}` : null;
}

/**
 * An observer's contribution to a locked draw's public entropy (anyone may add to a non-covert
 * draw; a covert one only members of its jurisdiction). Contributions are kept in the order they
 * arrive and become part of the seed; none can be withdrawn.
 */
export async function contributeEntropy(s: Services, viewer: Viewer, request: { drawId: string; value: string; contributor?: string | null | undefined }): Promise<Result<EntropyContribution, TaskProblem>> {
  const value = request.value.normalize('NFC').trim();
  if (!value) return err(problem('INVALID', '请填写熵值：任意文字或数字 (a contribution is a non-empty text (any words or digits you choose))', { field: 'value' }));
  if ([...value].length > ENTROPY_LIMITS.maxLength) return err(problem('INVALID', `熵值至多 ${ENTROPY_LIMITS.maxLength} 个字符 (a contribution is at most ${ENTROPY_LIMITS.maxLength} characters)`, { field: 'value' }));
  const contributor = contributorName(viewer, request.contributor);
  const result = await resultTransaction(
    s.prisma,
    async (tx): Promise<Result<EntropyContribution, TaskProblem>> => {
    // The row lock orders contributions and the draw: entropy closes the moment the draw starts.
    const [draw] = await tx.$queryRaw<{ id: string; status: string; jurisdictionId: string; taskStatus: TaskState; covert: boolean; cancelledFrom: TaskState | null }[]>`
      SELECT d.id, d.status::text AS status, d.jurisdiction_id AS "jurisdictionId", t.status::text AS "taskStatus", t.covert, t.cancelled_from::text AS "cancelledFrom"
      FROM draw d JOIN inspection_task t ON t.id = d.task_id WHERE d.id = ${request.drawId} FOR UPDATE OF d`;
    if (!draw || !canSeeTask(viewer, { jurisdictionId: draw.jurisdictionId, status: draw.taskStatus, covert: draw.covert, cancelledFrom: draw.cancelledFrom })) return err(problem('NOT_FOUND', '没有这个编号的抽取 (No draw has this id)'));
    if (draw.status !== 'LOCKED') return err(problem('ENTROPY_CLOSED', '抽取已进行，不再接收熵值 (the draw has been held; its entropy is closed)'));
    if (draw.taskStatus === 'CANCELLED') return err(problem('ENTROPY_CLOSED', '任务已取消，不再接受公众随机数（the task was cancelled; its entropy is closed）'));
    if ((await entropyCount(tx, draw.id)) >= ENTROPY_LIMITS.maxContributions) return err(problem('ENTROPY_CLOSED', `本次抽取的熵值已达 ${ENTROPY_LIMITS.maxContributions} 条上限 (the draw already has ${ENTROPY_LIMITS.maxContributions} contributions)`));
    return ok(await appendEntropy(tx, draw.id, value, contributor));
  });
  if (result.ok) {
    const c = result.value;
    s.events.pubsub.publish('draw', request.drawId, { kind: 'ENTROPY', seq: c.seq, value: c.value, contributor: c.contributor, receivedAt: c.receivedAt.toISOString() });
  }
  return result;
}

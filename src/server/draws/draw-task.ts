import { chinaDateTime } from '../../core/calendar/china-date.ts';
import type { Draw, Prisma } from '@prisma/client';
import { canonicalJson } from '../../core/canonical-json.ts';
import { runDraw } from '../../core/draw/draw.ts';
import { toHex, utf8 } from '../../core/draw/ports.ts';
import { commitmentOf } from '../../core/draw/seed.ts';
import type { DrawSnapshot, DrawTask } from '../../core/draw/types.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { hooksForExport } from '../../rulepacks/registry.ts';
import { may, refusal } from '../auth/permissions.ts';
import { actorOf, type Viewer } from '../auth/viewer.ts';
import { canSeeTask } from '../auth/visibility.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { NODE_DRAW_PORTS } from '../draw-ports.ts';
import { resultTransaction } from '../db/result-transaction.ts';
import { announceTaskChange, type Services } from '../tasks/services.ts';
import { problem, type TaskProblem } from '../tasks/task-problem.ts';
import { appendEntropy, entropyValues } from './contribute-entropy.ts';
import type { StoredPack } from './draw-export.ts';
import { openingsFor } from './upper-level-seals.ts';

export interface DrawRequest {
  readonly drawId: string;
  /** The secret behind the commitment, when the draw officer brought their own. */
  readonly secret?: string | null | undefined;
  /** The value of the beacon named at lock time, now that it is known. */
  readonly beaconValue?: string | null | undefined;
  /** The same key returns the same draw instead of an error (a retried request). */
  readonly idempotencyKey?: string | null | undefined;
}

export interface DrawOutcome {
  readonly draw: Draw;
  /** False when an earlier request with the same idempotency key drew it. */
  readonly fresh: boolean;
}

/** Test fault injection: stop inside the transaction, after writing, before committing. */
const PAUSE_BEFORE_COMMIT = process.env.DOUBLE_RANDOM_FAULT === 'pause-before-draw-commit';

/**
 * Holds a locked draw: reveals the secret, closes the entropy, derives the seed, runs the draw
 * and writes the record, its picks, the task's new state and the audit entry in one transaction.
 * The draw row is locked first, so of two concurrent requests one draws and the other finds it
 * drawn (and gets the same draw back if it carries the same idempotency key).
 */
export async function drawTask(s: Services, viewer: Viewer, request: DrawRequest): Promise<Result<DrawOutcome, TaskProblem>> {
  const actor = actorOf(viewer);
  const result = await resultTransaction(
    s.prisma,
    
    async (tx): Promise<Result<DrawOutcome, TaskProblem>> => {
      const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM draw WHERE id = ${request.drawId} FOR UPDATE`;
      const draw = locked ? await tx.draw.findUnique({ where: { id: locked.id }, include: { task: true } }) : null;
      if (!draw || !canSeeTask(viewer, draw.task)) return err(problem('NOT_FOUND', '没有这个编号的抽取 (No draw has this id)'));
      if (!may(viewer, draw.jurisdictionId, 'draw')) return err(problem('FORBIDDEN', refusal(viewer, 'draw')));
      if (draw.status === 'DRAWN') {
        if (request.idempotencyKey && draw.idempotencyKey === request.idempotencyKey) return ok({ draw, fresh: false });
        return err(problem('ALREADY_DRAWN', `本任务已于 ${draw.drawnAt ? chinaDateTime(draw.drawnAt) : ''} 由 ${draw.drawnBy} 抽取，一个任务只抽取一次 (a task is drawn once)`));
      }
      if (draw.task.status !== 'LOCKED') return err(problem('BAD_STATE', `任务已取消（${draw.task.cancellationReason ?? ''}），不再抽取（the task was cancelled; it is not drawn）`));

      const secret = (request.secret?.trim().toLowerCase() || draw.heldSecret) ?? undefined;
      if (!secret) return err(problem('SECRET_REQUIRED', '本次抽取锁定时使用了您自己的承诺值：请输入其密钥（64 位十六进制） (reveal its secret, 64 hex digits)', { field: 'secret' }));
      let matches = false;
      try {
        matches = commitmentOf(secret, NODE_DRAW_PORTS) === draw.commitment;
      } catch {
        matches = false;
      }
      if (!matches) return err(problem('COMMITMENT_MISMATCH', '密钥的哈希与公布的承诺值不符 (the secret does not hash to the published commitment)', { field: 'secret' }));

      if (draw.beacon) {
        const value = request.beaconValue?.trim();
        if (!value) return err(problem('BEACON_REQUIRED', `锁定时指定了公共随机源（${draw.beacon}），请输入其数值 (enter the beacon's value)`, { field: 'beaconValue' }));
        await appendEntropy(tx, draw.id, `beacon:${value}`, 'beacon');
      }
      const entropy = await entropyValues(tx, draw.id);

      const pack = draw.pack as unknown as StoredPack;
      const hooks = hooksForExport(s.packs, pack);
      if (Object.keys(pack.hooks).length > 0 && !hooks) return err(problem('PACK_CHANGED', `锁定时所用的规则包 ${pack.key}（内容哈希 ${pack.contentHash.slice(0, 12)}…）已不再加载，抽取需要它的钩子 (the pack is no longer loaded)`));
      const seed = { secret, commitment: draw.commitment, entropy };
      // The server opens every seal of its own snapshot: the pool needs the upper level's picks (§9).
      const openings = await openingsFor(tx, draw, 'server');
      const run = runDraw(
        // The snapshot as locked, with the hash published then (not hashed again: a province takes a second).
        { snapshot: draw.snapshot as unknown as DrawSnapshot, lockedSnapshotHash: draw.snapshotHash, task: draw.drawTask as unknown as DrawTask, pack: { key: pack.key, contentHash: pack.contentHash, rules: pack.rules }, ...(hooks ? { hooks } : {}), seed, ...(openings.length > 0 ? { openings } : {}) },
        NODE_DRAW_PORTS,
      );
      if (!run.ok) return err(problem('SHORTFALL', run.error.map((f) => f.message).join('; '), { shortfalls: run.error }));
      const record = run.value;

      const drawnAt = new Date();
      const updated = await tx.draw.update({
        where: { id: draw.id },
        data: { status: 'DRAWN', secret, seed: record.seed, record: record as unknown as Prisma.InputJsonObject, drawnAt, drawnBy: actor, idempotencyKey: request.idempotencyKey ?? null },
      });
      const enterprises = await tx.enterprise.findMany({ where: { jurisdictionId: draw.jurisdictionId, uscc: { in: record.picks.map((p) => p.uscc) } }, select: { id: true, uscc: true } });
      const idOf = new Map(enterprises.map((e) => [e.uscc, e.id]));
      await tx.drawPick.createMany({
        data: record.picks.map((p) => ({
          drawId: draw.id, order: p.order, jurisdictionId: draw.jurisdictionId, enterpriseId: idOf.get(p.uscc) ?? null, uscc: p.uscc, stratum: p.stratum, due: p.due,
          items: [...p.items], leaderId: p.team.leader, memberIds: [...p.team.members], expertIds: [...p.team.experts], substituteIds: [...p.team.substitutes],
          fromReserve: p.reserve === true, // 一般不重合 备选补抽 (§5c)
        })),
      });
      await tx.inspectionTask.update({ where: { id: draw.taskId }, data: { status: 'DRAWN' } });
      await appendAudit(tx, {
        jurisdictionId: draw.jurisdictionId, actor, action: 'task.drawn', subjectType: 'InspectionTask', subjectId: draw.taskId,
        payload: { drawId: draw.id, secret, entropy, seed: record.seed, picks: record.picks.length, recordHash: toHex(NODE_DRAW_PORTS.sha256(utf8(canonicalJson(record)))) },
      }, drawnAt);
      if (PAUSE_BEFORE_COMMIT) {
        process.stdout.write(`paused before commit of draw ${draw.id}\n`);
        await new Promise(() => {});
      }
      return ok({ draw: updated, fresh: true });
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  if (result.ok && result.value.fresh) {
    const { draw } = result.value;
    announceTaskChange(s, draw.jurisdictionId, { id: draw.taskId, status: 'DRAWN', covert: (draw.drawTask as unknown as DrawTask).covert }, 'task.drawn');
    s.events.pubsub.publish('draw', draw.id, { kind: 'DRAWN' });
  }
  return result;
}

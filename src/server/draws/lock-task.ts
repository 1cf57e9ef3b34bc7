import { TASK_STATE_LABELS } from '../../core/tasks/lifecycle.ts';
import { randomBytes } from 'node:crypto';
import type { Draw, Prisma } from '@prisma/client';
import { runDraw } from '../../core/draw/draw.ts';
import { commitmentOf } from '../../core/draw/seed.ts';
import { canonicalSnapshot } from '../../core/draw/canonical-snapshot.ts';
import { sizeRequiredByRatios } from '../../core/draw/ratios.ts';
import { openedHistory } from '../../core/draw/upper-level-seal.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { packKey } from '../../rulepacks/registry.ts';
import { actorOf, type Viewer } from '../auth/viewer.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { NODE_DRAW_PORTS } from '../draw-ports.ts';
import { activePack } from '../tasks/active-rules.ts';
import { resultTransaction } from '../db/result-transaction.ts';
import { announceTaskChange, type Services } from '../tasks/services.ts';
import { problem, type TaskProblem } from '../tasks/task-problem.ts';
import { taskFor } from '../tasks/tasks.ts';
import { drawTaskOf } from './draw-task-of.ts';
import { snapshotFromDirectory } from './snapshot-from-directory.ts';
import { itemRatioShortfalls, type RatioItem } from '../../core/checklist/item-ratios.ts';
import type { EnterpriseFacts } from '../../core/rules/facts.ts';
import type { DrawRecord } from '../../core/draw/types.ts';
import { itemValues } from '../../core/checklist/pack-items.ts';
import type { Rules } from '../../core/rules/schema.ts';

export interface LockRequest {
  readonly taskId: string;
  /** SHA-256 (hex) of a secret the draw officer keeps; when absent the server makes and keeps one. */
  readonly commitment?: string | null | undefined;
  /** The public source, named now, whose future value joins the entropy at the draw. */
  readonly beacon?: string | null | undefined;
  /** Pause between picks on the live page, in ms. */
  readonly pacingMs?: number | null | undefined;
}

const HEX64 = /^[0-9a-f]{64}$/;
/** A secret only for the trial run at lock time: it shows whether the draw can succeed at all. */
const TRIAL_SECRET = '00'.repeat(32);

/**
 * Locks a draft task: freezes its pool snapshot and the pack, publishes the commitment, and opens
 * the draw for public entropy. Refused when the pool or the teams cannot satisfy the pack, so a
 * commitment is never published for a draw that could only fail.
 */
export async function lockTask(s: Services, viewer: Viewer, request: LockRequest): Promise<Result<Draw, TaskProblem>> {
  const found = await taskFor(s, viewer, request.taskId, 'draw');
  if (!found.ok) return found;
  const task = found.value;
  if (task.status !== 'DRAFT') return err(problem('BAD_STATE', `任务已处于 ${TASK_STATE_LABELS[task.status] ?? task.status} 状态 (the task is already ${task.status})`));
  const pack = await activePack(s, task.jurisdictionId);
  if (!pack) return err(problem('NO_RULE_PACK', '本辖区尚未启用规则包，请先选定规则包 (switchRulePack)'));
  const minSize = pack.rules.inspectorDirectory?.minSize;
  if (minSize !== undefined) {
    const active = await s.prisma.inspector.count({ where: { jurisdictionId: task.jurisdictionId, active: true } });
    if (active < minSize) return err(problem('RULE', `执法检查人员名录库在册 ${active} 人，少于规则包要求的 ${minSize} 人：请先补充名录再抽取 (the inspector directory is smaller than the pack requires)`, { cite: pack.rules.inspectorDirectory!.cite }));
  }
  const commitment = request.commitment?.trim().toLowerCase();
  if (commitment !== undefined && !HEX64.test(commitment)) return err(problem('INVALID', '承诺值是您密钥的 SHA-256：64 位十六进制 (the commitment is the SHA-256 of your secret)', { field: 'commitment' }));
  const pacingMs = request.pacingMs ?? s.drawPacingMs;
  if (!Number.isInteger(pacingMs) || pacingMs < 0 || pacingMs > 60_000) return err(problem('INVALID', `揭示间隔应为 0–60000 毫秒，收到 ${pacingMs} (pacingMs must be 0–60000)`, { field: 'pacingMs' }));
  const beacon = request.beacon?.trim() || null;

  // 抽取数量 0: the size follows from the pack's per-stratum ratios (docs/draw-algorithm.md §6a).
  if (task.size === 0 && !pack.rules.strata?.ratios?.length) return err(problem('INVALID', '规则包没有分层比例，抽取数量须为 1 以上的整数 (size 0 follows from per-stratum ratios; this pack has none)', { field: 'size' }));
  let drawTask = drawTaskOf(task);
  const actor = actorOf(viewer);
  const result = await resultTransaction(
    s.prisma,
    
    async (tx): Promise<Result<Draw, TaskProblem>> => {
      const frozen = await snapshotFromDirectory(tx, task.jurisdictionId, { year: drawTask.year, checklistCodes: task.checklistCodes, taskId: task.id, upperLevel: pack.rules.exclusions?.upperLevelDrawnThisYear !== undefined, lowerLevel: pack.rules.exclusions?.lowerLevelDrawnThisYear !== undefined, ...(pack.rules.team?.rotation ? { rotationMax: pack.rules.team.rotation.maxConsecutiveDraws } : {}), inspectionDate: task.inspectionDate });
      const snapshot = canonicalSnapshot(frozen.snapshot);
      let sizeFromRatios: number | undefined;
      if (task.size === 0) {
        const opened = new Map(frozen.openings.map((o) => [o.commitment, o]));
        sizeFromRatios = sizeRequiredByRatios(pack.rules, pack.hooks, { enterprises: snapshot.enterprises, task: drawTask, history: openedHistory(snapshot.history, opened) });
        if (!sizeFromRatios) return err(problem('RULE', `按分层比例（${pack.rules.strata!.cite.clause}）本任务抽取 0 家企业，无可抽取 (the ratios require no enterprise)`, { cite: pack.rules.strata!.cite }));
        // The size drawn is the one hashed (§2): written to the task before the trial and the lock.
        await tx.inspectionTask.update({ where: { id: task.id }, data: { size: sizeFromRatios } });
        drawTask = { ...drawTask, size: sizeFromRatios };
      }
      const drawPack = { key: packKey(pack), contentHash: pack.contentHash, rules: pack.rules };
      const trial = runDraw({ snapshot, task: drawTask, pack: drawPack, hooks: pack.hooks, openings: frozen.openings, seed: { secret: TRIAL_SECRET, commitment: commitmentOf(TRIAL_SECRET, NODE_DRAW_PORTS), entropy: [] } }, NODE_DRAW_PORTS);
      // A task the ratios refuse names their clause (the size they require is in the shortfall's `needed`).
      const ratiosCite = trial.ok ? undefined : trial.error.some((f) => f.code === 'RATIOS_SIZE') ? pack.rules.strata?.cite : undefined;
      if (!trial.ok) return err(problem('SHORTFALL', `按任务现状无法抽取：${trial.error.map((f) => f.message).join('；')} (the draw cannot be held as the task stands)`, { shortfalls: trial.error, ...(ratiosCite ? { cite: ratiosCite } : {}) }));
      const short = await itemRatioProblem(tx, task.jurisdictionId, task.checklistCodes, snapshot.enterprises, trial.value, pack.rules);
      if (short) return err(short);

      const heldSecret = commitment ? null : randomBytes(32).toString('hex');
      const published = commitment ?? commitmentOf(heldSecret!, NODE_DRAW_PORTS);
      // The trial hashed the snapshot and the task as the draw will: published now, before any secret is revealed.
      const hashes = { snapshotHash: trial.value.snapshotHash, taskHash: trial.value.taskHash };
      const moved = await tx.inspectionTask.updateMany({ where: { id: task.id, status: 'DRAFT' }, data: { status: 'LOCKED' } });
      if (moved.count !== 1) return err(problem('BAD_STATE', '任务已被他人锁定，请刷新 (the task was locked meanwhile)'));
      const draw = await tx.draw.create({
        data: {
          jurisdictionId: task.jurisdictionId,
          taskId: task.id,
          pack: { key: drawPack.key, contentHash: pack.contentHash, meta: pack.meta, rules: pack.rules, hooks: pack.hookSources } as unknown as Prisma.InputJsonObject,
          drawTask: drawTask as unknown as Prisma.InputJsonObject,
          snapshot: snapshot as unknown as Prisma.InputJsonObject,
          snapshotHash: hashes.snapshotHash,
          commitment: published,
          heldSecret,
          beacon,
          pacingMs,
          lockedBy: actor,
        },
      });
      await appendAudit(tx, {
        jurisdictionId: task.jurisdictionId, actor, action: 'task.locked', subjectType: 'InspectionTask', subjectId: task.id,
        payload: { drawId: draw.id, commitment: published, secretHeldBy: heldSecret ? 'server' : 'officer', beacon, packKey: drawPack.key, packHash: pack.contentHash, ...hashes, candidates: snapshot.enterprises.length, ...(sizeFromRatios !== undefined ? { sizeFromRatios } : {}) },
      });
      return ok(draw);
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  if (result.ok) {
    announceTaskChange(s, task.jurisdictionId, { ...task, status: 'LOCKED' }, 'task.locked');
    s.events.pubsub.publish('draw', result.value.id, { kind: 'LOCKED' });
  }
  return result;
}

/**
 * 抽查比例 of the items the task is drawn for (issue 20, item 2): each named item, and its
 * sub-items, with a ratio needs ceil(ratio × its objects in the pool) enterprises drawn. The pool
 * is the snapshot less the trial's exclusions (both follow from the snapshot alone); the count
 * drawn is the trial's, which the draw keeps. The clause is the checklist's own 抽查比例.
 */
async function itemRatioProblem(tx: Prisma.TransactionClient, jurisdictionId: string, codes: readonly string[], enterprises: readonly EnterpriseFacts[], trial: DrawRecord, rules: Rules): Promise<TaskProblem | null> {
  if (codes.length === 0) return null;
  const rows = await tx.$queryRaw<{ code: string; name: string; inspection_object: string | null; ratio_percent: string | null; ratio_text: string | null; sectors: string[] | null }[]>`
    WITH RECURSIVE named AS (
      SELECT id FROM checklist_item WHERE jurisdiction_id = ${jurisdictionId} AND active AND code = ANY(${[...codes]}::text[])
      UNION SELECT c.id FROM checklist_item c JOIN named n ON c.parent_id = n.id WHERE c.active)
    SELECT c.code, c.name, c.inspection_object, c.ratio_percent::text, c.ratio_text, c.sectors FROM checklist_item c JOIN named USING (id) ORDER BY c.code`;
  // The pack's ratio for an item it names overrides the checklist's (rules.checklist.items).
  const values = rows.map((r) => ({ row: r, v: itemValues({ code: r.code, name: r.name, inspectionObject: r.inspection_object, ratioText: r.ratio_text, ratioPercent: r.ratio_percent === null ? null : Number(r.ratio_percent), frequencyText: null, frequencyPeriod: null }, rules) }))
    .filter((x) => x.v.ratioPercent !== null);
  if (values.length === 0) return null;
  const excluded = new Set(trial.excluded.map((e) => e.uscc));
  const pool = enterprises.filter((e) => !excluded.has(e.uscc)).map((e) => e.sector);
  const items: RatioItem[] = values.map(({ row, v }) => ({ code: row.code, name: row.name, ratioPercent: v.ratioPercent!, ratioText: v.ratioText ?? '', sectors: row.sectors ?? [] }));
  const short = itemRatioShortfalls(items, pool, trial.picks.length);
  if (short.length === 0) return null;
  const reasons = short.map((s) => `抽查事项「${s.name}」（${s.code}）抽查比例“${s.ratioText}”：抽查对象 ${s.objects} 家，至少应抽 ${s.needed} 家，本任务只抽 ${s.drawn} 家`);
  // The clause: the pack's where its rule set the first short item's ratio, else the checklist's own.
  const packCite = values.find((x) => x.row.code === short[0]!.code)!.v.ratioCite;
  return problem('RULE', `${reasons.join('；')}；请调大抽取数量 (the task draws fewer enterprises than the items' 抽查比例 require)`, { cite: packCite ?? { doc: 'checklist', clause: `抽查事项清单 ${short.map((s) => s.code).join('、')} 抽查比例` } });
}

import { toIsoDate } from '../../core/directory/dates.ts';
import type { InspectionResult, Prisma } from '@prisma/client';
import { consequencesOf, followUpConsequences, type Consequence, type EnterpriseStanding } from '../../core/results/consequences.ts';
import { rederive, type StandingChange, type StandingField } from '../../core/results/rederive-consequences.ts';
import type { Rules } from '../../core/rules/schema.ts';
import { changeStanding, recordReference, setActor, STANDING_SELECT, writeConsequences, type ConsequenceOrigin } from './apply-consequences.ts';
import { asDate, contentOf } from './result-content.ts';
import type { ResultContent } from '../../core/results/types.ts';

/** What a correction's publication did to the consequences of the version it replaced, for the audit trail. */
export interface CorrectionOutcome {
  readonly consequences: readonly Consequence[];
  readonly payload: Prisma.InputJsonObject;
}

export interface FollowUpRow { readonly id: string; readonly occurredOn: Date; readonly rectified: boolean | null }

/**
 * What one version's content and the follow-ups (复查) recorded on its result cause, judged on
 * `before`: the publication's consequences, then each follow-up's on the standing they leave.
 * Each follow-up's consequence is put in `origins` with its day and event.
 */
export function chainConsequences(rules: Rules, content: ResultContent, followUps: readonly FollowUpRow[], before: EnterpriseStanding, origins: Map<Consequence, ConsequenceOrigin>): Consequence[] {
  const out = consequencesOf(rules, content, before);
  let standing = out.some((c) => c.kind === 'BLACKLIST') ? { ...before, blacklisted: true } : before;
  for (const f of followUps) {
    for (const c of followUpConsequences(rules, { on: toIsoDate(f.occurredOn), rectified: f.rectified ?? false }, content, standing)) {
      origins.set(c, { on: toIsoDate(f.occurredOn), eventId: f.id });
      if (c.kind === 'BLACKLIST') standing = { ...standing, blacklisted: true };
      out.push(c);
    }
  }
  return out;
}

/**
 * 更正 (卧龙 第二十六条): the published correction re-derives the consequences of the versions
 * before it, in the publication's transaction. Its content, and the follow-ups recorded on the
 * result, are judged on the standing as it was before those versions changed it: what it causes
 * too stays; what it would not cause is undone (back to the value before) unless someone changed
 * the value since, which is left and said; records it no longer produces are withdrawn with the
 * day and the reason; a blacklisting it no longer supports is withdrawn; its own new consequences
 * apply from today.
 */
export async function correctConsequences(
  tx: Prisma.TransactionClient,
  row: InspectionResult,
  rules: Rules,
  actor: string,
  today: string,
): Promise<CorrectionOutcome> {
  if (!row.enterpriseId) return { consequences: [], payload: {} };
  const enterpriseId = row.enterpriseId;
  const chain = { drawId: row.drawId, uscc: row.uscc, id: { not: row.id } };
  const [enterprise, changes, records, followUps] = await Promise.all([
    tx.enterprise.findUniqueOrThrow({ where: { id: enterpriseId }, select: STANDING_SELECT }),
    tx.resultStandingChange.findMany({ where: { enterpriseId, ending: null, result: chain }, orderBy: [{ madeAt: 'asc' }, { id: 'asc' }], select: { id: true, field: true, fromValue: true, toValue: true, reason: true, blacklistingId: true } }),
    tx.enterpriseRecord.findMany({ where: { enterpriseId, withdrawnOn: null, reference: { startsWith: recordReference(row) } }, orderBy: { occurredOn: 'asc' } }),
    tx.resultEvent.findMany({ where: { kind: 'FOLLOW_UP', result: { drawId: row.drawId, uscc: row.uscc } }, orderBy: [{ occurredOn: 'asc' }, { createdAt: 'asc' }], select: { id: true, occurredOn: true, rectified: true } }),
  ]);
  const content = contentOf(row);
  const origins = new Map<Consequence, ConsequenceOrigin>();
  const derive = (before: EnterpriseStanding): Consequence[] => chainConsequences(rules, content, followUps, before, origins);
  const previous: StandingChange[] = changes.map((c) => ({ id: c.id, field: c.field as StandingField, from: c.fromValue, to: c.toValue, reason: c.reason }));
  const plan = rederive(previous, records.map((r) => ({ id: r.id, kind: r.kind, occurredOn: toIsoDate(r.occurredOn), description: r.description })), enterprise, derive);

  await setActor(tx, actor);
  const why = `第 ${row.version} 版更正后不再认定${row.correctionReason ? `（更正理由：${row.correctionReason}）` : ''}`;
  const blacklistingOf = new Map(changes.map((c) => [c.id, c.blacklistingId]));
  const end = async (ids: readonly string[], ending: 'UNDONE' | 'CHANGED_SINCE') => {
    if (ids.length) await tx.resultStandingChange.updateMany({ where: { id: { in: [...ids] }, ending: null }, data: { ending, endedAt: new Date(), endedByResultId: row.id } });
  };
  const left = plan.changedSince.filter((c) => !c.caused);
  await end(plan.undone.map((c) => c.id), 'UNDONE');
  await end(left.map((c) => c.id), 'CHANGED_SINCE');
  // A blacklisting the correction no longer supports is withdrawn, whether or not the flag is still set.
  const withdrawn = [...plan.undone, ...left].flatMap((c) => blacklistingOf.get(c.id) ?? []);
  if (withdrawn.length) await tx.enterpriseBlacklisting.updateMany({ where: { id: { in: withdrawn }, withdrawnOn: null }, data: { withdrawnOn: asDate(today), withdrawnReason: why, withdrawnByResultId: row.id } });
  if (plan.withdrawnRecords.length) await tx.enterpriseRecord.updateMany({ where: { id: { in: plan.withdrawnRecords.map((r) => r.id) } }, data: { withdrawnOn: asDate(today), withdrawnReason: why } });

  const change: Partial<Record<StandingField, boolean | string>> = {};
  for (const field of Object.keys(STANDING_SELECT) as StandingField[]) if (plan.standing[field] !== enterprise[field]) change[field] = plan.standing[field];
  const applied = await writeConsequences(tx, row, plan.apply, plan.standing, { on: today }, actor, (c) => origins.get(c) ?? { on: today });
  await changeStanding(tx, enterpriseId, { ...change, ...applied }, actor);

  const describe = (c: StandingChange) => ({ field: c.field, from: c.from, to: c.to, reason: c.reason });
  return {
    consequences: plan.apply,
    payload: {
      kept: plan.kept.map(describe),
      undone: plan.undone.map(describe),
      // Someone changed these since: left as they are (docs/publication.md).
      leftAsChanged: plan.changedSince.map((c) => ({ ...describe(c), now: c.now, stillCaused: c.caused })),
      recordsWithdrawn: plan.withdrawnRecords.map((r) => ({ id: r.id, kind: r.kind, occurredOn: r.occurredOn })),
      recordsKept: plan.keptRecords.map((r) => r.id),
      blacklistingsWithdrawn: withdrawn,
    },
  };
}

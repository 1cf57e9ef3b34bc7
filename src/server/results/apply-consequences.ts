import type { InspectionResult, Prisma } from '@prisma/client';
import type { Consequence, EnterpriseStanding } from '../../core/results/consequences.ts';
import { standingChangeOf, type StandingField } from '../../core/results/rederive-consequences.ts';
import { asDate } from './result-content.ts';

export type ResultOfConsequences = Pick<InspectionResult, 'id' | 'drawId' | 'uscc' | 'enterpriseId' | 'jurisdictionId'>;

/** Where consequences come from: the publication of a result, or a follow-up (复查) of it. */
export interface ConsequenceOrigin {
  /** The day they take effect: a blacklisting's `since`. */
  readonly on: string;
  /** The follow-up they follow from, if any. */
  readonly eventId?: string | null;
}

export const STANDING_SELECT = { blacklisted: true, riskLevel: true, creditLevel: true } as const;

/** The records a result writes carry this reference, across its versions. */
export const recordReference = (result: Pick<InspectionResult, 'drawId' | 'uscc'>, kind?: string) => `result:${result.drawId}:${result.uscc}:${kind ?? ''}`;

/** The directory's history triggers read who made a change from the transaction. */
export const setActor = (tx: Prisma.TransactionClient, actor: string) => tx.$executeRaw`SELECT set_config('double_random.actor', ${actor}, true)`;

const columnValue = (field: StandingField, value: string) => (field === 'blacklisted' ? value === 'true' : value);

/**
 * Writes consequences that start now, on `standing`: each standing change with its from → to
 * (so that a correction can undo exactly it), a blacklisting with its date, reason, clause and
 * origin, and the dated records. Returns the directory change, for the caller to make once.
 */
export async function writeConsequences(
  tx: Prisma.TransactionClient,
  result: ResultOfConsequences,
  consequences: readonly Consequence[],
  standing: EnterpriseStanding,
  origin: ConsequenceOrigin,
  actor: string,
  originOf: (c: Consequence) => ConsequenceOrigin = () => origin,
): Promise<Partial<Record<StandingField, boolean | string>>> {
  const enterpriseId = result.enterpriseId!;
  const change: Partial<Record<StandingField, boolean | string>> = {};
  let now = standing;
  for (const c of consequences) {
    const from = originOf(c);
    if (c.kind === 'RECORD') {
      const reference = recordReference(result, c.record);
      const exists = await tx.enterpriseRecord.findFirst({ where: { enterpriseId, reference, withdrawnOn: null }, select: { id: true } });
      if (!exists) await tx.enterpriseRecord.create({ data: { jurisdictionId: result.jurisdictionId, enterpriseId, kind: c.record, occurredOn: asDate(c.occurredOn), description: c.reason, reference } });
      continue;
    }
    const set = standingChangeOf(c);
    if (!set) continue;
    const blacklisting = c.kind === 'BLACKLIST'
      ? await tx.enterpriseBlacklisting.create({
          data: { jurisdictionId: result.jurisdictionId, enterpriseId, since: asDate(from.on), reason: c.reason, citeDoc: c.cite?.doc ?? null, clause: c.cite?.clause ?? null, resultId: result.id, resultEventId: from.eventId ?? null, actor },
          select: { id: true },
        })
      : null;
    await tx.resultStandingChange.create({
      data: { jurisdictionId: result.jurisdictionId, enterpriseId, resultId: result.id, resultEventId: from.eventId ?? null, field: set.field, fromValue: String(now[set.field]), toValue: set.to, reason: c.reason, blacklistingId: blacklisting?.id ?? null },
    });
    change[set.field] = columnValue(set.field, set.to);
    now = { ...now, [set.field]: change[set.field] };
  }
  return change;
}

/** Makes a directory change under `actor`, recorded in the directory's history. */
export async function changeStanding(tx: Prisma.TransactionClient, enterpriseId: string, change: Partial<Record<StandingField, boolean | string>>, actor: string): Promise<void> {
  if (Object.keys(change).length === 0) return;
  await setActor(tx, actor);
  await tx.enterprise.update({ where: { id: enterpriseId }, data: change as Prisma.EnterpriseUpdateInput });
}

/**
 * Writes what a published result (or a follow-up) changes for its enterprise, in the caller's
 * transaction: the directory change is recorded in the directory's history under `actor`; a
 * record is written once per result, so a record already in force is not written twice.
 */
export async function applyConsequences(
  tx: Prisma.TransactionClient,
  result: ResultOfConsequences,
  compute: (standing: EnterpriseStanding) => Consequence[],
  actor: string,
  origin: ConsequenceOrigin,
  originOf: (c: Consequence) => ConsequenceOrigin = () => origin,
): Promise<Consequence[]> {
  if (!result.enterpriseId) return [];
  const enterprise = await tx.enterprise.findUnique({ where: { id: result.enterpriseId }, select: STANDING_SELECT });
  if (!enterprise) return [];
  const consequences = compute(enterprise);
  await setActor(tx, actor);
  const change = await writeConsequences(tx, result, consequences, enterprise, origin, actor, originOf);
  await changeStanding(tx, result.enterpriseId, change, actor);
  return consequences;
}

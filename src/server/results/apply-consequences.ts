import type { InspectionResult, Prisma } from '@prisma/client';
import type { Consequence, EnterpriseStanding } from '../../core/results/consequences.ts';
import { asDate } from './result-content.ts';

/**
 * Writes what a published result (or a follow-up) changes for its enterprise, in the caller's
 * transaction: the directory change is recorded in the directory's history under `actor`; a
 * record is written once per result, so a correction that repeats a finding adds nothing.
 */
export async function applyConsequences(
  tx: Prisma.TransactionClient,
  result: Pick<InspectionResult, 'id' | 'drawId' | 'uscc' | 'enterpriseId' | 'jurisdictionId'>,
  compute: (standing: EnterpriseStanding) => Consequence[],
  actor: string,
): Promise<Consequence[]> {
  if (!result.enterpriseId) return [];
  const enterprise = await tx.enterprise.findUnique({ where: { id: result.enterpriseId }, select: { blacklisted: true, riskLevel: true, creditLevel: true } });
  if (!enterprise) return [];
  const consequences = compute(enterprise);
  const change: Prisma.EnterpriseUpdateInput = {};
  for (const c of consequences) {
    if (c.kind === 'BLACKLIST') change.blacklisted = true;
    if (c.kind === 'RISK') change.riskLevel = c.to;
    if (c.kind === 'CREDIT') change.creditLevel = c.to;
    if (c.kind === 'RECORD') {
      const reference = `result:${result.drawId}:${result.uscc}:${c.record}`;
      const exists = await tx.enterpriseRecord.findFirst({ where: { enterpriseId: result.enterpriseId, reference }, select: { id: true } });
      if (!exists) await tx.enterpriseRecord.create({ data: { jurisdictionId: result.jurisdictionId, enterpriseId: result.enterpriseId, kind: c.record, occurredOn: asDate(c.occurredOn), description: c.reason, reference } });
    }
  }
  if (Object.keys(change).length) {
    // The directory's history triggers read who made the change from the transaction.
    await tx.$executeRaw`SELECT set_config('double_random.actor', ${actor}, true)`;
    await tx.enterprise.update({ where: { id: result.enterpriseId }, data: change });
  }
  return consequences;
}

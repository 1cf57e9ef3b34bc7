import type { PrismaClient } from '@prisma/client';
import { inspectorVerdicts } from '../../core/rules/evaluate-team.ts';
import type { InspectorFacts } from '../../core/rules/facts.ts';
import type { Rules } from '../../core/rules/schema.ts';
import type { DirectoryCapacity } from '../../rulepacks/sdk/contradictions.ts';

/** How many of a jurisdiction's inspectors a pack would let serve on a date, overall and by sector. */
export async function directoryCapacity(prisma: PrismaClient, jurisdictionId: string, rules: Rules, onDate: string): Promise<DirectoryCapacity> {
  const inspectors = await prisma.inspector.findMany({ where: { jurisdictionId, active: true } });
  const task = { year: Number(onDate.slice(0, 4)), inspectionDate: onDate, sectors: [], covert: false, joint: false, special: false };
  const eligible = inspectors.filter((i) => {
    const facts: InspectorFacts = {
      id: i.id, unit: i.unit, unitKind: i.unitKind, domains: i.domains, formalStaff: i.formalStaff,
      certificateValidUntil: i.certificateValidUntil?.toISOString().slice(0, 10) ?? null, home: 'own',
    };
    return inspectorVerdicts(rules, {}, facts, task).length === 0;
  });
  const eligibleBySector: Record<string, number> = {};
  for (const i of eligible) for (const d of i.domains) eligibleBySector[d] = (eligibleBySector[d] ?? 0) + 1;
  return { eligibleInspectors: eligible.length, eligibleBySector, activeInspectors: inspectors.length };
}

import type { Rules } from '../../core/rules/schema.ts';
import type { LoadedPack } from '../../rulepacks/sdk/validate-pack.ts';
import type { Services } from './services.ts';

/** The rule pack a jurisdiction has switched to, if any and if it is still registered. */
export async function activePack(s: Services, jurisdictionId: string): Promise<LoadedPack | undefined> {
  const j = await s.prisma.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId }, select: { rulePackId: true, rulePackVersion: true } });
  return j.rulePackId ? s.packs.get(j.rulePackId, j.rulePackVersion ?? undefined) : undefined;
}

export async function activeRules(s: Services, jurisdictionId: string): Promise<Rules | undefined> {
  return (await activePack(s, jurisdictionId))?.rules;
}

import type { Rules } from '../../core/rules/schema.ts';
import type { LoadedPack } from '../../rulepacks/sdk/validate-pack.ts';
import { findPack } from '../rulepacks/stored-packs.ts';
import type { Services } from './services.ts';

/**
 * The rule pack a jurisdiction has switched to, if any and if it is still registered; a pack
 * another instance stored (and this one has not heard of yet) is read from the database.
 */
export async function activePack(s: Services, jurisdictionId: string): Promise<LoadedPack | undefined> {
  const j = await s.prisma.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId }, select: { rulePackId: true, rulePackVersion: true } });
  if (!j.rulePackId) return undefined;
  return s.packs.get(j.rulePackId, j.rulePackVersion ?? undefined) ?? (await findPack(s.prisma, s.packs, j.rulePackId, j.rulePackVersion ?? undefined));
}

export async function activeRules(s: Services, jurisdictionId: string): Promise<Rules | undefined> {
  return (await activePack(s, jurisdictionId))?.rules;
}

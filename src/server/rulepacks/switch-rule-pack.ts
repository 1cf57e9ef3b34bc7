import type { PrismaClient } from '@prisma/client';
import { err, ok, type Result } from '../../core/result.ts';
import { packKey, type PackRegistry } from '../../rulepacks/registry.ts';
import { findCapacityProblems } from '../../rulepacks/sdk/contradictions.ts';
import type { PackProblem } from '../../rulepacks/sdk/problem.ts';
import { directoryCapacity } from './directory-capacity.ts';
import { findPack } from './stored-packs.ts';

export interface SwitchRequest {
  readonly jurisdictionId: string;
  readonly packId: string;
  readonly version?: string | undefined;
  readonly actor: string;
  readonly reason?: string | undefined;
  /** The date capacity is checked on (certificates must be valid then). */
  readonly onDate: string;
}

const LEVEL_NAMES: Record<'PROVINCE' | 'CITY' | 'COUNTY', string> = { PROVINCE: '省级', CITY: '市级', COUNTY: '县级' };

export type SwitchProblem = { readonly field: string; readonly message: string; readonly problems?: readonly PackProblem[] };

/**
 * Makes a pack a jurisdiction's active pack and records the switch, in one transaction. Refused
 * when the pack is unknown, written for another level, or asks for teams the directory cannot give.
 */
export async function switchRulePack(prisma: PrismaClient, packs: PackRegistry, request: SwitchRequest): Promise<Result<{ packKey: string; contentHash: string }, SwitchProblem>> {
  const pack = packs.get(request.packId, request.version) ?? (await findPack(prisma, packs, request.packId, request.version));
  if (!pack) {
    return err({ field: 'pack', message: `没有规则包 ${request.packId}${request.version ? `@${request.version}` : ''}；已载入：${packs.list().map(packKey).join('、')}（no such rule pack）` });
  }
  const jurisdiction = await prisma.jurisdiction.findUniqueOrThrow({ where: { id: request.jurisdictionId } });
  if (pack.meta.level !== jurisdiction.level) {
    return err({ field: 'pack', message: `${pack.meta.name}（${packKey(pack)}）是为${LEVEL_NAMES[pack.meta.level]}执法部门制定的规则包，${jurisdiction.name}是${LEVEL_NAMES[jurisdiction.level]}辖区（the pack is written for a ${pack.meta.level} bureau）` });
  }
  // Guided setup: the directories come first (一单两库), at least the inspectors the draws take teams from.
  if (!(await prisma.inspector.findFirst({ where: { jurisdictionId: jurisdiction.id, active: true }, select: { id: true } }))) {
    return err({ field: 'pack', message: `${jurisdiction.name}（${jurisdiction.code}）还没有在册的执法人员：请先建立执法人员名录（导入 inspectors 或 createInspector），再选择规则包（no inspectors yet: build the inspector directory first）` });
  }
  const capacity = findCapacityProblems(pack.rules, await directoryCapacity(prisma, jurisdiction.id, pack.rules, request.onDate));
  if (capacity.length > 0) {
    return err({ field: 'pack', message: `${jurisdiction.name}的执法人员名录达不到 ${packKey(pack)} 的要求：${capacity.map((p) => p.message).join('；')}（the inspector directory cannot meet the pack）`, problems: capacity });
  }
  const key = packKey(pack);
  const from = jurisdiction.rulePackId ? `${jurisdiction.rulePackId}@${jurisdiction.rulePackVersion}` : null;
  await prisma.$transaction([
    prisma.jurisdiction.update({ where: { id: jurisdiction.id }, data: { rulePackId: pack.meta.id, rulePackVersion: pack.meta.version } }),
    prisma.rulePackSwitch.create({ data: { jurisdictionId: jurisdiction.id, fromPack: from, toPack: key, contentHash: pack.contentHash, actor: request.actor, reason: request.reason ?? null } }),
  ]);
  return ok({ packKey: key, contentHash: pack.contentHash });
}

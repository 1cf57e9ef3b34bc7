import type { PrismaClient } from '@prisma/client';
import { categoriesOf, type ResultCategory } from '../../core/results/categories.ts';
import type { Rules } from '../../core/rules/schema.ts';
import { PromiseCache } from '../cache/promise-cache.ts';
import { rulesOfDraw } from '../draws/draw-export.ts';

// A draw's pack is frozen at the lock: cached for good (bounded), read without the snapshot.
const cache = new PromiseCache<string, Rules>({ size: 500 });

/** The rules a draw was held under. */
export function drawRules(prisma: PrismaClient, drawId: string): Promise<Rules | undefined> {
  return cache.get(drawId, async () => {
    const draw = await prisma.draw.findUnique({ where: { id: drawId }, select: { pack: true } });
    return draw ? rulesOfDraw(draw) : undefined;
  });
}

/** The label of a result category under its draw's pack (the code itself when unknown). */
export async function categoryLabel(prisma: PrismaClient, drawId: string, code: string): Promise<string> {
  const rules = await drawRules(prisma, drawId);
  const categories: readonly ResultCategory[] = rules ? categoriesOf(rules).categories : [];
  return categories.find((c) => c.code === code)?.label ?? code;
}

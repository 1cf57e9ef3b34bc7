import type { PrismaClient } from '@prisma/client';
import type { SimulationDirectory, SimulationPack } from '../../core/simulation/index.ts';
import type { LoadedPack } from '../../rulepacks/sdk/validate-pack.ts';
import { demoSnapshot } from '../../demo/demo-snapshot.ts';
import { snapshotFromDirectory } from '../draws/snapshot-from-directory.ts';
import { chinaDate } from '../../core/calendar/china-date.ts';

/** A loaded pack as the simulation draws by it. */
export const simulationPack = (p: LoadedPack, key = `${p.meta.id}@${p.meta.version}`): SimulationPack => ({ key, name: p.meta.name, rules: p.rules, hooks: p.hooks });

/**
 * A jurisdiction's directories as they are now (enterprises with their records, its inspectors and
 * the neighbours it pools with, experts, checklist, conflicts), read as a draw reads them; the
 * year's history is left out: each simulated year makes its own.
 */
export async function jurisdictionDirectory(prisma: PrismaClient, jurisdictionId: string): Promise<SimulationDirectory> {
  // Beijing's today (a civil date, never UTC's): inspectors' certificates are read as of it.
  const today = chinaDate(new Date());
  const { snapshot } = await snapshotFromDirectory(prisma, jurisdictionId, { year: Number(today.slice(0, 4)), checklistCodes: [], taskId: 'simulation', upperLevel: false, inspectionDate: new Date(`${today}T00:00:00Z`) });
  const { history: _history, ...directory } = snapshot;
  return directory;
}

/** The demo generator's county (src/demo/generate-county.ts) of so many enterprises, one inspector per 50 (at least 20). */
export function generatedDirectory(enterprises: number): SimulationDirectory {
  const { history: _history, ...directory } = demoSnapshot({ enterprises, inspectors: Math.max(20, Math.round(enterprises / 50)), experts: Math.max(5, Math.round(enterprises / 300)) });
  return directory;
}

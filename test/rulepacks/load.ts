import { describe, it } from 'vitest';
import { BUILT_IN_PACKS } from '../../src/rulepacks/registry.ts';
import { formatProblem } from '../../src/rulepacks/sdk/problem.ts';
import { PackTester } from '../../src/rulepacks/sdk/test-kit.ts';
import { validatePack, type LoadedPack } from '../../src/rulepacks/sdk/validate-pack.ts';

export async function builtIn(id: string): Promise<LoadedPack> {
  const result = validatePack((await BUILT_IN_PACKS[id]!()).default, { file: `built-in:${id}` });
  if (!result.ok) throw new Error(result.error.map(formatProblem).join('\n'));
  return result.value;
}

export async function testerFor(id: string) {
  return new PackTester(await builtIn(id), { describe, it });
}

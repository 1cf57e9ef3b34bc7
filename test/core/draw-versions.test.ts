import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runDraw } from '../../src/core/draw/draw.ts';
import type { DrawExport } from '../../src/core/draw/export.ts';
import { toHex, utf8 } from '../../src/core/draw/ports.ts';
import { verifyDraw } from '../../src/core/draw/verify.ts';
import { packContentJson } from '../../src/core/rules/pack-content.ts';
import type { Rules } from '../../src/core/rules/schema.ts';
import { NODE_DRAW_PORTS as ports } from '../../src/server/draw-ports.ts';

const published = (file: string) => JSON.parse(readFileSync(new URL(`../fixtures/published-draws/${file}`, import.meta.url), 'utf8'));
/** A v1 export made by the code before v3 (commit 881683a): 卧龙 drew X-0001, who had evaluated the enterprise. */
const v1ServedExpert = published('wolong-v1-served-expert.json') as DrawExport;

/** The export's pack with other rules, its content hash its own (so only the rules are at issue). */
function withRules(exported: DrawExport, rules: unknown): DrawExport {
  const contentHash = toHex(ports.sha256(utf8(packContentJson(exported.pack.meta, rules as Rules, exported.pack.hooks))));
  return { ...exported, pack: { ...exported.pack, rules: rules as Rules, contentHash } };
}

describe('experts who served the enterprise (docs/draw-algorithm.md §7, double-random/v3)', () => {
  const { snapshot, task, pack, seed } = v1ServedExpert;
  const target = task.sectors[0]!;

  it('leaves out under 卧龙 an expert who evaluated the enterprise, in a new draw, and records v3', () => {
    expect(pack.rules.recusal?.reasons).not.toContain('served-enterprise');
    for (const n of [0, 1, 2, 3, 4, 5]) {
      const result = runDraw({ snapshot, task, pack, seed: { ...seed, entropy: [`observer:${n}`] } }, ports);
      if (!result.ok) throw new Error(result.error.map((s) => s.message).join('; '));
      const [pick] = result.value.picks;
      expect(result.value.algorithm).toBe('double-random/v3');
      expect(pick!.team.experts).toEqual(['X-0002']);
      expect(result.value.recusals).toContainEqual({ uscc: pick!.uscc, personId: 'X-0001', reason: 'served the enterprise (评价、检测检验、设计、标准化评审)' });
    }
    expect(target).toBe('hazardous_chemicals');
  });

  it('still verifies the v1 export in which 卧龙 drew that expert, and refuses it relabelled v3', () => {
    expect(v1ServedExpert.record.picks[0]!.team.experts).toEqual(['X-0001']);
    expect(verifyDraw(v1ServedExpert, ports)).toEqual({ matches: true, differences: [] });
    const relabelled = { ...v1ServedExpert, record: { ...v1ServedExpert.record, algorithm: 'double-random/v3' } } as DrawExport;
    const result = verifyDraw(relabelled, ports);
    expect(result.matches).toBe(false);
    expect(result.differences.map((d) => d.path)).toContain('record.seed');
  });

  it('keeps v1 where v3 would draw the same: a pack listing served-enterprise, or no experts drawn', () => {
    const listing = { ...pack.rules, recusal: { ...pack.rules.recusal!, reasons: ['interest', 'served-enterprise'] as const } } as Rules;
    const a = runDraw({ snapshot, task, pack: { ...pack, rules: listing }, seed }, ports);
    const b = runDraw({ snapshot, task: { ...task, expertsPerTeam: 0 }, pack, seed }, ports);
    expect(a.ok && a.value.algorithm).toBe('double-random/v1');
    expect(b.ok && b.value.algorithm).toBe('double-random/v1');
    // Asked to draw a 卧龙 task with experts as v1 (as a verifier of an old export does), the engine still can.
    const old = runDraw({ snapshot, task, pack, seed, algorithm: 'double-random/v1' }, ports);
    expect(old.ok && old.value.picks[0]!.team.experts).toEqual(['X-0001']);
    // v3 where it changes nothing is not a version of these inputs: no second outcome to choose from.
    expect(runDraw({ snapshot, task: { ...task, expertsPerTeam: 0 }, pack, seed, algorithm: 'double-random/v3' }, ports)).toMatchObject({ ok: false, error: [{ code: 'BAD_INPUT' }] });
  });
});

describe('the rule language of the export\'s version (docs/draw-algorithm.md §5b)', () => {
  // Re-derived by the engine from the tampered rules: before the check, it verified as "matches".
  const rederived = (exported: DrawExport) => {
    const r = runDraw({ snapshot: exported.snapshot, task: exported.task, pack: exported.pack, seed: exported.seed, algorithm: 'double-random/v1' }, ports);
    return r.ok ? { ...exported, record: r.value } : exported;
  };

  it('refuses strata by a field the engine does not stratify by, naming the path', () => {
    const exported = rederived(withRules(v1ServedExpert, { ...v1ServedExpert.pack.rules, strata: { ...v1ServedExpert.pack.rules.strata!, by: ['riskLevel', 'scale'] } }));
    const result = verifyDraw(exported, ports);
    expect(result.matches).toBe(false);
    expect(result.differences).toEqual([{ path: 'pack.rules.strata.by[1]', expected: expect.stringContaining('double-random/v1'), actual: expect.stringContaining('"scale" 不是 double-random/v1 的分层字段') }]);
  });

  it('refuses a weight condition on a field weights are not matched on (township), naming the path', () => {
    const strata = v1ServedExpert.pack.rules.strata!;
    const exported = rederived(withRules(v1ServedExpert, { ...v1ServedExpert.pack.rules, strata: { ...strata, weights: [{ when: { township: ['城关镇'] }, weight: 5 }, ...(strata.weights ?? [])] } }));
    const result = verifyDraw(exported, ports);
    expect(result.matches).toBe(false);
    expect(result.differences).toEqual([{ path: 'pack.rules.strata.weights[0].when.township', expected: expect.any(String), actual: expect.stringContaining('权重条件不能按 "township"') }]);
  });

  it('refuses any other value outside the rule language, with its path', () => {
    const result = verifyDraw(withRules(v1ServedExpert, { ...v1ServedExpert.pack.rules, team: { ...v1ServedExpert.pack.rules.team!, minSize: 0, size: 3 } }), ports);
    expect(result.differences.map((d) => d.path).sort()).toEqual(['pack.rules.team.minSize', 'pack.rules.team.size']);
    expect(result.differences.every((d) => /[\u4e00-\u9fff]/.test(d.actual))).toBe(true);
  });
});

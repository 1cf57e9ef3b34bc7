import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { loadRegistry } from '../../src/rulepacks/registry.ts';
import { findCapacityProblems } from '../../src/rulepacks/sdk/contradictions.ts';
import { formatProblem } from '../../src/rulepacks/sdk/problem.ts';
import { fixture, PackTester, TesterError } from '../../src/rulepacks/sdk/test-kit.ts';
import { validatePack, type LoadedPack } from '../../src/rulepacks/sdk/validate-pack.ts';
import { builtIn } from './load.ts';

const cite = { doc: 'plan', clause: '三' };
const minimal = () => ({
  meta: { id: 'test-county', name: '测试县', level: 'COUNTY', version: '1.0.0', sources: [{ id: 'plan', title: '测试县实施方案' }], inForce: { from: '2026-01-01' } },
  rules: {
    team: { minSize: 2, leader: true, cite },
    frequencies: [{ who: 'blacklisted', every: 'half-year', cite: { doc: 'plan', clause: '四' } }],
  } as Record<string, unknown>,
  hooks: {} as Record<string, unknown>,
});

function problems(candidate: unknown, resolveParent?: (ref: string) => LoadedPack | undefined) {
  const result = validatePack(candidate, { file: 'packs/test.json', ...(resolveParent ? { resolveParent } : {}) });
  if (result.ok) throw new Error('expected the pack to be refused');
  return result.error;
}

describe('validating a pack', () => {
  it('accepts a minimal pack and hashes its content, whatever the key order', () => {
    const a = validatePack(minimal());
    const shuffled = minimal();
    const b = validatePack({ hooks: shuffled.hooks, rules: { frequencies: shuffled.rules.frequencies, team: shuffled.rules.team }, meta: shuffled.meta });
    expect(a.ok && b.ok && a.value.contentHash === b.value.contentHash).toBe(true);
    const changed = minimal();
    changed.rules.team = { minSize: 3, leader: true, cite };
    const c = validatePack(changed);
    expect(a.ok && c.ok && a.value.contentHash !== c.value.contentHash).toBe(true);
  });

  it('names the file, the path, the reason and the clause of a wrong type', () => {
    const pack = minimal();
    pack.rules.team = { minSize: 'two', leader: true, cite };
    const [p] = problems(pack);
    expect(p).toMatchObject({ code: 'SCHEMA', file: 'packs/test.json', path: 'rules.team.minSize', cites: [cite] });
    expect(formatProblem(p!)).toMatch(/^packs\/test\.json › rules\.team\.minSize: .*number.* \[plan 三\]$/);
  });

  it('refuses a rule without its citation, an unknown sector, an unknown source and an unknown key', () => {
    const pack = minimal();
    pack.rules.team = { minSize: 2, leader: true };
    pack.rules.scope = { sectors: ['chemicals'], cite };
    pack.rules.colour = 'red';
    expect(problems(pack).map((p) => p.path).sort()).toEqual(['rules', 'rules.scope.sectors.0', 'rules.team.cite']);
    const other = minimal();
    other.rules.team = { minSize: 2, leader: true, cite: { doc: 'elsewhere', clause: '一' } };
    expect(problems(other)).toEqual([expect.objectContaining({ code: 'UNKNOWN_SOURCE', path: 'rules.team.cite' })]);
  });

  it('catches a cap lower than a mandatory frequency, citing both clauses', () => {
    const pack = minimal();
    pack.rules.cap = { perYear: 1, exceptions: [], cite: { doc: 'plan', clause: '五' } };
    const [p] = problems(pack);
    expect(p).toMatchObject({ code: 'CONTRADICTION', path: 'rules.frequencies.0' });
    expect(p!.cites!.map((c) => c.clause)).toEqual(['四', '五']);
    pack.rules.cap = { perYear: 1, exceptions: ['blacklisted'], cite: { doc: 'plan', clause: '五' } };
    expect(validatePack(pack).ok).toBe(true);
  });

  it('catches team shapes that cannot exist', () => {
    const pack = minimal();
    pack.rules.specialists = [{ sector: 'non_coal_mine', teamSize: 2, minSpecialists: 3, cite }];
    expect(problems(pack).map((p) => p.message)).toEqual(['3 specialists cannot fit a team of 2']);
  });

  it('refuses hooks that throw, use randomness or the clock, answer wrongly, or are not deterministic', () => {
    const cases: [unknown, RegExp][] = [
      [() => { throw new Error('boom'); }, /throws on a sample input: boom/],
      [() => (Math.random() > 0.5 ? true : 'no'), /Math\.random/],
      [() => (Date.now() > 0 ? true : 'no'), /Date\.now/],
      [() => 42, /must return true or a reason/],
      [(() => { let n = 0; return () => (n++ % 2 === 0 ? true : 'odd call'); })(), /not deterministic/],
    ];
    for (const [hook, message] of cases) {
      const pack = minimal();
      pack.hooks = { poolFilter: hook };
      const [p] = problems(pack);
      expect(p).toMatchObject({ code: 'HOOK', path: 'hooks.poolFilter' });
      expect(p!.message).toMatch(message);
    }
    const unknown = minimal();
    unknown.hooks = { beforeDraw: () => true };
    expect(problems(unknown)[0]!.message).toContain('unknown hook');
  });

  it('extends a parent: the child overrides rule by rule and inherits the rest', async () => {
    const parent = await builtIn('panzhihua');
    const child = minimal();
    child.meta = { ...child.meta, extends: 'panzhihua@1.0.0' } as typeof child.meta;
    child.rules = { team: { minSize: 3, leader: true, cite }, shares: { planShareMin: { percent: 40, cite } } };
    const result = validatePack(child, { resolveParent: (ref) => (ref === 'panzhihua@1.0.0' ? parent : undefined) });
    if (!result.ok) throw new Error(result.error.map(formatProblem).join('\n'));
    expect(result.value.rules.team?.minSize).toBe(3);
    expect(result.value.rules.shares?.planShareMin?.percent).toBe(40);
    expect(result.value.rules.shares?.covertDrawn?.generally).toBe(true); // inherited within the group
    expect(result.value.rules.announcement?.leadDays).toBe(15); // inherited rule
    expect(problems({ ...child, meta: { ...child.meta, extends: 'nowhere@1.0.0' } })).toEqual([expect.objectContaining({ code: 'EXTENDS' })]);
  });

  it('finds teams larger than a directory can give when a jurisdiction selects a pack', async () => {
    const { rules } = await builtIn('shuncheng');
    expect(findCapacityProblems(rules, { eligibleInspectors: 10, eligibleBySector: { non_coal_mine: 0 } }).map((p) => p.path)).toEqual(['rules.specialists.0.minSpecialists']);
    expect(findCapacityProblems(rules, { eligibleInspectors: 10, eligibleBySector: { non_coal_mine: 2 } })).toEqual([]);
  });
});

describe('the registry', () => {
  it('loads the five built-in packs', async () => {
    const registry = await loadRegistry();
    expect(registry.problems).toEqual([]);
    expect(registry.list().map((p) => p.meta.id)).toEqual(['heilongjiang-county', 'panzhihua', 'shuncheng', 'wolong', 'yanshi']);
    expect(registry.get('wolong')?.rules.cap?.perYear).toBe(2);
  });

  it('loads JSON, YAML and ESM packs from PACKS_DIR, in parent order, and reports a bad one without stopping', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packs-'));
    const child = minimal();
    child.meta = { ...child.meta, id: 'child-county', extends: 'test-county@1.0.0' } as typeof child.meta;
    delete (child as { hooks?: unknown }).hooks;
    writeFileSync(join(dir, 'a-child.yaml'), toYaml(child));
    const parent = minimal();
    delete (parent as { hooks?: unknown }).hooks;
    writeFileSync(join(dir, 'b-parent.json'), JSON.stringify(parent));
    writeFileSync(join(dir, 'c-module.mjs'), `export default { meta: { id: 'module-county', name: 'm', level: 'COUNTY', version: '2.0.0', sources: [{ id: 'm', title: 'm' }], inForce: { from: '2026-01-01' } },
      rules: { team: { minSize: 2, leader: true, cite: { doc: 'm', clause: '一' } } },
      hooks: { stratumOf: ({ enterprise }) => enterprise.township ?? 'none' } };`);
    writeFileSync(join(dir, 'd-broken.json'), JSON.stringify({ ...minimal(), meta: { ...minimal().meta, id: 'broken', version: 'one' } }));
    writeFileSync(join(dir, 'e-garbage.yaml'), 'meta: [unclosed');
    const registry = await loadRegistry({ packsDir: dir, builtIns: false });
    expect(registry.list().map((p) => `${p.meta.id}@${p.meta.version}`)).toEqual(['child-county@1.0.0', 'module-county@2.0.0', 'test-county@1.0.0']);
    expect(registry.get('child-county')?.rules.frequencies).toHaveLength(1);
    expect(registry.problems.map((p) => [p.file?.split('/').pop(), p.path])).toEqual([
      ['e-garbage.yaml', ''],
      ['d-broken.json', 'meta.version'],
    ]);
  });
});

describe('the pack tester', () => {
  const runner = () => {
    const tests: (() => void)[] = [];
    return { tests, describe: (_: string, fn: () => void) => fn(), it: (_: string, fn: () => void) => void tests.push(fn) };
  };

  it('fails a case whose expectation is wrong, and passes a right one', async () => {
    const r = runner();
    new PackTester(await builtIn('wolong'), r).run('cap', {
      invalid: [
        { kind: 'pool', enterprise: fixture.enterprise(), history: { doubleRandomCount: { '91350100M000100Y43': 2 } }, errors: [{ messageId: 'CAP_REACHED', data: { cap: 3 } }] },
        { kind: 'pool', enterprise: fixture.enterprise({ sector: 'textile' }), history: { doubleRandomCount: { '91350100M000100Y43': 2 } }, errors: [{ messageId: 'CAP_REACHED', data: { cap: 2 } }] },
      ],
      valid: [{ kind: 'pool', enterprise: fixture.enterprise({ sector: 'fireworks' }) }],
    });
    // Valid cases register first: fireworks is outside Wolong's scope, so that "valid" case fails.
    expect(() => r.tests[0]!()).toThrow(/expected no verdict, got: .*outside the sectors the pack covers/);
    expect(() => r.tests[1]!()).toThrow(/expected cap = 3, got 2/);
    expect(() => r.tests[2]!()).not.toThrow();
  });

  it("refuses the author's own mistakes", async () => {
    const tester = new PackTester(await builtIn('wolong'), runner());
    const e = fixture.enterprise();
    expect(() => tester.run('x', { invalid: [{ kind: 'pool', enterprise: e, errors: [] }] })).toThrow(TesterError);
    expect(() => tester.run('x', { invalid: [{ kind: 'pool', enterprise: e, errors: [{ messageId: 'NOPE' as never }] }] })).toThrow(/unknown messageId/);
    expect(() => tester.run('x', { invalid: [{ kind: 'pool', enterprise: e, errors: [{ messageId: 'CAP_REACHED', data: { limit: 2 } }] }] })).toThrow(/no placeholder \{limit\}/);
    expect(() => tester.run('x', { valid: [{ kind: 'pool', enterprise: e }, { kind: 'pool', enterprise: e }] })).toThrow(/duplicate case/);
  });
});

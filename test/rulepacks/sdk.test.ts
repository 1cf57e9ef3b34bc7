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
import { readConfig } from '../../src/server/config.ts';
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
    pack.rules.scope = { sectors: ['Chemicals!'], cite };
    pack.rules.colour = 'red';
    expect(problems(pack).map((p) => p.path).sort()).toEqual(['rules', 'rules.scope.sectors.0', 'rules.team.cite']);
    // A code-shaped sector no vocabulary knows is refused once the shapes are right.
    const unknownSector = minimal();
    unknownSector.rules.scope = { sectors: ['chemicals'], cite };
    expect(problems(unknownSector)).toEqual([expect.objectContaining({ code: 'VOCABULARY', path: 'rules.scope.sectors.0' })]);
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
    expect(problems(pack).map((p) => p.message)).toEqual(['2 人的检查组容不下 3 名专业人员 (3 specialists cannot fit a team of 2)']);
  });

  it('refuses hooks that throw, use randomness or the clock, answer wrongly, or keep state outside their text', () => {
    const cases: [unknown, RegExp][] = [
      [() => { throw new Error('boom'); }, /在样例输入上抛出异常：boom/],
      [() => (Math.random() > 0.5 ? true : 'no'), /Math\.random/],
      [() => (Date.now() > 0 ? true : 'no'), /Date\.now/],
      [() => 42, /返回值须是 true 或带引用的拒绝/],
      // A counter in a closure would answer differently on each call: the closure is outside the hook's text.
      [(() => { let n = 0; return () => (n++ % 2 === 0 ? true : 'odd call'); })(), /引用了钩子自身以外的 n/],
      [async () => true, /同步的普通函数/],
      [(() => true).bind(null), /无法在隔离环境中重建/],
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

describe('hooks are self-contained and cite their refusals', () => {
  // Two bureaus' modules: the same hook text reading a different list defined beside it. Its
  // source text (all the content hash and a draw export hold) cannot tell them apart.
  const modulePack = (id: string, sectors: string[]) => `const SECTORS = ${JSON.stringify(sectors)};
export default {
  meta: { id: '${id}', name: '${id}', level: 'COUNTY', version: '1.0.0', sources: [{ id: 'm', title: 'm' }], inForce: { from: '2026-01-01' } },
  rules: { team: { minSize: 2, leader: true, cite: { doc: 'm', clause: '一' } } },
  hooks: { poolFilter: ({ enterprise }) => (SECTORS.includes(enterprise.sector) ? true : { reason: '不在名单内', cite: { doc: 'm', clause: '二' } }) },
};
`;

  it('refuses a hook that reads a list defined beside it in its module, naming the hook and the variable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packs-'));
    writeFileSync(join(dir, 'a.mjs'), modulePack('list-a', ['machinery']));
    writeFileSync(join(dir, 'b.mjs'), modulePack('list-b', ['hazardous_chemicals']));
    const [a, b] = await Promise.all([import(join(dir, 'a.mjs')), import(join(dir, 'b.mjs'))]);
    expect(String(a.default.hooks.poolFilter)).toBe(String(b.default.hooks.poolFilter));
    const registry = await loadRegistry({ packsDir: dir, builtIns: false });
    expect(registry.list()).toEqual([]);
    expect(registry.problems.map((p) => [p.file?.split('/').pop(), p.code, p.path])).toEqual([
      ['a.mjs', 'HOOK', 'hooks.poolFilter'],
      ['b.mjs', 'HOOK', 'hooks.poolFilter'],
    ]);
    for (const p of registry.problems) expect(p.message).toContain('引用了钩子自身以外的 SECTORS');
  });

  it('refuses a refusal without a citation, as a string, or citing a document the pack does not have', () => {
    const cases: [unknown, RegExp][] = [
      [({ enterprise }: { enterprise: { blacklisted: boolean } }) => (enterprise.blacklisted ? { reason: '黑名单企业另行检查' } : true), /拒绝“黑名单企业另行检查”缺少引用 cite/],
      [({ enterprise }: { enterprise: { blacklisted: boolean } }) => (enterprise.blacklisted ? '黑名单企业另行检查' : true), /拒绝须写作 \{ reason: '…', cite: \{ doc, clause \} \}/],
      [({ enterprise }: { enterprise: { blacklisted: boolean } }) => (enterprise.blacklisted ? { reason: '黑名单', cite: { doc: 'elsewhere', clause: '一' } } : true), /引用了 "elsewhere"，它不在规则包的来源中/],
    ];
    for (const [hook, message] of cases) {
      const pack = minimal();
      pack.hooks = { poolFilter: hook };
      const [p, ...rest] = problems(pack);
      expect(rest).toEqual([]);
      expect(p).toMatchObject({ code: 'HOOK', path: 'hooks.poolFilter' });
      expect(p!.message).toMatch(message);
    }
  });

  it('refuses a hook that runs longer than PACK_HOOK_TIMEOUT_MS on the samples, instead of hanging the load', () => {
    const pack = minimal();
    pack.hooks = { poolFilter: () => { for (;;); } };
    const result = validatePack(pack, { hookTimeoutMs: 50 });
    expect(result).toMatchObject({ ok: false, error: [{ code: 'HOOK', path: 'hooks.poolFilter', message: expect.stringContaining('在样例输入上运行超过 50 毫秒（PACK_HOOK_TIMEOUT_MS）') }] });
    expect(readConfig({}).packHookTimeoutMs).toBe(1000);
    expect(readConfig({ PACK_HOOK_TIMEOUT_MS: '250' }).packHookTimeoutMs).toBe(250);
    expect(() => readConfig({ PACK_HOOK_TIMEOUT_MS: '0' })).toThrow(/PACK_HOOK_TIMEOUT_MS/);
  });

  it('gives a cited refusal the clause it cites, as the rules\' verdicts have theirs', () => {
    const pack = minimal();
    pack.hooks = { poolFilter: ({ enterprise }: { enterprise: { blacklisted: boolean } }) => (enterprise.blacklisted ? { reason: '黑名单企业另行检查', cite: { doc: 'plan', clause: '七' } } : true) };
    const result = validatePack(pack);
    if (!result.ok) throw new Error(result.error.map(formatProblem).join('\n'));
    const tester = new PackTester(result.value, { describe, it });
    const verdicts = tester.verdicts({ kind: 'pool', enterprise: fixture.enterprise({ blacklisted: true }) });
    expect(verdicts).toEqual([{ messageId: 'HOOK_REFUSED', data: { subject: fixture.enterprise().uscc, reason: '黑名单企业另行检查' }, cite: { doc: 'plan', clause: '七' } }]);
  });
});

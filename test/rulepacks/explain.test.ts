import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_PACKS } from '../../src/rulepacks/registry.ts';
import { explainHooks, explainPack } from '../../src/rulepacks/sdk/explain.ts';
import { validatePack } from '../../src/rulepacks/sdk/validate-pack.ts';
import { builtIn } from './load.ts';

/** The path of every cited rule in a pack's rules: each is one rule a reader must be told. */
function citedPaths(value: unknown, path: string[] = []): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => citedPaths(v, [...path, String(i)]));
  if (value === null || typeof value !== 'object') return [];
  const own = 'cite' in value ? [path.join('.')] : [];
  return [...own, ...Object.entries(value).filter(([k]) => k !== 'cite').flatMap(([k, v]) => citedPaths(v, [...path, k]))];
}

describe('pack explain says every rule a pack has (issue 20, 9)', () => {
  it.each(Object.keys(BUILT_IN_PACKS))('explains every cited rule of %s, with the author’s notes', async (id) => {
    const pack = await builtIn(id);
    const explained = explainPack(pack);
    const paths = new Set(explained.map((e) => e.path));
    expect(citedPaths(pack.rules).filter((p) => !paths.has(p))).toEqual([]);
    // Each note the author wrote on a clause comes with its rule.
    const notes = citedPaths(pack.rules).length;
    expect(notes).toBe(explained.length);
    for (const e of explained) expect(e.note).toBe(e.cite.note);
  });

  it('states team sizes, the teams per inspector, ratios per stratum and a cap across the bureau', async () => {
    const wolong = await builtIn('wolong');
    const cite = { doc: wolong.meta.sources[0]!.id, clause: '第九十九条', note: '示例' };
    const made = validatePack({
      meta: { ...wolong.meta, id: 'explained' },
      rules: {
        ...wolong.ownRules,
        team: { minSize: 2, maxSize: 3, leader: true, maxTeamsPerInspector: 1, cite },
        strata: { by: ['riskLevel'], ratios: [{ when: { riskLevel: ['MAJOR', 'HIGH'] }, percent: 100 }, { when: { riskLevel: ['GENERAL'] }, percent: 5, rounding: 'nearest', min: 2 }, { when: {}, count: 3 }], cite },
        cap: { perYear: 2, exceptions: [], scope: 'bureau', cite },
      },
    });
    if (!made.ok) throw new Error(made.error.map((p) => p.message).join('; '));
    const byPath = new Map(explainPack(made.value).map((e) => [e.path, e]));
    expect(byPath.get('team')!.zh).toBe('每个检查对象不少于2名检查人员、不多于3名，确定1名组长；一次抽取中每名检查人员至多参加1个检查组');
    expect(byPath.get('strata')!.zh).toContain('抽查比例（取首个匹配，比例分层内等概率抽取）：riskLevel=MAJOR/HIGH→100%（向上取整）；riskLevel=GENERAL→5%（四舍五入），至少2家；其余→3家');
    expect(byPath.get('strata')!.en).toContain('ratios (first match, uniform within the stratum): riskLevel=MAJOR/HIGH→100% (rounded up); riskLevel=GENERAL→5% (rounded half up), at least 2; 其余→3 enterprises');
    expect(byPath.get('strata')!.zh).toContain('按风险等级分层');
    expect(byPath.get('cap')!.zh).toContain('被本局各业务部门');
    expect(byPath.get('team')!.note).toBe('示例');
  });

  it('lists a pack’s hooks with the size and hash of their source; the CLI prints notes and hooks', async () => {
    const wolong = await builtIn('wolong');
    const made = validatePack({ meta: { ...wolong.meta, id: 'hooked' }, rules: wolong.ownRules, hooks: { stratumOf: ({ enterprise }: { enterprise: { township: string | null } }) => enterprise.township ?? '无乡镇' } });
    if (!made.ok) throw new Error(made.error.map((p) => p.message).join('; '));
    const hooks = explainHooks(made.value, (text) => `h(${text.length})`);
    expect(hooks).toEqual([{ name: 'stratumOf', characters: made.value.hookSources.stratumOf!.length, sha256: `h(${made.value.hookSources.stratumOf!.length})` }]);

    const file = join(mkdtempSync(join(tmpdir(), 'pack-')), 'hooked.mjs');
    writeFileSync(file, `export default { meta: ${JSON.stringify({ ...wolong.meta, id: 'hooked' })}, rules: ${JSON.stringify(wolong.ownRules)}, hooks: { stratumOf: ({ enterprise }) => enterprise.township ?? '无乡镇' } };\n`);
    const bin = new URL('../../bin/double-random.js', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)('node', [bin, 'pack', 'explain', file], { env: { ...process.env, PACKS_DIR: '' } });
    expect(stdout).toContain('注 note: 多次: 2 or more in 12 months');
    expect(stdout).toMatch(/钩子函数 hooks[^\n]*\n {2}stratumOf: \d+ characters, sha256 [0-9a-f]{64}/);
  });
});

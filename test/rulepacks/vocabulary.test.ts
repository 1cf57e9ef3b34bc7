import { describe, expect, it } from 'vitest';
import { packVocabulary } from '../../src/rulepacks/sdk/pack-vocabulary.ts';
import { validatePack, type LoadedPack } from '../../src/rulepacks/sdk/validate-pack.ts';

const cite = { doc: 'plan', clause: '三' };
const pack = (id: string, rules: Record<string, unknown>, extendsRef?: string) => ({
  meta: { id, name: '测试县', level: 'COUNTY', version: '1.0.0', sources: [{ id: 'plan', title: '测试县实施方案' }], inForce: { from: '2026-01-01' }, ...(extendsRef ? { extends: extendsRef } : {}) },
  rules: { team: { minSize: 2, leader: true, cite }, ...rules },
});

function loaded(candidate: unknown, parent?: LoadedPack): LoadedPack {
  const r = validatePack(candidate, parent ? { resolveParent: () => parent } : {});
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('a pack extending the sector vocabulary', () => {
  it('validates sectors of the base (煤矿) and of its own vocabulary, labelled', () => {
    const p = loaded(pack('coal-county', {
      vocabulary: { sectors: [{ code: 'coal_washing', label: '洗煤厂', aliases: ['洗煤'], parent: 'coal_mine' }], cite: { doc: 'plan', clause: '二' } },
      scope: { sectors: ['coal_mine', 'coal_washing', 'fuel_station'], cite },
      specialists: [{ sector: 'coal_washing', teamSize: 3, minSpecialists: 1, cite }],
    }));
    const v = packVocabulary(p.rules);
    expect(v.labelOf('coal_washing')).toBe('洗煤厂');
    expect(v.find('洗煤')?.source).toBe('PACK');
    expect(v.covers('coal_mine', 'coal_washing')).toBe(true);
  });

  it('refuses an unknown code, naming the path and the code in Chinese', () => {
    const r = validatePack(pack('bad-county', { scope: { sectors: ['coal_mine', 'coal_washing'], cite } }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toEqual([expect.objectContaining({ code: 'VOCABULARY', path: 'rules.scope.sectors.1', cites: [cite] })]);
    expect(r.error[0]!.message).toContain('未知的行业领域代码“coal_washing”');
  });

  it('refuses an entry redefining a base word, naming the entry', () => {
    const r = validatePack(pack('clash-county', { vocabulary: { sectors: [{ code: 'gas', label: '加油站' }], cite } }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((p) => p.path)).toEqual(['rules.vocabulary.sectors.0.label']);
  });

  it("a child adds to its parent's sectors and may name them", () => {
    const parent = loaded({ ...pack('lizhou-city', { vocabulary: { sectors: [{ code: 'coal_washing', label: '洗煤厂' }], cite } }), meta: { ...pack('lizhou-city', {}).meta, level: 'CITY' } });
    const child = loaded(pack('lizhou-county', {
      vocabulary: { sectors: [{ code: 'coal_yard', label: '储煤场', parent: 'coal_washing' }], cite },
      scope: { sectors: ['coal_washing', 'coal_yard'], cite },
    }, 'lizhou-city@1.0.0'), parent);
    expect(child.rules.vocabulary!.sectors.map((s) => s.code)).toEqual(['coal_washing', 'coal_yard']);
    expect(packVocabulary(child.rules).lineage('coal_yard')).toEqual(['coal_yard', 'coal_washing']);
    const bad = validatePack(pack('lizhou-county', { vocabulary: { sectors: [{ code: 'coal_washing', label: '洗煤' }], cite } }, 'lizhou-city@1.0.0'), { resolveParent: () => parent });
    expect(bad.ok || bad.error.map((p) => p.path)).toEqual(['rules.vocabulary.sectors.0.code']);
  });
});

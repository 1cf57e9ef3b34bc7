import { describe, expect, it } from 'vitest';
import { matchObjectText, normaliseObjectText, splitObjectText } from '../../src/core/directory/match-sectors.ts';
import { BASE_VOCABULARY, extendVocabulary } from '../../src/core/directory/sector-vocabulary.ts';
import { FIRST_SECTOR_CODES, SECTOR_CODES } from '../../src/core/directory/sectors.ts';

describe('the national base vocabulary', () => {
  it('has the 应急管理 classes, and keeps every code of the first closed list', () => {
    for (const code of FIRST_SECTOR_CODES) expect(SECTOR_CODES).toContain(code);
    expect(BASE_VOCABULARY.find('煤矿')?.code).toBe('coal_mine');
    expect(BASE_VOCABULARY.find('加油站')?.code).toBe('fuel_station');
    expect(BASE_VOCABULARY.find('工贸')?.code).toBe('industry_trade');
    expect(BASE_VOCABULARY.lineage('fuel_station')).toEqual(['fuel_station', 'hazardous_chemicals']);
    expect(BASE_VOCABULARY.covers('non_coal_mine', 'tailings_pond')).toBe(true);
    expect(BASE_VOCABULARY.covers('hazardous_chemicals', 'tailings_pond')).toBe(false);
    expect(new Set(SECTOR_CODES).size).toBe(SECTOR_CODES.length);
  });
});

describe('extending the vocabulary', () => {
  it('adds a pack layer and a jurisdiction layer with their origin', () => {
    const v = extendVocabulary(BASE_VOCABULARY, [
      { source: 'PACK', origin: 'lizhou@1.0.0', sectors: [{ code: 'coal_washing', label: '洗煤厂', aliases: ['洗煤'], parent: 'coal_mine' }] },
      { source: 'JURISDICTION', origin: '510802', sectors: [{ code: 'hydropower', label: '水电站' }] },
    ]);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.value.find('洗煤')).toMatchObject({ code: 'coal_washing', source: 'PACK', origin: 'lizhou@1.0.0' });
    expect(v.value.find('水电站')).toMatchObject({ code: 'hydropower', source: 'JURISDICTION', origin: '510802' });
    expect(v.value.covers('coal_mine', 'coal_washing')).toBe(true);
  });

  it('refuses a taken code, a taken word, a bad code and an unknown parent, naming the entry', () => {
    const v = extendVocabulary(BASE_VOCABULARY, [
      { source: 'PACK', origin: 'p@1.0.0', sectors: [
        { code: 'coal_mine', label: '煤矿二' },
        { code: 'x_two', label: '加油站' },
        { code: 'Bad-Code', label: '某' },
        { code: 'orphan', label: '孤儿', parent: 'nowhere' },
      ] },
    ]);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.error.map((p) => [p.index, p.field])).toEqual([[0, 'code'], [1, 'label'], [2, 'code'], [3, 'parent']]);
    expect(v.error[1]!.message).toContain('加油加气站');
  });
});

describe('matching free-text 检查对象 to sectors', () => {
  const match = (text: string) => matchObjectText(text, BASE_VOCABULARY);

  it.each([
    ['加油站', ['fuel_station'], 'alias'],
    ['尾矿库', ['tailings_pond'], 'exact'],
    ['烟花爆竹批发企业', ['fireworks_wholesale'], 'alias'],
    ['轻工企业（食品、酿酒、造纸）', ['light_industry'], 'alias'],
    ['粉尘涉爆企业', ['dust_explosion'], 'exact'],
    ['有限空间作业单位', ['confined_space'], 'alias'],
    ['煤矿', ['coal_mine'], 'exact'],
    ['规模以上工贸企业', ['industry_trade'], 'contains'],
    ['根据实际情况确定', [], 'unmatched'],
  ])('%s → %j (%s)', (text, sectors, how) => {
    const m = match(text);
    expect(m.sectors).toEqual(sectors);
    expect(m.how).toBe(how);
  });

  it('splits at top-level separators, never inside brackets', () => {
    expect(splitObjectText('轻工企业（食品、酿酒、造纸）')).toEqual(['轻工企业（食品、酿酒、造纸）']);
    expect(splitObjectText('加油站、尾矿库；冶金(钢铁,铸造)企业')).toEqual(['加油站', '尾矿库', '冶金(钢铁,铸造)企业']);
    const m = match('加油站、尾矿库、根据实际情况确定');
    expect(m.sectors).toEqual(['fuel_station', 'tailings_pond']);
    expect(m.how).toBe('unmatched');
    expect(m.parts.map((p) => p.how)).toEqual(['alias', 'exact', 'unmatched']);
  });

  it("takes the bureau's correction first", () => {
    const corrections = new Map([[normaliseObjectText(' 根据实际情况确定 '), ['general']]]);
    expect(matchObjectText('根据实际情况确定', BASE_VOCABULARY, corrections)).toMatchObject({ sectors: ['general'], how: 'correction' });
    expect(matchObjectText('加油站', BASE_VOCABULARY, new Map([['加油站', ['hazardous_chemicals']]])).sectors).toEqual(['hazardous_chemicals']);
  });
});

describe('docs/rule-packs.md', () => {
  it('lists every class of the base vocabulary with its label', async () => {
    const { readFileSync } = await import('node:fs');
    const guide = readFileSync(new URL('../../docs/rule-packs.md', import.meta.url), 'utf8');
    for (const s of BASE_VOCABULARY.sectors) expect(guide, s.code).toContain(`| \`${s.code}\` | ${s.label} |`);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import { exportDirectory } from '../../src/server/directory/export-directory.ts';
import { importDirectory } from '../../src/server/directory/import-directory.ts';
import { jurisdictionVocabulary } from '../../src/server/vocabulary/jurisdiction-vocabulary.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';
import { csv, uscc } from '../helpers/fixtures.ts';

/** 卧龙's rules and one sector of the pack's own: 洗煤厂 under 煤矿. */
function packsWithVocabulary(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dr-packs-'));
  writeFileSync(join(dir, 'wolong-coal.json'), JSON.stringify({
    meta: { id: 'wolong-coal', name: '卧龙区（含洗煤厂）', level: 'COUNTY', version: '1.0.0', extends: 'wolong@1.0.0', inForce: { from: '2021-01-01' }, sources: [{ id: 'local', title: '卧龙区洗煤厂安全监管办法' }] },
    rules: { vocabulary: { sectors: [{ code: 'coal_washing', label: '洗煤厂', aliases: ['洗煤'], parent: 'coal_mine' }], cite: { doc: 'local', clause: '第二条' } } },
  }));
  return dir;
}

const SECTORS = `{ sectors(jurisdiction: "${DEMO}") { code label aliases parent source origin } }`;
const ADD_SECTOR = `mutation($input: JurisdictionSectorInput!) { addJurisdictionSector(jurisdiction: "${DEMO}", input: $input) { __typename ... on Sector { code source origin } ... on Error { message } ... on ValidationError { issues { field message } } } }`;
const MATCHES = `{ jurisdiction(code: "${DEMO}") { sectorMatches { text sectors how items matched { how sectors parts { text how } } correction { sectors correctedBy } } } }`;
const CORRECT = `mutation($text: String!, $sectors: [String!]!) { correctSectorMatch(jurisdiction: "${DEMO}", text: $text, sectors: $sectors) { __typename ... on SectorMatch { text sectors how correction { sectors } } ... on Error { message } } }`;
const CLEAR = `mutation($text: String!) { clearSectorMatch(jurisdiction: "${DEMO}", text: $text) { __typename ... on SectorMatch { sectors how correction { sectors } } ... on Error { message } } }`;

describe('open vocabularies (issue 20, 4)', () => {
  let demo: DemoCounty;
  let jurisdictionId: string;
  beforeAll(async () => {
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), { enterprises: 20, inspectors: 12, packsDir: packsWithVocabulary(), pack: 'wolong-coal' });
    jurisdictionId = (await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } })).id;
  }, 120_000);
  afterAll(async () => demo?.db.close());

  it('a jurisdiction adds a sector of its own (admins only); sectors(jurisdiction) gives base, pack and own, with where each came from', async () => {
    const refused = (await demo.gql(ADD_SECTOR, { input: { code: 'hydropower', label: '水电站' } }, demo.tokens.PLANNER)).data.addJurisdictionSector;
    expect(refused.__typename).toBe('ForbiddenError');
    const clash = (await demo.gql(ADD_SECTOR, { input: { code: 'pumps', label: '加油站' } }, demo.tokens.ADMIN)).data.addJurisdictionSector;
    expect(clash.__typename).toBe('ValidationError');
    expect(clash.issues[0]).toMatchObject({ field: 'label' });
    const added = (await demo.gql(ADD_SECTOR, { input: { code: 'hydropower', label: '水电站', aliases: ['小水电'] } }, demo.tokens.ADMIN)).data.addJurisdictionSector;
    expect(added).toEqual({ __typename: 'Sector', code: 'hydropower', source: 'JURISDICTION', origin: DEMO });
    const sectors = (await demo.gql(SECTORS, {}, demo.tokens.INSPECTOR)).data.sectors;
    expect(sectors.find((s: { code: string }) => s.code === 'coal_mine')).toMatchObject({ label: '煤矿', source: 'BASE', origin: null });
    expect(sectors.find((s: { code: string }) => s.code === 'coal_washing')).toMatchObject({ label: '洗煤厂', parent: 'coal_mine', source: 'PACK', origin: 'wolong-coal@1.0.0' });
    expect(sectors.find((s: { code: string }) => s.code === 'fuel_station')).toMatchObject({ parent: 'hazardous_chemicals' });
    expect(await demo.db.prisma.auditEntry.count({ where: { jurisdictionId, action: 'sector.added' } })).toBe(1);
  });

  it('imports 煤矿, the pack’s 洗煤厂, the jurisdiction’s 水电站 and the 规上 column; an unknown sector is a row error naming the closest one or every known one', async () => {
    const headers = ['统一社会信用代码', '企业名称', '行业类别', '规上'];
    const [a, b, c, d, e] = ['91411303MA4W00001', '91411303MA4W00002', '91411303MA4W00003', '91411303MA4W00004', '91411303MA4W00005'].map(uscc);
    const good = [[a!, '卧龙甲煤矿有限公司', '煤矿', '是'], [b!, '卧龙乙洗煤有限公司', '洗煤', '否'], [c!, '卧龙丙水电有限公司', '小水电', '是']];
    const refused = await importDirectory(demo.db.sql, { kind: 'enterprises', jurisdictionCode: DEMO, file: Buffer.from(csv([headers, ...good, [d!, '丁', '洗煤厂房', '是'], [e!, '戊', '火星采矿', '否']])), actor: 'tester', packs: demo.packs });
    expect(refused.committed).toBe(false);
    expect(refused.problems.map((p) => p.row)).toEqual([5, 6]);
    expect(refused.problems[0]!.message).toContain('是否指“洗煤厂”');
    expect(refused.problems[1]!.message).toMatch(/不是已知的行业领域（.*煤矿.*洗煤厂.*水电站）/);

    const report = await importDirectory(demo.db.sql, { kind: 'enterprises', jurisdictionCode: DEMO, file: Buffer.from(csv([headers, ...good])), actor: 'tester', packs: demo.packs });
    expect(report.problems).toEqual([]);
    expect(report.columns).toContainEqual({ header: '规上', field: 'aboveDesignatedSize' });
    const rows = await demo.db.prisma.enterprise.findMany({ where: { uscc: { in: [a!, b!, c!] } }, orderBy: { uscc: 'asc' }, select: { sector: true, aboveDesignatedSize: true } });
    expect(rows).toEqual([{ sector: 'coal_mine', aboveDesignatedSize: true }, { sector: 'coal_washing', aboveDesignatedSize: false }, { sector: 'hydropower', aboveDesignatedSize: true }]);

    // The export writes them back as the bureau wrote them: labels of the jurisdiction's vocabulary, 规上 as 是/否.
    const table = await exportDirectory(demo.db.prisma, 'enterprises', jurisdictionId, await jurisdictionVocabulary(demo.db.sql, demo.packs, jurisdictionId));
    const at = (header: string) => table.headers.indexOf(header);
    const exported = table.rows.filter((r) => [a, b, c].includes(r[at('统一社会信用代码')]!)).map((r) => [r[at('行业类别')], r[at('规上')]]);
    expect(exported.sort()).toEqual([['水电站', '是'], ['洗煤厂', '否'], ['煤矿', '是']].sort());
  });

  it('edits 规上 and a pack sector through GraphQL, filters by 规上, and keeps the change in the history', async () => {
    const create = `mutation($input: EnterpriseInput!) { createEnterprise(jurisdiction: "${DEMO}", input: $input) { __typename ... on Enterprise { id sector aboveDesignatedSize } ... on Error { message } } }`;
    const made = (await demo.gql(create, { input: { uscc: uscc('91411303MA4W00009'), name: '卧龙己洗煤厂', sector: '洗煤厂', aboveDesignatedSize: true } }, demo.tokens.PLANNER)).data.createEnterprise;
    expect(made).toMatchObject({ __typename: 'Enterprise', sector: 'coal_washing', aboveDesignatedSize: true });
    const update = `mutation($id: ID!) { updateEnterprise(id: $id, input: { aboveDesignatedSize: false }) { ... on Enterprise { aboveDesignatedSize history { op row } } } }`;
    const updated = (await demo.gql(update, { id: made.id }, demo.tokens.PLANNER)).data.updateEnterprise;
    expect(updated.aboveDesignatedSize).toBe(false);
    expect(updated.history.map((h: { row: { above_designated_size: boolean } }) => h.row.above_designated_size)).toEqual([true, false]);
    const list = `{ jurisdiction(code: "${DEMO}") { enterprises(first: 100, filter: { aboveDesignatedSize: true }) { totalCount edges { node { aboveDesignatedSize } } } } }`;
    const page = (await demo.gql(list, {}, demo.tokens.PLANNER)).data.jurisdiction.enterprises;
    const expected = await demo.db.prisma.enterprise.count({ where: { jurisdictionId, active: true, aboveDesignatedSize: true } });
    expect(page.totalCount).toBe(expected);
    expect(page.edges.every((e: { node: { aboveDesignatedSize: boolean } }) => e.node.aboveDesignatedSize)).toBe(true);
  });

  it('a directed task names a sector of the pack by its Chinese name', async () => {
    const create = `mutation($input: TaskInput!) { createTask(jurisdiction: "${DEMO}", input: $input) { __typename ... on Task { sectors } ... on Error { message } } }`;
    expect((await demo.gql(create, { input: { ...TASK_INPUT, sectors: ['洗煤厂', '煤矿'] } }, demo.tokens.PLANNER)).data.createTask).toEqual({ __typename: 'Task', sectors: ['coal_washing', 'coal_mine'] });
    const refused = (await demo.gql(create, { input: { ...TASK_INPUT, sectors: ['火星'] } }, demo.tokens.PLANNER)).data.createTask;
    expect(refused.message).toMatch(/未知行业：火星；可选：.*洗煤厂.*水电站/);
  });

  it('shows how each 检查对象 matched; a correction (admins) changes the match and the items’ sectors, on the audit trail; clearing it restores the match', async () => {
    const items = [['V-1', '加油站检查', '加油站'], ['V-2', '尾矿库检查', '尾矿库'], ['V-3', '专项检查一', '根据实际情况确定'], ['V-4', '专项检查二', '根据实际情况确定'], ['V-5', '轻工检查', '轻工企业（食品、酿酒、造纸）']];
    for (const [code, name, object] of items) {
      const item = await demo.db.prisma.checklistItem.create({ data: { jurisdictionId, code: code!, name: name!, sectors: [] } });
      await demo.db.sql.query('UPDATE checklist_item SET inspection_object = $1 WHERE id = $2', [object, item.id]);
    }
    const table = (await demo.gql(MATCHES, {}, demo.tokens.PLANNER)).data.jurisdiction.sectorMatches;
    const row = (text: string) => table.find((r: { text: string }) => r.text === text);
    expect(row('加油站')).toMatchObject({ sectors: ['fuel_station'], how: 'ALIAS', items: 1, correction: null });
    expect(row('轻工企业（食品、酿酒、造纸）')).toMatchObject({ sectors: ['light_industry'], matched: { parts: [{ text: '轻工企业（食品、酿酒、造纸）' }] } });
    expect(row('根据实际情况确定')).toMatchObject({ sectors: [], how: 'UNMATCHED', items: 2 });

    expect((await demo.gql(CORRECT, { text: '根据实际情况确定', sectors: ['general'] }, demo.tokens.PLANNER)).data.correctSectorMatch.__typename).toBe('ForbiddenError');
    const unknown = (await demo.gql(CORRECT, { text: '根据实际情况确定', sectors: ['火星'] }, demo.tokens.ADMIN)).data.correctSectorMatch;
    expect(unknown).toMatchObject({ __typename: 'ValidationError', message: expect.stringContaining('“火星”不是本辖区已知的行业领域') });
    const corrected = (await demo.gql(CORRECT, { text: ' 根据实际情况确定 ', sectors: ['综合监管', 'coal_washing'] }, demo.tokens.ADMIN)).data.correctSectorMatch;
    expect(corrected).toEqual({ __typename: 'SectorMatch', text: '根据实际情况确定', sectors: ['general', 'coal_washing'], how: 'CORRECTION', correction: { sectors: ['general', 'coal_washing'] } });
    const sectorsOf = async (code: string) => (await demo.db.prisma.checklistItem.findFirstOrThrow({ where: { jurisdictionId, code } })).sectors;
    expect(await sectorsOf('V-3')).toEqual(['general', 'coal_washing']);
    expect(await sectorsOf('V-4')).toEqual(['general', 'coal_washing']);
    const audit = await demo.db.prisma.auditEntry.findFirstOrThrow({ where: { jurisdictionId, action: 'sector-match.corrected' } });
    expect(audit.payload).toMatchObject({ text: '根据实际情况确定', sectors: ['general', 'coal_washing'], itemsChanged: 2 });
    expect((await demo.gql(MATCHES, {}, demo.tokens.PLANNER)).data.jurisdiction.sectorMatches.find((r: { text: string }) => r.text === '根据实际情况确定'))
      .toMatchObject({ how: 'CORRECTION', matched: { how: 'UNMATCHED' }, correction: { correctedBy: expect.stringContaining('admin') } });

    const cleared = (await demo.gql(CLEAR, { text: '根据实际情况确定' }, demo.tokens.ADMIN)).data.clearSectorMatch;
    expect(cleared).toEqual({ __typename: 'SectorMatch', sectors: [], how: 'UNMATCHED', correction: null });
    expect(await sectorsOf('V-3')).toEqual([]);
    expect(await demo.db.prisma.auditEntry.count({ where: { jurisdictionId, action: 'sector-match.cleared' } })).toBe(1);
  });

  it('a checklist import matches 检查对象 by the jurisdiction’s vocabulary and the bureau’s corrections, as 检查对象匹配 shows them', async () => {
    expect((await demo.gql(CORRECT, { text: '其他生产经营单位', sectors: ['综合监管'] }, demo.tokens.ADMIN)).data.correctSectorMatch.__typename).toBe('SectorMatch');
    const file = Buffer.from(csv([['编号', '抽查事项名称', '检查对象'], ['W-1', '洗煤厂安全检查', '洗煤厂'], ['W-2', '一般单位检查', '其他生产经营单位'], ['W-3', '未知对象检查', '火星基地']]));
    const report = await importDirectory(demo.db.sql, { kind: 'checklist', jurisdictionCode: DEMO, file, actor: 'tester', packs: demo.packs });
    expect(report.problems).toEqual([]);
    const sectorsOf = async (code: string) => (await demo.db.prisma.checklistItem.findFirstOrThrow({ where: { jurisdictionId, code } })).sectors;
    expect(await sectorsOf('W-1')).toEqual(['coal_washing']); // the pack's sector, unknown to the base vocabulary
    expect(await sectorsOf('W-2')).toEqual(['general']); // the bureau's correction
    expect(await sectorsOf('W-3')).toEqual([]);
    expect(report.warnings.map((w) => w.row)).toEqual([4]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/database.ts';
import { importDirectory } from '../../src/server/directory/import-directory.ts';
import {
  TABLE_A_HEADERS, TABLE_A_ROWS, TABLE_A_TITLE, TABLE_B_HEADERS, TABLE_B_ITEMS, TABLE_B_ROWS, TABLE_B_TITLE, tableBRuns, tableCsvGbk, tableXlsx,
} from '../helpers/checklist-tables.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { createJurisdiction } from '../helpers/fixtures.ts';
import { buildXlsx, cell } from '../helpers/xlsx.ts';
import { generatedCode } from '../../src/core/directory/checklist-table.ts';

const FILES = {
  'A as GBK CSV': () => tableCsvGbk(TABLE_A_TITLE, TABLE_A_HEADERS, TABLE_A_ROWS),
  'A as XLSX': () => tableXlsx(TABLE_A_TITLE, TABLE_A_HEADERS, TABLE_A_ROWS),
  'B as GBK CSV': () => tableCsvGbk(TABLE_B_TITLE, TABLE_B_HEADERS, TABLE_B_ROWS),
  // The item's cells merged down over its sub-item rows; 抽查子项 (column C) is not merged.
  'B as XLSX with merged cells': () => tableXlsx(TABLE_B_TITLE, TABLE_B_HEADERS, TABLE_B_ROWS, tableBRuns(), [3]),
};

type Item = { code: string; name: string; parent_code: string | null; category: string | null; item_kind: string | null; inspection_object: string | null; sectors: string[] | null; subject: string | null; legal_basis: string | null; method: string | null; level: string | null; inspector_requirement: string | null; remarks: string | null; ratio_text: string | null; ratio_percent: string | null; ratio_minimum: boolean | null; frequency_text: string | null; frequency_period: string | null; extra: Record<string, string> };

describe.each(TEST_DATABASES)('published checklist tables on $name', (target) => {
  let db: Database;
  let next = 0;
  const items = async (code: string) =>
    db.sql.query<Item>(
      `SELECT c.code, c.name, p.code AS parent_code, c.category, c.item_kind, c.inspection_object, c.sectors, c.subject, c.legal_basis, c.method, c.level,
              c.inspector_requirement, c.remarks, c.ratio_text, c.ratio_percent::text, c.ratio_minimum, c.frequency_text, c.frequency_period, c.extra
       FROM checklist_item c JOIN jurisdiction j ON j.id = c.jurisdiction_id LEFT JOIN checklist_item p ON p.id = c.parent_id WHERE j.code = $1 ORDER BY c.code`,
      [code],
    );
  const fresh = async () => {
    const code = `5104${String(++next).padStart(2, '0')}`;
    await createJurisdiction(db, code, `测试县${next}`);
    return code;
  };

  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => {
    await db.close();
  });

  describe.each(['A as GBK CSV', 'A as XLSX'] as const)('table %s', (file) => {
    it('imports without hand edits: title skipped, every column to a field that means it, codes generated, the object kept whole', async () => {
      const code = await fresh();
      const report = await importDirectory(db.sql, { kind: 'checklist', jurisdictionCode: code, file: FILES[file](), actor: 'tester' });
      expect(report.problems).toEqual([]);
      expect(report).toMatchObject({ committed: true, created: TABLE_A_ROWS.length, rows: TABLE_A_ROWS.length, titleRows: [TABLE_A_TITLE], headers: [...TABLE_A_HEADERS], ignoredColumns: [], keptColumns: [], generatedKeys: TABLE_A_ROWS.length });
      // Every column is reported with the field it went to; 事项类别 is not 实施层级, 检查对象 not 适用行业.
      expect(report.columns).toEqual([
        { header: '抽查类别', field: 'category' }, { header: '检查对象', field: 'inspectionObject' }, { header: '事项类别', field: 'itemKind' },
        { header: '检查方式', field: 'method' }, { header: '检查主体', field: 'subject' }, { header: '检查依据', field: 'legalBasis' },
      ]);
      // Every object names a sector of the vocabulary (名录库 › 检查对象匹配's match): no warnings; the text is kept.
      expect(report.warnings).toEqual([]);

      const rows = await items(code);
      expect(rows).toHaveLength(TABLE_A_ROWS.length);
      const byObject = new Map(rows.map((r) => [r.inspection_object, r]));
      expect(byObject.get('轻工企业（食品、酿酒、造纸）')).toMatchObject({ name: '轻工企业（食品、酿酒、造纸）（一般检查）', category: '一般检查', item_kind: '行政检查', level: null, sectors: ['light_industry'], subject: 'XX县应急管理局', parent_code: null });
      expect(byObject.get('机械、纺织、商贸企业')!.sectors).toEqual(['machinery', 'textile', 'commerce']);
      expect(byObject.get('冶金、有色企业')!.sectors).toEqual(['metallurgy', 'nonferrous']);
      expect(byObject.get('加油站')!.sectors).toEqual(['fuel_station']);
      expect(byObject.get('烟花爆竹批发企业')!.sectors).toEqual(['fireworks_wholesale']);
      expect(byObject.get('工贸行业粉尘涉爆企业')!.sectors).toEqual(['dust_explosion']);
      const first = byObject.get('危险化学品经营企业（不带储存设施）')!;
      expect(first.code).toBe(generatedCode({ category: '一般检查', itemKind: '行政检查', inspectionObject: '危险化学品经营企业（不带储存设施）', name: '危险化学品经营企业（不带储存设施）（一般检查）' }));
      expect(first.code).toMatch(/^G[0-9a-f]{8}$/);
      expect(first).toMatchObject({ legal_basis: TABLE_A_ROWS[0]![5], method: '双随机抽查', sectors: ['hazchem_trading'] });
      expect(byObject.get('危险化学品企业')!.sectors).toEqual(['hazardous_chemicals']);

      // The same file again changes nothing: the generated codes are the same.
      const again = await importDirectory(db.sql, { kind: 'checklist', jurisdictionCode: code, file: FILES[file](), actor: 'tester' });
      expect(again).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: TABLE_A_ROWS.length });
    });
  });

  describe.each(['B as GBK CSV', 'B as XLSX with merged cells'] as const)('table %s', (file) => {
    it('imports items with their sub-items as a tree, ratio and frequency kept as published and read', async () => {
      const code = await fresh();
      const report = await importDirectory(db.sql, { kind: 'checklist', jurisdictionCode: code, file: FILES[file](), actor: 'tester' });
      expect(report.problems).toEqual([]);
      const subItems = TABLE_B_ITEMS.reduce((n, i) => n + i.subs.length, 0);
      const parents = TABLE_B_ITEMS.filter((i) => i.subs.length > 0).length;
      expect(report).toMatchObject({ committed: true, rows: TABLE_B_ROWS.length, created: TABLE_B_ITEMS.length + subItems, titleRows: [TABLE_B_TITLE], ignoredColumns: [], keptColumns: [], generatedKeys: subItems });
      expect(report.columns.map((c) => `${c.header}→${c.field}`)).toEqual([
        '编号→code', '抽查事项名称→name', '抽查子项→subItem', '抽查依据→legalBasis', '抽查主体→subject', '抽查对象→inspectionObject',
        '抽查比例→ratioText', '抽查频次→frequencyText', '抽查方式→method', '检查人员要求→inspectorRequirement', '备注→remarks',
      ]);
      expect(parents).toBe(5);

      const rows = await items(code);
      const byCode = new Map(rows.map((r) => [r.code, r]));
      expect(rows).toHaveLength(TABLE_B_ITEMS.length + subItems);
      // Item 1 and its three sub-items; the parent has what all its rows share.
      expect(byCode.get('1')).toMatchObject({ name: '危险化学品企业安全生产行政检查', parent_code: null, ratio_text: '不低于5%', ratio_percent: '5.00', ratio_minimum: true, frequency_period: 'year', sectors: ['hazardous_chemicals'] });
      expect(['1-1', '1-2', '1-3'].map((c) => [byCode.get(c)!.name, byCode.get(c)!.parent_code])).toEqual([
        ['安全生产责任制落实情况', '1'], ['重大危险源安全管理', '1'], ['特殊作业安全管理', '1'],
      ]);
      expect(byCode.get('2-1')).toMatchObject({ name: '尾矿库安全管理', parent_code: '2', inspection_object: '非煤矿山（尾矿库）', sectors: ['non_coal_mine'], ratio_percent: '10.00', frequency_period: 'half_year', remarks: '汛期前应检查尾矿库', inspector_requirement: '执法人员2名以上，可邀请专家参加' });
      // A free-text ratio or frequency is kept as text, with no value.
      expect(byCode.get('4-2')).toMatchObject({ name: '卸油作业安全管理', ratio_text: '根据实际情况确定', ratio_percent: null, frequency_text: '根据实际情况确定', frequency_period: null });
      // Items without sub-items are leaves.
      expect(byCode.get('3')).toMatchObject({ parent_code: null, ratio_percent: '100.00', ratio_minimum: false, frequency_period: 'year', remarks: '春节前完成' });
      expect(byCode.get('6')).toMatchObject({ ratio_percent: '5.00', ratio_minimum: false, frequency_period: 'year', sectors: ['light_industry'] });
      expect(byCode.get('5-1')!.frequency_period).toBe('quarter');
      expect(rows.filter((r) => r.parent_code === null)).toHaveLength(TABLE_B_ITEMS.length);
    });
  });

  it('keeps a column it does not know with each item and reports it as kept', async () => {
    const code = await fresh();
    const headers = [...TABLE_B_HEADERS, '公示方式'];
    const rows = TABLE_B_ROWS.map((r, i) => [...r, i === 0 ? '门户网站公示' : '']);
    const report = await importDirectory(db.sql, { kind: 'checklist', jurisdictionCode: code, file: tableCsvGbk(TABLE_B_TITLE, headers, rows), actor: 'tester' });
    expect(report).toMatchObject({ committed: true, keptColumns: ['公示方式'], ignoredColumns: [] });
    const byCode = new Map((await items(code)).map((r) => [r.code, r]));
    expect(byCode.get('1-1')!.extra).toEqual({ 公示方式: '门户网站公示' });
    expect(byCode.get('1-2')!.extra).toEqual({});
  });

  it('a hostile merged range costs one error, bounded by the row and cell limits before any cell is filled', async () => {
    const code = await fresh();
    const sheet = (mergeCells: string[]) => buildXlsx({ sheetData: `<row r="1">${cell('A1', '编号')}${cell('B1', '抽查事项名称')}</row><row r="2">${cell('A2', '1')}${cell('B2', '检查')}</row>`, mergeCells });
    const huge = await importDirectory(db.sql, { kind: 'checklist', jurisdictionCode: code, file: sheet(['A2:XFD1048576']), actor: 'tester' });
    expect(huge.problems.map((p) => p.code)).toEqual(['TOO_MANY_ROWS']);
    const wide = await importDirectory(db.sql, { kind: 'checklist', jurisdictionCode: code, file: sheet(['A2:B60']), actor: 'tester', limits: { maxCells: 100 } });
    expect(wide.problems.map((p) => p.code)).toEqual(['TOO_MANY_CELLS']);
    expect(wide.problems[0]!.message).toContain('合并单元格');
    expect(await items(code)).toEqual([]);
  });

  it('refuses a row with neither a name nor an 检查对象, naming its row, and writes nothing', async () => {
    const code = await fresh();
    const rows = [...TABLE_A_ROWS.slice(0, 2), ['一般检查', '', '行政检查', '双随机抽查', 'XX县应急管理局', '']];
    const report = await importDirectory(db.sql, { kind: 'checklist', jurisdictionCode: code, file: tableCsvGbk(TABLE_A_TITLE, TABLE_A_HEADERS, rows), actor: 'tester' });
    expect(report).toMatchObject({ committed: false, problems: [expect.objectContaining({ code: 'MISSING_VALUE', row: 5, field: 'name' })] });
    expect(await items(code)).toEqual([]);
  });
});

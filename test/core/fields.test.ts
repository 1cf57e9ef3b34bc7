import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/core/directory/dates.ts';
import { enterpriseSpec, inspectorSpec } from '../../src/core/directory/kinds/index.ts';
import { maskIdNumber, maskPhone } from '../../src/core/directory/mask.ts';
import { readTable } from '../../src/core/directory/read-table.ts';
import { findSector } from '../../src/core/directory/sectors.ts';
import { idNumber, uscc } from '../helpers/fixtures.ts';

describe('dates', () => {
  it.each([['2024-03-05'], ['2024/3/5'], ['2024.3.5'], ['2024年3月5日'], ['20240305']])('reads %s', (text) => {
    expect(parseDate(text)).toEqual({ ok: true, value: '2024-03-05' });
  });
  it('rejects impossible dates', () => {
    expect(parseDate('2023-02-29').ok).toBe(false);
    expect(parseDate('next week').ok).toBe(false);
  });
});

describe('sectors', () => {
  it('knows codes, labels and aliases of the documents', () => {
    expect(findSector('危化')?.code).toBe('hazardous_chemicals');
    expect(findSector('非煤矿山')?.code).toBe('non_coal_mine');
    expect(findSector('machinery')?.code).toBe('machinery');
    expect(findSector('化工')).toBeUndefined();
  });
});

describe('masking personal data', () => {
  it('keeps enough to recognise, not to use', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

describe('readTable', () => {
  const headers = ['统一社会信用代码', '企业名称', '行业类别', '风险等级', '黑名单'];
  const good = uscc('91411303MA4000001');

  it('reads Chinese headers and vocabulary into typed records with defaults', () => {
    const result = readTable(enterpriseSpec, { headers, rows: [[good, '某机械有限公司', '机械', '较大风险', '是']] });
    expect(result.problems).toEqual([]);
    expect(result.records[0]).toEqual({
      row: 2,
      value: expect.objectContaining({ uscc: good, name: '某机械有限公司', sector: 'machinery', riskLevel: 'HIGH', creditLevel: 'NORMAL', blacklisted: true, operatingStatus: 'OPERATING' }),
    });
  });

  it('reports every bad cell with its row and column', () => {
    const result = readTable(enterpriseSpec, {
      headers,
      rows: [
        [good, '甲公司', '机械', '一般', '否'],
        ['91411303MA40000010', '乙公司', '化工', '中等', '否'],
      ],
    });
    expect(result.records).toHaveLength(1);
    expect(result.problems.map((p) => [p.code, p.row, p.column])).toEqual([
      ['INVALID_VALUE', 3, '统一社会信用代码'],
      ['INVALID_VALUE', 3, '行业类别'],
      ['INVALID_VALUE', 3, '风险等级'],
    ]);
  });

  it('reports a USCC that appears twice in one file', () => {
    const result = readTable(enterpriseSpec, { headers, rows: [[good, '甲', '机械', '', ''], [good, '乙', '机械', '', '']] });
    expect(result.problems).toEqual([expect.objectContaining({ code: 'DUPLICATE_KEY', row: 3, column: '统一社会信用代码' })]);
    expect(result.problems[0]!.message).toContain('与第 2 行重复');
  });

  it('refuses a file without a required column, and maps other headers when told', () => {
    const other = { headers: ['信用代码号', '企业全称', '所属行业'], rows: [[good, '甲', '机械']] };
    expect(readTable(enterpriseSpec, other).problems.map((p) => p.column)).toEqual(['统一社会信用代码', '企业名称', '行业类别']);
    const mapped = readTable(enterpriseSpec, other, { 信用代码号: '统一社会信用代码', 企业全称: 'name', 所属行业: '行业类别' });
    expect(mapped.problems).toEqual([]);
    expect(mapped.records[0]!.value.name).toBe('甲');
  });

  it('validates ID numbers and dates of inspectors', () => {
    const id = idNumber('41130319800101001');
    const result = readTable(inspectorSpec, {
      headers: ['执法证号', '姓名', '身份证号', '执法证有效期至', '所属单位', '执法领域'],
      rows: [
        ['A001', '张三', id, '2027年6月30日', '执法大队', '危化、非煤矿山'],
        ['A002', '李四', `${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}`, '2027-13-01', '执法大队', '危化'],
      ],
    });
    expect(result.records[0]!.value).toMatchObject({ certificateValidUntil: '2027-06-30', domains: ['hazardous_chemicals', 'non_coal_mine'], formalStaff: true });
    expect(result.problems.map((p) => p.column)).toEqual(['身份证号', '执法证有效期至']);
  });
});

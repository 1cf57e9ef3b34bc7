import { describe, expect, it } from 'vitest';
import { checkDivision, divisionOf } from '../../src/core/jurisdictions/division-code.ts';
import { divisionTable } from '../../src/server/jurisdictions/division-table.ts';

describe('GB/T 2260 codes and their parents', () => {
  const table = divisionTable();

  it('puts a district under its city and the city under its province', () => {
    expect(divisionOf(table, '511502')).toEqual({ ok: true, value: { division: { code: '511502', name: '翠屏区', level: 'COUNTY' }, parentCode: '511500' } });
    expect(divisionOf(table, '511500')).toMatchObject({ ok: true, value: { parentCode: '510000' } });
    expect(divisionOf(table, '510000')).toMatchObject({ ok: true, value: { parentCode: null } });
  });

  it('puts a municipality’s district directly under the municipality, which has no city level', () => {
    expect(divisionOf(table, '110105')).toMatchObject({ ok: true, value: { division: { name: '朝阳区' }, parentCode: '110000' } });
    expect(checkDivision(table, { code: '110105', level: 'COUNTY', parentCode: '110100' })).toMatchObject({ ok: false, error: { field: 'parent' } });
  });

  it('refuses a code not in the table, in Chinese, naming the field', () => {
    expect(divisionOf(table, '51150')).toMatchObject({ ok: false, error: { field: 'code', message: expect.stringContaining('GB/T 2260') } });
  });
});

import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../src/core/identifiers/id-number.ts';
import { parseUscc } from '../../src/core/identifiers/uscc.ts';
import { readTable } from '../../src/core/directory/read-table.ts';
import { checklistSpec, enterpriseSpec, expertSpec, inspectorSpec, type DirectorySpec } from '../../src/core/directory/kinds/index.ts';
import type { Field } from '../../src/core/directory/fields.ts';
import { generateCounty } from '../../src/demo/generate-county.ts';

/** Writes records as a bureau's file would hold them, to pass them through the importer's own checks. */
function asTable<R>(spec: DirectorySpec<R>, records: readonly R[]) {
  const fields = Object.entries(spec.fields) as [keyof R, Field<unknown>][];
  return { headers: fields.map(([, f]) => f.headers[0]!), rows: records.map((r) => fields.map(([k, f]) => (r[k] === null ? '' : f.format(r[k])))) };
}

describe('the demo county generator', () => {
  const county = generateCounty();

  it('is deterministic', () => {
    expect(generateCounty()).toEqual(county);
    expect(generateCounty({ seed: 7 }).enterprises[0]).not.toEqual(county.enterprises[0]);
  });

  it('has the documented size, every record valid by the importer\'s own rules', () => {
    expect(county.enterprises).toHaveLength(2000);
    expect(county.inspectors).toHaveLength(60);
    expect(county.experts).toHaveLength(30);
    for (const [spec, records] of [[enterpriseSpec, county.enterprises], [inspectorSpec, county.inspectors], [expertSpec, county.experts], [checklistSpec, county.checklist]] as const) {
      expect(readTable(spec as DirectorySpec<any>, asTable(spec as DirectorySpec<any>, records as readonly any[])).problems).toEqual([]);
    }
    expect(county.enterprises.every((e) => parseUscc(e.uscc).ok)).toBe(true);
    expect(county.inspectors.every((i) => i.idNumber && parseIdNumber(i.idNumber).ok)).toBe(true);
  });

  it('has a believable mix: sectors of the documents, every risk and credit level, flags, history', () => {
    const share = (p: (e: (typeof county.enterprises)[number]) => boolean) => county.enterprises.filter(p).length / county.enterprises.length;
    expect(new Set(county.enterprises.map((e) => e.sector)).size).toBeGreaterThanOrEqual(10);
    for (const level of ['MAJOR', 'HIGH', 'GENERAL', 'LOW']) expect(share((e) => e.riskLevel === level)).toBeGreaterThan(0.02);
    for (const level of ['TRUSTWORTHY', 'NORMAL', 'DISHONEST', 'SERIOUSLY_DISHONEST']) expect(share((e) => e.creditLevel === level)).toBeGreaterThan(0.005);
    expect(share((e) => e.blacklisted)).toBeGreaterThan(0.005);
    expect(share((e) => e.keyHighDanger)).toBeGreaterThan(0.05);
    expect(share((e) => e.majorHazardSource)).toBeGreaterThan(0.01);
    expect(new Set(county.records.map((r) => r.kind))).toEqual(new Set(['COMPLAINT', 'ACCIDENT', 'PENALTY', 'SERIOUS_VIOLATION']));
    expect(county.citySupervised.length).toBeGreaterThan(0);
  });

  it('has inspectors across units, some certificates lapsed and some not formal staff', () => {
    expect(new Set(county.inspectors.map((i) => i.unitKind))).toEqual(new Set(['SECTION', 'BRIGADE', 'TOWNSHIP_STATION']));
    expect(county.inspectors.some((i) => i.certificateValidUntil! < '2026-11-23')).toBe(true);
    expect(county.inspectors.some((i) => !i.formalStaff)).toBe(true);
    expect(county.experts.some((e) => e.services.length > 0)).toBe(true);
  });
});

import { err, ok, type Result } from '../result.ts';

/** Levels of the jurisdictions a bureau can be (prisma JurisdictionLevel). */
export type DivisionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';

export interface Division {
  readonly code: string;
  readonly name: string;
  readonly level: DivisionLevel;
}

/** The national table (GB/T 2260), by code. */
export type DivisionTable = ReadonlyMap<string, Division>;

export const LEVEL_NAMES: Record<DivisionLevel, string> = { PROVINCE: '省级', CITY: '地市级', COUNTY: '县级' };

export interface DivisionProblem {
  readonly code: 'INVALID';
  readonly field: 'code' | 'level' | 'parent';
  readonly message: string;
}

/**
 * The division a code names, and the code of the division above it (null for a province). A
 * district of a municipality (北京、天津、上海、重庆) sits under the province-level city itself,
 * as GB/T 2260 has no city level there.
 */
export function divisionOf(table: DivisionTable, code: string): Result<{ division: Division; parentCode: string | null }, DivisionProblem> {
  const division = /^\d{6}$/.test(code) ? table.get(code) : undefined;
  if (!division) return err({ code: 'INVALID', field: 'code', message: `行政区划代码 ${code} 不在国家标准 GB/T 2260 的代码表中（须为 6 位数字，如 511502）` });
  if (division.level === 'PROVINCE') return ok({ division, parentCode: null });
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  const parentCode = division.level === 'COUNTY' && table.get(city)?.level === 'CITY' ? city : province;
  return ok({ division, parentCode });
}

/** Checks a new jurisdiction's level and parent against the table: the level must be the code's kind, the parent the division above it. */
export function checkDivision(
  table: DivisionTable,
  input: { readonly code: string; readonly level: DivisionLevel; readonly parentCode: string | null },
): Result<{ division: Division; parentCode: string | null }, DivisionProblem> {
  const found = divisionOf(table, input.code);
  if (!found.ok) return found;
  const { division, parentCode } = found.value;
  if (division.level !== input.level) {
    return err({ code: 'INVALID', field: 'level', message: `层级不符：${input.code}（${division.name}）是${LEVEL_NAMES[division.level]}区划（${division.level}），不是${LEVEL_NAMES[input.level]}（${input.level}）` });
  }
  if (input.parentCode !== null && input.parentCode !== parentCode) {
    const above = parentCode ? `${parentCode}（${table.get(parentCode)?.name ?? ''}）` : '无（省级区划没有上级）';
    return err({ code: 'INVALID', field: 'parent', message: `上级辖区不符：${input.code}（${division.name}）的上级是 ${above}，不是 ${input.parentCode}` });
  }
  return found;
}

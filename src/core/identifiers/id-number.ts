import { err, ok, type Problem, type Result } from '../result.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

export type IdNumberProblemCode = 'ID_NUMBER_SHAPE' | 'ID_NUMBER_BIRTH_DATE' | 'ID_NUMBER_CHECK';

/** The check digit (position 18) of a 公民身份号码 from its first 17 digits (GB 11643-1999). */
export function idNumberCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Validates an 18-digit citizen ID number: shape, birth date (not after `today`, YYYY-MM-DD, when given), check digit. */
export function parseIdNumber(input: string, today?: string): Result<string, Problem<IdNumberProblemCode>> {
  const value = input.replace(/\s+/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) {
    return err({ code: 'ID_NUMBER_SHAPE', message: `身份证号应为 17 位数字加 1 位数字或 X（GB 11643），收到 ${value.length} 位 (must be 17 digits and a digit or X)` });
  }
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return err({ code: 'ID_NUMBER_BIRTH_DATE', message: `身份证号中的出生日期 ${value.slice(6, 14)} 不存在 (impossible birth date)` });
  }
  const born = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (today !== undefined && born > today) {
    return err({ code: 'ID_NUMBER_BIRTH_DATE', message: `身份证号的出生日期 ${born} 晚于今天（${today}），不可能 (birth date in the future)` });
  }
  const expected = idNumberCheckDigit(value.slice(0, 17));
  if (value[17] !== expected) {
    return err({ code: 'ID_NUMBER_CHECK', message: `身份证号校验位不符：应为 ${expected}，实为 ${value[17]}（GB 11643）(fails its check digit)` });
  }
  return ok(value);
}

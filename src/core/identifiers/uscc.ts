import { err, ok, type Problem, type Result } from '../result.ts';

/** GB 32100-2015 code set: digits and capitals without I, O, S, V, Z. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type UsccProblemCode = 'USCC_LENGTH' | 'USCC_CHARACTER' | 'USCC_CHECK';

/** The check character (position 18) for the first 17 characters of a USCC. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Validates a 统一社会信用代码; the value is normalised to upper case without spaces. */
export function parseUscc(input: string): Result<string, Problem<UsccProblemCode>> {
  const value = input.replace(/\s+/g, '').toUpperCase();
  if (value.length !== 18) {
    return err({ code: 'USCC_LENGTH', message: `统一社会信用代码应为 18 位，“${input}”为 ${value.length} 位（must have 18 characters）` });
  }
  if (!SHAPE.test(value)) {
    return err({ code: 'USCC_CHARACTER', message: `统一社会信用代码“${value}”含有 GB 32100-2015 不允许的字符（不用 I、O、S、V、Z，第 3–8 位为数字）(has a character outside GB 32100-2015)` });
  }
  const expected = usccCheckCharacter(value.slice(0, 17));
  if (value[17] !== expected) {
    return err({ code: 'USCC_CHECK', message: `统一社会信用代码“${value}”校验位不符：应为 ${expected}，实为 ${value[17]}（GB 32100-2015）(fails its check character)` });
  }
  return ok(value);
}

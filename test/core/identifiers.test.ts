import { describe, expect, it } from 'vitest';
import { idNumberCheckDigit, parseIdNumber } from '../../src/core/identifiers/id-number.ts';
import { parseUscc, usccCheckCharacter } from '../../src/core/identifiers/uscc.ts';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // Vectors used by independent validators (hutool's CreditCodeUtilTest and others).
  it.each(['91350100M000100Y43', '91110108551385082Q', '91440300708461136T'])('accepts %s', (code) => {
    expect(parseUscc(code)).toEqual({ ok: true, value: code });
  });

  it('normalises case and spaces', () => {
    expect(parseUscc(' 91350100m000100y43 ')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it('rejects a wrong check character and says which one was expected', () => {
    const result = parseUscc('91350100M000100Y44');
    expect(result).toMatchObject({ ok: false, error: { code: 'USCC_CHECK' } });
    expect(!result.ok && result.error.message).toContain('应为 3，实为 4');
  });

  it('rejects the letters the standard leaves out and a wrong length', () => {
    expect(parseUscc('91350100M000100O43')).toMatchObject({ ok: false, error: { code: 'USCC_CHARACTER' } });
    expect(parseUscc('91350100M000100Y4')).toMatchObject({ ok: false, error: { code: 'USCC_LENGTH' } });
  });

  it('computes a check character that validates for every 17-character prefix it is given', () => {
    for (const prefix of ['91411303MA4000001', '12100000400000000', '52110000MJ0000000']) {
      expect(parseUscc(prefix + usccCheckCharacter(prefix)).ok).toBe(true);
    }
  });
});

describe('公民身份号码 (GB 11643-1999)', () => {
  it('accepts the standard\'s own example and an X check digit', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(parseIdNumber('440524188001010014')).toMatchObject({ ok: false, error: { code: 'ID_NUMBER_BIRTH_DATE' } });
  });

  it('rejects a wrong check digit, naming the expected one', () => {
    const first17 = '41130319850615123';
    const good = first17 + idNumberCheckDigit(first17);
    const bad = first17 + (good.endsWith('1') ? '2' : '1');
    expect(parseIdNumber(good).ok).toBe(true);
    const result = parseIdNumber(bad);
    expect(result).toMatchObject({ ok: false, error: { code: 'ID_NUMBER_CHECK' } });
    expect(!result.ok && result.error.message).toContain(`应为 ${good[17]}`);
  });

  it('rejects impossible dates and malformed numbers', () => {
    expect(parseIdNumber('411303198502301234')).toMatchObject({ ok: false, error: { code: 'ID_NUMBER_BIRTH_DATE' } });
    expect(parseIdNumber('41130319850615')).toMatchObject({ ok: false, error: { code: 'ID_NUMBER_SHAPE' } });
  });
});

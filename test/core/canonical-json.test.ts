import { describe, expect, it } from 'vitest';
import { canonicalJson, writeCanonicalJson } from '../../src/core/canonical-json.ts';
import { JsonBytes } from '../../src/core/draw/json-bytes.ts';

const value = {
  z: [1, 'два', { b: null, a: [true, false] }],
  a: { '\u00e9': 'é', e: '😀', list: Array.from({ length: 50 }, (_, i) => ({ id: `I-${i}`, name: '名'.repeat(i) })) },
  m: 'quote " backslash \\ line\u2028 lone \ud800',
  skipped: undefined,
};

/** RFC 8785 written the plain way, to check the project's against. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

describe('canonical JSON', () => {
  it('sorts keys by UTF-16 code units (digits, capitals, accents, astral characters), drops undefined members, keeps nulls in arrays', () => {
    const tricky = { b: 1, a: { '10': 'x', '9': 'y', Z: [undefined, null, 1.5, -0, 1e21], é: 'e', '😀': '\u2028', '': 0, z: undefined }, A: [] };
    expect(canonicalJson(tricky)).toBe(reference(tricky));
    expect(canonicalJson(tricky)).toBe('{"A":[],"a":{"":0,"10":"x","9":"y","Z":[null,null,1.5,0,1e+21],"é":"e","😀":"\u2028"},"b":1}');
    expect(canonicalJson(value)).toBe(reference(value));
  });
});

describe('canonical JSON in pieces', () => {
  it('writes the same text as canonicalJson at any depth', () => {
    for (const depth of [0, 1, 2, 3, 5]) {
      const pieces: string[] = [];
      writeCanonicalJson(value, (t) => pieces.push(t), depth);
      expect(pieces.join(''), `depth ${depth}`).toBe(canonicalJson(value));
      if (depth > 0) expect(pieces.length).toBeGreaterThan(1);
    }
  });

  it('as UTF-8 through a small buffer, the same bytes as encoding the whole text, across flushes and pieces larger than the buffer', () => {
    const chunks: Uint8Array[] = [];
    const out = new JsonBytes((bytes) => chunks.push(bytes.slice()), 64);
    writeCanonicalJson(value, (t) => out.text(t), 3);
    out.text('名'.repeat(100)); // larger than the whole buffer: handed on as it is
    out.flush();
    const joined = Buffer.concat(chunks);
    expect(joined.equals(Buffer.from(canonicalJson(value) + '名'.repeat(100), 'utf8'))).toBe(true);
  });
});

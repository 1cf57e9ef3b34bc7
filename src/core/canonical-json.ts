/**
 * Canonical JSON, as RFC 8785 (JCS) defines it for the values the project hashes: object keys
 * sorted by UTF-16 code units, no whitespace, strings and numbers as ECMAScript's
 * JSON.stringify writes them (which is what JCS specifies). The same value always gives the same text; any JCS library in
 * another language gives the same bytes.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`canonical JSON has no ${value}`);
    return JSON.stringify(value) ?? 'null';
  }
  // Built with += rather than arrays of entries: a province's snapshot has 20,000 inspectors.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // Array#sort's default order compares UTF-16 code units: JCS's key order.
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

/**
 * The same text as canonicalJson, handed to `write` in pieces: the containers down to `depth`
 * levels are written element by element, so that a large list (a province's inspectors, a
 * year's inspection history) is never held as one string.
 */
export function writeCanonicalJson(value: unknown, write: (text: string) => void, depth = 2): void {
  if (depth <= 0 || value === null || typeof value !== 'object') {
    write(canonicalJson(value));
    return;
  }
  if (Array.isArray(value)) {
    write('[');
    value.forEach((v, i) => {
      if (i > 0) write(',');
      writeCanonicalJson(v, write, depth - 1);
    });
    write(']');
    return;
  }
  const record = value as Record<string, unknown>;
  write('{');
  let first = true;
  for (const k of Object.keys(record).sort()) {
    if (record[k] === undefined) continue;
    write(`${first ? '' : ','}${JSON.stringify(k)}:`);
    writeCanonicalJson(record[k], write, depth - 1);
    first = false;
  }
  write('}');
}

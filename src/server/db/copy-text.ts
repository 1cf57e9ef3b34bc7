/**
 * PostgreSQL's COPY text format (the default of `COPY … FROM`): one line per row, values
 * separated by tabs, `\N` for NULL, and backslash escapes for backslash, tab, newline and
 * carriage return (https://www.postgresql.org/docs/current/sql-copy.html, "Text Format").
 * Arrays are written as array literals, their elements double-quoted; objects as JSON (jsonb).
 */

/** One row's values in COPY text format, without the line's end. */
export function copyLine(row: Record<string, unknown>, columns: readonly string[]): string {
  let line = copyValue(row[columns[0]!]);
  for (let i = 1; i < columns.length; i++) line += `\t${copyValue(row[columns[i]!])}`;
  return line;
}

/** One value in COPY text format. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escapeText(arrayLiteral(value));
  if (typeof value === 'object') return escapeText(JSON.stringify(value)); // a jsonb column
  return escapeText(String(value));
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeText(text: string): string {
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : text;
}

/** `{"a","b"}`: every element quoted, so commas, braces and spaces need no thought. */
function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null || v === undefined ? 'NULL' : `"${String(v).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

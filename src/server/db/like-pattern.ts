/**
 * Prisma's `contains` and `startsWith` become LIKE patterns without escaping, so a search for
 * "%" or "_" would match every row. PostgreSQL's LIKE escapes with a backslash by default.
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

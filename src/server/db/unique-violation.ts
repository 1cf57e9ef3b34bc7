/**
 * A write broke a unique constraint. Through driver adapters Prisma reports it as P2002, or as a
 * DriverAdapterError whose cause is a UniqueConstraintViolation (PostgreSQL's 23505); plain SQL
 * through PGlite or node-postgres gives the 23505 itself.
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { kind?: string; originalCode?: string; code?: string } } | null;
  return e?.code === 'P2002' || e?.code === '23505' || e?.cause?.kind === 'UniqueConstraintViolation' || e?.cause?.originalCode === '23505' || e?.cause?.code === '23505';
}

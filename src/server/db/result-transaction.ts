import type { Prisma, PrismaClient } from '@prisma/client';
import { err, type Result } from '../../core/result.ts';

class Rollback<E> {
  constructor(readonly error: E) {}
}

/**
 * A transaction whose body returns a Result: an error value rolls everything back (Prisma
 * commits whatever resolves), and comes back as the value it was, not as an exception.
 */
export async function resultTransaction<T, E>(
  prisma: PrismaClient,
  fn: (tx: Prisma.TransactionClient) => Promise<Result<T, E>>,
  options: { timeout?: number; maxWait?: number } = {},
): Promise<Result<T, E>> {
  try {
    return await prisma.$transaction(async (tx) => {
      const result = await fn(tx);
      if (!result.ok) throw new Rollback(result.error);
      return result;
    }, options);
  } catch (error) {
    if (error instanceof Rollback) return err(error.error as E);
    throw error;
  }
}

import type { PrismaClient } from '@prisma/client';
import { issueToken } from './tokens.ts';

/**
 * The installation's operator (平台管理员) exists from the first start: when no operator user or
 * token is there yet, an operator token is made and its secret returned (the caller prints it
 * once and keeps it under DATA_DIR); otherwise null. `double-random init` makes an operator user
 * instead, who logs in with a password.
 */
export async function ensureOperatorToken(prisma: PrismaClient): Promise<string | null> {
  const [user, token] = await Promise.all([
    prisma.appUser.findFirst({ where: { role: 'OPERATOR' }, select: { id: true } }),
    prisma.apiToken.findFirst({ where: { role: 'OPERATOR', userId: null }, select: { id: true } }),
  ]);
  if (user || token) return null;
  return (await issueToken(prisma, { name: 'operator', role: 'OPERATOR', jurisdictionId: null })).secret;
}

import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient, Role } from '@prisma/client';
import { PUBLIC, type Viewer } from './viewer.ts';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates an API token; the secret is returned once and only its hash is kept. */
export async function createApiToken(prisma: PrismaClient, input: { name: string; role: Role; jurisdictionId: string }): Promise<string> {
  return issueToken(prisma, input);
}

/** A token for an API client, or for a user's login session (with its user and end). */
export async function issueToken(prisma: PrismaClient, input: { name: string; role: Role; jurisdictionId: string; userId?: string; expiresAt?: Date }): Promise<string> {
  const token = `dr_${randomBytes(24).toString('base64url')}`;
  await prisma.apiToken.create({ data: { ...input, tokenHash: hashToken(token) } });
  return token;
}

/** Ends a token (logout, or an API token withdrawn). */
export async function revokeToken(prisma: PrismaClient, tokenId: string): Promise<void> {
  await prisma.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
}

/** Resolves `Authorization: Bearer …` to a viewer; a missing header is the public. */
export async function viewerFromRequest(prisma: PrismaClient, request: Request): Promise<Viewer | { readonly invalid: string }> {
  return viewerFromToken(prisma, request.headers.get('authorization') ?? undefined);
}

/** The viewer an `Authorization` value names ("Bearer <token>"); the public when there is none. */
export async function viewerFromToken(prisma: PrismaClient, header: string | undefined): Promise<Viewer | { readonly invalid: string }> {
  if (!header) return PUBLIC;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return { invalid: 'The Authorization header must be "Bearer <token>"' };
  const token = await prisma.apiToken.findUnique({ where: { tokenHash: hashToken(match[1]!) }, include: { user: { select: { active: true, inspectorId: true } } } });
  if (!token || token.revokedAt) return { invalid: 'The API token is unknown or revoked' };
  if (token.expiresAt && token.expiresAt <= new Date()) return { invalid: 'The session has ended; log in again' };
  if (token.user && !token.user.active) return { invalid: 'The user is deactivated' };
  return { kind: 'token', tokenId: token.id, name: token.name, role: token.role, jurisdictionId: token.jurisdictionId, inspectorId: token.user?.inspectorId ?? undefined };
}

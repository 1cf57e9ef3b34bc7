import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient, Role } from '@prisma/client';
import { PUBLIC, type Viewer } from './viewer.ts';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates an API token; the secret is returned once and only its hash is kept. */
export async function createApiToken(prisma: PrismaClient, input: { name: string; role: Role; jurisdictionId: string }): Promise<string> {
  return (await issueToken(prisma, input)).secret;
}

/** A token for an API client, or for a user's login session (with its user and end): its id, and the secret shown once. */
export async function issueToken(prisma: PrismaClient, input: { name: string; role: Role; jurisdictionId: string | null; userId?: string; expiresAt?: Date }): Promise<{ id: string; secret: string }> {
  const secret = `dr_${randomBytes(24).toString('base64url')}`;
  const { id } = await prisma.apiToken.create({ data: { ...input, tokenHash: hashToken(secret) }, select: { id: true } });
  return { id, secret };
}

/** Ends a token (logout, or an API token withdrawn). */
export async function revokeToken(prisma: PrismaClient, tokenId: string): Promise<void> {
  await prisma.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
}

interface TokenRow {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly jurisdictionId: string | null;
  readonly revokedAt: Date | null;
  readonly expiresAt: Date | null;
  readonly userId: string | null;
  readonly userActive: boolean | null;
  readonly inspectorId: string | null;
  readonly supervised: string[] | null;
}

/** Resolves `Authorization: Bearer …` to a viewer; a missing header is the public. */
export async function viewerFromRequest(prisma: PrismaClient, request: Request): Promise<Viewer | { readonly invalid: string }> {
  return viewerFromToken(prisma, request.headers.get('authorization') ?? undefined);
}

/** The viewer an `Authorization` value names ("Bearer <token>"); the public when there is none. */
export async function viewerFromToken(prisma: PrismaClient, header: string | undefined): Promise<Viewer | { readonly invalid: string }> {
  if (!header) return PUBLIC;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return { invalid: 'Authorization 请求头应写作 "Bearer <令牌>" (The Authorization header must be "Bearer <token>")' };
  // One statement with its user (an include is two, one after the other): every API request starts here.
  const [token] = await prisma.$queryRaw<TokenRow[]>`
    SELECT t.id, t.name, t.role::text AS role, t.jurisdiction_id AS "jurisdictionId", t.revoked_at AS "revokedAt", t.expires_at AS "expiresAt",
           t.user_id AS "userId", u.active AS "userActive", u.inspector_id AS "inspectorId",
           ARRAY(WITH RECURSIVE below AS (
                   SELECT j.id FROM jurisdiction j WHERE j.parent_id = t.jurisdiction_id
                   UNION ALL SELECT j.id FROM jurisdiction j JOIN below b ON j.parent_id = b.id)
                 SELECT id FROM below) AS supervised
      FROM api_token t LEFT JOIN app_user u ON u.id = t.user_id
     WHERE t.token_hash = ${hashToken(match[1]!)}`;
  if (!token || token.revokedAt) return { invalid: '令牌无效或已撤销 (The API token is unknown or revoked)' };
  if (token.expiresAt && token.expiresAt <= new Date()) return { invalid: '会话已过期，请重新登录 (The session has ended; log in again)' };
  if (token.userId && !token.userActive) return { invalid: '该用户已停用 (The user is deactivated)' };
  if (token.role === 'OPERATOR' || !token.jurisdictionId) return { kind: 'operator', tokenId: token.id, name: token.name, role: 'OPERATOR', userId: token.userId ?? undefined };
  return { kind: 'token', tokenId: token.id, name: token.name, role: token.role, jurisdictionId: token.jurisdictionId, userId: token.userId ?? undefined, inspectorId: token.inspectorId ?? undefined, supervised: token.supervised ?? [] };
}

import { chinaDateTime } from '../../core/calendar/china-date.ts';
import type { ApiToken, AppUser, PrismaClient, Role } from '@prisma/client';
import { err, ok, type Result } from '../../core/result.ts';
import { appendAudit } from '../audit/append-audit.ts';
import type { EventBus } from '../events/pubsub.ts';
import { issueToken } from './tokens.ts';

/**
 * Withdrawing credentials (a leaked token, a person who left): API tokens listed without their
 * secrets, revoked, and users deactivated or reactivated, each on the jurisdiction's audit trail.
 * A revocation takes effect at once on every instance: each request looks its token up, and open
 * WebSocket connections of the token are closed through the event bus (see revocation.ts).
 */

export type CredentialRefusal = { readonly code: 'NOT_FOUND' | 'INVALID' | 'BAD_STATE'; readonly message: string; readonly field?: string };

/** A token as its admins see it: never the secret, which is shown once when it is made. */
export type TokenInfo = Pick<ApiToken, 'id' | 'name' | 'role' | 'jurisdictionId' | 'createdAt' | 'revokedAt' | 'expiresAt'> & { readonly username: string | null };

export interface Actor {
  /** Written into the audit trail: `token:<name>` or `cli:<user>`. */
  readonly name: string;
  /** The token the change is made with (an admin may not revoke the token it is using: logout does that). */
  readonly tokenId?: string | undefined;
}

const TOKEN_FIELDS = { id: true, name: true, role: true, jurisdictionId: true, createdAt: true, revokedAt: true, expiresAt: true, user: { select: { username: true } } } as const;

/** The jurisdiction's tokens, newest first; `active` leaves out revoked and ended ones. */
export async function listTokens(prisma: PrismaClient, jurisdictionId: string, options: { active?: boolean } = {}): Promise<TokenInfo[]> {
  const rows = await prisma.apiToken.findMany({
    where: { jurisdictionId, ...(options.active ? { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } : {}) },
    select: TOKEN_FIELDS,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  });
  return rows.map(({ user, ...t }) => ({ ...t, username: user?.username ?? null }));
}

/** A new API token of the jurisdiction; the secret is in the answer and nowhere else. */
export async function createToken(prisma: PrismaClient, input: { jurisdictionId: string; role: Role; name: string; actor: Actor }): Promise<Result<{ token: string; info: TokenInfo }, CredentialRefusal>> {
  const name = input.name.trim();
  if (!name || name.length > 100) return err({ code: 'INVALID', field: 'name', message: '令牌名称须为 1–100 个字符（写明用途，如"法规股看板"）' });
  const { id, secret } = await issueToken(prisma, { name, role: input.role, jurisdictionId: input.jurisdictionId });
  await prisma.$transaction((tx) => appendAudit(tx, { jurisdictionId: input.jurisdictionId, actor: input.actor.name, action: 'token.created', subjectType: 'ApiToken', subjectId: id, payload: { name, role: input.role } }));
  const { user, ...info } = await prisma.apiToken.findUniqueOrThrow({ where: { id }, select: TOKEN_FIELDS });
  return ok({ token: secret, info: { ...info, username: user?.username ?? null } });
}

/** Revokes a token of the jurisdiction (a session or an API token) and closes its connections. */
export async function revokeTokenOf(prisma: PrismaClient, events: EventBus, input: { jurisdictionId: string; tokenId: string; actor: Actor }): Promise<Result<TokenInfo, CredentialRefusal>> {
  const found = await prisma.apiToken.findFirst({ where: { id: input.tokenId, jurisdictionId: input.jurisdictionId }, select: { id: true, revokedAt: true } });
  if (!found) return err({ code: 'NOT_FOUND', field: 'id', message: '本辖区没有这个令牌' });
  if (found.revokedAt) return err({ code: 'BAD_STATE', message: `该令牌已于 ${chinaDateTime(found.revokedAt)} 撤销` });
  if (found.id === input.actor.tokenId) return err({ code: 'BAD_STATE', message: '不能撤销本次请求所用的令牌；请用 logout 结束它' });
  const row = await prisma.$transaction(async (tx) => {
    const revoked = await tx.apiToken.update({ where: { id: found.id }, data: { revokedAt: new Date() }, select: TOKEN_FIELDS });
    await appendAudit(tx, { jurisdictionId: input.jurisdictionId, actor: input.actor.name, action: 'token.revoked', subjectType: 'ApiToken', subjectId: found.id, payload: { name: revoked.name, role: revoked.role } });
    return revoked;
  });
  announceRevocation(events, [found.id]);
  const { user, ...info } = row;
  return ok({ ...info, username: user?.username ?? null });
}

/**
 * Deactivates a user of the jurisdiction (they can no longer log in) and ends every session they
 * hold, or reactivates them (they log in anew: ended sessions stay ended).
 */
export async function setUserActive(prisma: PrismaClient, events: EventBus, input: { jurisdictionId: string; username: string; active: boolean; actor: Actor; actorUserId?: string | undefined }): Promise<Result<AppUser, CredentialRefusal>> {
  const user = await prisma.appUser.findFirst({ where: { username: input.username.trim().toLowerCase(), jurisdictionId: input.jurisdictionId } });
  if (!user) return err({ code: 'NOT_FOUND', field: 'username', message: `本辖区没有用户 ${input.username.trim()}` });
  if (user.active === input.active) return err({ code: 'BAD_STATE', message: input.active ? `用户 ${user.username} 已是启用状态` : `用户 ${user.username} 已停用` });
  if (!input.active && user.id === input.actorUserId) return err({ code: 'BAD_STATE', message: '不能停用自己的账号' });
  const { updated, ended } = await prisma.$transaction(async (tx) => {
    const changed = await tx.appUser.update({ where: { id: user.id }, data: { active: input.active } });
    const sessions = input.active ? [] : await tx.apiToken.findMany({ where: { userId: user.id, revokedAt: null }, select: { id: true } });
    if (sessions.length) await tx.apiToken.updateMany({ where: { id: { in: sessions.map((s) => s.id) } }, data: { revokedAt: new Date() } });
    await appendAudit(tx, { jurisdictionId: input.jurisdictionId, actor: input.actor.name, action: input.active ? 'user.reactivated' : 'user.deactivated', subjectType: 'AppUser', subjectId: user.id, payload: { username: user.username, sessionsEnded: sessions.length } });
    return { updated: changed, ended: sessions.map((s) => s.id) };
  });
  announceRevocation(events, ended);
  return ok(updated);
}

/** Tells every instance (through Redis when REDIS_URL is set) to close these tokens' connections. */
export function announceRevocation(events: EventBus, tokenIds: readonly string[]): void {
  if (tokenIds.length) events.pubsub.publish('credentials', { revokedTokenIds: [...tokenIds] });
}

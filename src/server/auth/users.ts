import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { AppUser, PrismaClient, Role } from '@prisma/client';
import { err, ok, type Result } from '../../core/result.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { issueToken } from './tokens.ts';

const scrypt = (password: string, salt: Buffer, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCallback(password, salt, length, options, (e, key) => (e ? reject(e) : resolve(key))));

/** scrypt with OWASP's minimum for interactive logins (N = 2^17, r = 8, p = 1). */
const PARAMS = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 } as const;
export const SESSION_HOURS = 12;
export const MIN_PASSWORD_LENGTH = 10;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem });
  return timingSafeEqual(actual, expected);
}

export async function createUser(
  prisma: PrismaClient,
  input: { username: string; name: string; password: string; role: Role; /** Null for the operator (OPERATOR) only. */ jurisdictionId: string | null; /** 执法证号 of the directory inspector this user is. */ inspectorCertificate?: string | null | undefined },
  /** Who creates the user, for the jurisdiction's audit trail. */
  actor?: { readonly name: string },
): Promise<Result<AppUser, { field: string; message: string }>> {
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,40}$/.test(username)) return err({ field: 'username', message: '用户名为 3 至 40 个小写字母、数字、点、连字符或下划线（a username is 3–40 letters, digits, dots, dashes or underscores）' });
  if (input.password.length < MIN_PASSWORD_LENGTH) return err({ field: 'password', message: `密码至少 ${MIN_PASSWORD_LENGTH} 个字符（a password has at least ${MIN_PASSWORD_LENGTH} characters）` });
  if (await prisma.appUser.findUnique({ where: { username } })) return err({ field: 'username', message: `用户名 ${username} 已被使用（${username} is taken）` });
  if ((input.role === 'OPERATOR') !== (input.jurisdictionId === null)) return err({ field: 'role', message: '平台管理员（OPERATOR）不属于任何辖区；其他角色须属于一个辖区' });
  let inspectorId: string | null = null;
  if (input.inspectorCertificate?.trim() && input.jurisdictionId) {
    const inspector = await prisma.inspector.findFirst({ where: { jurisdictionId: input.jurisdictionId, certificateNumber: input.inspectorCertificate.trim(), active: true }, select: { id: true } });
    if (!inspector) return err({ field: 'inspector', message: `本辖区没有持执法证 ${input.inspectorCertificate.trim()} 的在册执法人员（no active inspector of this jurisdiction holds that certificate）` });
    inspectorId = inspector.id;
  }
  const passwordHash = await hashPassword(input.password);
  const user = await prisma.$transaction(async (tx) => {
    const made = await tx.appUser.create({ data: { username, name: input.name.trim() || username, passwordHash, role: input.role, jurisdictionId: input.jurisdictionId, inspectorId } });
    // The operator belongs to no jurisdiction, so has no trail to write on.
    if (actor && input.jurisdictionId) await appendAudit(tx, { jurisdictionId: input.jurisdictionId, actor: actor.name, action: 'user.created', subjectType: 'AppUser', subjectId: made.id, payload: { username, role: input.role } });
    return made;
  });
  return ok(user);
}

/**
 * Checks a username and password and opens a session: a token with the user's role and
 * jurisdiction that ends after SESSION_HOURS. The answer to a wrong username and to a wrong
 * password is the same, so it does not tell which usernames exist.
 */
export async function login(prisma: PrismaClient, username: string, password: string): Promise<Result<{ token: string; expiresAt: Date; user: AppUser }, string>> {
  const user = await prisma.appUser.findUnique({ where: { username: username.trim().toLowerCase() } });
  const matches = user ? await passwordMatches(password, user.passwordHash) : await hashPassword(password).then(() => false);
  if (!user || !matches || !user.active) return err('用户名或密码错误，或该用户已停用 (Wrong username or password, or the user is deactivated)');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3_600_000);
  const { secret: token } = await issueToken(prisma, { name: `user:${user.username}`, role: user.role, jurisdictionId: user.jurisdictionId, userId: user.id, expiresAt });
  return ok({ token, expiresAt, user });
}

import type { PrismaClient, Role } from '@prisma/client';
import { mayAppointFirstAdmin } from '../auth/permissions.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { Context } from './context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';

const isAdminOf = (viewer: Viewer, jurisdictionId: string) => viewer.kind === 'token' && viewer.jurisdictionId === jurisdictionId && viewer.role === 'ADMIN';

/**
 * The jurisdiction a token or user is made for: by its admins, or, while it has no admin (just
 * created, or every admin gone), its first admin by whoever may create it (permissions.ts).
 */
export async function appointing(ctx: Context, code: string, role: Role): Promise<string> {
  if (role === 'OPERATOR') throw new ValidationError([{ field: 'role', message: '平台管理员（OPERATOR）不属于任何辖区，只能由 double-random init 建立' }]);
  const j = await ctx.db.prisma.jurisdiction.findUnique({ where: { code }, select: { id: true, parentId: true } });
  if (!j) throw new NotFoundError(`没有行政区划代码为 ${code} 的辖区`);
  if (isAdminOf(ctx.viewer, j.id)) return j.id;
  if (mayAppointFirstAdmin(ctx.viewer, j)) {
    if (role !== 'ADMIN') throw new ForbiddenError('上级或平台管理员只能为辖区设立第一位管理员（ADMIN）；其他角色由该辖区的管理员设立');
    if (!(await hasAdmin(ctx.db.prisma, j.id))) return j.id;
    throw new ForbiddenError(`辖区 ${code} 已有管理员：其令牌和用户由它自己的管理员设立`);
  }
  throw new ForbiddenError('只有本辖区的管理员（ADMIN）可以设立令牌和用户');
}

/** An admin who can still act: an active user, or an API token not revoked nor ended. */
async function hasAdmin(prisma: PrismaClient, jurisdictionId: string): Promise<boolean> {
  const [user, token] = await Promise.all([
    prisma.appUser.findFirst({ where: { jurisdictionId, role: 'ADMIN', active: true }, select: { id: true } }),
    prisma.apiToken.findFirst({ where: { jurisdictionId, role: 'ADMIN', userId: null, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] }, select: { id: true } }),
  ]);
  return Boolean(user ?? token);
}


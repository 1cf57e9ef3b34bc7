import type { Prisma } from '@prisma/client';
import { canEditDirectory, actorOf } from '../auth/viewer.ts';
import type { Context } from './context.ts';
import { ConflictError, ForbiddenError, NotFoundError } from './errors.ts';

export type Tx = Prisma.TransactionClient;

/** Runs `fn` in one transaction whose changes the history records as the viewer's. */
export async function asViewer<T>(ctx: Context, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('double_random.actor', ${actorOf(ctx.viewer)}, true)`;
    return fn(tx);
  });
}

/** The jurisdiction a mutation writes to, by code, if the viewer may edit its directories. */
export async function editableJurisdiction(ctx: Context, code: string): Promise<{ id: string; code: string }> {
  const jurisdiction = await ctx.db.prisma.jurisdiction.findUnique({ where: { code }, select: { id: true, code: true } });
  if (!jurisdiction) throw new NotFoundError(`没有行政区划代码为 ${code} 的辖区 (No jurisdiction has code ${code})`);
  assertCanEdit(ctx, jurisdiction.id);
  return jurisdiction;
}

export function assertCanEdit(ctx: Context, jurisdictionId: string): void {
  if (!canEditDirectory(ctx.viewer, jurisdictionId)) {
    throw new ForbiddenError(
      ctx.viewer.kind === 'public'
        ? '修改名录需要本辖区管理员或计划编制人员的令牌（Authorization: Bearer …）(Changing a directory needs an API token of an admin or planner of its jurisdiction)'
        : `您的角色（${ctx.viewer.role}）不能修改此辖区的名录；本辖区的管理员或计划编制人员可以 (Your token may not change this jurisdiction's directories; an admin or planner of it may)`,
    );
  }
}

/** Loads a record for a mutation: not found and not editable are different answers. */
export async function editableRecord<T extends { jurisdictionId: string }>(ctx: Context, what: string, find: () => Promise<T | null>): Promise<T> {
  const record = await find();
  if (!record) throw new NotFoundError(`没有这个编号的记录 (No ${what} has this id)`);
  assertCanEdit(ctx, record.jurisdictionId);
  return record;
}

export const isoToDate = (value: string | null | undefined): Date | null => (value ? new Date(`${value}T00:00:00Z`) : null);

/** Refuses a natural key (USCC, certificate number…) another record of the directory already has. */
export async function assertKeyFree(find: () => Promise<{ id: string } | null>, field: string, message: string, exceptId?: string): Promise<void> {
  const existing = await find();
  if (existing && existing.id !== exceptId) throw new ConflictError(field, message);
}

type DirectoryModel = 'enterprise' | 'inspector' | 'expert' | 'checklistItem';

/**
 * The resolver of every deactivate mutation: a record leaves its directory (active = false)
 * and keeps its history. The four Prisma delegates share this shape; TypeScript cannot
 * express a union of delegates, hence the one cast.
 */
export function deactivateResolver(model: DirectoryModel, what: string) {
  return async (query: object, _root: unknown, args: { id: { id: string } }, ctx: Context) => {
    const delegate = (client: object) => (client as Record<DirectoryModel, { findUnique: Function; update: Function }>)[model];
    const current = await editableRecord<{ id: string; jurisdictionId: string }>(ctx, what, () => delegate(ctx.db.prisma).findUnique({ where: { id: args.id.id } }));
    return asViewer(ctx, (tx) => delegate(tx).update({ ...query, where: { id: current.id }, data: { active: false } }));
  };
}

import { actorOf, type Viewer } from '../auth/viewer.ts';
import { createToken, listTokens, revokeTokenOf, setUserActive, type Actor, type CredentialRefusal, type TokenInfo } from '../auth/credentials.ts';
import type { Result } from '../../core/result.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { RoleEnum } from './enums.ts';
import { ForbiddenError, NotFoundError, RuleError, ValidationError } from './errors.ts';
import { UserRef } from './session.ts';
import { appointing } from './appointing.ts';

const CREDENTIAL_ERRORS = [ValidationError, ForbiddenError, NotFoundError, RuleError];

const ApiTokenRef = builder.objectRef<TokenInfo>('ApiToken').implement({
  description: 'An API token or a login session, as its admins see it: never the secret (shown once, when it is made)',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    role: t.field({ type: RoleEnum, resolve: (k) => k.role }),
    username: t.exposeString('username', { nullable: true, description: "The user whose login session this is; null for an API token" }),
    createdAt: t.field({ type: 'DateTime', resolve: (k) => k.createdAt }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (k) => k.expiresAt }),
    revokedAt: t.field({ type: 'DateTime', nullable: true, resolve: (k) => k.revokedAt }),
  }),
});

const NewApiTokenRef = builder.objectRef<{ token: string; info: TokenInfo }>('NewApiToken').implement({
  description: 'A token just made: `token` is its secret, shown this once and never again',
  fields: (t) => ({ token: t.exposeString('token'), apiToken: t.field({ type: ApiTokenRef, resolve: (n) => n.info }) }),
});

/** The jurisdiction a code names, when the viewer is one of its admins. */
async function administered(ctx: Context, code: string): Promise<string> {
  const j = await ctx.db.prisma.jurisdiction.findUnique({ where: { code }, select: { id: true } });
  if (!j) throw new NotFoundError(`没有行政区划代码为 ${code} 的辖区`);
  if (!isAdminOf(ctx.viewer, j.id)) throw new ForbiddenError('只有本辖区的管理员（ADMIN）可以管理令牌和用户');
  return j.id;
}

const isAdminOf = (viewer: Viewer, jurisdictionId: string) => viewer.kind === 'token' && viewer.jurisdictionId === jurisdictionId && viewer.role === 'ADMIN';
const actor = (viewer: Viewer): Actor => ({ name: actorOf(viewer), tokenId: viewer.kind === 'token' ? viewer.tokenId : undefined });

function unwrapCredential<T>(result: Result<T, CredentialRefusal>): T {
  if (result.ok) return result.value;
  const e = result.error;
  if (e.field) throw new ValidationError([{ field: e.field, message: e.message }]);
  if (e.code === 'NOT_FOUND') throw new NotFoundError(e.message);
  throw new RuleError(e.code, e.message);
}

builder.queryField('tokens', (t) =>
  t.field({
    type: [ApiTokenRef],
    description: "A jurisdiction's API tokens and login sessions, newest first, without their secrets (its admins)",
    errors: { types: [ForbiddenError, NotFoundError] },
    args: { jurisdiction: t.arg.string({ required: true }), active: t.arg.boolean({ required: false, defaultValue: false, description: 'Only tokens that still work (not revoked, not ended)' }) },
    resolve: async (_root, args, ctx) => listTokens(ctx.db.prisma, await administered(ctx, args.jurisdiction), { active: args.active ?? false }),
  }),
);

builder.mutationFields((t) => ({
  createApiToken: t.field({
    type: NewApiTokenRef,
    description: "Makes an API token of the jurisdiction with a role (its admins; a jurisdiction without an admin gets its first ADMIN from the operator or its parent's admins); the secret is in this answer only",
    errors: { types: CREDENTIAL_ERRORS, directResult: true },
    args: { jurisdiction: t.arg.string({ required: true }), role: t.arg({ type: RoleEnum, required: true }), name: t.arg.string({ required: true, description: 'What the token is for, e.g. 法规股看板' }) },
    resolve: async (_root, args, ctx) => unwrapCredential(await createToken(ctx.db.prisma, { jurisdictionId: await appointing(ctx, args.jurisdiction, args.role), role: args.role, name: args.name, actor: actor(ctx.viewer) })),
  }),
  revokeToken: t.field({
    type: ApiTokenRef,
    description: "Revokes an API token or a login session of the jurisdiction at once, on every instance (its admins; a token ends itself with logout)",
    errors: { types: CREDENTIAL_ERRORS, directResult: true },
    args: { jurisdiction: t.arg.string({ required: true }), id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) =>
      unwrapCredential(await revokeTokenOf(ctx.db.prisma, ctx.services.events, { jurisdictionId: await administered(ctx, args.jurisdiction), tokenId: String(args.id), actor: actor(ctx.viewer) })),
  }),
  deactivateUser: t.field({
    type: UserRef,
    description: 'Stops a user of the jurisdiction from logging in and ends their sessions at once (its admins)',
    errors: { types: CREDENTIAL_ERRORS, directResult: true },
    args: { jurisdiction: t.arg.string({ required: true }), username: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => unwrapCredential(await setActive(ctx, args.jurisdiction, args.username, false)),
  }),
  reactivateUser: t.field({
    type: UserRef,
    description: 'Lets a deactivated user log in again (its admins); sessions ended at deactivation stay ended',
    errors: { types: CREDENTIAL_ERRORS, directResult: true },
    args: { jurisdiction: t.arg.string({ required: true }), username: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => unwrapCredential(await setActive(ctx, args.jurisdiction, args.username, true)),
  }),
}));

async function setActive(ctx: Context, code: string, username: string, active: boolean) {
  const jurisdictionId = await administered(ctx, code);
  return setUserActive(ctx.db.prisma, ctx.services.events, { jurisdictionId, username, active, actor: actor(ctx.viewer), actorUserId: ctx.viewer.kind === 'token' ? ctx.viewer.userId : undefined });
}

import type { AppUser } from '@prisma/client';
import { revokeToken } from '../auth/tokens.ts';
import { createUser, login } from '../auth/users.ts';
import { actorOf } from '../auth/viewer.ts';
import { appointing } from './appointing.ts';
import { builder } from './builder.ts';
import { ONCE_PER_OPERATION } from '../limits/once-per-operation.ts';
import { rateLimited } from '../limits/limit-error.ts';
import { RoleEnum } from './enums.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';

// A Prisma object (not a plain ref) so Jurisdiction.users can page it as a connection.
export const UserRef = builder.prismaObject('AppUser', {
  name: 'User',
  description: 'A person who logs in, with one role in one jurisdiction',
  fields: (t) => ({
    username: t.exposeString('username'),
    name: t.exposeString('name'),
    role: t.field({ type: RoleEnum, resolve: (u) => u.role }),
    active: t.exposeBoolean('active', { description: 'False once deactivated: the user cannot log in and their sessions are ended' }),
    inspectorCertificate: t.string({
      nullable: true,
      description: 'The 执法证号 of the directory inspector this user is (they sign results as themselves); null when none',
      select: { inspector: { select: { certificateNumber: true } } },
      resolve: (u) => u.inspector?.certificateNumber ?? null,
    }),
    jurisdiction: t.prismaField({
      type: 'Jurisdiction',
      nullable: true,
      description: "Null for the installation's operator (OPERATOR), who belongs to no jurisdiction",
      resolve: (query, u, _a, ctx) => (u.jurisdictionId ? ctx.db.prisma.jurisdiction.findUniqueOrThrow({ ...query, where: { id: u.jurisdictionId } }) : null),
    }),
  }),
});

const SessionRef = builder.objectRef<{ token: string; expiresAt: Date; user: AppUser }>('Session').implement({
  description: 'Send the token as `Authorization: Bearer <token>` (or the graphql-ws `authorization` connection parameter) until it expires',
  fields: (t) => ({
    token: t.exposeString('token'),
    expiresAt: t.field({ type: 'DateTime', resolve: (s) => s.expiresAt }),
    user: t.field({ type: UserRef, resolve: (s) => s.user }),
  }),
});

builder.mutationFields((t) => ({
  login: t.field({
    type: SessionRef,
    description: 'Opens a session for a user (12 hours). Once per operation; repeated failures wait longer and longer.',
    extensions: ONCE_PER_OPERATION,
    errors: { types: [ForbiddenError], directResult: true },
    args: { username: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const account = args.username.trim().toLowerCase().slice(0, 100);
      const session = await ctx.rateLimits.login(account, ctx.address, () => login(ctx.db.prisma, args.username, args.password));
      if (session.ok) return session.value;
      if (typeof session.error !== 'string') throw rateLimited(session.error);
      throw new ForbiddenError(session.error);
    },
  }),
  logout: t.boolean({
    description: 'Ends the token this request carries.',
    resolve: async (_root, _args, ctx) => {
      if (ctx.viewer.kind === 'public') return false;
      await revokeToken(ctx.db.prisma, ctx.viewer.tokenId);
      return true;
    },
  }),
  createUser: t.field({
    type: UserRef,
    description: "Creates a user of the jurisdiction (its admins; a jurisdiction without an admin gets its first ADMIN from the operator or its parent's admins).",
    errors: { types: [ValidationError, ForbiddenError, NotFoundError], directResult: true },
    args: {
      jurisdiction: t.arg.string({ required: true }),
      username: t.arg.string({ required: true }),
      name: t.arg.string({ required: true }),
      password: t.arg.string({ required: true }),
      role: t.arg({ type: RoleEnum, required: true }),
      inspector: t.arg.string({ required: false, description: "The enforcement certificate number (执法证号) of the directory inspector this user is: they sign results as themselves" }),
    },
    resolve: async (_root, args, ctx) => {
      const jurisdictionId = await appointing(ctx, args.jurisdiction, args.role);
      const user = await createUser(ctx.db.prisma, { username: args.username, name: args.name, password: args.password, role: args.role, jurisdictionId, inspectorCertificate: args.inspector }, { name: actorOf(ctx.viewer) });
      if (!user.ok) throw new ValidationError([user.error]);
      return user.value;
    },
  }),
}));

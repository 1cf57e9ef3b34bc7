import { resolveOffsetConnection } from '@pothos/plugin-relay';
import type { Viewer } from '../auth/viewer.ts';
import { may } from '../auth/permissions.ts';
import { currentTeam } from '../draws/current-team.ts';
import { pageCost } from '../limits/field-cost.ts';
import { builder } from './builder.ts';
import { DrawPickRef, TeamPersonRef } from './draw-ceremony.ts';
import { RoleEnum } from './enums.ts';
import { UserRef } from './session.ts';
import type { Context } from './context.ts';

type Member = Extract<Viewer, { kind: 'token' }>;

/** One enterprise on an inspector's work list: the pick of a drawn task whose team they are on. */
interface WorkItem {
  readonly taskId: string;
  readonly drawId: string;
  readonly order: number;
  readonly uscc: string;
  readonly leader: boolean;
}

/** Tasks in these states take results (recordResult refuses the others). */
const RESULT_STATES = ['INSPECTING', 'CLOSED'] as const;

/**
 * The picks whose team, as it stands after replacements, has this inspector, newest inspection
 * first. Candidates are the picks drawn with them plus those a replacement brought them into;
 * replacements are then applied, so an inspector replaced out of a team no longer sees it.
 * One inspector's assignments are tens a year: the whole list is read, then paged.
 */
async function workOf(ctx: Context, viewer: Member, inspectorId: string): Promise<WorkItem[]> {
  const prisma = ctx.db.prisma;
  const brought = await prisma.teamReplacement.findMany({ where: { incomingId: inspectorId, draw: { jurisdictionId: viewer.jurisdictionId } }, select: { drawId: true, pickOrder: true } });
  const picks = await prisma.drawPick.findMany({
    where: {
      jurisdictionId: viewer.jurisdictionId,
      draw: { task: { status: { in: [...RESULT_STATES] } } },
      OR: [{ leaderId: inspectorId }, { memberIds: { has: inspectorId } }, ...brought.map((b) => ({ drawId: b.drawId, order: b.pickOrder }))],
    },
    select: { drawId: true, order: true, uscc: true, leaderId: true, memberIds: true, draw: { select: { taskId: true } } },
    orderBy: [{ draw: { task: { inspectionDate: 'desc' } } }, { drawId: 'asc' }, { order: 'asc' }],
  });
  const replacements = await prisma.teamReplacement.findMany({ where: { drawId: { in: [...new Set(picks.map((p) => p.drawId))] } }, orderBy: { at: 'asc' } });
  const items: WorkItem[] = [];
  for (const p of picks) {
    const team = currentTeam(p, replacements.filter((r) => r.drawId === p.drawId && r.pickOrder === p.order));
    if (team.leader !== inspectorId && !team.members.includes(inspectorId)) continue;
    items.push({ taskId: p.draw.taskId, drawId: p.drawId, order: p.order, uscc: p.uscc, leader: team.leader === inspectorId });
  }
  return items;
}

const WorkItemRef = builder.objectRef<WorkItem>('WorkItem').implement({
  description: '检查任务清单的一项: a drawn enterprise this inspector is to inspect, with the task and its result so far',
  fields: (t) => ({
    leader: t.exposeBoolean('leader', { description: '组长 (true) or 组员' }),
    uscc: t.exposeString('uscc', { description: '统一社会信用代码' }),
    task: t.prismaField({ type: 'InspectionTask', resolve: (query, item, _a, ctx) => ctx.db.prisma.inspectionTask.findUniqueOrThrow({ ...query, where: { id: item.taskId } }) }),
    pick: t.field({
      type: DrawPickRef,
      description: 'The enterprise as drawn: its checklist items and team as it stands',
      resolve: async (item, _a, ctx) => (await ctx.loaders.drawPicks.load(item.drawId)).find((p) => p.order === item.order)!,
    }),
    result: t.prismaField({
      type: 'InspectionResult',
      nullable: true,
      description: 'The latest version of its result; null until one is entered',
      resolve: (query, item, _a, ctx) => ctx.db.prisma.inspectionResult.findFirst({ ...query, where: { drawId: item.drawId, uscc: item.uscc }, orderBy: { version: 'desc' } }),
    }),
  }),
});

const MeRef = builder.objectRef<Member>('Me').implement({
  description: 'Who is asking: the user (or API token) and, for a user linked to a directory inspector, their own work',
  fields: (t) => ({
    name: t.exposeString('name', { description: "The token's or session's name" }),
    role: t.field({ type: RoleEnum, resolve: (v) => v.role }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description: 'Null for an API token, which belongs to no user',
      resolve: (v, _a, ctx) => (v.userId ? ctx.db.prisma.appUser.findUnique({ where: { id: v.userId } }) : null),
    }),
    inspector: t.field({
      type: TeamPersonRef,
      nullable: true,
      description: 'The directory inspector this user is (createUser `inspector`); null when none',
      resolve: (v, _a, ctx) => (v.inspectorId ? ctx.loaders.teamPeople.load(v.inspectorId) : null),
    }),
    workList: t.connection(
      {
        type: WorkItemRef,
        complexity: pageCost,
        description: "我的检查任务: the drawn enterprises of this jurisdiction's tasks being inspected or closed whose team (as it stands) has this user's inspector, newest inspection first. Empty for a user linked to no inspector, or whose role may not enter results.",
        resolve: async (v, args, ctx) => {
          const items = v.inspectorId && may(v, v.jurisdictionId, 'results') ? await workOf(ctx, v, v.inspectorId) : [];
          const page = await resolveOffsetConnection({ args }, ({ limit, offset }) => items.slice(offset, offset + limit));
          return { ...page, totalCount: items.length };
        },
      },
      { name: 'MeWorkListConnection', fields: (c) => ({ totalCount: c.int({ resolve: (page) => (page as unknown as { totalCount: number }).totalCount }) }) },
    ),
  }),
});

builder.queryField('me', (t) =>
  t.field({
    type: MeRef,
    nullable: true,
    description: 'The member of a jurisdiction asking (a login session or an API token); null for the public and the platform operator',
    resolve: (_root, _args, ctx) => (ctx.viewer.kind === 'token' ? ctx.viewer : null),
  }),
);

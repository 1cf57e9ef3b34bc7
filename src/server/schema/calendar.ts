import { appendAudit } from '../audit/append-audit.ts';
import { DeadlineId } from '../../core/rules/schema.ts';
import { deadlineFor } from '../../core/rules/evaluate-deadlines.ts';
import type { Deadline } from '../../core/calendar/working-day-calendar.ts';
import { actorOf } from '../auth/viewer.ts';
import { jurisdictionCalendar } from '../calendar/jurisdiction-calendar.ts';
import { builder } from './builder.ts';
import { editableJurisdiction, isoToDate } from './directory-mutations.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';

const DayCountEnum = builder.enumType('DayCount', { values: { CALENDAR: { value: 'calendar' }, WORKING: { value: 'working' } } as const });
const DeadlineIdEnum = builder.enumType('DeadlineKind', {
  values: Object.fromEntries(DeadlineId.options.map((id) => [id.toUpperCase().replace(/-/g, '_'), { value: id }])) as Record<string, { value: (typeof DeadlineId.options)[number] }>,
});

type DeadlineShape = Deadline & { readonly clause?: string; readonly document?: string; readonly lastDay: string };

const DeadlineRef = builder.objectRef<DeadlineShape>('Deadline').implement({
  description: 'A date counted with the statutory calendar and the jurisdiction\'s corrections',
  fields: (t) => ({
    date: t.exposeString('date'),
    provisional: t.exposeBoolean('provisional', { description: 'The count ran through a year whose schedule is not yet official: the date may move' }),
    provisionalYears: t.exposeIntList('provisionalYears'),
    lastDay: t.exposeString('lastDay', { description: 'What the deadline day is: 工作日, 调休上班…' }),
    clause: t.string({ nullable: true, resolve: (d) => d.clause ?? null }),
    document: t.string({ nullable: true, resolve: (d) => d.document ?? null }),
  }),
});

const CalendarDayRef = builder.objectRef<{ date: string; working: boolean; description: string }>('CalendarDay').implement({
  fields: (t) => ({ date: t.exposeString('date'), working: t.exposeBoolean('working'), description: t.exposeString('description') }),
});

builder.prismaObject('CalendarOverride', {
  fields: (t) => ({
    date: t.expose('date', { type: 'Date' }),
    working: t.exposeBoolean('working'),
    reason: t.exposeString('reason'),
    actor: t.exposeString('actor'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const MAX_RANGE_DAYS = 366;

builder.prismaObjectFields('Jurisdiction', (t) => ({
  deadline: t.field({
    type: DeadlineRef,
    description: 'n calendar or working days after an event (the event day not counted)',
    args: { from: t.arg({ type: 'Date', required: true }), days: t.arg.int({ required: true }), count: t.arg({ type: DayCountEnum, required: true }) },
    resolve: async (j, args, ctx) => {
      if (args.days < 0 || args.days > 3660) throw new ValidationError([{ field: 'days', message: 'must be between 0 and 3660' }]);
      const calendar = await jurisdictionCalendar(ctx.db.prisma, j.id);
      const d = calendar.deadline({ from: args.from, days: args.days, count: args.count });
      return { ...d, lastDay: calendar.describe(d.date) };
    },
  }),
  ruleDeadline: t.field({
    type: DeadlineRef,
    nullable: true,
    description: "A deadline of the jurisdiction's rule pack from the day its event happened, with the clause (null when the pack has none)",
    args: { kind: t.arg({ type: DeadlineIdEnum, required: true }), from: t.arg({ type: 'Date', required: true }) },
    resolve: async (j, args, ctx) => {
      const pack = j.rulePackId ? ctx.packs.get(j.rulePackId, j.rulePackVersion ?? undefined) : undefined;
      if (!pack) return null;
      const calendar = await jurisdictionCalendar(ctx.db.prisma, j.id);
      const d = deadlineFor(pack.rules, args.kind, args.from, calendar);
      if (!d) return null;
      const source = pack.meta.sources.find((s) => s.id === d.cite.doc);
      return { ...d, clause: d.cite.clause, document: source?.number ?? source?.title ?? d.cite.doc, lastDay: calendar.describe(d.date) };
    },
  }),
  calendarDays: t.field({
    type: [CalendarDayRef],
    description: `Each day from one date to another (at most ${MAX_RANGE_DAYS}), working or not, and why`,
    args: { from: t.arg({ type: 'Date', required: true }), to: t.arg({ type: 'Date', required: true }) },
    resolve: async (j, args, ctx) => {
      const start = Date.parse(`${args.from}T00:00:00Z`);
      const days = Math.round((Date.parse(`${args.to}T00:00:00Z`) - start) / 86_400_000) + 1;
      if (days < 1 || days > MAX_RANGE_DAYS) throw new ValidationError([{ field: 'to', message: `the range must be 1 to ${MAX_RANGE_DAYS} days` }]);
      const calendar = await jurisdictionCalendar(ctx.db.prisma, j.id);
      return Array.from({ length: days }, (_, i) => {
        const date = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
        return { date, working: calendar.isWorkingDay(date), description: calendar.describe(date) };
      });
    },
  }),
  calendarOverrides: t.relation('calendarOverrides', { description: 'Local corrections to the national calendar, oldest first', query: { orderBy: { createdAt: 'asc' } } }),
  calendarOfficialYears: t.field({ type: ['Int'], select: { calendarYears: { select: { year: true } } }, resolve: (j) => j.calendarYears.map((y) => y.year).sort() }),
}));

const CALENDAR_ERRORS = { types: [ValidationError, ForbiddenError, NotFoundError], directResult: true as const };

builder.mutationFields((t) => ({
  setCalendarOverride: t.prismaField({
    type: 'Jurisdiction',
    description: 'Marks a day as a local holiday (working: false) or a working day; the latest entry for a date wins, earlier ones stay.',
    errors: CALENDAR_ERRORS,
    args: { jurisdiction: t.arg.string({ required: true }), date: t.arg({ type: 'Date', required: true }), working: t.arg.boolean({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const j = await editableJurisdiction(ctx, args.jurisdiction);
      if (!args.reason.trim()) throw new ValidationError([{ field: 'reason', message: '请写明调整这一天的理由 (say why the day changes)' }]);
      const actor = actorOf(ctx.viewer);
      // Deadlines count on this calendar: a change to it is on the audit trail like any other.
      await ctx.db.prisma.$transaction(async (tx) => {
        const row = await tx.calendarOverride.create({ data: { jurisdictionId: j.id, date: isoToDate(args.date)!, working: args.working, reason: args.reason.trim(), actor } });
        await appendAudit(tx, { jurisdictionId: j.id, actor, action: 'calendar.override', subjectType: 'CalendarOverride', subjectId: row.id, payload: { date: args.date, working: args.working, reason: args.reason.trim() } });
      });
      return ctx.db.prisma.jurisdiction.findUniqueOrThrow({ ...query, where: { id: j.id } });
    },
  }),
  declareOfficialYear: t.prismaField({
    type: 'Jurisdiction',
    description: "Declares a year's schedule official for the jurisdiction (after entering its holidays), so its deadlines stop being provisional.",
    errors: CALENDAR_ERRORS,
    args: { jurisdiction: t.arg.string({ required: true }), year: t.arg.int({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const j = await editableJurisdiction(ctx, args.jurisdiction);
      if (args.year < 2000 || args.year > 2100) throw new ValidationError([{ field: 'year', message: '年份应在 2000 至 2100 之间 (must be between 2000 and 2100)' }]);
      const actor = actorOf(ctx.viewer);
      await ctx.db.prisma.$transaction(async (tx) => {
        const known = await tx.calendarOfficialYear.findUnique({ where: { jurisdictionId_year: { jurisdictionId: j.id, year: args.year } } });
        if (known) return;
        await tx.calendarOfficialYear.create({ data: { jurisdictionId: j.id, year: args.year, actor } });
        await appendAudit(tx, { jurisdictionId: j.id, actor, action: 'calendar.official-year', subjectType: 'Jurisdiction', subjectId: j.id, payload: { year: args.year } });
      });
      return ctx.db.prisma.jurisdiction.findUniqueOrThrow({ ...query, where: { id: j.id } });
    },
  }),
}));

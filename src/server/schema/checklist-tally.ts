import type { TallyPeriod } from '../../core/checklist/item-tally.ts';
import { PERIOD_LABELS } from '../../core/checklist/ratio-frequency.ts';
import { canRead } from '../auth/viewer.ts';
import { checklistItemTally, type ChecklistItemTallyRow } from '../checklist/item-tally.ts';
import { activeRules } from '../tasks/active-rules.ts';
import { builder } from './builder.ts';
import { CitationRef } from './rule-pack.ts';

const TallyPeriodRef = builder.objectRef<TallyPeriod>('ChecklistTallyPeriod').implement({
  description: 'A period of the year (Beijing-time civil dates) and the inspections of the item in it',
  fields: (t) => ({
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    inspections: t.exposeInt('inspections'),
    ended: t.exposeBoolean('ended', { description: 'The period has ended: only ended periods decide frequencyMet' }),
  }),
});

const ItemTallyRef = builder.objectRef<ChecklistItemTallyRow>('ChecklistItemTally').implement({
  description: "A checklist item's year so far: its 抽查比例 and 抽查频次, what was drawn for it, and whether they are met",
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    ratioText: t.exposeString('ratioText', { nullable: true, description: '抽查比例 as published' }),
    ratioPercent: t.exposeFloat('ratioPercent', { nullable: true }),
    ratioMinimum: t.exposeBoolean('ratioMinimum', { nullable: true }),
    frequencyText: t.exposeString('frequencyText', { nullable: true, description: '抽查频次 as published' }),
    frequencyLabel: t.string({ nullable: true, description: 'The period in Chinese (每年, 每半年, 每季度, 每月) when the 抽查频次 reads as one', resolve: (r) => (r.frequencyPeriod ? PERIOD_LABELS[r.frequencyPeriod] : null) }),
    objects: t.exposeInt('objects', { description: "The item's objects now: active enterprises of its sectors (all, without sectors)" }),
    tasks: t.exposeInt('tasks', { description: 'Tasks of the year (not cancelled) that drew inspections of the item' }),
    inspections: t.exposeInt('inspections', { description: 'Inspections (picks) assigned the item or a sub-item this year' }),
    inspected: t.exposeInt('inspected', { description: 'Distinct enterprises among them' }),
    sharePercent: t.exposeFloat('sharePercent', { nullable: true, description: 'inspected ÷ objects, percent (two decimals, rounded down)' }),
    ratioNeeded: t.exposeInt('ratioNeeded', { nullable: true, description: 'ceil(ratio × objects)' }),
    ratioMet: t.exposeBoolean('ratioMet', { nullable: true, description: 'Null when the 抽查比例 has no value' }),
    ratioCitation: t.field({ type: CitationRef, nullable: true, description: "The pack's clause when its rules.checklist.items set the ratio; null: the checklist's own", resolve: (r) => r.ratioCite }),
    frequencyCitation: t.field({ type: CitationRef, nullable: true, description: "The pack's clause when its rules.checklist.items set the frequency", resolve: (r) => r.frequencyCite }),
    periods: t.field({ type: [TallyPeriodRef], resolve: (r) => [...r.periods] }),
    frequencyMet: t.exposeBoolean('frequencyMet', { nullable: true, description: 'Every ended period had an inspection; null when the 抽查频次 has no value' }),
  }),
});

builder.prismaObjectFields('Jurisdiction', (t) => ({
  checklistItemTally: t.field({
    type: [ItemTallyRef],
    nullable: true,
    description: 'The year so far per checklist item with a 抽查比例 or 抽查频次 (members of the jurisdiction; null for others)',
    args: { year: t.arg.int({ required: true }) },
    resolve: async (j, args, ctx) => (canRead(ctx.viewer, j.id) ? checklistItemTally(ctx.db.prisma, j.id, args.year, (await activeRules(ctx.services, j.id)) ?? null) : null),
  }),
}));

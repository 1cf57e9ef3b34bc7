import type { CapSummary, EnterpriseChance, InfeasibleDraw, LoadSummary, ObligationChance, PackOutcome, Paired, SimulationReport, StratumChance } from '../../core/simulation/index.ts';
import type { PackEdit } from '../rulepacks/stored-packs.ts';
import { runSimulation } from '../simulation/run-simulation.ts';
import { builder } from './builder.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { packMetaOf, RulePackEditInput } from './stored-rule-pack.ts';

/**
 * 规则模拟 simulateYear (issue 21, 6; docs/simulation.md): a query, since it changes nothing. For
 * staff who write or choose packs: admins and planners (of the jurisdiction whose directory is
 * simulated), and the operator on a generated county.
 */

const PairedRef = builder.objectRef<Paired>('SimulationFigure').implement({
  description: 'A figure of the first pack (a) and the compared one (b)',
  fields: (t) => ({
    a: t.exposeFloat('a'),
    b: t.float({ nullable: true, resolve: (p) => p.b }),
    delta: t.float({ nullable: true, description: 'b − a', resolve: (p) => p.delta }),
    differs: t.exposeBoolean('differs', { description: 'Beyond three standard errors: the packs’ difference, not chance’s' }),
  }),
});

const ObligationRef = builder.objectRef<ObligationChance>('SimulatedObligation').implement({
  fields: (t) => ({
    id: t.exposeString('id'),
    label: t.exposeString('label'),
    clause: t.string({ nullable: true, resolve: (o) => o.clause }),
    chance: t.field({ type: PairedRef, description: 'Share of simulated years in which it was met at the year’s end', resolve: (o) => o.chance }),
  }),
});

const StratumRef = builder.objectRef<StratumChance>('SimulatedStratum').implement({
  fields: (t) => ({
    stratum: t.exposeString('stratum'),
    label: t.exposeString('label', { description: 'In Chinese (较大风险 · 信用一般)' }),
    size: t.exposeInt('size'),
    chance: t.field({ type: PairedRef, description: 'A member’s chance of being inspected at least once in a year', resolve: (s) => s.chance }),
    inspections: t.field({ type: PairedRef, description: 'A member’s inspections in a year (mean)', resolve: (s) => s.inspections }),
  }),
});

const EnterpriseRef = builder.objectRef<EnterpriseChance>('SimulatedEnterprise').implement({
  fields: (t) => ({
    uscc: t.exposeString('uscc'),
    name: t.exposeString('name'),
    stratum: t.exposeString('label', { description: 'Its stratum in Chinese' }),
    chance: t.field({ type: PairedRef, resolve: (e) => e.chance }),
    inspections: t.field({ type: PairedRef, resolve: (e) => e.inspections }),
  }),
});

const LoadBucketRef = builder.objectRef<LoadSummary['distribution'][number]>('SimulatedLoadBucket').implement({
  fields: (t) => ({ inspections: t.exposeInt('inspections'), orMore: t.exposeBoolean('orMore'), share: t.exposeFloat('share') }),
});

const LoadRef = builder.objectRef<LoadSummary>('SimulatedInspectorLoad').implement({
  description: 'Per inspector and year',
  fields: (t) => ({
    meanDraws: t.exposeFloat('meanDraws'),
    maxDraws: t.exposeInt('maxDraws'),
    meanInspections: t.exposeFloat('meanInspections'),
    maxInspections: t.exposeInt('maxInspections'),
    distribution: t.field({ type: [LoadBucketRef], resolve: (l) => [...l.distribution] }),
  }),
});

const CapRef = builder.objectRef<CapSummary>('SimulatedCap').implement({
  fields: (t) => ({
    perYear: t.int({ nullable: true, resolve: (c) => c.perYear }),
    hitsPerYear: t.exposeFloat('hitsPerYear', { description: 'Times an enterprise was left out of a pool for reaching the cap, per year' }),
    yearsWithHits: t.exposeFloat('yearsWithHits'),
    enterprisesPerYear: t.exposeFloat('enterprisesPerYear'),
  }),
});

const InfeasibleRef = builder.objectRef<InfeasibleDraw>('SimulatedRefusal').implement({
  fields: (t) => ({ task: t.exposeInt('task'), title: t.exposeString('title'), code: t.exposeString('code'), years: t.exposeInt('years'), example: t.exposeString('example') }),
});

const PackOutcomeRef = builder.objectRef<PackOutcome>('SimulatedPack').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    name: t.exposeString('name'),
    cap: t.field({ type: CapRef, resolve: (p) => p.cap }),
    load: t.field({ type: LoadRef, resolve: (p) => p.load }),
    infeasible: t.field({ type: [InfeasibleRef], resolve: (p) => [...p.infeasible] }),
    distinctPerYear: t.exposeFloat('distinctPerYear'),
    distinctShare: t.exposeFloat('distinctShare'),
    inspectionsPerYear: t.exposeFloat('inspectionsPerYear'),
  }),
});

const ReportRef = builder.objectRef<SimulationReport>('SimulationReport').implement({
  description: '规则模拟: many simulated years of a plan under a pack, and a second one with the same seeds',
  fields: (t) => ({
    years: t.exposeInt('years'),
    seed: t.exposeString('seed'),
    calendarYear: t.exposeInt('calendarYear'),
    enterprises: t.exposeInt('enterprises'),
    supervised: t.exposeInt('supervised'),
    inspectors: t.exposeInt('inspectors'),
    tasks: t.exposeInt('tasks'),
    packs: t.field({ type: [PackOutcomeRef], resolve: (r) => [...r.packs] }),
    obligations: t.field({ type: [ObligationRef], resolve: (r) => [...r.obligations] }),
    strata: t.field({ type: [StratumRef], resolve: (r) => [...r.strata] }),
    highest: t.field({ type: [EnterpriseRef], resolve: (r) => [...r.highest] }),
    lowest: t.field({ type: [EnterpriseRef], resolve: (r) => [...r.lowest] }),
    lookedUp: t.field({ type: [EnterpriseRef], resolve: (r) => [...r.lookedUp] }),
    differences: t.stringList({ description: 'What differs between the packs, in Chinese', resolve: (r) => [...r.differences] }),
  }),
});

const PlannedTaskInput = builder.inputType('SimulatedTaskInput', {
  fields: (t) => ({
    title: t.string({ required: false }),
    month: t.int({ required: false, description: '1–12 (drawn and inspected on the 15th); or date' }),
    date: t.string({ required: false, description: 'MM-DD' }),
    size: t.int({ required: true }),
    sectors: t.stringList({ required: false, description: '定向: sector codes; empty for an undirected task' }),
    covert: t.boolean({ required: false }),
    joint: t.boolean({ required: false }),
    special: t.boolean({ required: false }),
    itemsPerInspection: t.int({ required: false }),
    teamSize: t.int({ required: false }),
  }),
});

const SimulateYearInput = builder.inputType('SimulateYearInput', {
  fields: (t) => ({
    jurisdiction: t.string({ required: false, description: 'Its directory as it is now; absent: a generated county' }),
    enterprises: t.int({ required: false, description: 'The generated county’s size (default 10000)' }),
    pack: t.string({ required: true, description: 'id@version of a built-in or stored pack' }),
    compare: t.string({ required: false, description: 'A second pack, id@version' }),
    compareRules: t.field({ type: 'JSON', required: false, description: 'Or an unsaved edit: the pack’s own rules, validated as its next version' }),
    compareEdit: t.field({ type: RulePackEditInput, required: false, description: 'Or the pack editor’s unsaved edit, made as saveRulePack would save it (its admins and planners, or the operator)' }),
    tasks: t.field({ type: [PlannedTaskInput], required: true }),
    years: t.int({ required: true, description: '1–1000, within the budget (docs/simulation.md)' }),
    seed: t.string({ required: true }),
    top: t.int({ required: false, description: 'Enterprises listed with the highest and lowest chances (default 10)' }),
    uscc: t.stringList({ required: false, description: 'Enterprises to look up' }),
  }),
});

const clean = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]?: NonNullable<T[K]> };

builder.queryField('simulateYear', (t) =>
  t.field({
    type: ReportRef,
    description: '规则模拟: N simulated years of a plan of tasks under a pack (and a second, same seeds), drawn by the engine (docs/simulation.md)',
    errors: { types: [ValidationError, ForbiddenError, NotFoundError], directResult: true },
    args: { input: t.arg({ type: SimulateYearInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const v = ctx.viewer;
      const staff = v.kind === 'operator' || (v.kind === 'token' && (v.role === 'ADMIN' || v.role === 'PLANNER'));
      if (!staff) throw new ForbiddenError('规则模拟需要登录：管理员、计划编制人员或平台管理员（simulation is for admins, planners and the operator）');
      let jurisdictionId: string | null = null;
      if (input.jurisdiction) {
        const j = await ctx.db.prisma.jurisdiction.findUnique({ where: { code: input.jurisdiction }, select: { id: true } });
        if (!j) throw new NotFoundError(`没有行政区划代码为 ${input.jurisdiction} 的辖区`);
        if (v.kind !== 'token' || v.jurisdictionId !== j.id) throw new ForbiddenError('只能用本辖区的名录模拟（a jurisdiction’s directory is simulated by its own admins and planners）');
        jurisdictionId = j.id;
      }
      let compareEdit: PackEdit | null = null;
      if (input.compareEdit) {
        const { jurisdiction: code, base, meta, rules } = input.compareEdit;
        const j = await ctx.db.prisma.jurisdiction.findUnique({ where: { code }, select: { id: true } });
        if (!j) throw new NotFoundError(`没有行政区划代码为 ${code} 的辖区`);
        if (v.kind === 'token' && v.jurisdictionId !== j.id) throw new ForbiddenError('只能模拟本辖区编辑中的规则包（an unsaved edit is simulated by its jurisdiction’s admins and planners）');
        compareEdit = { jurisdictionId: j.id, base, meta: packMetaOf(meta), rules };
      }
      const result = await runSimulation(ctx.db.prisma, ctx.packs, {
        jurisdictionId,
        enterprises: input.enterprises ?? null,
        pack: input.pack,
        compare: input.compare ?? null,
        compareRules: input.compareRules ?? null,
        compareEdit,
        tasks: input.tasks.map((task) => clean(task) as { size: number }),
        years: input.years,
        seed: input.seed,
        top: input.top ?? null,
        uscc: input.uscc ?? [],
      });
      if (!result.ok) {
        if (result.error.code === 'NOT_FOUND') throw new NotFoundError(result.error.issues[0]!.message);
        throw new ValidationError(result.error.issues);
      }
      return result.value;
    },
  }),
);

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';

/** simulateYear (规则模拟, issue 21, 6) over GraphQL: who may ask, the county's own directory, the refusals. */
const SIMULATE = `query($input: SimulateYearInput!) { simulateYear(input: $input) {
  __typename
  ... on SimulationReport { years enterprises supervised tasks differences packs { key cap { perYear hitsPerYear } infeasible { code years } load { meanInspections maxInspections } }
    obligations { id label clause chance { a b differs } } strata { label size chance { a b delta differs } } highest { uscc stratum } }
  ... on ValidationError { message issues { field message } }
  ... on Error { message }
} }`;
const monthly = (size: number) => [1, 3, 5, 7, 9, 11].map((month) => ({ month, size }));

describe.each(TEST_DATABASES)('simulateYear ($name)', (database) => {
  let demo: DemoCounty;
  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { enterprises: 120 });
  }, 120_000);
  afterAll(async () => demo?.db.close());

  it('simulates the county’s own directory for its planner, 卧龙 against an unsaved edit with cap 3', async () => {
    const wolong = demo.packs.get('wolong')!;
    const compareRules = { ...wolong.ownRules, cap: { ...wolong.ownRules.cap!, perYear: 3 } };
    const r = await demo.gql(SIMULATE, { input: { jurisdiction: DEMO, pack: 'wolong@1.0.0', compareRules, tasks: monthly(30), years: 20, seed: 'gql' } }, demo.tokens.PLANNER);
    expect(r.errors).toBeUndefined();
    const report = r.data.simulateYear;
    expect(report.__typename).toBe('SimulationReport');
    expect(report.enterprises).toBe(await demo.db.prisma.enterprise.count({ where: { active: true, jurisdiction: { code: DEMO } } }));
    expect(report.packs.map((p: { key: string; cap: { perYear: number } }) => [p.key, p.cap.perYear])).toEqual([['wolong@1.0.0', 2], ['wolong@1.0.0（编辑中）', 3]]);
    expect(report.packs[1].cap.hitsPerYear).toBeLessThan(report.packs[0].cap.hitsPerYear);
    expect(report.differences[0]).toMatch(/^抽查上限：每年不超过 2 次 → 每年不超过 3 次/);
    expect(report.obligations.map((o: { clause: string }) => o.clause)).toContain('第六条');
    expect(report.strata.every((s: { label: string }) => !s.label.includes('='))).toBe(true);
  });

  it('compares the pack editor’s unsaved edit, made as saving it would make it (a new pack over 卧龙), and saves nothing', async () => {
    const cap = demo.packs.get('wolong')!.rules.cap!;
    // The editor sends only what differs from its base, citing the county's own notice.
    const compareEdit = {
      jurisdiction: DEMO, base: 'wolong@1.0.0',
      meta: { id: 'wolong-cap3-draft', name: '卧龙区规则（上限3次）', inForceFrom: '2027-01-01', sources: [{ id: 'notice-2027', title: '关于调整抽查上限的通知', number: '宛卧应急〔2027〕1号' }] },
      rules: { cap: { ...cap, perYear: 3, cite: { doc: 'notice-2027', clause: '一' } } },
    };
    const before = await demo.gql(`{ storedRulePacks(jurisdiction: "${DEMO}") { ... on QueryStoredRulePacksSuccess { data { key } } } }`, {}, demo.tokens.ADMIN);
    const r = await demo.gql(SIMULATE, { input: { jurisdiction: DEMO, pack: 'wolong@1.0.0', compareEdit, tasks: monthly(30), years: 20, seed: 'gql' } }, demo.tokens.PLANNER);
    expect(r.errors).toBeUndefined();
    const report = r.data.simulateYear;
    expect(report.__typename, JSON.stringify(report)).toBe('SimulationReport');
    expect(report.packs.map((p: { key: string; cap: { perYear: number } }) => [p.key, p.cap.perYear])).toEqual([['wolong@1.0.0', 2], ['wolong-cap3-draft@1.0.0（未保存）', 3]]);
    expect(report.differences[0]).toMatch(/^抽查上限：每年不超过 2 次 → 每年不超过 3 次/);
    const after = await demo.gql(`{ storedRulePacks(jurisdiction: "${DEMO}") { ... on QueryStoredRulePacksSuccess { data { key } } } }`, {}, demo.tokens.ADMIN);
    expect(after.data).toEqual(before.data);

    // Refused as saving it would be, on the edit's path; another county's staff may not try this county's edit.
    const unCited = { ...compareEdit, rules: { cap: { ...cap, perYear: 3, cite: { doc: 'notice-2027' } } } };
    const bad = await demo.gql(SIMULATE, { input: { pack: 'wolong@1.0.0', compareEdit: unCited, tasks: monthly(10), years: 1, enterprises: 10, seed: 's' } }, demo.tokens.ADMIN);
    expect(bad.data.simulateYear.__typename).toBe('ValidationError');
    expect(bad.data.simulateYear.issues[0].field).toMatch(/^compareEdit\.rules\.cap\.cite/);
    expect(bad.data.simulateYear.issues[0].message).toMatch(/[\u4e00-\u9fff]/);
    const foreign = await demo.gql(SIMULATE, { input: { pack: 'wolong@1.0.0', compareEdit, tasks: monthly(10), years: 1, enterprises: 10, seed: 's' } }, demo.tokens.neighbourAdmin);
    expect(foreign.data.simulateYear.__typename).toBe('ForbiddenError');
    const two = await demo.gql(SIMULATE, { input: { pack: 'wolong@1.0.0', compare: 'wolong@1.0.0', compareEdit, tasks: monthly(10), years: 1, enterprises: 10, seed: 's' } }, demo.tokens.ADMIN);
    expect(two.data.simulateYear).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'compareEdit' }] });
  });

  it('is for admins and planners: an inspector, an auditor and the public are refused, and another county’s admin may not use this directory', async () => {
    const input = { jurisdiction: DEMO, pack: 'wolong@1.0.0', tasks: monthly(10), years: 2, seed: 's' };
    for (const token of [demo.tokens.INSPECTOR, demo.tokens.AUDITOR, undefined]) {
      const r = await demo.gql(SIMULATE, { input }, token);
      expect(r.data.simulateYear.__typename).toBe('ForbiddenError');
    }
    expect((await demo.gql(SIMULATE, { input }, demo.tokens.neighbourAdmin)).data.simulateYear.__typename).toBe('ForbiddenError');
    // Without a jurisdiction, a generated county: any admin may try a pack on it.
    const generated = await demo.gql(SIMULATE, { input: { ...input, jurisdiction: null, enterprises: 200 } }, demo.tokens.neighbourAdmin);
    expect(generated.data.simulateYear).toMatchObject({ __typename: 'SimulationReport', enterprises: 200 });
  });

  it('refuses too many years, a budget beyond the limit and an invalid edit with its path, in Chinese', async () => {
    const base = { pack: 'wolong@1.0.0', tasks: monthly(10), seed: 's' };
    const years = await demo.gql(SIMULATE, { input: { ...base, years: 1001, enterprises: 10 } }, demo.tokens.ADMIN);
    expect(years.data.simulateYear).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'years', message: '模拟年数须为 1 至 1000 的整数，收到 1001' }] });
    const budget = await demo.gql(SIMULATE, { input: { ...base, years: 1000, enterprises: 10_000 } }, demo.tokens.ADMIN);
    expect(budget.data.simulateYear).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'years', message: expect.stringContaining('在线模拟上限为 20,000,000') }] });
    const wolong = demo.packs.get('wolong')!;
    const bad = await demo.gql(SIMULATE, { input: { ...base, years: 1, enterprises: 10, compareRules: { ...wolong.ownRules, cap: { ...wolong.ownRules.cap!, perYear: 'three' } } } }, demo.tokens.ADMIN);
    expect(bad.data.simulateYear.__typename).toBe('ValidationError');
    expect(bad.data.simulateYear.issues[0].field).toBe('compareRules.cap.perYear');
    const missing = await demo.gql(SIMULATE, { input: { ...base, years: 1, enterprises: 10, compare: 'wolong@9.9.9' } }, demo.tokens.ADMIN);
    expect(missing.data.simulateYear).toMatchObject({ __typename: 'NotFoundError', message: expect.stringContaining('wolong@9.9.9') });
  });
});

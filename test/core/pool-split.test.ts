import { describe, expect, it } from 'vitest';
import { selectorTest } from '../../src/core/rules/classify.ts';
import { matchesWhen, ratioOf, scanPool, scanTaskPool, stratumOf, taskPool, type PoolScan, type YearHistory } from '../../src/core/rules/evaluate-pool.ts';
import type { EnterpriseFacts, RulePackHooks, TaskFacts } from '../../src/core/rules/facts.ts';
import type { Verdict } from '../../src/core/rules/messages.ts';
import type { Rules } from '../../src/core/rules/schema.ts';
import { demoSnapshot } from '../../src/demo/demo-snapshot.ts';
import { builtIn } from '../rulepacks/load.ts';

/**
 * The pool scan in two parts (taskPool once per task, scanTaskPool per history; 规则模拟 relies on
 * it, and so does every real draw) gives exactly the pool of the single-pass scan the engine had
 * before the split: members, classes, due units, the excluded with their reasons in order, and
 * the reserve. The reference below is that scan (src/core/rules/evaluate-pool.ts at 270bd54),
 * kept here as the definition to compare with.
 */

const LABEL = { year: '年', 'half-year': '半年' } as const;

function singlePassScan(rules: Rules, hooks: RulePackHooks, input: { readonly enterprises: readonly EnterpriseFacts[]; readonly task: TaskFacts; readonly history?: YearHistory; readonly avoid?: boolean }): PoolScan {
  const { task, history = {} } = input;
  const list = input.enterprises;
  const upper = new Set(history.upperLevelDrawn ?? []);
  const lower = new Set(history.lowerLevelDrawn ?? []);
  const reserve: { position: number; uscc: string; reasons: Verdict[] }[] = [];
  const positions: number[] = [];
  const classOf: number[] = [];
  const due = new Map<number, readonly Verdict[]>();
  const excluded: { uscc: string; reasons: Verdict[] }[] = [];
  const inGroup = selectorTest(rules, task.inspectionDate, { special: task.special });
  const classes: { stratum: string; weight: number; ratio: number }[] = [];
  const numbered = new Map<string, number>();
  const classify = (e: EnterpriseFacts) => {
    const stratum = stratumOf(e, rules, hooks);
    const weight = rules.strata?.weights?.find(({ when }) => matchesWhen(when, e))?.weight ?? 1;
    const ratio = ratioOf(e, rules);
    const key = `${weight}\u0000${ratio}\u0000${stratum}`;
    let index = numbered.get(key);
    if (index === undefined) {
      numbered.set(key, (index = classes.length));
      classes.push({ stratum, weight, ratio });
    }
    return index;
  };
  const year = task.inspectionDate.slice(0, 4);
  const starts = { year: `${year}-01-01`, 'half-year': task.inspectionDate.slice(5) < '07-01' ? `${year}-01-01` : `${year}-07-01` };
  const scope = rules.scope ? new Set(rules.scope.sectors) : undefined;
  const taskSectors = task.sectors.length > 0 ? new Set(task.sectors) : undefined;
  const upperRule = upper.size > 0 ? rules.exclusions?.upperLevelDrawnThisYear : undefined;
  const lowerRule = lower.size > 0 ? rules.exclusions?.lowerLevelDrawnThisYear : undefined;
  const upperAvoids = input.avoid === true && upperRule?.effect === 'avoid';
  const lowerAvoids = input.avoid === true && lowerRule?.effect === 'avoid';
  const counts = history.doubleRandomCount && Object.keys(history.doubleRandomCount).length > 0 ? history.doubleRandomCount : undefined;
  const lastInspected = history.lastInspected ?? {};
  list.forEach((e, position) => {
    let reasons: Verdict[] | undefined;
    if (e.operatingStatus === 'CLOSED') (reasons ??= []).push({ messageId: 'NOT_OPERATING', data: { uscc: e.uscc, status: e.operatingStatus } });
    if (scope && !scope.has(e.sector)) (reasons ??= []).push({ messageId: 'OUT_OF_SCOPE', data: { uscc: e.uscc, sector: e.sector }, cite: rules.scope!.cite });
    if (taskSectors && !taskSectors.has(e.sector)) (reasons ??= []).push({ messageId: 'NOT_IN_TASK', data: { uscc: e.uscc, sector: e.sector } });
    let avoided: Verdict[] | undefined;
    if (upperRule && upper.has(e.uscc)) {
      if (upperAvoids) (avoided ??= []).push({ messageId: 'UPPER_LEVEL_AVOIDED', data: { uscc: e.uscc, year: task.year }, cite: upperRule.cite });
      else (reasons ??= []).push({ messageId: 'UPPER_LEVEL_DRAWN', data: { uscc: e.uscc, year: task.year }, cite: upperRule.cite });
    }
    if (lowerRule && lower.has(e.uscc)) {
      if (lowerAvoids) (avoided ??= []).push({ messageId: 'LOWER_LEVEL_AVOIDED', data: { uscc: e.uscc, year: task.year }, cite: lowerRule.cite });
      else (reasons ??= []).push({ messageId: 'LOWER_LEVEL_DRAWN', data: { uscc: e.uscc, year: task.year }, cite: lowerRule.cite });
    }
    const count = counts?.[e.uscc] ?? 0;
    if (rules.cap && count >= rules.cap.perYear && !rules.cap.exceptions.some((s) => inGroup(e, s))) {
      (reasons ??= []).push({ messageId: 'CAP_REACHED', data: { uscc: e.uscc, count, year: task.year, cap: rules.cap.perYear }, cite: rules.cap.cite });
    }
    if (!reasons && hooks.poolFilter) {
      const verdict = hooks.poolFilter({ enterprise: e, task });
      if (verdict !== true) (reasons ??= []).push({ messageId: 'HOOK_REFUSED', data: { subject: e.uscc, reason: verdict.reason }, cite: verdict.cite });
    }
    if (avoided) {
      if (!reasons) {
        reserve.push({ position, uscc: e.uscc, reasons: avoided });
        return;
      }
      reasons.push(...avoided);
    }
    if (reasons) {
      excluded.push({ uscc: e.uscc, reasons });
      return;
    }
    const verdicts: Verdict[] = [];
    for (const f of rules.frequencies ?? []) {
      const last = lastInspected[e.uscc];
      if (inGroup(e, f.who) && (!last || last < starts[f.every])) verdicts.push({ messageId: 'DUE', data: { uscc: e.uscc, every: f.every, who: f.who, period: LABEL[f.every] }, cite: f.cite });
    }
    if (verdicts.length > 0) due.set(positions.length, verdicts);
    positions.push(position);
    classOf.push(classify(e));
  });
  return { positions: Int32Array.from(positions), classOf: Int32Array.from(classOf), classes, due, excluded, reserve };
}

/** A scan as plain data, so that toEqual compares every member, class, reason and its order. */
const plain = (scan: PoolScan) => ({
  positions: Array.from(scan.positions),
  classOf: Array.from(scan.classOf),
  classes: scan.classes,
  due: [...scan.due.entries()],
  excluded: scan.excluded,
  reserve: scan.reserve,
});

const { enterprises } = demoSnapshot({ enterprises: 400, inspectors: 10, experts: 0 });
const operating = enterprises.filter((e) => e.operatingStatus !== 'CLOSED');
const closed = enterprises.filter((e) => e.operatingStatus === 'CLOSED');
const keyUnits = operating.filter((e) => e.keyHighDanger);
const plainUnits = operating.filter((e) => !e.keyHighDanger && e.creditLevel !== 'DISHONEST' && e.creditLevel !== 'SERIOUSLY_DISHONEST' && e.records.length === 0);
const usccs = (list: readonly EnterpriseFacts[], from: number, n: number) => list.slice(from, from + n).map((e) => e.uscc);

/**
 * A year's history that touches every branch: counts at, over and under the cap, for the cap's
 * exceptions (key units) and for plain units, and for closed ones; last inspections before and
 * after the half-year's start; upper and lower levels' draws meeting plain, key, closed and
 * capped units, and USCCs not in the directory.
 */
function historyFor(cap: number): YearHistory {
  const doubleRandomCount: Record<string, number> = {};
  for (const u of usccs(plainUnits, 0, 30)) doubleRandomCount[u] = cap; // at the cap
  for (const u of usccs(plainUnits, 30, 10)) doubleRandomCount[u] = cap + 1; // over it
  for (const u of usccs(plainUnits, 40, 20)) doubleRandomCount[u] = Math.max(0, cap - 1); // under it
  for (const u of usccs(keyUnits, 0, 15)) doubleRandomCount[u] = cap + 2; // exceptions
  for (const u of usccs(closed, 0, 5)) doubleRandomCount[u] = cap; // closed and capped: both reasons
  doubleRandomCount['91000000MA0000000X'] = cap; // not in the directory
  const lastInspected: Record<string, string> = {};
  for (const u of usccs(keyUnits, 0, 10)) lastInspected[u] = '2026-02-10'; // this year, first half
  for (const u of usccs(keyUnits, 10, 10)) lastInspected[u] = '2026-08-01'; // second half
  for (const u of usccs(keyUnits, 20, 10)) lastInspected[u] = '2025-11-30'; // last year
  for (const u of usccs(operating, 100, 200)) lastInspected[u] = '2026-03-01';
  return {
    doubleRandomCount,
    lastInspected,
    upperLevelDrawn: [...usccs(plainUnits, 0, 5), ...usccs(plainUnits, 100, 20), ...usccs(keyUnits, 30, 5), ...usccs(closed, 5, 3), '91000000MA0000001Y'],
    lowerLevelDrawn: [...usccs(plainUnits, 3, 5), ...usccs(plainUnits, 130, 15), ...usccs(keyUnits, 40, 5), ...usccs(closed, 8, 3)],
  };
}

const task = (inspectionDate: string, extra: Partial<TaskFacts> = {}): TaskFacts => ({ year: Number(inspectionDate.slice(0, 4)), inspectionDate, sectors: [], special: false, joint: false, covert: false, ...extra });
const tasks: [string, TaskFacts][] = [
  ['first half', task('2026-03-20')],
  ['second half, directed special (an exception to the cap)', task('2026-09-10', { special: true })],
  ['the task’s sectors', task('2026-05-06', { sectors: [...new Set(operating.slice(0, 40).map((e) => e.sector))].slice(0, 3) })],
];

/** The pack as it is, and with each rule the scan reads that the pack lacks: levels (avoid and exclude), a cap, frequencies, weights. */
function variants(rules: Rules): [string, Rules][] {
  const cite = rules.scope?.cite ?? { doc: 'test', clause: '测试' };
  return [
    ['as published', rules],
    ['levels avoided (一般不重合), a cap of 2 with exceptions, frequencies', {
      ...rules,
      exclusions: { ...rules.exclusions, upperLevelDrawnThisYear: { effect: 'avoid', cite }, lowerLevelDrawnThisYear: { effect: 'avoid', cite } },
      cap: rules.cap ?? { perYear: 2, exceptions: ['keyHighDanger', 'directedSpecial'], cite },
      frequencies: rules.frequencies ?? [{ who: 'keyHighDanger', every: 'half-year', cite }, { who: 'blacklisted', every: 'year', cite }],
    }],
    ['levels excluded, a cap of 1 without exceptions, strata weighed', {
      ...rules,
      exclusions: { ...rules.exclusions, upperLevelDrawnThisYear: { effect: 'exclude', cite }, lowerLevelDrawnThisYear: { effect: 'exclude', cite } },
      cap: { perYear: 1, exceptions: [], cite },
      strata: { by: ['riskLevel', 'creditLevel'], weights: [{ when: { riskLevel: ['MAJOR', 'HIGH'] }, weight: 3 }, { when: {}, weight: 1 }], cite },
    }],
  ];
}

const hookVariants: [string, RulePackHooks][] = [
  ['no hooks', {}],
  ['a pool hook and a stratum hook', {
    poolFilter: ({ enterprise }) => (enterprise.uscc.endsWith('3') ? { reason: '测试排除', cite: { doc: 'test', clause: '测试' } } : true),
    stratumOf: ({ enterprise }) => `township=${enterprise.township}`,
  }],
];

describe('scanTaskPool(taskPool(…), history) is the single-pass scan', () => {
  for (const id of ['wolong', 'panzhihua', 'heilongjiang-county', 'shuncheng', 'yanshi']) {
    it(`${id}: every variant of the rules, task, history and hooks, with and without v4's reserve, and with the USCC index`, async () => {
      const pack = await builtIn(id);
      let capped = 0;
      let due = 0;
      let reserved = 0;
      let fixedAndMore = 0;
      for (const [rulesLabel, rules] of variants(pack.rules)) {
        for (const [taskLabel, t] of tasks) {
          for (const [hooksLabel, hooks] of [...hookVariants, ...(pack.hooks ? [['the pack’s hooks', pack.hooks] as [string, RulePackHooks]] : [])]) {
            for (const history of [{}, historyFor(rules.cap?.perYear ?? 2)]) {
              for (const avoid of [false, true]) {
                const label = `${id} · ${rulesLabel} · ${taskLabel} · ${hooksLabel} · ${Object.keys(history).length ? 'history' : 'no history'} · avoid ${avoid}`;
                const expected = plain(singlePassScan(rules, hooks, { enterprises, task: t, history, avoid }));
                // Made once, scanned twice (the simulation scans one taskPool every year): the same each time.
                for (const index of [false, true]) {
                  const made = taskPool(rules, hooks, { enterprises, task: t, avoid, index });
                  expect(plain(scanTaskPool(made, hooks, history)), `${label} · index ${index}`).toEqual(expected);
                  expect(plain(scanTaskPool(made, hooks, {})), `${label} · index ${index}, then no history`).toEqual(plain(singlePassScan(rules, hooks, { enterprises, task: t, avoid })));
                  expect(plain(scanTaskPool(made, hooks, history)), `${label} · index ${index}, again`).toEqual(expected);
                  // Into buffers another scan wrote before (prepareTask's, which every draw of the task reuses).
                  const buffers = { positions: new Int32Array(enterprises.length).fill(-7), classOf: new Int32Array(enterprises.length).fill(-7) };
                  scanTaskPool(made, hooks, {}, buffers);
                  expect(plain(scanTaskPool(made, hooks, history, buffers)), `${label} · index ${index}, into used buffers`).toEqual(expected);
                }
                expect(plain(scanPool(rules, hooks, { enterprises, task: t, history, avoid })), label).toEqual(expected);
                capped += expected.excluded.filter((x) => x.reasons.some((r) => r.messageId === 'CAP_REACHED')).length;
                fixedAndMore += expected.excluded.filter((x) => x.reasons.length > 1).length;
                due += expected.due.length;
                reserved += expected.reserve.length;
              }
            }
          }
        }
      }
      // The cases reach the branches they are for.
      expect(capped).toBeGreaterThan(0);
      expect(due).toBeGreaterThan(0);
      expect(reserved).toBeGreaterThan(0);
      expect(fixedAndMore).toBeGreaterThan(0);
    });
  }
});

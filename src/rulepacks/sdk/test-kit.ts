import { STATUTORY_SCHEDULE } from '../../core/calendar/statutory.ts';
import { createCalendar, type CalendarOverrides } from '../../core/calendar/working-day-calendar.ts';
import { deadlineFor } from '../../core/rules/evaluate-deadlines.ts';
import { evaluatePool, type YearHistory } from '../../core/rules/evaluate-pool.ts';
import { inspectorVerdicts, teamVerdicts } from '../../core/rules/evaluate-team.ts';
import type { EnterpriseFacts, InspectorFacts, TaskFacts } from '../../core/rules/facts.ts';
import { MESSAGES, placeholders, render, type MessageId, type Verdict } from '../../core/rules/messages.ts';
import type { LoadedPack } from './validate-pack.ts';

/** Directory fixtures with believable defaults: override only what the case is about. */
export const fixture = {
  enterprise: (over: Partial<EnterpriseFacts> = {}): EnterpriseFacts => ({
    uscc: '91350100M000100Y43', name: '测试企业', sector: 'machinery', subSector: null, scale: 'SMALL', riskLevel: 'GENERAL', creditLevel: 'NORMAL',
    blacklisted: false, keyHighDanger: false, majorHazardSource: false, township: null, operatingStatus: 'OPERATING', records: [], ...over,
  }),
  inspector: (over: Partial<InspectorFacts> = {}): InspectorFacts => ({
    id: 'i1', unit: '执法大队', unitKind: 'BRIGADE', domains: ['machinery'], formalStaff: true, certificateValidUntil: '2030-12-31', home: 'own', ...over,
  }),
  task: (over: Partial<TaskFacts> = {}): TaskFacts => ({ year: 2026, inspectionDate: '2026-06-15', sectors: [], covert: false, joint: false, special: false, ...over }),
};

export interface ExpectedError {
  readonly messageId: MessageId;
  /** Placeholders the message must have been filled with (a subset is enough). */
  readonly data?: Readonly<Record<string, string | number>>;
  /** The clause the error must cite; the citation's document is the pack's. */
  readonly clause?: string;
}

type Base = { readonly name?: string };
export type PackCase =
  | (Base & { readonly kind: 'pool'; readonly enterprise: EnterpriseFacts; readonly task?: TaskFacts; readonly history?: YearHistory; readonly due?: readonly ExpectedError[] })
  | (Base & { readonly kind: 'inspector'; readonly inspector: InspectorFacts; readonly enterprise?: EnterpriseFacts; readonly task?: TaskFacts })
  | (Base & { readonly kind: 'team'; readonly team: readonly InspectorFacts[]; readonly leaderId?: string | null; readonly enterprise: EnterpriseFacts; readonly task?: TaskFacts });

export type InvalidCase = PackCase & { readonly errors: readonly ExpectedError[] };

export interface DeadlineCase {
  readonly id: 'report' | 'feedback' | 'opinion' | 'result-entry' | 'publication' | 'objection-review' | 'objection-answer';
  readonly from: string;
  readonly expected: string;
  readonly provisional?: boolean;
  readonly clause?: string;
}

export interface PackTests {
  readonly valid?: readonly PackCase[];
  readonly invalid?: readonly InvalidCase[];
  readonly deadlines?: readonly DeadlineCase[];
}

type Describe = (name: string, fn: () => void) => void;
type It = (name: string, fn: () => void) => void;

/** A mistake in the tests themselves, not in the pack: the tester refuses to run them. */
export class TesterError extends Error {
  override name = 'TesterError';
}

/**
 * RuleTester for rule packs. `run(title, { valid, invalid, deadlines })` turns each case into
 * a test: valid cases must produce no verdict, invalid ones exactly the expected verdicts.
 */
export class PackTester {
  private readonly calendar;

  constructor(
    private readonly pack: LoadedPack,
    private readonly runner: { describe: Describe; it: It },
    options: { calendar?: CalendarOverrides } = {},
  ) {
    this.calendar = createCalendar(STATUTORY_SCHEDULE, options.calendar);
  }

  /** The verdicts a case produces under the pack. */
  verdicts(c: PackCase): Verdict[] {
    const { rules, hooks } = this.pack;
    const task = c.task ?? fixture.task();
    if (c.kind === 'pool') {
      const result = evaluatePool(rules, hooks, { enterprises: [c.enterprise], task, ...(c.history ? { history: c.history } : {}) });
      return [...(result.excluded[0]?.reasons ?? [])];
    }
    if (c.kind === 'inspector') return inspectorVerdicts(rules, hooks, c.inspector, task, c.enterprise);
    return teamVerdicts(rules, hooks, { team: c.team, leaderId: c.leaderId === undefined ? (c.team[0]?.id ?? null) : c.leaderId, enterprise: c.enterprise, task });
  }

  run(title: string, tests: PackTests): void {
    this.checkTests(tests);
    const { describe, it } = this.runner;
    describe(`${this.pack.meta.id}: ${title}`, () => {
      (tests.valid ?? []).forEach((c, i) =>
        it(`valid ${c.name ?? `#${i + 1}`}`, () => {
          const verdicts = this.verdicts(c);
          if (verdicts.length > 0) throw new Error(`expected no verdict, got: ${verdicts.map(render).join('; ')}`);
          if (c.kind === 'pool' && c.due) this.compare(this.dueOf(c), c.due);
        }),
      );
      (tests.invalid ?? []).forEach((c, i) => it(`invalid ${c.name ?? `#${i + 1}`}`, () => this.compare(this.verdicts(c), c.errors)));
      (tests.deadlines ?? []).forEach((d) =>
        it(`deadline ${d.id} from ${d.from} is ${d.expected}`, () => {
          const result = deadlineFor(this.pack.rules, d.id, d.from, this.calendar);
          if (!result) throw new Error(`the pack has no "${d.id}" deadline`);
          if (result.date !== d.expected) throw new Error(`expected ${d.expected}, got ${result.date} (${this.calendar.describe(d.expected)} / ${this.calendar.describe(result.date)})`);
          if (d.provisional !== undefined && result.provisional !== d.provisional) throw new Error(`expected provisional ${d.provisional}, got ${result.provisional}`);
          if (d.clause && result.cite.clause !== d.clause) throw new Error(`expected the deadline to cite ${d.clause}, it cites ${result.cite.clause}`);
        }),
      );
    });
  }

  private dueOf(c: Extract<PackCase, { kind: 'pool' }>): Verdict[] {
    const result = evaluatePool(this.pack.rules, this.pack.hooks, { enterprises: [c.enterprise], task: c.task ?? fixture.task(), ...(c.history ? { history: c.history } : {}) });
    return [...(result.members[0]?.due ?? [])];
  }

  private compare(actual: readonly Verdict[], expected: readonly ExpectedError[]): void {
    const show = (v: readonly Verdict[]) => v.map((x) => `${x.messageId} (${render(x)}${x.cite ? `, ${x.cite.clause}` : ''})`).join('; ') || 'none';
    if (actual.length !== expected.length) throw new Error(`expected ${expected.length} verdict(s), got ${actual.length}: ${show(actual)}`);
    expected.forEach((e, i) => {
      const a = actual[i]!;
      if (a.messageId !== e.messageId) throw new Error(`verdict ${i + 1}: expected ${e.messageId}, got ${show([a])}`);
      for (const [k, v] of Object.entries(e.data ?? {})) {
        if (a.data[k] !== v) throw new Error(`verdict ${i + 1} (${e.messageId}): expected ${k} = ${v}, got ${a.data[k]}`);
      }
      if (e.clause !== undefined && a.cite?.clause !== e.clause) throw new Error(`verdict ${i + 1} (${e.messageId}): expected to cite ${e.clause}, cites ${a.cite?.clause ?? 'nothing'}`);
    });
  }

  /** Refuses tests that cannot fail or cannot pass, like RuleTester does. */
  private checkTests(tests: PackTests): void {
    const seen = new Set<string>();
    const all = [...(tests.valid ?? []), ...(tests.invalid ?? [])];
    for (const c of all) {
      const key = JSON.stringify(c);
      if (seen.has(key)) throw new TesterError(`duplicate case ${c.name ?? key.slice(0, 80)}`);
      seen.add(key);
    }
    for (const c of tests.invalid ?? []) {
      if (!c.errors || c.errors.length === 0) throw new TesterError(`invalid case ${c.name ?? ''} lists no errors: it could never fail`);
      for (const e of c.errors) {
        if (!(e.messageId in MESSAGES)) throw new TesterError(`unknown messageId ${e.messageId}`);
        const known = placeholders(e.messageId);
        for (const key of Object.keys(e.data ?? {})) {
          if (!known.includes(key)) throw new TesterError(`${e.messageId} has no placeholder {${key}} (it has ${known.map((k) => `{${k}}`).join(', ') || 'none'})`);
        }
      }
    }
  }
}

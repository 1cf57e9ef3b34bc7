import { describe, expect, it } from 'vitest';
import type { ComplianceEnterprise, ComplianceFacts, CompliancePick, ComplianceTask } from '../../src/core/compliance/facts.ts';
import { measureCompliance } from '../../src/core/compliance/measure-compliance.ts';
import type { Rules, Selector } from '../../src/core/rules/schema.ts';

const cite = (clause: string) => ({ doc: 'test', clause });
const uscc = (n: number) => `91510000MA${String(n).padStart(7, '0')}X`;
const enterprise = (n: number, groups: Selector[] = [], from = '2025-01-01', to: string | null = null): ComplianceEnterprise =>
  ({ uscc: uscc(n), name: `企业${n}`, sector: 'hazardous_chemicals', inDirectory: [{ from, to }], groups });
const task = (id: string, inspectionDate: string, extra: Partial<ComplianceTask> = {}): ComplianceTask =>
  ({ id, title: `任务${id}`, status: 'CLOSED', inspectionDate, directed: false, joint: false, covert: false, announcedOn: null, closedOn: null, size: 0, ...extra });
const pick = (taskId: string, n: number): CompliancePick => ({ taskId, uscc: uscc(n), team: ['i1', 'i2'], experts: [] });

function facts(rules: Rules, over: Partial<ComplianceFacts>): ComplianceFacts {
  return {
    rules, pack: { id: 'test', version: '1.0.0', name: '测试' }, jurisdiction: { code: '510000', name: '测试县', level: 'COUNTY' }, year: 2026, asOf: '2026-12-31',
    enterprises: [], tasks: [], picks: [], inspections: [], otherInspections: [], recusals: [], deadlines: [],
    inspectors: [{ id: 'i1', name: '张三', active: true, domains: [] }, { id: 'i2', name: '李四', active: true, domains: [] }], inspectorsReviewedOn: null, plan: null, checklistItems: [],
    ...over,
  };
}
const rowOf = (m: ReturnType<typeof measureCompliance>, id: string) => {
  const r = m.rows.find((x) => x.id === id);
  if (!r) throw new Error(`no row ${id}: ${m.rows.map((x) => x.id).join(', ')}`);
  return r;
};

describe('measureCompliance', () => {
  it('counts distinct enterprises drawn, not draws: 103 of 2,030 is 5.07% although 141 draws were made', () => {
    const enterprises = Array.from({ length: 2030 }, (_, i) => enterprise(i));
    const tasks = [task('a', '2026-03-10'), task('b', '2026-09-10')];
    // 103 distinct in task a, 38 of them drawn again in task b: 141 draws.
    const picks = [...Array.from({ length: 103 }, (_, i) => pick('a', i)), ...Array.from({ length: 38 }, (_, i) => pick('b', i))];
    const m = measureCompliance(facts({ shares: { entitiesDrawnMin: { percent: 5, cite: cite('第六条') } } }, { enterprises, tasks, picks }));
    const row = rowOf(m, 'entities-drawn');
    expect(row.achieved).toMatchObject({ value: 5.07, of: 2030, count: 103 });
    expect(row.achieved!.text).toBe('103家／2030家（5.07%），抽取141次');
    expect(row.status).toBe('MET');
    expect(m.totals).toMatchObject({ supervised: 2030, distinctDrawn: 103, draws: 141 });
    // 101 distinct (4.97%) misses the 5% (102 of 2,030) although it is 139 draws.
    const short = measureCompliance(facts({ shares: { entitiesDrawnMin: { percent: 5, cite: cite('第六条') } } }, { enterprises, tasks, picks: [...picks.slice(0, 101), ...picks.slice(103)] }));
    expect(rowOf(short, 'entities-drawn')).toMatchObject({ status: 'MISSED', target: { count: 102 } });
  });

  it('splits half-years on Beijing civil dates: 30 June belongs to the first half, 1 July to the second', () => {
    const rules: Rules = { frequencies: [{ who: 'blacklisted', every: 'half-year', cite: cite('二(六)') }] };
    const enterprises = [enterprise(1, ['blacklisted']), enterprise(2, ['blacklisted'])];
    const tasks = [task('h1', '2026-06-30'), task('h2', '2026-07-01')];
    const m = measureCompliance(facts(rules, {
      enterprises, tasks, picks: [pick('h1', 1), pick('h2', 2)],
      inspections: [{ taskId: 'h1', uscc: uscc(1), on: '2026-06-30' }, { taskId: 'h2', uscc: uscc(2), on: '2026-07-01' }],
    }));
    const h1 = rowOf(m, 'frequency:blacklisted:half-year:1');
    const h2 = rowOf(m, 'frequency:blacklisted:half-year:2');
    expect(h1).toMatchObject({ status: 'MISSED', period: { from: '2026-01-01', to: '2026-06-30', label: '2026年上半年' }, subjectsTotal: 1 });
    expect(h1.subjects[0]).toMatchObject({ kind: 'ENTERPRISE', uscc: uscc(2), name: '企业2' });
    expect(h2).toMatchObject({ status: 'MISSED', subjectsTotal: 1 });
    expect(h2.subjects[0]).toMatchObject({ uscc: uscc(1) });
  });

  it('makes a unit added in October due for the year from October, not for the first half-year', () => {
    const rules: Rules = { frequencies: [{ who: 'keyHighDanger', every: 'year', cite: cite('二(六)') }, { who: 'keyHighDanger', every: 'half-year', cite: cite('二(六)') }] };
    const m = measureCompliance(facts(rules, {
      enterprises: [enterprise(1, ['keyHighDanger']), enterprise(2, ['keyHighDanger'], '2026-10-08'), enterprise(3, ['keyHighDanger'], '2025-01-01', '2026-03-01')],
      tasks: [task('a', '2026-05-10')], picks: [pick('a', 1)], inspections: [{ taskId: 'a', uscc: uscc(1), on: '2026-05-10' }],
    }));
    // The unit that left in March is not due; the October one is due for the year and the second half.
    expect(rowOf(m, 'frequency:keyHighDanger:year:1')).toMatchObject({ status: 'MISSED', target: { value: 2 }, achieved: { value: 1 } });
    expect(rowOf(m, 'frequency:keyHighDanger:year:1').subjects.map((s) => s.kind === 'ENTERPRISE' && s.uscc)).toEqual([uscc(2)]);
    expect(rowOf(m, 'frequency:keyHighDanger:half-year:1')).toMatchObject({ status: 'MET', target: { value: 1 } });
    expect(rowOf(m, 'frequency:keyHighDanger:half-year:2')).toMatchObject({ status: 'MISSED', target: { value: 2 }, achieved: { value: 0 } });
  });

  it('names who is over the cap, leaving out the pack’s exceptions', () => {
    const rules: Rules = { cap: { perYear: 2, exceptions: ['keyHighDanger'], cite: cite('第十五条') } };
    const tasks = [task('a', '2026-02-01'), task('b', '2026-05-01'), task('c', '2026-08-01')];
    const m = measureCompliance(facts(rules, {
      enterprises: [enterprise(1, ['keyHighDanger']), enterprise(2), enterprise(3)],
      tasks, picks: [pick('a', 1), pick('b', 1), pick('c', 1), pick('a', 2), pick('b', 2), pick('c', 2), pick('a', 3), pick('b', 3)],
    }));
    const cap = rowOf(m, 'cap');
    expect(cap.status).toBe('MISSED');
    expect(cap.subjects).toEqual([{ kind: 'ENTERPRISE', uscc: uscc(2), name: '企业2', note: '本年被抽中3次，超过2次' }]);
    expect(cap.label).toContain('危险性较大的重点单位除外');
  });

  it('tells on track from at risk by the share of the period elapsed, and suggests a directed task over the units not yet drawn', () => {
    const rules: Rules = { frequencies: [{ who: 'keyHighDanger', every: 'year', cite: cite('二(五)') }] };
    const enterprises = Array.from({ length: 20 }, (_, i) => enterprise(i, ['keyHighDanger']));
    const tasks = [task('a', '2026-03-01'), task('b', '2026-09-20', { status: 'DRAWN' })];
    const inspections = Array.from({ length: 8 }, (_, i) => ({ taskId: 'a', uscc: uscc(i), on: '2026-03-01' }));
    const picks = [...Array.from({ length: 8 }, (_, i) => pick('a', i)), pick('b', 8), pick('b', 9)];
    // 2 July: just over half the year gone, 8 of 20 done (40%): at risk.
    const july = measureCompliance(facts(rules, { asOf: '2026-07-02', enterprises, tasks, picks, inspections }));
    expect(rowOf(july, 'frequency:keyHighDanger:year:1').status).toBe('AT_RISK');
    const warning = july.warnings.find((w) => w.obligationId === 'frequency:keyHighDanger:year:1')!;
    expect(warning).toMatchObject({ dueBy: '2026-12-31', daysLeft: 182 });
    // The two drawn for September are already on their way; the other ten are suggested.
    expect(warning.suggestedTask).toMatchObject({ directed: true, size: 10, usccs: Array.from({ length: 10 }, (_, i) => uscc(i + 10)) });
    // 1 April: a quarter gone, 40% done: on track.
    expect(rowOf(measureCompliance(facts(rules, { asOf: '2026-04-01', enterprises, tasks, picks, inspections })), 'frequency:keyHighDanger:year:1').status).toBe('ON_TRACK');
  });

  it('lists an obligation it cannot measure, with the reason, instead of dropping it', () => {
    const m = measureCompliance(facts({ checklist: { coverage: [{ fromYear: 2016, percent: 70, cite: cite('第八条') }, { fromYear: 2017, percent: 100, cite: cite('第八条') }] } }, {}));
    expect(rowOf(m, 'checklist-coverage')).toMatchObject({ status: 'NOT_MEASURABLE', target: { value: 100 }, cite: { clause: '第八条' } });
    expect(rowOf(m, 'checklist-coverage').explanation).toContain('无法计算');
  });

  it('says which deadlines were late and by how many days', () => {
    const rules: Rules = { deadlines: [{ id: 'publication', days: 7, count: 'calendar', from: 'inspection-end', cite: cite('三(六)') }] };
    const m = measureCompliance(facts(rules, {
      enterprises: [enterprise(1), enterprise(2)], tasks: [task('a', '2026-03-01')], picks: [pick('a', 1), pick('a', 2)],
      deadlines: [
        { kind: 'publication', taskId: 'a', subject: '企业1', uscc: uscc(1), due: '2026-03-08', doneOn: '2026-03-12', status: 'LATE', cite: cite('三(六)') },
        { kind: 'publication', taskId: 'a', subject: '企业2', uscc: uscc(2), due: '2026-03-08', doneOn: '2026-03-07', status: 'DONE', cite: cite('三(六)') },
      ],
    }));
    const row = rowOf(m, 'deadline:publication');
    expect(row.status).toBe('MISSED');
    expect(row.subjects).toHaveLength(1);
    expect(row.subjects[0]).toMatchObject({ kind: 'ENTERPRISE', uscc: uscc(1) });
    expect((row.subjects[0] as { note: string }).note).toContain('逾期4日');
  });
});

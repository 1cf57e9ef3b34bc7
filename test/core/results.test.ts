import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/core/calendar/working-day-calendar.ts';
import { STATUTORY_SCHEDULE } from '../../src/core/calendar/statutory.ts';
import { categoriesOf, GENERAL_RESULT_CATEGORIES } from '../../src/core/results/categories.ts';
import { consequencesOf, followUpConcludes, followUpConsequences } from '../../src/core/results/consequences.ts';
import { rederive } from '../../src/core/results/rederive-consequences.ts';
import { resultContentHash } from '../../src/core/results/content-hash.ts';
import { taskDeadlines, type ScheduleFacts } from '../../src/core/results/deadlines.ts';
import { publicationIssues } from '../../src/core/results/publication-check.ts';
import type { ResultContent } from '../../src/core/results/types.ts';
import { validateResult } from '../../src/core/results/validate-result.ts';
import { NODE_DRAW_PORTS } from '../../src/server/draw-ports.ts';
import heilongjiang from '../../src/rulepacks/heilongjiang-county/index.ts';
import panzhihua from '../../src/rulepacks/panzhihua/index.ts';
import shuncheng from '../../src/rulepacks/shuncheng/index.ts';
import wolong from '../../src/rulepacks/wolong/index.ts';
import yanshi from '../../src/rulepacks/yanshi/index.ts';

const calendar = createCalendar(STATUTORY_SCHEDULE);
const USCC = '91411303MA44000012';
const content = (over: Partial<ResultContent> = {}): ResultContent => ({
  category: 'no-problem', inspectedOn: '2026-03-16', items: [{ code: 'A1', outcome: 'COMPLIANT' }], hazards: [], handling: {}, nonCooperation: [], summary: '未发现问题', ...over,
});
const context = { uscc: USCC, pick: { items: ['A1', 'A2'] }, windowStart: '2026-03-01', today: '2026-03-20' };

describe('a result is checked against the draw and the pack', () => {
  it('refuses a result for an enterprise the draw did not pick, with 偃师 五(四)', () => {
    const issues = validateResult(yanshi.rules, content(), { ...context, pick: undefined });
    expect(issues).toEqual([expect.objectContaining({ code: 'NOT_DRAWN', field: 'enterprise', cite: expect.objectContaining({ clause: '五(四)' }) })]);
    // Other packs refuse it too, without a clause of their own.
    expect(validateResult(wolong.rules, content(), { ...context, pick: undefined })[0]).toMatchObject({ code: 'NOT_DRAWN', cite: undefined });
  });

  it("refuses a category the pack does not know, listing the pack's (卧龙 第二十四条, 顺城 第十七条)", () => {
    const [issue] = validateResult(shuncheng.rules, content({ category: 'no-problem' }), context);
    expect(issue).toMatchObject({ code: 'UNKNOWN_CATEGORY', field: 'category', cite: { clause: '第十七条' } });
    expect(issue!.message).toContain('未发现违法行为（no-violation）');
    expect(validateResult(shuncheng.rules, content({ category: 'no-violation' }), context)).toEqual([]);
    expect(validateResult(wolong.rules, content({ category: 'qualified' }), context)[0]).toMatchObject({ code: 'UNKNOWN_CATEGORY', cite: { clause: '第二十四条' } });
  });

  it('falls back to the ten general categories where a pack is silent', () => {
    expect(categoriesOf(panzhihua.rules)).toEqual({ categories: GENERAL_RESULT_CATEGORIES, cite: null });
    expect(validateResult(panzhihua.rules, content({ category: 'ordered-to-correct' }), context)).toEqual([]);
    expect(validateResult(panzhihua.rules, content({ category: '合格' }), context)[0]?.code).toBe('UNKNOWN_CATEGORY');
  });

  it('needs the cases of serious non-cooperation for that category, and only known ones (卧龙 第二十五条)', () => {
    expect(validateResult(wolong.rules, content({ category: 'non-cooperation' }), context)[0]).toMatchObject({ field: 'nonCooperation', cite: { clause: '第二十五条' } });
    expect(validateResult(wolong.rules, content({ category: 'non-cooperation', nonCooperation: ['refused-entry'] }), context)).toEqual([]);
    expect(validateResult(wolong.rules, content({ category: 'non-cooperation', nonCooperation: ['rude'] }), context)[0]).toMatchObject({ field: 'nonCooperation.0' });
    expect(validateResult(wolong.rules, content({ nonCooperation: ['refused-entry'] }), context)[0]).toMatchObject({ field: 'category' });
  });

  it('names the field of every other problem', () => {
    const issues = validateResult(wolong.rules, content({
      inspectedOn: '2026-02-28',
      items: [{ code: 'Z9', outcome: 'COMPLIANT' }],
      hazards: [{ description: ' ', major: false, concealed: true }],
      handling: { rectificationDue: '2026-02-01', penalty: { decisionNumber: '', fineYuan: -1 }, transfer: { to: 'JUDICIAL', recipient: '' } },
    }), context);
    expect(issues.map((i) => i.field)).toEqual(['inspectedOn', 'items.0.code', 'hazards.0.description', 'hazards.0.concealed', 'handling.rectificationDue', 'handling.penalty.decisionNumber', 'handling.penalty.fineYuan', 'handling.transfer.recipient']);
    expect(validateResult(wolong.rules, content({ inspectedOn: '2026-03-21' }), context)[0]?.message).toContain('future');
  });
});

describe('signatures and publication', () => {
  const team = { leaderId: 'L', memberIds: ['L', 'M'] };
  const hash = resultContentHash({ drawId: 'd', uscc: USCC, version: 1 }, content(), NODE_DRAW_PORTS);

  it('a signature signs the content: any edit changes the hash', () => {
    expect(resultContentHash({ drawId: 'd', uscc: USCC, version: 1 }, content({ summary: '未发现问题。' }), NODE_DRAW_PORTS)).not.toBe(hash);
    expect(resultContentHash({ drawId: 'd', uscc: USCC, version: 2 }, content(), NODE_DRAW_PORTS)).not.toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('publishes only once the whole team signed this version (卧龙 第二十三条)', () => {
    const facts = { status: 'DRAFT' as const, contentHash: hash, team, correction: false, principalSignedBy: null };
    const one = publicationIssues(wolong.rules, { ...facts, signatures: [{ inspectorId: 'L', contentHash: hash }] });
    expect(one).toEqual([expect.objectContaining({ code: 'NOT_SIGNED', cite: expect.objectContaining({ clause: '第二十三条' }) })]);
    expect(one[0]!.message).toContain('1 of 2');
    const stale = publicationIssues(wolong.rules, { ...facts, signatures: [{ inspectorId: 'L', contentHash: hash }, { inspectorId: 'M', contentHash: 'old' }] });
    expect(stale[0]?.message).toContain('(M)');
    expect(publicationIssues(wolong.rules, { ...facts, signatures: [{ inspectorId: 'L', contentHash: hash }, { inspectorId: 'M', contentHash: hash }] })).toEqual([]);
  });

  it('never republishes; a correction needs the principal (卧龙 第二十六条)', () => {
    const facts = { contentHash: hash, team, signatures: [], principalSignedBy: null };
    const published = publicationIssues(wolong.rules, { ...facts, status: 'PUBLISHED', correction: false });
    expect(published[0]).toMatchObject({ code: 'PUBLISHED', cite: { clause: '第二十六条' } });
    expect(published[0]!.message).toContain('correctResult');
    expect(publicationIssues(wolong.rules, { ...facts, status: 'DRAFT', correction: true })[0]).toMatchObject({ code: 'PRINCIPAL_SIGNATURE_REQUIRED', cite: { clause: '第二十六条' } });
    expect(publicationIssues(wolong.rules, { ...facts, status: 'DRAFT', correction: true, principalSignedBy: 'user:chief' })).toEqual([]);
  });
});

describe('consequences of a published result', () => {
  const standing = { blacklisted: false, riskLevel: 'GENERAL' as const, creditLevel: 'NORMAL' as const };
  const concealed = content({ category: 'ordered-to-correct', hazards: [{ description: '液氨储罐区未设置泄漏报警', major: true, concealed: true }], handling: { rectificationDue: '2026-04-15', penalty: { decisionNumber: '卧应急罚〔2026〕3号', fineYuan: 20000 } } });

  it('blacklists a concealed major hazard (攀枝花 三(六)), records it for next year, raises risk, orders a follow-up', () => {
    const out = consequencesOf(panzhihua.rules, concealed, standing);
    expect(out.map((c) => c.kind)).toEqual(['BLACKLIST', 'RECORD', 'RECORD', 'RISK', 'FOLLOW_UP']);
    expect(out[0]).toMatchObject({ cite: { clause: '三(六)' } });
    expect(out.filter((c) => c.kind === 'RECORD').map((c) => c.kind === 'RECORD' && c.record)).toEqual(['PENALTY', 'SERIOUS_VIOLATION']);
    // 卧龙 has no blacklist rule: the rest still follows.
    expect(consequencesOf(wolong.rules, concealed, standing).map((c) => c.kind)).toEqual(['RECORD', 'RECORD', 'RISK', 'FOLLOW_UP']);
    // Never lowers: a MAJOR risk stays, a blacklisted unit is not listed again.
    expect(consequencesOf(panzhihua.rules, concealed, { ...standing, blacklisted: true, riskLevel: 'MAJOR' }).map((c) => c.kind)).toEqual(['RECORD', 'RECORD', 'FOLLOW_UP']);
  });

  it("cites no clause for the platform's defaults: the follow-up and the credit level (no document sets them)", () => {
    for (const pack of [panzhihua, yanshi, wolong, shuncheng, heilongjiang]) {
      expect(consequencesOf(pack.rules, concealed, standing).find((c) => c.kind === 'FOLLOW_UP'), pack.meta.id).toMatchObject({ cite: null });
    }
    // 卧龙 第二十五条 defines serious non-cooperation; the DISHONEST credit level is the platform's.
    expect(consequencesOf(wolong.rules, content({ category: 'non-cooperation', nonCooperation: ['refused-entry'] }), standing)).toEqual([expect.objectContaining({ kind: 'CREDIT', cite: null })]);
    expect(consequencesOf(wolong.rules, content({ category: 'false-disclosure' }), standing)).toEqual([expect.objectContaining({ kind: 'CREDIT', cite: null })]);
  });

  it('marks serious non-cooperation as dishonest, and blacklists an unrectified major hazard at follow-up', () => {
    expect(consequencesOf(wolong.rules, content({ category: 'non-cooperation', nonCooperation: ['refused-entry'] }), standing)).toEqual([expect.objectContaining({ kind: 'CREDIT', to: 'DISHONEST' })]);
    const late = { on: '2026-04-16', rectified: false };
    expect(followUpConsequences(panzhihua.rules, late, concealed, standing)).toEqual([expect.objectContaining({ kind: 'BLACKLIST', cite: expect.objectContaining({ clause: '三(六)' }) })]);
    expect(followUpConsequences(panzhihua.rules, { ...late, rectified: true }, concealed, standing)).toEqual([]);
    expect(followUpConsequences(wolong.rules, late, concealed, standing)).toEqual([]);
  });

  it('does not blacklist at a follow-up on or before the rectification due date (逾期未整改, 攀枝花 三(六))', () => {
    // Due 04-15: a follow-up on 04-02 or on the due date itself finds it not yet rectified, within the period.
    expect(followUpConsequences(panzhihua.rules, { on: '2026-04-02', rectified: false }, concealed, standing)).toEqual([]);
    expect(followUpConsequences(panzhihua.rules, { on: '2026-04-15', rectified: false }, concealed, standing)).toEqual([]);
    expect(followUpConcludes({ on: '2026-04-15', rectified: false }, '2026-04-15')).toBe(false);
    expect(followUpConcludes({ on: '2026-04-02', rectified: true }, '2026-04-15')).toBe(true);
    const [blacklist] = followUpConsequences(panzhihua.rules, { on: '2026-04-16', rectified: false }, concealed, standing);
    expect(blacklist).toMatchObject({ kind: 'BLACKLIST', reason: expect.stringContaining('逾期未整改') });
  });
});

describe('a correction re-derives the consequences of the version it replaces', () => {
  const before = { blacklisted: false, riskLevel: 'GENERAL' as const, creditLevel: 'NORMAL' as const };
  const penalty = content({ category: 'ordered-to-correct', handling: { penalty: { decisionNumber: '卧应急罚〔2026〕3号' } } });
  const hazard = content({ category: 'ordered-to-correct', hazards: [{ description: '液氨储罐区未设置泄漏报警', major: true, concealed: true }] });
  const v1Changes = (rules: typeof panzhihua.rules, c: ResultContent) => consequencesOf(rules, c, before).flatMap((x, i) => {
    const to = x.kind === 'BLACKLIST' ? 'true' : x.kind === 'RISK' || x.kind === 'CREDIT' ? x.to : undefined;
    const field = x.kind === 'BLACKLIST' ? 'blacklisted' : x.kind === 'RISK' ? 'riskLevel' : 'creditLevel';
    return to ? [{ id: `c${i}`, field, from: String(before[field]), to, reason: x.reason } as const] : [];
  });
  const recordsOf = (c: ResultContent) => consequencesOf(wolong.rules, c, before).flatMap((x, i) => (x.kind === 'RECORD' ? [{ id: `r${i}`, kind: x.record, occurredOn: x.occurredOn, description: x.reason }] : []));

  it('withdraws a record the new version no longer produces and keeps one it repeats', () => {
    const none = rederive([], recordsOf(penalty), before, (s) => consequencesOf(wolong.rules, content(), s));
    expect(none.withdrawnRecords.map((r) => r.kind)).toEqual(['PENALTY']);
    expect(none.apply).toEqual([]);
    const same = rederive([], recordsOf(penalty), before, (s) => consequencesOf(wolong.rules, penalty, s));
    expect(same).toMatchObject({ withdrawnRecords: [], keptRecords: [expect.objectContaining({ kind: 'PENALTY' })], apply: [] });
  });

  it('undoes a blacklisting and a risk raised by the original back to their values before, keeps what the new version causes too', () => {
    const changes = v1Changes(panzhihua.rules, hazard);
    const now = { ...before, blacklisted: true, riskLevel: 'HIGH' as const };
    const cleared = rederive(changes, [], now, (s) => consequencesOf(panzhihua.rules, content(), s));
    expect(cleared.undone.map((c) => c.field)).toEqual(['blacklisted', 'riskLevel']);
    expect(cleared.standing).toEqual(before);
    const kept = rederive(changes, [], now, (s) => consequencesOf(panzhihua.rules, hazard, s));
    expect(kept).toMatchObject({ undone: [], standing: now });
    expect(kept.apply.filter((c) => c.kind === 'BLACKLIST' || c.kind === 'RISK')).toEqual([]);
  });

  it('leaves a value someone changed since, and does not apply it again over their change', () => {
    const changes = v1Changes(panzhihua.rules, hazard);
    // The bureau lifted the blacklisting and set the risk to MAJOR meanwhile.
    const now = { ...before, blacklisted: false, riskLevel: 'MAJOR' as const };
    const cleared = rederive(changes, [], now, (s) => consequencesOf(panzhihua.rules, content(), s));
    expect(cleared).toMatchObject({ undone: [], standing: now });
    expect(cleared.changedSince.map((c) => [c.field, c.now, c.caused])).toEqual([['blacklisted', 'false', false], ['riskLevel', 'MAJOR', false]]);
    const repeated = rederive(changes, [], now, (s) => consequencesOf(panzhihua.rules, hazard, s));
    expect(repeated.apply.filter((c) => c.kind === 'BLACKLIST')).toEqual([]);
    expect(repeated.changedSince.find((c) => c.field === 'blacklisted')).toMatchObject({ caused: true });
  });
});

describe("each pack's deadlines across the 2026 holidays and make-up working days", () => {
  const result = (over: Partial<NonNullable<ScheduleFacts['picks'][number]['result']>>) => ({
    id: 'r1', inspectedOn: '2026-03-16', enteredOn: '2026-03-16', signedOn: null, reportCompletedOn: null, feedbackSentOn: null, feedbackReceivedOn: null, opinionOn: null,
    handlingEndedOn: null, publishedOn: null, rectificationDue: null, followUpOn: null, ...over,
  });
  const facts = (task: Partial<ScheduleFacts['task']>, r: ReturnType<typeof result> | null, objections: ScheduleFacts['objections'] = []): ScheduleFacts => ({
    task: { id: 't', title: '抽查', inspectionDate: '2026-03-16', covert: false, announcedOn: null, closedOn: null, reachedInspection: false, ...task },
    picks: [{ uscc: USCC, name: '某化工有限公司', result: r }],
    objections,
  });
  const due = (list: ReturnType<typeof taskDeadlines>) => Object.fromEntries(list.map((d) => [d.kind, d.due]));

  it('攀枝花: announced 15 days ahead (三(四)); results within 7 days, extended past 国庆 (三(六))', () => {
    const list = taskDeadlines(panzhihua.rules, calendar, facts({ inspectionDate: '2026-10-16' }, result({ inspectedOn: '2026-09-24' })), '2026-09-25');
    // 09-24 + 7 = 10-01, a holiday; 10-02…07 too: the period ends on 10-08.
    expect(due(list)).toEqual({ announcement: '2026-10-01', publication: '2026-10-08' });
    expect(list.find((d) => d.kind === 'publication')?.cite?.clause).toBe('三(六)');
    // Covert: no announcement at all.
    expect(taskDeadlines(panzhihua.rules, calendar, facts({ covert: true }, null), '2026-03-01')).toEqual([]);
  });

  it('偃师: entry within 5 working days across 春节 with its Saturday make-up day; publication in 5 days (二(三), 四.4)', () => {
    // 02-13 (Fri) 1, 02-14 (Sat, worked) 2, 02-15…23 春节, 02-24 3, 02-25 4, 02-26 5.
    expect(due(taskDeadlines(yanshi.rules, calendar, facts({}, result({ inspectedOn: '2026-02-12' })), '2026-02-13'))).toEqual({ 'result-entry': '2026-02-26', publication: '2026-02-24' });
  });

  it('顺城: report 5, feedback 5, opinion 3 working days, and the month\'s results in its first 5 working days (第十七~二十一条)', () => {
    const r = result({ inspectedOn: '2026-04-30', signedOn: '2026-05-08', feedbackSentOn: '2026-05-15', feedbackReceivedOn: '2026-06-18' });
    const list = taskDeadlines(shuncheng.rules, calendar, facts({}, r), '2026-06-22');
    // 劳动节 05-01…05; 05-09 (Sat) is worked. Opinion: 端午 06-19…21.
    expect(due(list)).toEqual({ report: '2026-05-11', feedback: '2026-05-14', opinion: '2026-06-24', 'monthly-publication': '2026-05-11' });
    const byKind = Object.fromEntries(list.map((d) => [d.kind, d]));
    expect(byKind.report).toMatchObject({ status: 'DONE', doneOn: '2026-05-08', cite: { clause: '第十七条' } });
    expect(byKind.feedback).toMatchObject({ status: 'LATE', doneOn: '2026-05-15' });
    expect(byKind.opinion).toMatchObject({ status: 'DUE_SOON' });
    expect(byKind['monthly-publication']).toMatchObject({ status: 'OVERDUE', cite: { clause: '第二十一条' } });
  });

  it('卧龙: 20 working days after the task ends across 中秋/国庆; objections 20 + 15, provisional into 2027 (第二十六条)', () => {
    const objections = [{ id: 'o1', uscc: USCC, receivedOn: '2026-02-10', reviewedOn: '2026-12-15', answeredOn: null }];
    const list = taskDeadlines(wolong.rules, calendar, facts({ inspectionDate: '2026-09-10', announcedOn: '2026-09-01', closedOn: '2026-09-18' }, result({ inspectedOn: '2026-09-10', enteredOn: '2026-09-11' }), objections), '2026-10-09');
    // The answer's 15 working days after 12-15 skip 元旦 2027 (by law, before 2027 is published): 12 in December, 01-04, 05, 06.
    expect(due(list)).toEqual({ announcement: '2026-09-10', 'result-entry': '2026-10-22', publication: '2026-10-22', 'objection-review': '2026-03-16', 'objection-answer': '2027-01-06' });
    const byKind = Object.fromEntries(list.map((d) => [d.kind, d]));
    expect(byKind['result-entry']).toMatchObject({ status: 'DONE' });
    expect(byKind.publication).toMatchObject({ status: 'OPEN', provisional: false });
    expect(byKind['objection-review']).toMatchObject({ status: 'LATE' });
    expect(byKind['objection-answer']).toMatchObject({ provisional: true, status: 'OPEN' });
  });

  it('黑龙江: 20 working days after handling ends, counting 元旦\'s Sunday make-up day (二(七))', () => {
    // 01-01…03 元旦, 01-04 (Sun) worked = 1, then weekdays to the 20th: 01-29.
    const list = taskDeadlines(heilongjiang.rules, calendar, facts({}, result({ inspectedOn: '2025-12-20', handlingEndedOn: '2025-12-31' })), '2026-01-27');
    expect(due(list)).toEqual({ publication: '2026-01-29' });
    expect(list[0]).toMatchObject({ status: 'DUE_SOON', cite: { clause: '二(七)' } });
  });

  it('gives a drawn enterprise whose result was never entered its deadlines from the inspection day (攀枝花 三(六), 偃师 二(三))', () => {
    // The task reached inspection on 03-16; nothing was entered: overdue, not absent.
    const pan = taskDeadlines(panzhihua.rules, calendar, facts({ reachedInspection: true }, null), '2026-04-01');
    expect(pan.find((d) => d.kind === 'publication')).toMatchObject({ due: '2026-03-23', status: 'OVERDUE', doneOn: null, subject: { type: 'result', id: USCC } });
    const yan = taskDeadlines(yanshi.rules, calendar, facts({ reachedInspection: true }, null), '2026-04-01');
    expect(yan.filter((d) => d.status === 'OVERDUE').map((d) => d.kind).sort()).toEqual(['publication', 'result-entry']);
    // Before the inspection started, there is nothing to count from yet.
    expect(taskDeadlines(yanshi.rules, calendar, facts({ reachedInspection: false }, null), '2026-04-01')).toEqual([]);
  });

  it('顺城: counts from the report\'s recorded date, and an opinion not given in 3 days is the enterprise\'s lapse, not the bureau\'s (第十七~二十条)', () => {
    // The paper report was done on 05-06; the result was typed in and signed on 05-20.
    const r = result({ inspectedOn: '2026-04-30', signedOn: '2026-05-20', reportCompletedOn: '2026-05-06', feedbackSentOn: '2026-05-12', feedbackReceivedOn: '2026-05-13' });
    const byKind = Object.fromEntries(taskDeadlines(shuncheng.rules, calendar, facts({}, r), '2026-05-25').map((d) => [d.kind, d]));
    expect(byKind.report).toMatchObject({ status: 'DONE', doneOn: '2026-05-06', party: 'BUREAU' });
    // 5 working days from 05-06: 05-07, 08, 09 (Sat, worked), 11, 12.
    expect(byKind.feedback).toMatchObject({ due: '2026-05-12', status: 'DONE', from: { date: '2026-05-06' } });
    expect(byKind.opinion).toMatchObject({ due: '2026-05-18', status: 'LAPSED', party: 'ENTERPRISE' });
  });

  it('follows up a rectification order after its period, once the result is published', () => {
    const list = taskDeadlines(wolong.rules, calendar, facts({}, result({ publishedOn: '2026-03-20', rectificationDue: '2026-04-30' })), '2026-05-11');
    // 3 working days after 04-30: 05-06, 05-07, 05-08.
    expect(list.find((d) => d.kind === 'follow-up')).toMatchObject({ due: '2026-05-08', status: 'OVERDUE' });
  });

  it("marks the follow-up as the platform's default in every pack: no document clause, borrowed or not", () => {
    for (const pack of [panzhihua, yanshi, wolong, shuncheng, heilongjiang]) {
      const followUp = taskDeadlines(pack.rules, calendar, facts({}, result({ publishedOn: '2026-03-20', rectificationDue: '2026-04-30' })), '2026-05-11').find((d) => d.kind === 'follow-up');
      expect(followUp, pack.meta.id).toMatchObject({ due: '2026-05-08', cite: null });
      expect(followUp!.note, pack.meta.id).toMatch(/^平台默认（各文件未规定）：整改期满后 3 个工作日内复查/);
    }
  });
});

describe('dates in results', () => {
  it('refuses days that do not exist, without throwing', () => {
    const context = { uscc: 'X', pick: { items: [] }, windowStart: '2026-01-01', today: '2026-12-31' };
    const base = { category: 'no-problem', items: [], hazards: [], handling: {}, nonCooperation: [], summary: '' };
    for (const inspectedOn of ['2026-02-30', '2026-13-01', '16/03/2026']) {
      expect(validateResult(wolong.rules, { ...base, inspectedOn }, context)[0]).toMatchObject({ field: 'inspectedOn' });
    }
  });
});

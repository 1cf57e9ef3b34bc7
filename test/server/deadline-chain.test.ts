import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { switchRulePack } from '../../src/server/rulepacks/switch-rule-pack.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, Q, resultInput } from '../helpers/results-flow.ts';

const DEADLINES = `{ jurisdiction(code: "${DEMO}") { deadlines { ... on JurisdictionDeadlinesSuccess { data { kind status party due fromDate doneOn subjectId taskId } } } } }`;
const EVENT = `mutation($r: ID!, $k: ResultEventKind!, $on: Date!) { recordResultEvent(result: $r, kind: $k, occurredOn: $on) { __typename ... on Error { message } ... on RuleError { code } ... on ValidationError { issues { field message } } } }`;

interface Deadline {
  kind: string;
  status: string;
  party: string;
  due: string;
  fromDate: string | null;
  doneOn: string | null;
  subjectId: string;
  taskId: string;
}

describe.each(TEST_DATABASES)('deadlines from the days they really run from ($name)', (database) => {
  let demo: DemoCounty;
  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { enterprises: 120 });
  }, 120_000);
  afterAll(async () => demo?.db.close());

  async function usePack(packId: string) {
    const county = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    const switched = await switchRulePack(demo.db.prisma, demo.packs, { jurisdictionId: county.id, packId, actor: 'test', onDate: '2026-03-02' });
    expect(switched.ok, JSON.stringify(switched)).toBe(true);
  }
  const deadlinesOf = async (taskId: string) => {
    const answer = await demo.gql(DEADLINES, {}, demo.tokens.ADMIN);
    expect(answer.errors).toBeUndefined();
    const taskRaw = (id: string) => Buffer.from(id, 'base64').toString();
    return (answer.data.jurisdiction.deadlines.data as Deadline[]).filter((d) => taskRaw(d.taskId) === taskRaw(taskId));
  };

  it('gives every drawn enterprise of a task in inspection its deadlines, though no result was ever entered (偃师 二(三))', async () => {
    await usePack('yanshi');
    const { taskId, picks } = await inspectingTask(demo, { title: '无结果录入的任务' });
    const entry = (await deadlinesOf(taskId)).filter((d) => d.kind === 'RESULT_ENTRY');
    expect(entry.map((d) => d.subjectId).sort()).toEqual(picks.map((p) => p.uscc).sort());
    // Inspected on 03-16: 5 working days later, long past, and nothing was entered.
    expect(entry.every((d) => d.status === 'OVERDUE' && d.fromDate === '2026-03-16' && d.due === '2026-03-23')).toBe(true);
  });

  it('counts 黑龙江 publication from the recorded end of handling (二(七))', async () => {
    await usePack('heilongjiang-county');
    const { taskId, picks } = await inspectingTask(demo, { title: '查处完毕' });
    const pick = picks[0]!;
    const draft = (await demo.gql(Q.record, { t: taskId, u: pick.uscc, i: resultInput(pick) }, demo.tokens.INSPECTOR)).data.recordResult;
    expect(draft.__typename, JSON.stringify(draft)).toBe('InspectionResult');
    const publicationOf = async () => (await deadlinesOf(taskId)).find((d) => d.kind === 'PUBLICATION' && d.subjectId === Buffer.from(draft.id, 'base64').toString().split(':')[1]);
    // Nothing to handle: handling ended with the inspection.
    expect((await publicationOf())?.fromDate).toBe('2026-03-16');
    expect((await demo.gql(EVENT, { r: draft.id, k: 'HANDLING_ENDED', on: '2026-04-20' }, demo.tokens.INSPECTOR)).data.recordResultEvent.__typename).toBe('InspectionResult');
    const mine = await publicationOf();
    // 20 working days from 04-20 (劳动节 05-01…05, 05-09 worked): 05-20.
    expect(mine).toMatchObject({ fromDate: '2026-04-20', due: '2026-05-20' });
  });

  it('records the real dates of report, feedback and opinion in order, counts from them, and an unanswered opinion is the enterprise’s lapse (顺城 第十七~二十条)', async () => {
    await usePack('shuncheng');
    const { taskId, picks } = await inspectingTask(demo, { title: '顺城 报告链' });
    const pick = picks[0]!;
    const draft = (await demo.gql(Q.record, { t: taskId, u: pick.uscc, i: resultInput(pick, { category: 'no-violation' }) }, demo.tokens.INSPECTOR)).data.recordResult;
    expect(draft.__typename, JSON.stringify(draft)).toBe('InspectionResult');
    const event = async (k: string, on: string) => {
      const answer = await demo.gql(EVENT, { r: draft.id, k, on }, demo.tokens.INSPECTOR);
      expect(answer.errors).toBeUndefined();
      return answer.data.recordResultEvent;
    };

    // Not signed and no report date yet: the feedback cannot come first.
    expect(await event('FEEDBACK_SENT', '2026-03-18')).toMatchObject({ __typename: 'RuleError', code: 'BAD_STATE', message: expect.stringContaining('请先登记检查报告完成的日期') });
    expect((await event('REPORT_COMPLETED', '2026-03-17')).__typename).toBe('InspectionResult');
    expect(await event('REPORT_COMPLETED', '2026-03-18')).toMatchObject({ __typename: 'RuleError', code: 'CONFLICT', message: expect.stringContaining('已于 2026-03-17 登记') });
    expect(await event('FEEDBACK_SENT', '2026-03-16')).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'occurredOn', message: expect.stringContaining('不能早于检查报告完成（2026-03-17）') }] });
    expect(await event('OPINION_RECEIVED', '2026-03-20')).toMatchObject({ __typename: 'RuleError', code: 'BAD_STATE' });
    expect((await event('FEEDBACK_SENT', '2026-03-19')).__typename).toBe('InspectionResult');
    expect((await event('FEEDBACK_RECEIVED', '2026-03-20')).__typename).toBe('InspectionResult');

    const raw = Buffer.from(draft.id, 'base64').toString().split(':')[1];
    const byKind = Object.fromEntries((await deadlinesOf(taskId)).filter((d) => d.subjectId === raw).map((d) => [d.kind, d]));
    expect(byKind.REPORT).toMatchObject({ status: 'DONE', doneOn: '2026-03-17', party: 'BUREAU' });
    expect(byKind.FEEDBACK).toMatchObject({ fromDate: '2026-03-17', status: 'DONE', doneOn: '2026-03-19' });
    // The enterprise had 3 working days from 03-20 and said nothing: its lapse, not the bureau's.
    expect(byKind.OPINION).toMatchObject({ fromDate: '2026-03-20', due: '2026-03-25', status: 'LAPSED', party: 'ENTERPRISE' });
  });
});

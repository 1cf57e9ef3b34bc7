import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '../../src/core/calendar/china-date.ts';
import { reportData } from '../../src/server/compliance/report-data.ts';
import { activePack } from '../../src/server/tasks/active-rules.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, Q, resultInput, signAll, type DrawnPick } from '../helpers/results-flow.ts';
import { servicesOf } from '../helpers/services.ts';

/** The year is today's (Beijing time): the task is inspected today, so every step of it falls in the year counted. */
const today = chinaDate(new Date());
const YEAR = Number(today.slice(0, 4));

/** The database id behind a GraphQL node id (Type:id, base64). */
const raw = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;

describe.each(TEST_DATABASES)("what the self-inspection report reads beyond compliance ($name)", (database) => {
  let demo: DemoCounty;
  let picks: DrawnPick[];
  let refuser: DrawnPick;
  beforeAll(async () => {
    demo = await demoCounty(await database.open());
    const task = await inspectingTask(demo, { title: `${YEAR}年第一批双随机抽查`, windowStart: `${YEAR}-01-01`, windowEnd: `${YEAR}-12-31`, inspectionDate: today });
    picks = task.picks;
    const publish = async (pick: DrawnPick, over: Record<string, unknown>) => {
      const r = (await demo.gql(Q.record, { t: task.taskId, u: pick.uscc, i: resultInput(pick, { inspectedOn: today, ...over }) }, demo.tokens.INSPECTOR)).data.recordResult;
      expect(r.__typename, JSON.stringify(r)).toBe('InspectionResult');
      await signAll(demo, r.id, pick);
      expect((await demo.gql(Q.publish, { id: r.id }, demo.tokens.INSPECTOR)).data.publishResult.status).toBe('PUBLISHED');
      return r.id as string;
    };
    // A penalty and a transfer, on a major hazard: records for next year's strata.
    await publish(picks[0]!, { category: 'ordered-to-correct', hazards: [{ description: '液氨储罐区未设置泄漏报警装置', major: true }], handling: { rectificationDue: addDays(today, 30), penalty: { decisionNumber: '卧应急罚〔2026〕12号', fineYuan: 30000 }, transfer: { to: 'AUTHORITY', recipient: '卧龙区市场监督管理局' } }, summary: '发现重大事故隐患' });
    // Serious non-cooperation: the enterprise's credit level falls to 失信 (a credit record).
    const standing = await demo.db.prisma.enterprise.findMany({ where: { jurisdiction: { code: DEMO }, uscc: { in: picks.slice(3).map((p) => p.uscc) } }, select: { uscc: true, creditLevel: true } });
    refuser = picks.slice(3).find((p) => standing.some((e) => e.uscc === p.uscc && (e.creditLevel === 'NORMAL' || e.creditLevel === 'TRUSTWORTHY')))!;
    expect(refuser, 'a drawn enterprise not already 失信').toBeDefined();
    await publish(refuser, { category: 'non-cooperation', nonCooperation: ['refused-entry'], summary: '拒绝检查人员进入' });
    // An objection upheld, the result corrected and the objection answered, as the bureau would.
    const v1 = await publish(picks[1]!, {});
    const objection = (await demo.gql(Q.file, { r: v1, on: today, by: picks[1]!.enterpriseName, g: '检查事项记录有误' }, demo.tokens.INSPECTOR)).data.fileObjection;
    await demo.gql(Q.review, { id: objection.id, on: today, up: true, n: '确有错误' }, demo.tokens.INSPECTOR);
    const v2 = (await demo.gql(Q.correct, { id: v1, i: resultInput(picks[1]!, { inspectedOn: today, category: 'not-disclosed', summary: '未按规定公示' }), r: '异议复核确有错误', o: objection.id }, demo.tokens.INSPECTOR)).data.correctResult;
    await demo.gql(Q.signCorrection, { id: v2.id }, demo.tokens.ADMIN);
    expect((await demo.gql(Q.publish, { id: v2.id }, demo.tokens.INSPECTOR)).data.publishResult.version).toBe(2);
    await demo.gql(Q.answer, { id: objection.id, on: today, a: '已更正并重新公示' }, demo.tokens.INSPECTOR);
    // An objection reviewed long after its 20 working days (第二十六条): entered as a bureau that
    // took over paper files would, with the dates it happened on.
    const late = await publish(picks[2]!, {});
    const county = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    await demo.db.prisma.objection.create({ data: { jurisdictionId: county.id, resultId: raw(late), receivedOn: new Date(`${YEAR}-04-01`), filedBy: picks[2]!.enterpriseName, grounds: '不服', status: 'REVIEWED', reviewedOn: new Date(`${YEAR}-06-30`), upheld: false, reviewNote: '维持' } });
  }, 240_000);
  afterAll(async () => demo?.db.close());

  it('counts results by category (current versions), the correction, objections filed, upheld, answered and late, and the consequences', async () => {
    const services = await servicesOf(demo.db);
    const county = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    const pack = (await activePack(services, county.id))!;
    const facts = await reportData(services, county.id, YEAR, `${YEAR}-12-31`, pack);

    expect(facts.results.published).toBe(4);
    expect(facts.results.byCategory.map((c) => [c.label, c.count]).sort()).toEqual([['未发现问题', 1], ['未按规定公示应当公示的信息', 1], ['发现问题已责令改正', 1], ['不配合检查情节严重', 1]].sort());
    expect(facts.corrections.list).toEqual([expect.objectContaining({ uscc: picks[1]!.uscc, version: 2, reason: '异议复核确有错误' })]);
    expect(facts.corrections.cite?.clause).toBe('第二十六条');
    expect(facts.objections).toMatchObject({ filed: 2, reviewed: 2, upheld: 1, answered: 1 });
    // Reviewed late, and never answered: both steps are late, the answer still open at the year's end.
    expect(facts.objections.late).toEqual([
      expect.objectContaining({ uscc: picks[2]!.uscc, step: 'REVIEW', doneOn: `${YEAR}-06-30`, cite: expect.objectContaining({ clause: '第二十六条' }) }),
      expect.objectContaining({ uscc: picks[2]!.uscc, step: 'ANSWER', doneOn: null }),
    ]);
    expect(facts.objections.late[0]!.due < `${YEAR}-06-30`).toBe(true);
    expect(facts.consequences.penalties).toEqual([{ uscc: picks[0]!.uscc, name: picks[0]!.enterpriseName, decisionNumber: '卧应急罚〔2026〕12号', fineYuan: 30000 }]);
    expect(facts.consequences.transfers).toEqual([{ uscc: picks[0]!.uscc, name: picks[0]!.enterpriseName, to: 'AUTHORITY', recipient: '卧龙区市场监督管理局' }]);
    expect(facts.consequences.creditRecords.filter((r) => r.uscc === picks[0]!.uscc).map((r) => r.what).sort()).toEqual(['严重违法违规', '行政处罚']);
    expect(facts.consequences.creditRecords.filter((r) => r.uscc === refuser.uscc)).toEqual([expect.objectContaining({ what: '信用等级调整为失信', reason: '不予配合检查情节严重' })]);
    expect(facts.sources.map((s) => s.id)).toEqual(['wolong-rules']);
  });

  it('counts nothing of a year before its first day', async () => {
    const services = await servicesOf(demo.db);
    const county = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    const facts = await reportData(services, county.id, YEAR - 1, `${YEAR - 1}-12-31`, (await activePack(services, county.id))!);
    expect(facts.results.published).toBe(0);
    expect(facts.objections.filed).toBe(0);
    expect(facts.consequences.penalties).toEqual([]);
  });
});

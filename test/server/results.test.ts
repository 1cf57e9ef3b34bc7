import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES, type TestDb } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, Q, resultInput, signAll } from '../helpers/results-flow.ts';
import { collect, until, wsClient } from '../helpers/subscribe.ts';
import { chinaDate } from '../../src/core/calendar/china-date.ts';
import { createUser } from '../../src/server/auth/users.ts';

const raw = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;
const PUBLIC_RESULTS = `query($j: String!, $q: String) { jurisdiction(code: $j) { publishedResults(first: 50, search: $q) { totalCount edges { node { id version uscc category correctionReason supersedes { id } } } } } }`;
const DEADLINES = `query($j: String!, $on: Date) { jurisdiction(code: $j) { deadlines(on: $on) { __typename ... on Error { message }
  ... on JurisdictionDeadlinesSuccess { data { kind status due doneOn subject subjectType clause note fromEvent provisional } } } } }`;

describe.each(TEST_DATABASES)('results: entry, signatures, publication, corrections, objections ($name)', (database) => {
  let demo: DemoCounty;
  let db: TestDb;
  beforeAll(async () => {
    db = await database.open();
    demo = await demoCounty(db);
  }, 120_000);
  afterAll(async () => demo?.db.close());

  it('refuses results before the inspection, for an enterprise not drawn, of an unknown category, or with a bad field, and writes nothing', async () => {
    const early = await inspectingTask(demo, {}, 'ANNOUNCED');
    const pick = early.picks[0]!;
    expect((await demo.gql(Q.record, { t: early.taskId, u: pick.uscc, i: resultInput(pick) }, demo.tokens.INSPECTOR)).data.recordResult).toMatchObject({ __typename: 'RuleError', code: 'BAD_STATE' });
    await demo.gql(Q.advance, { t: early.taskId, s: 'START_INSPECTION' }, demo.tokens.INSPECTOR);

    const drawn = new Set(early.picks.map((p) => p.uscc));
    const other = await demo.db.prisma.enterprise.findFirstOrThrow({ where: { jurisdiction: { code: DEMO }, uscc: { notIn: [...drawn] } } });
    const notDrawn = (await demo.gql(Q.record, { t: early.taskId, u: other.uscc, i: resultInput(pick) }, demo.tokens.INSPECTOR)).data.recordResult;
    expect(notDrawn).toMatchObject({ __typename: 'RuleError', code: 'NOT_DRAWN' });
    expect(notDrawn.message).toContain(other.uscc);

    const unknown = (await demo.gql(Q.record, { t: early.taskId, u: pick.uscc, i: resultInput(pick, { category: '基本合格' }) }, demo.tokens.INSPECTOR)).data.recordResult;
    expect(unknown).toMatchObject({ __typename: 'RuleError', code: 'UNKNOWN_CATEGORY', clause: '第二十四条' });
    expect(unknown.message).toContain('合格（pass）');

    const bad = (await demo.gql(Q.record, { t: early.taskId, u: pick.uscc, i: resultInput(pick, { inspectedOn: '2026-02-27', items: [{ code: 'NOPE', outcome: 'COMPLIANT' }] }) }, demo.tokens.INSPECTOR)).data.recordResult;
    expect(bad.__typename).toBe('ValidationError');
    // One issue per field, each reason in Chinese; the message joins the reasons, naming no field code.
    expect(bad.issues.map((i: { field: string }) => i.field)).toEqual(['inspectedOn', 'items.0.code']);
    expect(bad.issues[0].message).toContain('早于任务时段的开始');
    expect(bad.issues[1].message).toContain('不是为该企业抽取的事项');
    expect(bad.message).not.toMatch(/inspectedOn|items\.0/);

    expect((await demo.gql(Q.record, { t: early.taskId, u: pick.uscc, i: resultInput(pick) }, demo.tokens.PLANNER)).data.recordResult.__typename).toBe('ForbiddenError');
    expect(await demo.db.prisma.inspectionResult.count({ where: { taskId: raw(early.taskId) } })).toBe(0);
  });

  it('of two teams entering the same result at once, one records it and the other is told', async () => {
    const { taskId, picks } = await inspectingTask(demo);
    const pick = picks[4]!;
    const both = await Promise.all([0, 1].map(() => demo.gql(Q.record, { t: taskId, u: pick.uscc, i: resultInput(pick) }, demo.tokens.INSPECTOR)));
    expect(both.map((r) => r.data.recordResult.__typename).sort()).toEqual(['InspectionResult', 'RuleError']);
    expect(both.find((r) => r.data.recordResult.__typename === 'RuleError')!.data.recordResult.code).toBe('CONFLICT');
    expect(await demo.db.prisma.inspectionResult.count({ where: { taskId: raw(taskId), uscc: pick.uscc } })).toBe(1);
  });

  it('publishes only what the whole team signed (卧龙 第二十三条); an edit voids earlier signatures', async () => {
    const { taskId, picks } = await inspectingTask(demo);
    const pick = picks[0]!;
    const draft = (await demo.gql(Q.record, { t: taskId, u: pick.uscc, i: resultInput(pick) }, demo.tokens.INSPECTOR)).data.recordResult;
    expect(draft).toMatchObject({ __typename: 'InspectionResult', version: 1, status: 'DRAFT', categoryLabel: '未发现问题', enterpriseName: pick.enterpriseName });
    expect((await demo.gql(Q.record, { t: taskId, u: pick.uscc, i: resultInput(pick) }, demo.tokens.INSPECTOR)).data.recordResult).toMatchObject({ code: 'CONFLICT' });

    expect((await demo.gql(Q.publish, { id: draft.id }, demo.tokens.INSPECTOR)).data.publishResult).toMatchObject({ __typename: 'RuleError', code: 'NOT_SIGNED', clause: '第二十三条' });
    await signAll(demo, draft.id, pick);
    const edited = (await demo.gql(Q.update, { id: draft.id, i: resultInput(pick, { summary: '现场检查未发现问题（补充）' }) }, demo.tokens.INSPECTOR)).data.updateResult;
    expect(edited.contentHash).not.toBe(draft.contentHash);
    expect(edited.signatures).toEqual([]);
    expect((await demo.gql(Q.publish, { id: draft.id }, demo.tokens.INSPECTOR)).data.publishResult).toMatchObject({ code: 'NOT_SIGNED' });
    const stranger = await demo.db.prisma.inspector.findFirstOrThrow({ where: { jurisdiction: { code: DEMO }, id: { notIn: [pick.team.leader.id, ...pick.team.members.map((m) => m.id)] } } });
    expect((await demo.gql(Q.sign, { id: draft.id, who: stranger.id }, demo.tokens.INSPECTOR)).data.signResult).toMatchObject({ code: 'NOT_IN_TEAM' });
    await signAll(demo, draft.id, pick);
    const published = (await demo.gql(Q.publish, { id: draft.id }, demo.tokens.INSPECTOR)).data.publishResult;
    expect(published).toMatchObject({ status: 'PUBLISHED' });
    expect(published.signatures.length).toBe(new Set([pick.team.leader.id, ...pick.team.members.map((m) => m.id)]).size);

    // Never edited again: the error says how to correct; the database refuses it too.
    const refused = (await demo.gql(Q.update, { id: draft.id, i: resultInput(pick, { summary: '改' }) }, demo.tokens.ADMIN)).data.updateResult;
    expect(refused).toMatchObject({ code: 'PUBLISHED', clause: '第二十六条' });
    expect(refused.message).toContain('correctResult');
    await expect(demo.db.sql.exec(`UPDATE inspection_result SET summary = 'x' WHERE id = '${raw(draft.id)}'`)).rejects.toThrow(/published/);
    await expect(demo.db.sql.exec(`DELETE FROM inspection_result WHERE id = '${raw(draft.id)}'`)).rejects.toThrow(/permission denied/);
    await expect(db.owner.exec(`DELETE FROM inspection_result WHERE id = '${raw(draft.id)}'`)).rejects.toThrow(/never deleted/);
    const audit = await demo.db.prisma.auditEntry.findMany({ where: { subjectId: raw(draft.id) }, orderBy: { seq: 'asc' } });
    const n = new Set([pick.team.leader.id, ...pick.team.members.map((m) => m.id)]).size;
    expect(audit.map((a) => a.action)).toEqual(['result.entered', ...Array(n).fill('result.signed'), 'result.updated', ...Array(n).fill('result.signed'), 'result.published']);
    expect(audit.at(-1)!.action).toBe('result.published');
  });

  it("an inspector's own login signs as that inspector only; a clerk records paper signatures by name", async () => {
    const { taskId, picks } = await inspectingTask(demo);
    const pick = picks[3]!;
    const r = (await demo.gql(Q.record, { t: taskId, u: pick.uscc, i: resultInput(pick) }, demo.tokens.INSPECTOR)).data.recordResult;
    const leader = await demo.db.prisma.inspector.findUniqueOrThrow({ where: { id: pick.team.leader.id } });
    const county = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    const username = `leader-${Date.now()}`;
    const created = await createUser(demo.db.prisma, { username, name: leader.name, password: 'correct horse battery', role: 'INSPECTOR', jurisdictionId: county.id, inspectorCertificate: leader.certificateNumber });
    expect(created.ok).toBe(true);
    expect((await createUser(demo.db.prisma, { username: `${username}-x`, name: 'x', password: 'correct horse battery', role: 'INSPECTOR', jurisdictionId: county.id, inspectorCertificate: 'NO-SUCH' })).ok).toBe(false);
    const session = (await demo.gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { ... on Session { token } } }`, { u: username, p: 'correct horse battery' })).data.login.token;
    const SIGN_SELF = `mutation($id: ID!, $who: ID) { signResult(id: $id, inspector: $who) { __typename ... on InspectionResult { signatures { inspector inPerson } } ... on Error { message } ... on ValidationError { issues { field } } } }`;
    const other = pick.team.members.find((m) => m.id !== leader.id)!;
    expect((await demo.gql(SIGN_SELF, { id: r.id, who: other.id }, session)).data.signResult.__typename).toBe('ForbiddenError');
    expect((await demo.gql(SIGN_SELF, { id: r.id }, session)).data.signResult.signatures).toEqual([{ inspector: leader.name, inPerson: true }]);
    const clerk = (await demo.gql(SIGN_SELF, { id: r.id }, demo.tokens.INSPECTOR)).data.signResult;
    expect(clerk).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'inspector' }] });
    const both = (await demo.gql(SIGN_SELF, { id: r.id, who: other.id }, demo.tokens.INSPECTOR)).data.signResult.signatures;
    expect(both).toEqual(expect.arrayContaining([{ inspector: leader.name, inPerson: true }, expect.objectContaining({ inPerson: false })]));
  });

  it('a correction is a new version the principal signs; both stay public; an objection is reviewed, corrected and answered', async () => {
    const { taskId, picks } = await inspectingTask(demo);
    const pick = picks[1]!;
    const v1 = (await demo.gql(Q.record, { t: taskId, u: pick.uscc, i: resultInput(pick) }, demo.tokens.INSPECTOR)).data.recordResult;
    await signAll(demo, v1.id, pick);
    await demo.gql(Q.publish, { id: v1.id }, demo.tokens.INSPECTOR);

    // The enterprise objects; the review finds the result wrong. (Dates: published today, so all of it happens today.)
    const today = chinaDate(new Date());
    const objection = (await demo.gql(Q.file, { r: v1.id, on: today, by: pick.enterpriseName, g: '检查事项记录有误' }, demo.tokens.INSPECTOR)).data.fileObjection;
    expect(objection).toMatchObject({ __typename: 'Objection', status: 'RECEIVED' });
    expect((await demo.gql(Q.answer, { id: objection.id, on: today, a: '维持' }, demo.tokens.INSPECTOR)).data.answerObjection).toMatchObject({ code: 'BAD_STATE' });
    expect((await demo.gql(Q.review, { id: objection.id, on: today, up: true, n: '检查记录确有错误' }, demo.tokens.INSPECTOR)).data.reviewObjection).toMatchObject({ status: 'REVIEWED', upheld: true });
    expect((await demo.gql(Q.answer, { id: objection.id, on: today, a: '已更正' }, demo.tokens.INSPECTOR)).data.answerObjection.message).toContain('publish its correction');

    const corrected = resultInput(pick, { category: 'ordered-to-correct', hazards: [{ description: '消防通道堵塞' }], handling: { rectificationDue: '2026-04-15' }, summary: '发现一般隐患，已责令改正' });
    const v2 = (await demo.gql(Q.correct, { id: v1.id, i: corrected, r: '异议复核确有错误', o: objection.id }, demo.tokens.INSPECTOR)).data.correctResult;
    expect(v2).toMatchObject({ version: 2, status: 'DRAFT', supersedes: { id: v1.id }, correctionReason: '异议复核确有错误' });
    expect((await demo.gql(Q.correct, { id: v1.id, i: corrected, r: '再改' }, demo.tokens.INSPECTOR)).data.correctResult).toMatchObject({ code: 'CONFLICT' });
    expect((await demo.gql(Q.publish, { id: v2.id }, demo.tokens.INSPECTOR)).data.publishResult).toMatchObject({ code: 'PRINCIPAL_SIGNATURE_REQUIRED', clause: '第二十六条' });
    expect((await demo.gql(Q.signCorrection, { id: v2.id }, demo.tokens.INSPECTOR)).data.signCorrection.__typename).toBe('ForbiddenError');
    expect((await demo.gql(Q.signCorrection, { id: v2.id }, demo.tokens.ADMIN)).data.signCorrection).toMatchObject({ principalSigned: true });
    expect((await demo.gql(Q.publish, { id: v2.id }, demo.tokens.INSPECTOR)).data.publishResult).toMatchObject({ status: 'PUBLISHED', version: 2 });
    expect((await demo.gql(Q.answer, { id: objection.id, on: today, a: '已更正并重新公示' }, demo.tokens.INSPECTOR)).data.answerObjection).toMatchObject({ status: 'ANSWERED' });

    // Both versions are public, the correction pointing at what it corrects.
    const pub = (await demo.gql(PUBLIC_RESULTS, { j: DEMO, q: pick.uscc })).data.jurisdiction.publishedResults;
    // (An earlier test may have published a result for the same enterprise from another draw.)
    const ours = pub.edges.filter((e: any) => e.node.id === v1.id || e.node.supersedes?.id === v1.id);
    expect(ours.map((e: any) => e.node.version).sort()).toEqual([1, 2]);
    expect(pub.edges.find((e: any) => e.node.version === 2).node.supersedes.id).toBe(v1.id);
    expect((await demo.gql(PUBLIC_RESULTS, { j: DEMO, q: pick.enterpriseName.slice(0, 4) })).data.jurisdiction.publishedResults.totalCount).toBeGreaterThanOrEqual(2);

    // The objection's deadlines carry 第二十六条: review 20 working days, answer 15.
    const list = (await demo.gql(DEADLINES, { j: DEMO, on: today }, demo.tokens.ADMIN)).data.jurisdiction.deadlines.data;
    const review = list.find((d: any) => d.kind === 'OBJECTION_REVIEW' && d.subject === pick.enterpriseName);
    expect(review).toMatchObject({ status: 'DONE', doneOn: today, clause: '第二十六条', fromEvent: '收到异议申请' });
    expect(list.find((d: any) => d.kind === 'OBJECTION_ANSWER' && d.subject === pick.enterpriseName)).toMatchObject({ status: 'DONE', clause: '第二十六条' });
    expect((await demo.gql(DEADLINES, { j: DEMO })).data.jurisdiction.deadlines.__typename).toBe('ForbiddenError');
  });

  it('publishing writes its consequences: records for next year, a higher risk, a follow-up that comes due', async () => {
    const { taskId, picks } = await inspectingTask(demo);
    const pick = picks[2]!;
    const input = resultInput(pick, {
      category: 'ordered-to-correct', hazards: [{ description: '液氨储罐区未设置泄漏报警装置', major: true }],
      handling: { rectificationDue: '2026-04-30', penalty: { decisionNumber: '卧应急罚〔2026〕12号', fineYuan: 30000 } }, summary: '发现重大事故隐患，责令限期整改并处罚款',
    });
    const r = (await demo.gql(Q.record, { t: taskId, u: pick.uscc, i: input }, demo.tokens.INSPECTOR)).data.recordResult;
    await signAll(demo, r.id, pick);
    expect((await demo.gql(Q.event, { r: r.id, k: 'FOLLOW_UP', on: '2026-05-06', rect: true }, demo.tokens.INSPECTOR)).data.recordResultEvent).toMatchObject({ code: 'BAD_STATE' });
    await demo.gql(Q.publish, { id: r.id }, demo.tokens.INSPECTOR);
    const enterprise = await demo.db.prisma.enterprise.findFirstOrThrow({ where: { jurisdiction: { code: DEMO }, uscc: pick.uscc }, include: { records: true } });
    expect(enterprise.records.map((x) => x.kind).sort()).toEqual(expect.arrayContaining(['PENALTY', 'SERIOUS_VIOLATION']));
    expect(['HIGH', 'MAJOR']).toContain(enterprise.riskLevel);

    const list = (await demo.gql(DEADLINES, { j: DEMO, on: '2026-05-11' }, demo.tokens.ADMIN)).data.jurisdiction.deadlines.data;
    // 3 working days after 04-30 across 劳动节 (05-01…05): 05-08.
    expect(list.find((d: any) => d.kind === 'FOLLOW_UP' && d.subject === enterprise.name)).toMatchObject({ due: '2026-05-08', status: 'OVERDUE' });
    // No document sets the 复查: the platform's default, with no clause.
    expect(list.find((d: any) => d.kind === 'FOLLOW_UP' && d.subject === enterprise.name)).toMatchObject({ clause: null, note: expect.stringMatching(/^平台默认（各文件未规定）/) });
    expect((await demo.gql(Q.event, { r: r.id, k: 'FOLLOW_UP', on: '2026-05-07', rect: true }, demo.tokens.INSPECTOR)).data.recordResultEvent.__typename).toBe('InspectionResult');
    const after = (await demo.gql(DEADLINES, { j: DEMO, on: '2026-05-11' }, demo.tokens.ADMIN)).data.jurisdiction.deadlines.data;
    expect(after.find((d: any) => d.kind === 'FOLLOW_UP' && d.subject === enterprise.name)).toMatchObject({ status: 'DONE', doneOn: '2026-05-07' });
  });

  it('the public and other counties see published results only, and a covert task\'s only once it is closed', async () => {
    const { taskId, picks } = await inspectingTask(demo, { covert: true });
    const pick = picks[0]!;
    const draft = (await demo.gql(Q.record, { t: taskId, u: pick.uscc, i: resultInput(pick) }, demo.tokens.INSPECTOR)).data.recordResult;
    const NODE = `query($id: ID!) { node(id: $id) { id } }`;
    expect((await demo.gql(NODE, { id: draft.id })).data.node).toBeNull();
    expect((await demo.gql(NODE, { id: draft.id }, demo.tokens.neighbourAdmin)).data.node).toBeNull();
    expect((await demo.gql(Q.sign, { id: draft.id, who: pick.team.leader.id }, demo.tokens.neighbourAdmin)).data.signResult.__typename).toBe('NotFoundError');
    await signAll(demo, draft.id, pick);
    await demo.gql(Q.publish, { id: draft.id }, demo.tokens.INSPECTOR);
    expect((await demo.gql(NODE, { id: draft.id })).data.node).toBeNull();
    expect((await demo.gql(Q.advance, { t: taskId, s: 'CLOSE' }, demo.tokens.INSPECTOR)).data.advanceTask.status).toBe('CLOSED');
    expect((await demo.gql(NODE, { id: draft.id })).data.node).toEqual({ id: draft.id });
  });

  it('pushes overdue and soon-due deadlines to dashboards when something changes', async () => {
    const { port } = await demo.app.start(0);
    const client = wsClient(port, demo.tokens.ADMIN);
    try {
      // Dispatched but never announced, and its inspection day (2026-03-20) has passed: the announcement is overdue.
      const title = `公告逾期测试 ${Date.now()}`;
      const { taskId } = await inspectingTask(demo, { title, inspectionDate: '2026-03-20' }, 'DISPATCHED');
      const mine = (list: any[]) => list.filter((d) => d.subject === title);
      const alerts = collect(client, `subscription($j: String!) { deadlineAlerts(jurisdiction: $j) { kind status subject clause } }`, { j: DEMO }, (events) => events.length >= 2);
      // The list as it stands first: a change before it is read would replace it (a watcher keeps only the newest list).
      await until(() => alerts.events.length >= 1, 'the first list of alerts');
      await demo.gql(Q.advance, { t: taskId, s: 'ANNOUNCE' }, demo.tokens.DRAW_OFFICER);
      const [before, after] = await alerts.done;
      expect(mine(before.deadlineAlerts)).toEqual([{ kind: 'ANNOUNCEMENT', status: 'OVERDUE', subject: title, clause: '第十七条' }]);
      expect(mine(after.deadlineAlerts)).toEqual([]);
      for (const d of [...before.deadlineAlerts, ...after.deadlineAlerts]) expect(['OVERDUE', 'DUE_SOON']).toContain(d.status);
      await expect(collect(wsClient(port), `subscription($j: String!) { deadlineAlerts(jurisdiction: $j) { kind } }`, { j: DEMO }).done).rejects.toThrow(/members/);
    } finally {
      await client.dispose();
      await demo.app.stop();
    }
  });
});

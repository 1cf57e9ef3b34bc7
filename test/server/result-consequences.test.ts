import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, Q, resultInput, signAll, type DrawnPick } from '../helpers/results-flow.ts';
import { chinaDate } from '../../src/core/calendar/china-date.ts';
import { snapshotFromDirectory } from '../../src/server/draws/snapshot-from-directory.ts';

const ENTERPRISE = `query($j: String!, $q: String!) { jurisdiction(code: $j) { enterprises(filter: { search: $q }) { edges { node {
  id uscc blacklisted riskLevel records { kind occurredOn reference withdrawnOn withdrawnReason }
  blacklistings { since reason clause document result { id version } followUpOn liftedOn liftedReason withdrawnOn withdrawnReason withdrawnBy { id version } } } } } } }`;
const DEADLINES = `query($j: String!, $on: Date) { jurisdiction(code: $j) { deadlines(on: $on) { ... on JurisdictionDeadlinesSuccess { data { kind status doneOn subject } } } } }`;
const LIFT = `mutation($e: ID!, $on: Date!, $r: String!) { liftBlacklisting(enterprise: $e, liftedOn: $on, reason: $r) { __typename
  ... on Enterprise { blacklisted blacklistings { since liftedOn liftedReason } } ... on Error { message } ... on RuleError { code } ... on ValidationError { issues { field } } } }`;

// A county pack that takes 卧龙's rules and adds 攀枝花 三(六)'s blacklist and 偃师 五(四)'s rule
// that only drawn enterprises are inspected: loaded from PACKS_DIR like a bureau's own pack.
const PACK = {
  meta: {
    id: 'test-blacklist-county', name: '测试县', level: 'COUNTY', version: '1.0.0', extends: 'wolong@1.0.0', inForce: { from: '2021-01-01' },
    sources: [{ id: 'test-plan', title: '测试县双随机实施方案' }],
  },
  rules: {
    afterPublication: { blacklistOn: { cases: ['concealed-major-hazard', 'unrectified-major-hazard'], cite: { doc: 'test-plan', clause: '三(六)' } } },
    exclusions: { onlyDrawnMayBeInspected: { cite: { doc: 'test-plan', clause: '五(四)' } } },
  },
};

describe.each(TEST_DATABASES)('results under a pack with a blacklist ($name)', (database) => {
  let demo: DemoCounty;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packs-'));
    writeFileSync(join(dir, 'test-blacklist-county.json'), JSON.stringify(PACK));
    demo = await demoCounty(await database.open(), { packsDir: dir, pack: PACK.meta.id });
  }, 120_000);
  afterAll(async () => demo?.db.close());

  const enterprise = (uscc: string) => demo.db.prisma.enterprise.findFirstOrThrow({ where: { jurisdiction: { code: DEMO }, uscc } });

  it("refuses an enterprise the draw did not pick with the pack's clause", async () => {
    const { taskId, picks } = await inspectingTask(demo);
    const other = await demo.db.prisma.enterprise.findFirstOrThrow({ where: { jurisdiction: { code: DEMO }, uscc: { notIn: picks.map((p) => p.uscc) } } });
    expect((await demo.gql(Q.record, { t: taskId, u: other.uscc, i: resultInput(picks[0]!) }, demo.tokens.INSPECTOR)).data.recordResult).toMatchObject({ code: 'NOT_DRAWN', clause: '五(四)' });
  });

  it('blacklists a concealed major hazard on publication, and an unrectified one at the follow-up, in the directory history', async () => {
    const { taskId, picks } = await freshPicks(2);
    const [a, b] = picks as [typeof picks[0], typeof picks[0]];
    expect((await enterprise(a.uscc)).blacklisted).toBe(false);

    const concealed = (await demo.gql(Q.record, { t: taskId, u: a.uscc, i: resultInput(a, { category: 'pending', hazards: [{ description: '尾矿库坝体裂缝隐瞒不报', major: true, concealed: true }] }) }, demo.tokens.INSPECTOR)).data.recordResult;
    await signAll(demo, concealed.id, a);
    await demo.gql(Q.publish, { id: concealed.id }, demo.tokens.INSPECTOR);
    expect((await enterprise(a.uscc)).blacklisted).toBe(true);
    const [change] = await demo.db.sql.query<{ actor: string; blacklisted: boolean }>('SELECT actor, blacklisted FROM enterprise_history WHERE id = $1 ORDER BY change_id DESC LIMIT 1', [(await enterprise(a.uscc)).id]);
    expect(change).toEqual({ actor: 'token:inspector-411303', blacklisted: true });

    const ordered = (await demo.gql(Q.record, { t: taskId, u: b.uscc, i: resultInput(b, { category: 'ordered-to-correct', hazards: [{ description: '重大危险源未设监控', major: true }], handling: { rectificationDue: '2026-04-10' } }) }, demo.tokens.INSPECTOR)).data.recordResult;
    await signAll(demo, ordered.id, b);
    await demo.gql(Q.publish, { id: ordered.id }, demo.tokens.INSPECTOR);
    expect((await enterprise(b.uscc)).blacklisted).toBe(false);
    expect((await demo.gql(Q.event, { r: ordered.id, k: 'FOLLOW_UP', on: chinaDate(new Date()) }, demo.tokens.INSPECTOR)).data.recordResultEvent).toMatchObject({ __typename: 'ValidationError' });
    expect((await demo.gql(Q.event, { r: ordered.id, k: 'FOLLOW_UP', on: chinaDate(new Date()), rect: false }, demo.tokens.INSPECTOR)).data.recordResultEvent.__typename).toBe('InspectionResult');
    expect((await enterprise(b.uscc)).blacklisted).toBe(true);
    expect((await demo.gql(Q.event, { r: ordered.id, k: 'FOLLOW_UP', on: chinaDate(new Date()), rect: true }, demo.tokens.INSPECTOR)).data.recordResultEvent).toMatchObject({ code: 'CONFLICT' });
  });

  /** The enterprise as everyone sees it through GraphQL (no token). */
  const shown = async (uscc: string) => (await demo.gql(ENTERPRISE, { j: DEMO, q: uscc })).data.jurisdiction.enterprises.edges[0].node;
  /** Picks whose enterprise is not blacklisted and below HIGH risk, so that what a result changes shows. */
  async function freshPicks(n: number) {
    const { taskId, picks } = await inspectingTask(demo);
    const fresh: DrawnPick[] = [];
    for (const p of picks) {
      const e = await enterprise(p.uscc);
      // Nor any record an earlier test's result wrote (the draws differ from run to run, and may pick it again).
      const earlier = await demo.db.prisma.enterpriseRecord.count({ where: { enterpriseId: e.id, reference: { startsWith: 'result:' } } });
      if (!e.blacklisted && (e.riskLevel === 'GENERAL' || e.riskLevel === 'LOW') && e.creditLevel === 'NORMAL' && earlier === 0) fresh.push(p);
    }
    expect(fresh.length, 'fresh enterprises among the picks').toBeGreaterThanOrEqual(n);
    return { taskId, picks: fresh };
  }
  async function published(taskId: string, pick: DrawnPick, over: Record<string, unknown>) {
    const r = (await demo.gql(Q.record, { t: taskId, u: pick.uscc, i: resultInput(pick, over) }, demo.tokens.INSPECTOR)).data.recordResult;
    expect(r.__typename, JSON.stringify(r)).toBe('InspectionResult');
    await signAll(demo, r.id, pick);
    expect((await demo.gql(Q.publish, { id: r.id }, demo.tokens.INSPECTOR)).data.publishResult).toMatchObject({ status: 'PUBLISHED' });
    return r.id as string;
  }
  /** 更正 to `over`, signed by the principal and published. */
  async function corrected(resultId: string, pick: DrawnPick, over: Record<string, unknown>) {
    const v2 = (await demo.gql(Q.correct, { id: resultId, i: resultInput(pick, over), r: '异议复核确有错误' }, demo.tokens.INSPECTOR)).data.correctResult;
    expect(v2.__typename, JSON.stringify(v2)).toBe('InspectionResult');
    await demo.gql(Q.signCorrection, { id: v2.id }, demo.tokens.ADMIN);
    expect((await demo.gql(Q.publish, { id: v2.id }, demo.tokens.INSPECTOR)).data.publishResult).toMatchObject({ status: 'PUBLISHED', version: 2 });
    return v2.id as string;
  }
  // GraphQL gives global ids (type:id in base64); the audit trail has the row's own.
  const lastAudit = (action: string, globalId: string) =>
    demo.db.prisma.auditEntry.findFirstOrThrow({ where: { action, subjectId: Buffer.from(globalId, 'base64').toString().split(':')[1]! }, orderBy: { seq: 'desc' } });

  it('a follow-up on or before the rectification due date does not blacklist; one after it does, with date, reason, clause and result shown', async () => {
    const { taskId, picks } = await freshPicks(1);
    const pick = picks[0]!;
    const id = await published(taskId, pick, { category: 'ordered-to-correct', hazards: [{ description: '重大危险源未设监控', major: true }], handling: { rectificationDue: '2026-04-10' } });
    // Within the period, not yet rectified: recorded, no consequence, and a later follow-up may follow.
    for (const on of ['2026-04-02', '2026-04-10']) {
      expect((await demo.gql(Q.event, { r: id, k: 'FOLLOW_UP', on, rect: false }, demo.tokens.INSPECTOR)).data.recordResultEvent.__typename).toBe('InspectionResult');
      expect(await shown(pick.uscc)).toMatchObject({ blacklisted: false, blacklistings: [] });
    }
    expect((await lastAudit('result.follow-up', id)).payload).toMatchObject({ consequences: [], withinRectificationPeriod: '2026-04-10' });
    // Nor is the 期满复查 done: its deadline stays open until a follow-up concludes.
    const followUpDeadline = async () => (await demo.gql(DEADLINES, { j: DEMO, on: '2026-04-11' }, demo.tokens.ADMIN)).data.jurisdiction.deadlines.data.find((d: any) => d.kind === 'FOLLOW_UP' && d.subject === pick.enterpriseName);
    expect((await followUpDeadline()).doneOn).toBeNull();
    expect((await demo.gql(Q.event, { r: id, k: 'FOLLOW_UP', on: '2026-04-08', rect: false }, demo.tokens.INSPECTOR)).data.recordResultEvent).toMatchObject({ __typename: 'ValidationError' });
    // After the due date, still unrectified: 逾期未整改, blacklisted from that day, on the record.
    expect((await demo.gql(Q.event, { r: id, k: 'FOLLOW_UP', on: '2026-04-13', rect: false }, demo.tokens.INSPECTOR)).data.recordResultEvent.__typename).toBe('InspectionResult');
    const e = await shown(pick.uscc);
    expect((await followUpDeadline()).doneOn).toBe('2026-04-13');
    expect(e.blacklisted).toBe(true);
    expect(e.blacklistings).toEqual([{
      since: '2026-04-13', reason: expect.stringContaining('逾期未整改'), clause: '三(六)', document: 'test-plan', result: { id, version: 1 }, followUpOn: '2026-04-13',
      liftedOn: null, liftedReason: null, withdrawnOn: null, withdrawnReason: null, withdrawnBy: null,
    }]);
    expect((await demo.gql(Q.event, { r: id, k: 'FOLLOW_UP', on: '2026-04-20', rect: true }, demo.tokens.INSPECTOR)).data.recordResultEvent).toMatchObject({ code: 'CONFLICT' });
  });

  it('lifting a blacklisting is recorded, shown and on the audit trail, clears the flag with its history, and is refused twice and for non-editors', async () => {
    const { taskId, picks } = await freshPicks(1);
    const pick = picks[0]!;
    await published(taskId, pick, { category: 'pending', hazards: [{ description: '尾矿库坝体裂缝隐瞒不报', major: true, concealed: true }] });
    const today = chinaDate(new Date());
    const before = await shown(pick.uscc);
    expect(before.blacklistings).toEqual([expect.objectContaining({ since: today, reason: '重大事故隐患隐瞒不报', clause: '三(六)', liftedOn: null })]);
    const args = { e: before.id, on: today, r: '重大事故隐患已整改，经审查同意移出' };
    for (const token of [demo.tokens.INSPECTOR, demo.tokens.DRAW_OFFICER, undefined]) {
      expect((await demo.gql(LIFT, args, token)).data.liftBlacklisting.__typename).toBe('ForbiddenError');
    }
    expect((await demo.gql(LIFT, { ...args, r: ' ' }, demo.tokens.PLANNER)).data.liftBlacklisting).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'reason' }] });
    expect((await demo.gql(LIFT, args, demo.tokens.PLANNER)).data.liftBlacklisting).toEqual({ __typename: 'Enterprise', blacklisted: false, blacklistings: [{ since: today, liftedOn: today, liftedReason: args.r }] });
    const row = await enterprise(pick.uscc);
    const [change] = await demo.db.sql.query<{ actor: string; blacklisted: boolean }>('SELECT actor, blacklisted FROM enterprise_history WHERE id = $1 ORDER BY change_id DESC LIMIT 1', [row.id]);
    expect(change).toEqual({ actor: 'token:planner-411303', blacklisted: false });
    const audit = await demo.db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'enterprise.blacklisting-lifted', payload: { path: ['uscc'], equals: pick.uscc } } });
    expect(audit).toMatchObject({ actor: 'token:planner-411303', payload: { liftedOn: today, liftedReason: args.r, since: today } });
    const twice = (await demo.gql(LIFT, args, demo.tokens.ADMIN)).data.liftBlacklisting;
    expect(twice).toMatchObject({ __typename: 'RuleError', code: 'CONFLICT' });
    expect(twice.message).toContain('已于');
    expect((await shown(pick.uscc)).blacklistings).toHaveLength(1);
  });

  it('a penalty result corrected to no problem leaves its PENALTY record withdrawn, and the next draw does not count it', async () => {
    const { taskId, picks } = await freshPicks(1);
    const pick = picks[0]!;
    const jurisdictionId = (await enterprise(pick.uscc)).jurisdictionId;
    const penalties = async () => {
      const { snapshot } = await snapshotFromDirectory(demo.db.prisma, jurisdictionId, { year: 2027, checklistCodes: [], taskId, upperLevel: false, inspectionDate: new Date('2027-03-16') });
      return snapshot.enterprises.find((e) => e.uscc === pick.uscc)!.records.filter((r) => r.kind === 'PENALTY').length;
    };
    const earlier = await penalties();
    const v1 = await published(taskId, pick, { category: 'ordered-to-correct', handling: { penalty: { decisionNumber: '卧应急罚〔2026〕21号', fineYuan: 10000 } }, summary: '责令改正并处罚款' });
    expect(await penalties()).toBe(earlier + 1);
    const v2 = await corrected(v1, pick, {});
    const records = (await shown(pick.uscc)).records.filter((r: any) => r.reference?.startsWith('result:'));
    expect(records).toEqual([expect.objectContaining({ kind: 'PENALTY', occurredOn: '2026-03-16', withdrawnOn: chinaDate(new Date()), withdrawnReason: expect.stringContaining('第 2 版更正后不再认定') })]);
    expect(await penalties()).toBe(earlier);
    expect((await lastAudit('result.published', v2)).payload).toMatchObject({ correction: { recordsWithdrawn: [expect.objectContaining({ kind: 'PENALTY' })] } });
  });

  it('a correction undoes the concealed-hazard blacklisting and the raised risk of the original, back to their previous values', async () => {
    const { taskId, picks } = await freshPicks(1);
    const pick = picks[0]!;
    const risk = (await enterprise(pick.uscc)).riskLevel;
    const v1 = await published(taskId, pick, { category: 'pending', hazards: [{ description: '尾矿库坝体裂缝隐瞒不报', major: true, concealed: true }] });
    expect(await enterprise(pick.uscc)).toMatchObject({ blacklisted: true, riskLevel: 'HIGH' });
    const v2 = await corrected(v1, pick, {});
    expect(await enterprise(pick.uscc)).toMatchObject({ blacklisted: false, riskLevel: risk });
    const e = await shown(pick.uscc);
    expect(e.blacklistings).toEqual([expect.objectContaining({ reason: '重大事故隐患隐瞒不报', result: { id: v1, version: 1 }, liftedOn: null, withdrawnOn: chinaDate(new Date()), withdrawnReason: expect.stringContaining('异议复核确有错误'), withdrawnBy: { id: v2, version: 2 } })]);
    expect(e.records.filter((r: any) => r.reference?.startsWith('result:')).map((r: any) => [r.kind, r.withdrawnOn !== null])).toEqual([['SERIOUS_VIOLATION', true]]);
    const [change] = await demo.db.sql.query<{ actor: string; blacklisted: boolean; risk_level: string }>('SELECT actor, blacklisted, risk_level FROM enterprise_history WHERE id = $1 ORDER BY change_id DESC LIMIT 1', [(await enterprise(pick.uscc)).id]);
    expect(change).toEqual({ actor: 'token:inspector-411303', blacklisted: false, risk_level: risk });
    expect((await lastAudit('result.published', v2)).payload).toMatchObject({ correction: { undone: [{ field: 'blacklisted', from: 'false', to: 'true' }, { field: 'riskLevel', from: risk, to: 'HIGH' }], leftAsChanged: [] } });
  });

  it('a correction leaves a value someone changed in between, and says so on the audit trail', async () => {
    const { taskId, picks } = await freshPicks(1);
    const pick = picks[0]!;
    const v1 = await published(taskId, pick, { category: 'ordered-to-correct', hazards: [{ description: '液氨储罐区未设置泄漏报警装置', major: true }], handling: { rectificationDue: '2026-04-30' } });
    expect((await enterprise(pick.uscc)).riskLevel).toBe('HIGH');
    const id = (await shown(pick.uscc)).id;
    const set = await demo.gql(`mutation($id: ID!) { updateEnterprise(id: $id, input: { riskLevel: MAJOR }) { ... on Enterprise { riskLevel } } }`, { id }, demo.tokens.PLANNER);
    expect(set.data.updateEnterprise).toEqual({ riskLevel: 'MAJOR' });
    const v2 = await corrected(v1, pick, {});
    expect((await enterprise(pick.uscc)).riskLevel).toBe('MAJOR');
    expect((await lastAudit('result.published', v2)).payload).toMatchObject({ correction: { undone: [], leftAsChanged: [{ field: 'riskLevel', from: expect.any(String), to: 'HIGH', now: 'MAJOR', stillCaused: false }] } });
  });

  it('a directory edit or import that sets or clears the flag opens or lifts a blacklisting too, so the record stays complete', async () => {
    // An enterprise never blacklisted: the earlier tests' draws may have blacklisted any they picked.
    const untouched = await demo.db.prisma.enterprise.findFirstOrThrow({ where: { jurisdiction: { code: DEMO }, blacklisted: false, blacklistings: { none: {} } }, orderBy: { uscc: 'asc' } });
    const { id } = await shown(untouched.uscc);
    const SET = `mutation($id: ID!, $b: Boolean!) { updateEnterprise(id: $id, input: { blacklisted: $b }) { ... on Enterprise { blacklisted blacklistings { since reason clause result { id } liftedOn liftedReason } } } }`;
    const today = chinaDate(new Date());
    expect((await demo.gql(SET, { id, b: true }, demo.tokens.PLANNER)).data.updateEnterprise.blacklistings).toEqual([{ since: today, reason: '名录中登记为黑名单', clause: null, result: null, liftedOn: null, liftedReason: null }]);
    expect((await demo.gql(SET, { id, b: false }, demo.tokens.PLANNER)).data.updateEnterprise).toEqual({ blacklisted: false, blacklistings: [expect.objectContaining({ liftedOn: today, liftedReason: '名录中取消黑名单登记' })] });
    expect((await demo.gql(LIFT, { e: id, on: today, r: '再次移出' }, demo.tokens.PLANNER)).data.liftBlacklisting).toMatchObject({ code: 'CONFLICT' });
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../src/core/calendar/china-date.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { addMonths } from '../../src/server/directory/inspector-review.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';

const CREATE_TASK = `mutation($input: TaskInput!) { createTask(jurisdiction: "${DEMO}", input: $input) { __typename ... on Task { id } ... on Error { message } } }`;
const LOCK = `mutation($t: ID!) { lockTask(task: $t) { __typename ... on Draw { id } ... on Error { message } ... on RuleError { code clause } } }`;
const SWITCH = `mutation { switchRulePack(jurisdiction: "${DEMO}", pack: "wolong-min") { __typename ... on Error { message } } }`;

/** A county's own pack: 卧龙's rules, a directory of at least twelve inspectors, reviewed yearly (its 第九条). */
function packsWithMinimum(minSize: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'dr-packs-'));
  writeFileSync(join(dir, 'wolong-min.json'), JSON.stringify({
    meta: { id: 'wolong-min', name: '卧龙区（名录不少于十二人）', level: 'COUNTY', version: '1.0.0', extends: 'wolong@1.0.0', inForce: { from: '2021-01-01' }, sources: [{ id: 'local', title: '卧龙区执法检查人员名录管理规定' }] },
    rules: { inspectorDirectory: { minSize, reviewEveryMonths: 12, cite: { doc: 'local', clause: '第九条' } } },
  }));
  return dir;
}

describe('a pack’s least size and review period of the inspector directory (issue 20, 9)', () => {
  let demo: DemoCounty;
  beforeAll(async () => {
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), { enterprises: 20, inspectors: 12, packsDir: packsWithMinimum(12), pack: 'wolong-min' });
  }, 120_000);
  afterAll(async () => demo?.db.close());

  it('refuses a lock and a switch to the pack once the directory is below it, naming the numbers and the clause', async () => {
    const task = (await demo.gql(CREATE_TASK, { input: TASK_INPUT }, demo.tokens.PLANNER)).data.createTask;
    const jurisdiction = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    const one = await demo.db.prisma.inspector.findFirstOrThrow({ where: { jurisdictionId: jurisdiction.id, active: true } });
    await demo.db.prisma.inspector.update({ where: { id: one.id }, data: { active: false } });

    const refused = (await demo.gql(LOCK, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    expect(refused).toMatchObject({ __typename: 'RuleError', code: 'RULE', clause: '第九条' });
    expect(refused.message).toContain('在册 11 人，少于规则包要求的 12 人');
    expect(await demo.db.prisma.draw.count()).toBe(0);
    const switched = (await demo.gql(SWITCH, {}, demo.tokens.ADMIN)).data.switchRulePack;
    expect(switched.message).toContain('执法检查人员名录库在册 11 人，规则包要求不少于 12 人');

    // Back to twelve: the lock goes through.
    await demo.db.prisma.inspector.update({ where: { id: one.id }, data: { active: true } });
    expect((await demo.gql(LOCK, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask.__typename).toBe('Draw');
  });

  const REVIEW = `{ jurisdiction(code: "${DEMO}") { inspectorDirectoryReview { lastReviewedOn since dueBy status reviewEveryMonths expiredCertificates citation { clause } } } }`;
  const RECORD = `mutation { reviewInspectorDirectory(jurisdiction: "${DEMO}", note: "逐一核对执法证件") { __typename ... on Jurisdiction { inspectorDirectoryReview { status lastReviewedOn } } ... on Error { message } } }`;

  it('warns when the yearly review of the directory is overdue, and a recorded review starts the next period', async () => {
    const today = chinaDate(new Date());
    const jurisdiction = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    const startOfToday = new Date(`${today}T00:00:00Z`);
    // The demo directory holds a lapsed certificate or two of its own (the draw tests need them).
    const lapsed = await demo.db.prisma.inspector.count({ where: { jurisdictionId: jurisdiction.id, active: true, certificateValidUntil: { lt: startOfToday } } });
    const fresh = (await demo.gql(REVIEW, {}, demo.tokens.PLANNER)).data.jurisdiction.inspectorDirectoryReview;
    expect(fresh).toEqual({ lastReviewedOn: null, since: today, dueBy: addMonths(today, 12), status: 'OK', reviewEveryMonths: 12, expiredCertificates: lapsed, citation: { clause: '第九条' } });

    // The directory was built thirteen months ago and one certificate has run out since.
    const built = addMonths(today, -13);
    await demo.db.prisma.inspector.updateMany({ where: { jurisdictionId: jurisdiction.id }, data: { createdAt: new Date(`${built}T02:00:00Z`) } });
    const one = await demo.db.prisma.inspector.findFirstOrThrow({ where: { jurisdictionId: jurisdiction.id, active: true, OR: [{ certificateValidUntil: null }, { certificateValidUntil: { gte: startOfToday } }] } });
    await demo.db.prisma.inspector.update({ where: { id: one.id }, data: { certificateValidUntil: new Date(`${addMonths(today, -1)}T00:00:00Z`) } });
    expect((await demo.gql(REVIEW, {}, demo.tokens.PLANNER)).data.jurisdiction.inspectorDirectoryReview).toMatchObject({ since: built, dueBy: addMonths(built, 12), status: 'OVERDUE', expiredCertificates: lapsed + 1 });

    expect((await demo.gql(RECORD, {}, demo.tokens.INSPECTOR)).data.reviewInspectorDirectory).toMatchObject({ __typename: 'ForbiddenError', message: expect.stringContaining('管理员和计划编制人员') });
    expect((await demo.gql(RECORD, {}, demo.tokens.PLANNER)).data.reviewInspectorDirectory).toEqual({ __typename: 'Jurisdiction', inspectorDirectoryReview: { status: 'OK', lastReviewedOn: today } });
    const entry = await demo.db.prisma.auditEntry.findFirstOrThrow({ where: { jurisdictionId: jurisdiction.id, action: 'inspectors.reviewed' } });
    expect(entry.payload).toMatchObject({ reviewedOn: today, activeInspectors: 12, expiredCertificates: lapsed + 1, note: '逐一核对执法证件' });
    // The public is told nothing of it.
    expect((await demo.gql(REVIEW, {})).data.jurisdiction.inspectorDirectoryReview).toBeNull();
  });

  it('adds months to a civil date as a calendar does', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chinaDate } from '../../src/core/calendar/china-date.ts';
import { migrate, readMigrations } from '../../src/server/db/migrate.ts';
import { defaultAuthorityName, defaultNoticePrefix } from '../../src/server/portal/notice-number.ts';
import { TEST_DATABASES, type TestDb } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, Q } from '../helpers/results-flow.ts';

const raw = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;
const NUMBER = `query($id: ID!) { node(id: $id) { ... on Task { status noticeNumber resultNoticeNumber inspectingAuthority } } }`;
const UPDATE = `mutation($c: String!, $i: UpdateJurisdictionInput!) { updateJurisdiction(code: $c, input: $i) {
  __typename ... on Jurisdiction { authorityName noticePrefix authorityNameSet noticePrefixSet } ... on ValidationError { issues { field message } } ... on Error { message } } }`;
const NAMING = `query($c: String!) { jurisdiction(code: $c) { authorityName noticePrefix authorityNameSet noticePrefixSet } }`;

describe('公告编号 defaults derived from the name', () => {
  it('drops the ending of the short name and puts the city before a county', () => {
    expect(defaultNoticePrefix('卧龙区')).toBe('卧龙应急随抽');
    expect(defaultNoticePrefix('南阳市')).toBe('南阳应急随抽');
    expect(defaultNoticePrefix('峨边彝族自治县')).toBe('峨边彝族应急随抽');
    // Too short once the ending is dropped: the whole name.
    expect(defaultNoticePrefix('沛县')).toBe('沛县应急随抽');
    expect(defaultAuthorityName({ name: '卧龙区', level: 'COUNTY', parent: { name: '南阳市', level: 'CITY' } })).toBe('南阳市卧龙区应急管理局');
    expect(defaultAuthorityName({ name: '南阳市', level: 'CITY', parent: { name: '河南省', level: 'PROVINCE' } })).toBe('南阳市应急管理局');
    expect(defaultAuthorityName({ name: '河南省', level: 'PROVINCE' })).toBe('河南省应急管理厅');
  });
});

describe.each(TEST_DATABASES)('公告编号: each public task numbered per jurisdiction and Beijing-time year ($name)', (database) => {
  let demo: DemoCounty;
  let db: TestDb;
  const year = Number(chinaDate(new Date()).slice(0, 4));
  beforeAll(async () => {
    db = await database.open();
    demo = await demoCounty(db, { enterprises: 120 });
  }, 120_000);
  afterAll(async () => {
    vi.useRealTimers();
    await demo?.db.close();
  });
  const numberOf = async (taskId: string) => (await demo.gql(NUMBER, { id: taskId }, demo.tokens.AUDITOR)).data.node;

  it('numbers tasks in the order they are announced, not before, with the default prefix and authority', async () => {
    const dispatched = await inspectingTask(demo, { title: '派发未公告', size: 2 }, 'DISPATCHED');
    expect(await numberOf(dispatched.taskId)).toMatchObject({ status: 'DISPATCHED', noticeNumber: null, resultNoticeNumber: null, inspectingAuthority: null });
    const first = await inspectingTask(demo, { title: '第一个公告', size: 2 }, 'ANNOUNCED');
    const second = await inspectingTask(demo, { title: '第二个公告', size: 2 }, 'INSPECTING');
    expect(await numberOf(first.taskId)).toEqual({ status: 'ANNOUNCED', noticeNumber: `卧龙应急随抽〔${year}〕第1号`, resultNoticeNumber: `卧龙应急随抽结〔${year}〕第1号`, inspectingAuthority: '南阳市卧龙区应急管理局' });
    expect((await numberOf(second.taskId)).noticeNumber).toBe(`卧龙应急随抽〔${year}〕第2号`);
    // Announced later, it takes the next number; the first keeps its own through every later step.
    await demo.gql(Q.advance, { t: dispatched.taskId, s: 'ANNOUNCE' }, demo.tokens.DRAW_OFFICER);
    await demo.gql(Q.advance, { t: first.taskId, s: 'START_INSPECTION' }, demo.tokens.INSPECTOR);
    await demo.gql(Q.advance, { t: first.taskId, s: 'CLOSE' }, demo.tokens.INSPECTOR);
    expect((await numberOf(dispatched.taskId)).noticeNumber).toBe(`卧龙应急随抽〔${year}〕第3号`);
    expect(await numberOf(first.taskId)).toMatchObject({ status: 'CLOSED', noticeNumber: `卧龙应急随抽〔${year}〕第1号` });
    // On the trail of the step that gave it.
    const entry = await demo.db.prisma.auditEntry.findFirstOrThrow({ where: { subjectId: raw(first.taskId), action: 'task.announce' } });
    expect(entry.payload).toMatchObject({ noticeYear: year, noticeSeq: 1 });
  });

  it('numbers a covert task only when it closes', async () => {
    const covert = await inspectingTask(demo, { title: '暗查暗访', size: 2, covert: true }, 'INSPECTING');
    expect(await numberOf(covert.taskId)).toMatchObject({ status: 'INSPECTING', noticeNumber: null });
    await demo.gql(Q.advance, { t: covert.taskId, s: 'CLOSE' }, demo.tokens.INSPECTOR);
    expect(await numberOf(covert.taskId)).toMatchObject({ status: 'CLOSED', noticeNumber: `卧龙应急随抽〔${year}〕第4号` });
  });

  it('lets the admins set the authority and the prefix (audited); numbers already given never change', async () => {
    expect((await demo.gql(NAMING, { c: DEMO })).data.jurisdiction).toEqual({ authorityName: '南阳市卧龙区应急管理局', noticePrefix: '卧龙应急随抽', authorityNameSet: false, noticePrefixSet: false });
    const bad = (await demo.gql(UPDATE, { c: DEMO, i: { noticePrefix: '卧龙〔2026〕' } }, demo.tokens.ADMIN)).data.updateJurisdiction;
    expect(bad.__typename).toBe('ValidationError');
    expect(bad.issues[0]).toMatchObject({ field: 'noticePrefix' });
    expect(bad.issues[0].message).toContain('不能含年份括号');
    const refused = (await demo.gql(UPDATE, { c: DEMO, i: { noticePrefix: '卧龙应急双随机' } }, demo.tokens.PLANNER)).data.updateJurisdiction;
    expect(refused.__typename).toBe('ForbiddenError');

    const set = (await demo.gql(UPDATE, { c: DEMO, i: { authorityName: '南阳市卧龙区应急管理局（执法大队）', noticePrefix: '卧龙应急双随机' } }, demo.tokens.ADMIN)).data.updateJurisdiction;
    expect(set).toEqual({ __typename: 'Jurisdiction', authorityName: '南阳市卧龙区应急管理局（执法大队）', noticePrefix: '卧龙应急双随机', authorityNameSet: true, noticePrefixSet: true });
    const county = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    const entry = await demo.db.prisma.auditEntry.findFirstOrThrow({ where: { jurisdictionId: county.id, action: 'jurisdiction.updated' }, orderBy: { seq: 'desc' } });
    expect(entry.payload).toMatchObject({ noticePrefix: '卧龙应急双随机', previousNoticePrefix: null, authorityName: '南阳市卧龙区应急管理局（执法大队）' });

    const old = await demo.db.prisma.inspectionTask.findFirstOrThrow({ where: { jurisdictionId: county.id, noticeSeq: 1, noticeYear: year } });
    expect((await numberOf(Buffer.from(`Task:${old.id}`).toString('base64'))).noticeNumber).toBe(`卧龙应急随抽〔${year}〕第1号`);
    const next = await inspectingTask(demo, { title: '改前缀之后', size: 2 }, 'ANNOUNCED');
    expect(await numberOf(next.taskId)).toMatchObject({ noticeNumber: `卧龙应急双随机〔${year}〕第5号`, inspectingAuthority: '南阳市卧龙区应急管理局（执法大队）' });

    // The database itself refuses to renumber or take a number away.
    await expect(db.owner.exec(`UPDATE inspection_task SET notice_seq = 99 WHERE id = '${old.id}'`)).rejects.toThrow(/公告编号已经编定，不能更改/);
    await expect(db.owner.exec(`UPDATE inspection_task SET notice_seq = NULL, notice_year = NULL, notice_prefix = NULL, notice_authority = NULL, numbered_on = NULL WHERE id = '${old.id}'`)).rejects.toThrow(/不能更改/);

    // Empty: back to the defaults.
    const reset = (await demo.gql(UPDATE, { c: DEMO, i: { authorityName: '', noticePrefix: '' } }, demo.tokens.ADMIN)).data.updateJurisdiction;
    expect(reset).toMatchObject({ authorityName: '南阳市卧龙区应急管理局', noticePrefix: '卧龙应急随抽', noticePrefixSet: false });
  });

  it('counts years in Beijing time: announced at 00:30 on 1 January Beijing time (16:30 UTC the day before), the new year starts at 第1号', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(`${year}-12-31T16:30:00Z`));
    try {
      const task = await inspectingTask(demo, { title: '元旦公告', size: 2 }, 'ANNOUNCED');
      expect((await numberOf(task.taskId)).noticeNumber).toBe(`卧龙应急随抽〔${year + 1}〕第1号`);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe.each(TEST_DATABASES)('migration 0021 numbers the tasks already public, in the order they became public ($name)', (database) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await database.open({ migrate: false });
  }, 120_000);
  afterAll(async () => db?.close());

  it('gives each public task of each year its number, leaves the rest unnumbered, with the defaults of the name', async () => {
    const files = await readMigrations();
    await migrate(db.owner, files.filter((f) => f.name < '0021'));
    const [city] = await db.owner.query<{ id: string }>(`INSERT INTO jurisdiction (code, name, level) VALUES ('411300', '南阳市', 'CITY') RETURNING id`);
    const [county] = await db.owner.query<{ id: string }>(`INSERT INTO jurisdiction (code, name, level, parent_id) VALUES ('411303', '卧龙区', 'COUNTY', $1) RETURNING id`, [city!.id]);
    const task = async (title: string, status: string, covert: boolean, announced: string | null, closed: string | null, updatedAt = '2026-03-01T00:00:00Z') =>
      (await db.owner.query<{ id: string }>(
        `INSERT INTO inspection_task (jurisdiction_id, title, covert, window_start, window_end, inspection_date, size, status, created_by, announced_on, closed_on, updated_at)
         VALUES ($1, $2, $3, '2026-03-01', '2026-03-31', '2026-03-16', 3, $4::"TaskStatus", 'test', $5::date, $6::date, $7::timestamp) RETURNING id`,
        [county!.id, title, covert, status, announced, closed, updatedAt],
      ))[0]!.id;
    const later = await task('后公告', 'CLOSED', false, '2026-05-10', '2026-06-01');
    const earlier = await task('先公告', 'ANNOUNCED', false, '2026-03-10', null);
    const covertClosed = await task('暗查已结束', 'CLOSED', true, null, '2026-04-01');
    const covertOpen = await task('暗查检查中', 'INSPECTING', true, null, null);
    const draft = await task('草稿', 'DRAFT', false, null, null);
    // Under inspection with no announcement (a pack that announces nothing): numbered by its last
    // change, here 16:30 UTC on 31 December, 1 January in Beijing.
    const newYear = await task('元旦检查', 'INSPECTING', false, null, null, '2026-12-31T16:30:00Z');
    await migrate(db.owner);
    const rows = await db.owner.query<{ id: string; notice_year: number | null; notice_seq: number | null; notice_prefix: string | null; notice_authority: string | null }>(
      'SELECT id, notice_year, notice_seq, notice_prefix, notice_authority FROM inspection_task',
    );
    const of = (id: string) => rows.find((r) => r.id === id)!;
    expect(of(earlier)).toMatchObject({ notice_year: 2026, notice_seq: 1, notice_prefix: '卧龙应急随抽', notice_authority: '南阳市卧龙区应急管理局' });
    expect(of(covertClosed)).toMatchObject({ notice_year: 2026, notice_seq: 2 });
    expect(of(later)).toMatchObject({ notice_year: 2026, notice_seq: 3 });
    expect(of(newYear)).toMatchObject({ notice_year: 2027, notice_seq: 1 });
    expect(of(covertOpen).notice_seq).toBeNull();
    expect(of(draft).notice_seq).toBeNull();
  });
});

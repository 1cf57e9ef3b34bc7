import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, Q, resultInput, signAll } from '../helpers/results-flow.ts';
import { chinaDate } from '../../src/core/calendar/china-date.ts';

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
    const { taskId, picks } = await inspectingTask(demo);
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
});

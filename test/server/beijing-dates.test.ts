import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, Q, resultInput, signAll } from '../helpers/results-flow.ts';

/**
 * Civil dates are Beijing time (UTC+8): a result published at 01:53 on 12-02 Beijing time
 * (17:53Z on 12-01) was published on 12-02 everywhere, and one at 23:30 on 12-01 (15:30Z) on 12-01.
 */
describe.each(TEST_DATABASES)('civil dates in Beijing time ($name)', (database) => {
  let demo: DemoCounty;
  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { enterprises: 40 });
  }, 120_000);
  afterAll(async () => demo?.db.close());
  afterEach(() => vi.useRealTimers());

  async function publishAt(instant: string) {
    const { taskId, picks } = await inspectingTask(demo, { title: `公示于 ${instant}` });
    const pick = picks[0]!;
    const draft = (await demo.gql(Q.record, { t: taskId, u: pick.uscc, i: resultInput(pick) }, demo.tokens.INSPECTOR)).data.recordResult;
    await signAll(demo, draft.id, pick);
    // Only the clock is faked; timers stay real so the databases keep working.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(instant));
    const published = (await demo.gql(Q.publish, { id: draft.id }, demo.tokens.INSPECTOR)).data.publishResult;
    expect(published.status).toBe('PUBLISHED');
    return { id: published.id as string, pick };
  }

  const objection = async (resultId: string, on: string) =>
    (await demo.gql(Q.file, { r: resultId, on, by: '企业', g: '记录有误' }, demo.tokens.INSPECTOR)).data.fileObjection;

  it('at 00:30 Beijing time the day is already the next one: published on, objections, the portal and results.csv agree', async () => {
    const { id, pick } = await publishAt('2026-12-01T16:30:00Z');
    expect((await objection(id, '2026-12-01')).__typename).toBe('ValidationError');
    expect((await objection(id, '2026-12-02')).__typename).toBe('Objection');

    const raw = Buffer.from(id, 'base64').toString().split(':')[1];
    const page = await (await demo.app.fetch(new Request(`http://test/results/${raw}`))).text();
    expect(page).toMatch(/公示日期<\/dt><dd>2026-12-02</);
    const csv = await (await demo.app.fetch(new Request(`http://test/j/${DEMO}/results.csv`))).text();
    const line = csv.split('\r\n').find((l) => l.includes(pick.uscc) && l.includes('公示于 2026-12-01T16:30'))!;
    expect(line).toContain('2026-12-02T00:30:00+08:00');
  });

  it('at 23:30 Beijing time it is still the same day', async () => {
    const { id } = await publishAt('2026-12-01T15:30:00Z');
    // "Today" is 12-01 in Beijing: 12-02 is tomorrow.
    expect((await objection(id, '2026-12-02')).__typename).toBe('ValidationError');
    expect((await objection(id, '2026-11-30')).__typename).toBe('ValidationError');
    expect((await objection(id, '2026-12-01')).__typename).toBe('Objection');
    const csv = await (await demo.app.fetch(new Request(`http://test/j/${DEMO}/results.csv`))).text();
    expect(csv).toContain('2026-12-01T23:30:00+08:00');
  });
});

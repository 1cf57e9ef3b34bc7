import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { chinaDate } from '../../src/core/calendar/china-date.ts';
import { createApiToken } from '../../src/server/auth/tokens.ts';
import { createEventBus, type EventBus } from '../../src/server/events/pubsub.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, NEIGHBOUR, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask } from '../helpers/results-flow.ts';
import { collect, until, wsClient } from '../helpers/subscribe.ts';

const WARNINGS = `subscription($j: String!) { complianceWarnings(jurisdiction: $j) { obligationId dueBy daysLeft message suggestedTask { title directed joint size usccs } } }`;
type Warnings = { complianceWarnings: { obligationId: string; dueBy: string; daysLeft: number; message: string; suggestedTask: { title: string; directed: boolean; joint: boolean; size: number; usccs: string[] } | null }[] };
const CITY = '411300';
/** The warnings are the current year's (Beijing time), and so is everything this file draws and counts. */
const YEAR = Number(chinaDate(new Date()).slice(0, 4));
const ROLL_UP = `query($j: String!) { jurisdiction(code: $j) { subordinateCompliance(year: ${YEAR}, asOf: "${YEAR}-12-31") { jurisdiction { code name } pack { id } totals { supervised distinctDrawn }
  rows { id status statusLabel subjectsTotal achieved { text } } } } }`;
const OWN = `query($j: String!) { jurisdiction(code: $j) { compliance(year: ${YEAR}, asOf: "${YEAR}-12-31") { rows { id status subjects { uscc } } } } }`;

describe.each(TEST_DATABASES)('compliance warnings and the upper level’s view ($name)', (database) => {
  let demo: DemoCounty;
  let events: EventBus;
  let port: number;
  let cityToken: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    events = createEventBus();
    demo = await demoCounty(await database.open(), { events, enterprises: 60 });
    port = (await demo.app.start(0)).port;
    const city = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: CITY } });
    cityToken = await createApiToken(demo.db.prisma, { name: `auditor-${CITY}`, role: 'AUDITOR', jurisdictionId: city.id });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await demo?.app.stop();
    await events?.close();
    await demo?.db.close();
  });

  it('pushes the year’s warnings, and pushes them again when a draw closes a gap', async () => {
    const client = wsClient(port, demo.tokens.ADMIN);
    clients.push(client);
    const watch = collect<Warnings>(client, WARNINGS, { j: DEMO });
    await until(() => watch.events.length >= 1, 'the first warnings', 45_000);
    const first = watch.events[0]!.complianceWarnings;
    // Nothing drawn yet: a round (卧龙 第六条) and a joint inspection (第十三条) are still due before 31 December.
    expect(first.map((w) => w.obligationId)).toEqual(expect.arrayContaining(['entities-drawn', 'rounds', 'joint']));
    expect(first.find((w) => w.obligationId === 'joint')).toMatchObject({ dueBy: `${YEAR}-12-31`, suggestedTask: { joint: true } });
    expect(first.find((w) => w.obligationId === 'entities-drawn')!.suggestedTask).toMatchObject({ directed: false, size: 3 });

    await inspectingTask(demo, { size: 5, title: `${YEAR}年第一批双随机抽查`, inspectionDate: `${YEAR}-12-20`, windowStart: `${YEAR}-12-01`, windowEnd: `${YEAR}-12-31` }, 'DISPATCHED');
    await until(() => !watch.events.at(-1)!.complianceWarnings.some((w) => w.obligationId === 'rounds'), 'warnings without the round', 45_000);
    const last = watch.events.at(-1)!.complianceWarnings.map((w) => w.obligationId);
    expect(last).not.toContain('entities-drawn');
    expect(last).toContain('joint');
    watch.cancel();
  }, 120_000);

  it('refuses the warnings to a neighbouring county', async () => {
    const client = wsClient(port, demo.tokens.neighbourAdmin);
    clients.push(client);
    await expect(collect<Warnings>(client, WARNINGS, { j: DEMO }).done).rejects.toThrow(/合规预警仅供/);
  }, 60_000);

  it('shows the city its counties side by side, without the entities behind the rows; a county cannot read its neighbour’s', async () => {
    const rollUp = await demo.gql(ROLL_UP, { j: CITY }, cityToken);
    expect(rollUp.errors).toBeUndefined();
    const counties = rollUp.data.jurisdiction.subordinateCompliance as { jurisdiction: { code: string }; pack: { id: string } | null; rows: { id: string; status: string }[] }[];
    const wolong = counties.find((c) => c.jurisdiction.code === DEMO)!;
    expect(wolong.pack).toEqual({ id: 'wolong' });
    expect(wolong.rows.find((r) => r.id === 'entities-drawn')).toMatchObject({ status: 'MET' });
    expect(wolong.rows.find((r) => r.id === 'joint')).toMatchObject({ status: 'MISSED' });
    expect(counties.map((c) => c.jurisdiction.code)).toContain(NEIGHBOUR);
    // Subjects are not even in the type: the roll-up has no field for them.
    expect(JSON.stringify(rollUp.data)).not.toMatch(/uscc/);

    // A county's members do not get the roll-up of the city, nor the neighbour's compliance.
    expect((await demo.gql(ROLL_UP, { j: CITY }, demo.tokens.ADMIN)).data.jurisdiction.subordinateCompliance).toEqual([]);
    expect((await demo.gql(OWN, { j: DEMO }, demo.tokens.neighbourAdmin)).data.jurisdiction.compliance).toBeNull();
    expect((await demo.gql(OWN, { j: DEMO })).data.jurisdiction.compliance).toBeNull();
    // The city reads the county's own report too (上级监督).
    expect((await demo.gql(OWN, { j: DEMO }, cityToken)).data.jurisdiction.compliance.rows.length).toBeGreaterThan(5);
  }, 120_000);

  it('answers a year outside the records or a day outside the year with a clear error', async () => {
    const bad = await demo.gql(`{ jurisdiction(code: "${DEMO}") { compliance(year: 2026, asOf: "2025-12-31") { year } } }`, {}, demo.tokens.ADMIN);
    expect(bad.errors?.[0]).toMatchObject({ message: '截止日期（asOf）应为 2026 年内的日期（YYYY-MM-DD），收到 2025-12-31', extensions: { code: 'BAD_DATE', field: 'asOf' } });
    const year = await demo.gql(`{ jurisdiction(code: "${DEMO}") { compliance(year: 1999) { year } } }`, {}, demo.tokens.ADMIN);
    expect(year.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_YEAR', field: 'year' } });
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, NEIGHBOUR, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';

const CREATE_TASK = `mutation($input: TaskInput!) { createTask(jurisdiction: "${DEMO}", input: $input) { __typename ... on Task { id } ... on Error { message } } }`;
const LOCK = `mutation($t: ID!) { lockTask(task: $t) { __typename ... on Draw { id } ... on Error { message } ... on RuleError { code } } }`;
const DRAW = `mutation($d: ID!) { drawTask(draw: $d) { __typename ... on Draw { picks { team { leader { homeJurisdiction } members { homeJurisdiction homeJurisdictionName } } } } ... on Error { message } } }`;
const AGREE = `mutation($j: String!, $n: String!) { agreeToPooling(jurisdiction: $j, neighbour: $n) {
  __typename ... on PoolingAgreement { agreedBy neighbourAgreedBy pooled neighbour { code } } ... on Error { message } ... on ValidationError { issues { field message } } } }`;

describe.each(TEST_DATABASES)('pooling inspectors with a neighbour needs both admins to agree ($name)', (database) => {
  let demo: DemoCounty;
  beforeAll(async () => {
    // Two inspectors of its own: a draw needs the neighbour's to form its teams.
    demo = await demoCounty(await database.open(), { enterprises: 30, inspectors: 2, pooling: false });
  }, 120_000);
  afterAll(async () => demo?.db.close());

  const lock = async () => {
    const task = (await demo.gql(CREATE_TASK, { input: TASK_INPUT }, demo.tokens.PLANNER)).data.createTask;
    return (await demo.gql(LOCK, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
  };

  it('refuses a draw that needs the neighbour’s inspectors until both sides agree, then pools them and shows their home', async () => {
    expect(await lock()).toMatchObject({ __typename: 'RuleError', code: 'SHORTFALL' });

    expect((await demo.gql(AGREE, { j: DEMO, n: NEIGHBOUR }, demo.tokens.PLANNER)).data.agreeToPooling.__typename).toBe('ForbiddenError');
    expect((await demo.gql(AGREE, { j: DEMO, n: '411300' }, demo.tokens.ADMIN)).data.agreeToPooling.issues).toEqual([{ field: 'neighbour', message: expect.stringContaining('不是本辖区的相邻辖区') }]);
    const half = (await demo.gql(AGREE, { j: DEMO, n: NEIGHBOUR }, demo.tokens.ADMIN)).data.agreeToPooling;
    expect(half).toMatchObject({ __typename: 'PoolingAgreement', agreedBy: `token:admin-${DEMO}`, neighbourAgreedBy: null, pooled: false });
    expect((await demo.gql(AGREE, { j: DEMO, n: NEIGHBOUR }, demo.tokens.ADMIN)).data.agreeToPooling.__typename).toBe('RuleError');
    expect(await lock()).toMatchObject({ __typename: 'RuleError', code: 'SHORTFALL' });

    const both = (await demo.gql(AGREE, { j: NEIGHBOUR, n: DEMO }, demo.tokens.neighbourAdmin)).data.agreeToPooling;
    expect(both).toMatchObject({ agreedBy: `token:admin-${NEIGHBOUR}`, neighbourAgreedBy: `token:admin-${DEMO}`, pooled: true, neighbour: { code: DEMO } });
    const draw = await lock();
    expect(draw.__typename).toBe('Draw');
    const drawn = (await demo.gql(DRAW, { d: draw.id }, demo.tokens.DRAW_OFFICER)).data.drawTask;
    const homes = drawn.picks.flatMap((p: { team: { members: { homeJurisdiction: string; homeJurisdictionName: string }[] } }) => p.team.members.map((m) => `${m.homeJurisdiction} ${m.homeJurisdictionName}`));
    expect(homes).toContain(`${NEIGHBOUR} 宛城区`);

    // Both trails hold both consents.
    const trail = async (code: string) => {
      const j = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code } });
      return (await demo.db.prisma.auditEntry.findMany({ where: { jurisdictionId: j.id, action: { startsWith: 'pooling.' } }, orderBy: { seq: 'asc' } })).map((a) => a.action);
    };
    expect(await trail(DEMO)).toEqual(['pooling.agreed', 'pooling.agreed_by_neighbour']);
    expect(await trail(NEIGHBOUR)).toEqual(['pooling.agreed_by_neighbour', 'pooling.agreed']);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';

const CREATE_TASK = `mutation($input: TaskInput!) { createTask(jurisdiction: "${DEMO}", input: $input) { __typename ... on Task { id } ... on Error { message } } }`;
const LOCK = `mutation($t: ID!) { lockTask(task: $t) { __typename ... on Draw { id } ... on Error { message } ... on RuleError { code clause } } }`;
const SWITCH = `mutation { switchRulePack(jurisdiction: "${DEMO}", pack: "wolong-min") { __typename ... on Error { message } } }`;

/** A county's own pack: 卧龙's rules and a directory of at least twelve inspectors (its 第九条). */
function packsWithMinimum(minSize: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'dr-packs-'));
  writeFileSync(join(dir, 'wolong-min.json'), JSON.stringify({
    meta: { id: 'wolong-min', name: '卧龙区（名录不少于十二人）', level: 'COUNTY', version: '1.0.0', extends: 'wolong@1.0.0', inForce: { from: '2021-01-01' }, sources: [{ id: 'local', title: '卧龙区执法检查人员名录管理规定' }] },
    rules: { inspectorDirectory: { minSize, cite: { doc: 'local', clause: '第九条' } } },
  }));
  return dir;
}

describe('a pack’s least size of the inspector directory (issue 20, 9)', () => {
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
});

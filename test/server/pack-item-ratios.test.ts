import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePack } from '../../src/rulepacks/sdk/validate-pack.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';

const CREATE_TASK = `mutation($input: TaskInput!) { createTask(jurisdiction: "${DEMO}", input: $input) { __typename ... on Task { id } ... on Error { message } } }`;
const LOCK = `mutation($t: ID!) { lockTask(task: $t) { __typename ... on Draw { id } ... on Error { message } ... on RuleError { code clause } } }`;
const ITEM = `mutation($i: ChecklistItemInput!) { createChecklistItem(jurisdiction: "${DEMO}", input: $i) { __typename ... on Error { message } } }`;
const TALLY = `{ jurisdiction(code: "${DEMO}") { checklistItemTally(year: 2026) { code ratioText ratioPercent frequencyText frequencyLabel ratioCitation { clause } frequencyCitation { clause } } } }`;

const META = { id: 'wolong-items', name: '卧龙区（检查事项比例）', level: 'COUNTY', version: '1.0.0', extends: 'wolong@1.0.0', inForce: { from: '2021-01-01' }, sources: [{ id: 'local', title: '卧龙区双随机抽查事项比例和频次' }] };
const ITEMS = [
  { match: '加油站', ratioMinPercent: 50, every: 'half-year', cite: { doc: 'local', clause: '第三条' } },
  { code: 'P2', every: 'quarter', cite: { doc: 'local', clause: '第四条' } },
];

function packsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dr-packs-'));
  writeFileSync(join(dir, 'wolong-items.json'), JSON.stringify({ meta: META, rules: { checklist: { items: ITEMS } } }));
  return dir;
}

describe('a pack gives checklist items their 抽查比例 and 抽查频次 (issue 20, 2)', () => {
  let demo: DemoCounty;
  beforeAll(async () => {
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), { enterprises: 40, packsDir: packsDir(), pack: 'wolong-items' });
  }, 120_000);
  afterAll(async () => demo?.db.close());

  it('the SDK refuses an item rule naming by both code and match, or giving nothing', () => {
    const bad = validatePack({ meta: { ...META, extends: undefined, level: 'COUNTY' }, rules: { checklist: { items: [{ code: 'A', match: 'B', ratioMinPercent: 5, cite: { doc: 'local', clause: '一' } }, { code: 'C', cite: { doc: 'local', clause: '二' } }] } } });
    expect(bad.ok).toBe(false);
    const problems = bad.ok ? [] : bad.error.map((p) => `${p.code} ${p.path}`);
    expect(problems).toEqual(expect.arrayContaining(['CONTRADICTION rules.checklist.items.0', 'CONTRADICTION rules.checklist.items.1']));
    const ratioOver = validatePack({ meta: { ...META, extends: undefined }, rules: { checklist: { items: [{ code: 'A', ratioMinPercent: 150, cite: { doc: 'local', clause: '一' } }] } } });
    expect(ratioOver.ok).toBe(false);
  });

  it('overrides the checklist for the items it names: a lock below the pack’s ratio is refused with the pack’s clause, and the tally shows the pack’s values', async () => {
    for (const i of [
      { code: 'P1', name: '加油站安全检查', ratioText: '根据实际情况确定' },
      { code: 'P2', name: '粉尘涉爆企业检查', ratioText: '不低于5%', frequencyText: '每年一次' },
    ]) expect((await demo.gql(ITEM, { i }, demo.tokens.PLANNER)).data.createChecklistItem.__typename).toBe('ChecklistItem');
    const task = (await demo.gql(CREATE_TASK, { input: { ...TASK_INPUT, size: 3, checklistCodes: ['P1'] } }, demo.tokens.PLANNER)).data.createTask;
    const refused = (await demo.gql(LOCK, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    expect(refused).toMatchObject({ __typename: 'RuleError', code: 'RULE', clause: '第三条' });
    expect(refused.message).toContain('抽查事项「加油站安全检查」（P1）抽查比例“不低于50%”');

    const tally = (await demo.gql(TALLY, {}, demo.tokens.PLANNER)).data.jurisdiction.checklistItemTally;
    expect(tally).toEqual([
      { code: 'P1', ratioText: '不低于50%', ratioPercent: 50, frequencyText: '每半年一次', frequencyLabel: '每半年', ratioCitation: { clause: '第三条' }, frequencyCitation: { clause: '第三条' } },
      { code: 'P2', ratioText: '不低于5%', ratioPercent: 5, frequencyText: '每季度一次', frequencyLabel: '每季度', ratioCitation: null, frequencyCitation: { clause: '第四条' } },
    ]);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDraw } from '../../src/core/draw/verify.ts';
import { loadedPacksHookIsolator } from '../../src/rulepacks/registry.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { NODE_DRAW_PORTS } from '../../src/server/draw-ports.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';

/**
 * 分层比例 through the server (issue 20, 1): a county pack with per-class ratios; a task created
 * without a size (0) takes the size the ratios require at the lock, a smaller task is refused
 * before lock with the clause, and the probabilities are read back through explainDrawCandidate.
 */
const CREATE_TASK = `mutation($input: TaskInput!) { createTask(jurisdiction: "${DEMO}", input: $input) { __typename ... on Task { id size } ... on Error { message } } }`;
const LOCK = `mutation($t: ID!) { lockTask(task: $t) { __typename ... on Draw { id } ... on Error { message } ... on RuleError { code clause shortfalls { code needed message } } } }`;
const DRAW = `mutation($d: ID!) { drawTask(draw: $d) { __typename ... on Draw { id picks { uscc } } ... on Error { message } } }`;
const EXPLAIN = `query($d: JSON!, $u: String!) { explainDrawCandidate(draw: $d, uscc: $u) { inPool due stratum inclusion chance { numerator denominator exact } summary } }`;
const raw = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;

function ratioPack(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dr-packs-'));
  writeFileSync(join(dir, 'wolong-ratios.json'), JSON.stringify({
    meta: { id: 'wolong-ratios', name: '卧龙区（按信用风险分类确定抽查比例）', level: 'COUNTY', version: '1.0.0', extends: 'wolong@1.0.0', inForce: { from: '2021-01-01' }, sources: [{ id: 'credit', number: '国市监信发〔2022〕6号', title: '关于推进企业信用风险分类管理进一步提升监管效能的意见' }] },
    rules: {
      frequencies: [],
      strata: {
        by: ['riskLevel'],
        ratios: [{ when: { riskLevel: ['MAJOR', 'HIGH'] }, percent: 100 }, { when: { riskLevel: ['GENERAL'] }, percent: 5 }, { when: { riskLevel: ['LOW'] }, percent: 2 }],
        cite: { doc: 'credit', clause: '三（二）' },
      },
    },
  }));
  return dir;
}

describe('a ratio pack locked, drawn and explained through GraphQL', () => {
  let demo: DemoCounty;
  beforeAll(async () => {
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), { enterprises: 120, packsDir: ratioPack(), pack: 'wolong-ratios' });
  }, 120_000);
  afterAll(async () => demo?.db.close());

  it('refuses a task smaller than the ratios require before lock, then draws one sized by them and states each class’s probability', async () => {
    // Size 0: the size follows from the ratios at the lock, and is the one hashed and drawn.
    const task = (await demo.gql(CREATE_TASK, { input: { ...TASK_INPUT, title: '按比例抽取', size: 0 } }, demo.tokens.PLANNER)).data.createTask;
    expect(task).toMatchObject({ __typename: 'Task', size: 0 });
    const locked = (await demo.gql(LOCK, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    expect(locked.__typename).toBe('Draw');
    const drawn = (await demo.gql(DRAW, { d: locked.id }, demo.tokens.DRAW_OFFICER)).data.drawTask;
    const exported = await (await demo.app.fetch(new Request(`http://test/draws/${raw(locked.id)}/export.json`))).json();
    expect(exported.record.algorithm).toBe('double-random/v4');
    expect(verifyDraw(exported, { ...NODE_DRAW_PORTS, isolateHooks: loadedPacksHookIsolator(demo.packs) })).toEqual({ matches: true, differences: [] });
    // Counted here from the export: the pool is the snapshot less the enterprises left out (cap, scope…).
    const out = new Set(exported.record.excluded.map((x: { uscc: string }) => x.uscc));
    const pool = (exported.snapshot.enterprises as { uscc: string; riskLevel: string }[]).filter((e) => !out.has(e.uscc));
    const n = (levels: string[]) => pool.filter((e) => levels.includes(e.riskLevel)).length;
    const required = n(['MAJOR', 'HIGH']) + Math.ceil((n(['GENERAL']) * 5) / 100) + Math.ceil((n(['LOW']) * 2) / 100);
    expect(required).toBeGreaterThan(5);
    expect(exported.task.size).toBe(required);
    expect(drawn.picks).toHaveLength(required);
    expect((await demo.db.prisma.inspectionTask.findUniqueOrThrow({ where: { id: raw(task.id) } })).size).toBe(required);

    // A task smaller than that is refused at the lock, with the size required and the clause.
    const small = (await demo.gql(CREATE_TASK, { input: { ...TASK_INPUT, size: required - 1 } }, demo.tokens.PLANNER)).data.createTask;
    const refused = (await demo.gql(LOCK, { t: small.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    expect(refused).toMatchObject({ __typename: 'RuleError', code: 'SHORTFALL', clause: '三（二）', shortfalls: [{ code: 'RATIOS_SIZE', needed: required }] });
    expect(refused.message).toContain(`要求至少抽取 ${required} 家企业`);
    expect(await demo.db.prisma.draw.count()).toBe(1);

    const stated = Object.fromEntries(exported.record.strata.map((s: { stratum: string; inclusion: string }) => [s.stratum, s.inclusion]));
    const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
    const frac = (k: number, m: number) => (k >= m ? '1/1' : `${k / gcd(k, m)}/${m / gcd(k, m)}`);
    expect(stated['riskLevel=GENERAL']).toBe(frac(Math.ceil((n(['GENERAL']) * 5) / 100), n(['GENERAL'])));
    for (const level of ['MAJOR', 'HIGH', 'GENERAL', 'LOW'] as const) {
      const someone = pool.find((e) => e.riskLevel === level);
      if (!someone) continue;
      const out = (await demo.gql(EXPLAIN, { d: exported, u: someone.uscc })).data.explainDrawCandidate;
      expect(out).toMatchObject({ inPool: true, due: false, stratum: `riskLevel=${level}`, inclusion: stated[`riskLevel=${level}`], chance: { exact: true } });
      expect(out.summary).toContain('按分层比例');
      expect(out.summary).toContain('三（二）');
    }
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/app.ts';
import { seedDemo } from '../../src/server/demo/seed-demo.ts';
import { loadRegistry } from '../../src/rulepacks/registry.ts';
import { buildApp, graphqlClient, tokenFor } from '../helpers/app.ts';
import { TEST_DATABASES, type TestDb } from '../helpers/databases.ts';

const SWITCH = `mutation($pack: String!, $code: String = "411303") {
  switchRulePack(jurisdiction: $code, pack: $pack, reason: "按细则执行") {
    __typename
    ... on Jurisdiction { rulePack { key contentHash } rulePackHistory { fromPack toPack contentHash actor reason } }
    ... on ValidationError { issues { field message } }
    ... on ForbiddenError { message }
  }
}`;

describe.each(TEST_DATABASES)('rule packs over GraphQL on $name', (target) => {
  let db: TestDb;
  let app: App;
  let gql: ReturnType<typeof graphqlClient>;

  beforeAll(async () => {
    db = await target.open();
    await seedDemo(db.sql, { enterprises: 50, inspectors: 18, experts: 3 });
    app = buildApp(db, await loadRegistry());
    gql = graphqlClient(app);
  });
  afterAll(async () => {
    await db.close();
  });

  it('lists the packs with every rule explained and cited', async () => {
    const result = await gql(`{ rulePacks { key level contentHash } rulePack(id: "wolong") { sources { title } explanations { path zh citation { clause isDefault } } } }`);
    expect(result.data.rulePacks.map((p: any) => p.key)).toEqual(['heilongjiang-county@1.0.0', 'panzhihua@1.0.0', 'shuncheng@1.0.0', 'wolong@1.0.0', 'yanshi@1.0.0']);
    const cap = result.data.rulePack.explanations.find((e: any) => e.path === 'cap');
    expect(cap).toMatchObject({ citation: { clause: '第十五条（第三章）', isDefault: false } });
    expect(cap.zh).toContain('不超过2次');
  });

  it('switches a county to a county pack for its admin, recording who, why and the content hash', async () => {
    const admin = await tokenFor(db, '411303');
    const first = await gql(SWITCH, { pack: 'wolong' }, admin);
    const wolong = (await gql(`{ rulePack(id: "wolong") { contentHash } }`)).data.rulePack.contentHash;
    expect(first.data.switchRulePack).toMatchObject({ __typename: 'Jurisdiction', rulePack: { key: 'wolong@1.0.0', contentHash: wolong } });
    const second = await gql(SWITCH, { pack: 'shuncheng' }, admin);
    expect(second.data.switchRulePack.rulePackHistory).toEqual([
      { fromPack: null, toPack: 'wolong@1.0.0', contentHash: wolong, actor: 'token:admin-411303', reason: '按细则执行' },
      expect.objectContaining({ fromPack: 'wolong@1.0.0', toPack: 'shuncheng@1.0.0' }),
    ]);
    await expect(db.sql.query('DELETE FROM rule_pack_switch')).rejects.toThrow(/permission denied/);
    await expect(db.owner.query('DELETE FROM rule_pack_switch')).rejects.toThrow(/rule_pack_switch is append-only/);
  });

  it('refuses a pack for another level, an unknown pack, and anyone but an admin of the jurisdiction', async () => {
    const admin = await tokenFor(db, '411303');
    const city = await gql(SWITCH, { pack: 'panzhihua' }, admin);
    expect(city.data.switchRulePack).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'pack' }] });
    expect(city.data.switchRulePack.issues[0].message).toContain('CITY');
    expect((await gql(SWITCH, { pack: 'nowhere' }, admin)).data.switchRulePack.__typename).toBe('ValidationError');
    expect((await gql(SWITCH, { pack: 'wolong' }, await tokenFor(db, '411303', 'PLANNER'))).data.switchRulePack.__typename).toBe('ForbiddenError');
    expect((await gql(SWITCH, { pack: 'wolong' }, await tokenFor(db, '411302'))).data.switchRulePack.__typename).toBe('ForbiddenError');
    expect((await gql(SWITCH, { pack: 'wolong' })).data.switchRulePack.__typename).toBe('ForbiddenError');
  });

  it('refuses a pack whose teams the directory cannot staff', async () => {
    // Shuncheng needs a non-coal specialist in every non-coal team; take them all out of the directory.
    await db.sql.query(`UPDATE inspector SET domains = array_remove(domains, 'non_coal_mine')`);
    const result = await gql(SWITCH, { pack: 'shuncheng' }, await tokenFor(db, '411303'));
    expect(result.data.switchRulePack.__typename).toBe('ValidationError');
    expect(result.data.switchRulePack.issues[0].message).toMatch(/non_coal_mine teams need 1 specialist\(s\) but the directory has 0 eligible/);
  });
});

describe('verifyDraw over GraphQL', () => {
  it('re-derives a published example for anyone, and reports where a tampered one differs', async () => {
    const { readFileSync } = await import('node:fs');
    const { openDatabase } = await import('../../src/server/db/database.ts');
    const db = await openDatabase({ dataDir: 'memory://' });
    const gql = graphqlClient(buildApp(db, await loadRegistry()));
    const example = JSON.parse(readFileSync(new URL('../../docs/draw-examples/shuncheng.json', import.meta.url), 'utf8'));
    const query = 'query($draw: JSON!) { verifyDraw(draw: $draw) { matches differences { path expected actual } } }';
    expect((await gql(query, { draw: example })).data.verifyDraw).toEqual({ matches: true, differences: [] });
    example.record.picks[1].team.members.reverse();
    const result = (await gql(query, { draw: example })).data.verifyDraw;
    expect(result.matches).toBe(false);
    expect(result.differences.map((d: any) => d.path)).toEqual(expect.arrayContaining(['record.picks[1].team.members[0]']));
    expect((await gql(query, { draw: { nonsense: true } })).data.verifyDraw.matches).toBe(false);
    await db.close();
  });

  it('runs the exported hook source isolated when it is a loaded pack\'s, and refuses to run any other', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openDatabase } = await import('../../src/server/db/database.ts');
    const { runDraw } = await import('../../src/core/draw/draw.ts');
    const { commitmentOf } = await import('../../src/core/draw/seed.ts');
    const { EXPORT_FORMAT } = await import('../../src/core/draw/export.ts');
    const { packContentJson } = await import('../../src/core/rules/pack-content.ts');
    const { toHex, utf8 } = await import('../../src/core/draw/ports.ts');
    const { demoSnapshot } = await import('../../src/demo/demo-snapshot.ts');
    const { NODE_DRAW_PORTS: ports } = await import('../../src/server/draw-ports.ts');
    const wolong = (await loadRegistry()).get('wolong')!;
    const dir = mkdtempSync(join(tmpdir(), 'packs-'));
    writeFileSync(join(dir, 'hooked.mjs'), `export default { meta: ${JSON.stringify({ ...wolong.meta, id: 'wolong-hooked' })}, rules: ${JSON.stringify(wolong.ownRules)},
      hooks: { poolFilter: ({ enterprise }) => (enterprise.scale !== 'MICRO' ? true : { reason: '微型企业另行抽查', cite: { doc: 'wolong-rules', clause: '第五条' } }) } };`);
    const registry = await loadRegistry({ packsDir: dir });
    const pack = registry.get('wolong-hooked')!;
    expect(pack).toBeDefined();
    const snapshot = demoSnapshot({ enterprises: 300 });
    const secret = 'b5'.repeat(32);
    const seed = { secret, commitment: commitmentOf(secret, ports), entropy: [] };
    const task = { id: 'T-1', year: 2026, inspectionDate: '2026-06-15', sectors: [], covert: false, joint: false, special: false, size: 10 };
    const run = runDraw({ snapshot, task, pack: { key: 'wolong-hooked@1.0.0', contentHash: pack.contentHash, rules: pack.rules }, hooks: pack.hooks, seed }, ports);
    if (!run.ok) throw new Error(run.error.map((e) => e.message).join('; '));
    const exported = { format: EXPORT_FORMAT, pack: { key: 'wolong-hooked@1.0.0', contentHash: pack.contentHash, meta: pack.meta, rules: pack.rules, hooks: pack.hookSources }, task, snapshot, seed, record: run.value };
    const db = await openDatabase({ dataDir: 'memory://' });
    const gql = graphqlClient(buildApp(db, registry));
    const query = 'query($draw: JSON!) { verifyDraw(draw: $draw) { matches differences { path expected actual } } }';
    expect((await gql(query, { draw: exported })).data.verifyDraw).toEqual({ matches: true, differences: [] });
    const hooks = { poolFilter: '({ enterprise }) => { for (;;); }' };
    const uploaded = { ...exported, pack: { ...exported.pack, hooks, contentHash: toHex(ports.sha256(utf8(packContentJson(pack.meta, pack.rules, hooks)))) } };
    const refused = (await gql(query, { draw: uploaded })).data.verifyDraw;
    expect(refused.matches).toBe(false);
    expect(refused.differences).toEqual([expect.objectContaining({ path: 'pack.hooks', actual: expect.stringContaining('服务器不运行上传的代码') })]);
    await db.close();
  });
});

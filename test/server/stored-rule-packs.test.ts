import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/rulepacks/registry.ts';
import { issueToken } from '../../src/server/auth/tokens.ts';
import { createEventBus } from '../../src/server/events/pubsub.ts';
import { loadStoredPacks } from '../../src/server/rulepacks/stored-packs.ts';
import { buildApp, graphqlClient } from '../helpers/app.ts';
import { TEST_DATABASES, type TestDb } from '../helpers/databases.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';

const SAVE = `mutation($base: String!, $meta: RulePackMetaInput!, $rules: JSON!, $dryRun: Boolean, $j: String = "411303") {
  saveRulePack(jurisdiction: $j, base: $base, meta: $meta, rules: $rules, dryRun: $dryRun) {
    __typename
    ... on SavedRulePack { saved pack { key extends level contentHash rules } differences { path change before { zh } after { zh source citation { document clause } } } }
    ... on ValidationError { issues { field message } }
    ... on Error { message }
  }
}`;
const STORED = `query($j: String!) { storedRulePacks(jurisdiction: $j) { __typename ... on QueryStoredRulePacksSuccess { data { key extends contentHash usedAt createdBy ownRules pack { key } } } } }`;
const LOCK = `mutation($t: ID!) { lockTask(task: $t) { __typename ... on Draw { id } ... on Error { message } } }`;
const DRAW = `mutation($d: ID!) { drawTask(draw: $d) { __typename ... on Draw { id status picks { order } } ... on Error { message } } }`;
const CREATE_TASK = `mutation($j: String!, $input: TaskInput!) { createTask(jurisdiction: $j, input: $input) { __typename ... on Task { id } ... on Error { message } } }`;

/** 卧龙区's own 2026 notice: teams of three instead of the 细则's two. */
const META = {
  id: 'wolong-2026',
  name: '卧龙区双随机抽查规则（2026年）',
  sources: [{ id: 'notice-2026', number: '宛卧应急〔2026〕1号', title: '关于调整双随机抽查检查组人数的通知' }],
  inForceFrom: '2026-01-01',
};
const RULES = { team: { minSize: 3, leader: true, cite: { doc: 'notice-2026', clause: '二' } } };
/** The pack's meta as stored (and as a file pack with the same content writes it). */
const STORED_META = {
  id: 'wolong-2026',
  name: META.name,
  level: 'COUNTY',
  version: '1.0.0',
  sources: META.sources,
  inForce: { from: '2026-01-01' },
  extends: 'wolong@1.0.0',
};

describe.each(TEST_DATABASES)('a county edits its own pack, stored in the database ($name)', (target) => {
  let db: TestDb;
  let demo: DemoCounty;
  const events = createEventBus();
  let dir: string;

  beforeAll(async () => {
    db = await target.open();
    demo = await demoCounty(db, { events });
    dir = mkdtempSync(join(tmpdir(), 'stored-pack-'));
  }, 120_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await demo?.app.stop();
    await events.close();
    await db?.close();
  });

  it('refuses a value without its citation and a value of the wrong type, on the path, in Chinese, saving nothing', async () => {
    const uncited = await demo.gql(SAVE, { base: 'wolong@1.0.0', meta: META, rules: { team: { minSize: 3, leader: true } } }, demo.tokens.ADMIN);
    expect(uncited.data.saveRulePack.__typename).toBe('ValidationError');
    expect(uncited.data.saveRulePack.issues).toEqual([{ field: 'rules.team.cite', message: expect.stringContaining('每条规则须注明依据') }]);
    const mistyped = await demo.gql(SAVE, { base: 'wolong@1.0.0', meta: META, rules: { team: { ...RULES.team, minSize: '三' } } }, demo.tokens.ADMIN);
    expect(mistyped.data.saveRulePack.issues).toEqual([{ field: 'rules.team.minSize', message: expect.stringMatching(/无效输入：期望 数字/) }]);
    const unknownDoc = await demo.gql(SAVE, { base: 'wolong@1.0.0', meta: META, rules: { team: { ...RULES.team, cite: { doc: 'nowhere', clause: '二' } } } }, demo.tokens.ADMIN);
    expect(unknownDoc.data.saveRulePack.issues).toEqual([{ field: 'rules.team.cite', message: expect.stringContaining('引用的文件「nowhere」不在依据文件之中') }]);
    expect((await demo.gql(STORED, { j: DEMO })).data.storedRulePacks.data).toEqual([]);
  });

  it('refuses anyone but an admin of the jurisdiction', async () => {
    expect((await demo.gql(SAVE, { base: 'wolong@1.0.0', meta: META, rules: RULES }, demo.tokens.PLANNER)).data.saveRulePack.__typename).toBe('ForbiddenError');
    expect((await demo.gql(SAVE, { base: 'wolong@1.0.0', meta: META, rules: RULES }, demo.tokens.neighbourAdmin)).data.saveRulePack.__typename).toBe('ForbiddenError');
    expect((await demo.gql(SAVE, { base: 'wolong@1.0.0', meta: META, rules: RULES })).data.saveRulePack.__typename).toBe('ForbiddenError');
  });

  it('saves a county pack extending 卧龙区’s with a changed value and its citation, with the diff, on the audit trail', async () => {
    const preview = (await demo.gql(SAVE, { base: 'wolong@1.0.0', meta: META, rules: RULES, dryRun: true }, demo.tokens.ADMIN)).data.saveRulePack;
    expect(preview).toMatchObject({ __typename: 'SavedRulePack', saved: false });
    expect((await demo.gql(STORED, { j: DEMO })).data.storedRulePacks.data).toEqual([]);

    const saved = (await demo.gql(SAVE, { base: 'wolong@1.0.0', meta: META, rules: RULES }, demo.tokens.ADMIN)).data.saveRulePack;
    expect(saved).toMatchObject({ __typename: 'SavedRulePack', saved: true, pack: { key: 'wolong-2026@1.0.0', extends: 'wolong@1.0.0', level: 'COUNTY' } });
    expect(saved.pack.rules.team).toEqual(RULES.team);
    expect(saved.pack.rules.cap.perYear).toBe(2); // the rest is 卧龙's
    expect(saved.differences).toEqual([{ path: 'team', change: 'changed', before: { zh: expect.stringContaining('2') }, after: expect.objectContaining({ citation: { document: 'notice-2026', clause: '二' }, source: '宛卧应急〔2026〕1号 二' }) }]);
    expect(saved.pack.contentHash).toBe(preview.pack.contentHash);

    const stored = (await demo.gql(STORED, { j: DEMO }, demo.tokens.ADMIN)).data.storedRulePacks.data;
    expect(stored).toEqual([{ key: 'wolong-2026@1.0.0', extends: 'wolong@1.0.0', contentHash: saved.pack.contentHash, usedAt: null, createdBy: 'admin-411303', ownRules: RULES, pack: { key: 'wolong-2026@1.0.0' } }]);
    const [entry] = await db.sql.query<{ action: string; actor: string; payload: any }>(`SELECT action, actor, payload FROM audit_entry WHERE action = 'rulePack.saved'`);
    expect(entry).toMatchObject({ actor: 'token:admin-411303', payload: { packKey: 'wolong-2026@1.0.0', contentHash: saved.pack.contentHash, base: 'wolong@1.0.0', changed: ['team'] } });
  });

  it('diffs two packs by key, stored ones included', async () => {
    const diff = (await demo.gql(`{ rulePackDiff(a: "wolong@1.0.0", b: "wolong-2026@1.0.0") { ... on QueryRulePackDiffSuccess { data { path change after { citation { clause } } } } } }`)).data.rulePackDiff.data;
    expect(diff).toEqual([{ path: 'team', change: 'changed', after: { citation: { clause: '二' } } }]);
  });

  it('gets the content hash a file pack with the same content gets', async () => {
    writeFileSync(join(dir, 'wolong-2026.json'), JSON.stringify({ meta: STORED_META, rules: RULES }));
    const files = await loadRegistry({ packsDir: dir });
    expect(files.problems).toEqual([]);
    const stored = (await demo.gql(STORED, { j: DEMO })).data.storedRulePacks.data[0];
    expect(files.get('wolong-2026', '1.0.0')!.contentHash).toBe(stored.contentHash);
    // docs/rule-packs.md section 10 shows exactly what is stored.
    const guide = readFileSync(new URL('../../docs/rule-packs.md', import.meta.url), 'utf8');
    const shown = /## 10\.[\s\S]*?```json\n([\s\S]*?)```/.exec(guide)?.[1];
    expect(JSON.parse(shown ?? 'null')).toEqual({ meta: STORED_META, rules: RULES });
  });

  it('is loaded by another server instance on the same database: at once through the event bus, and by key on a lookup', async () => {
    // An instance that heard the save (they share the event bus, as instances share Redis).
    const hearing = await loadRegistry();
    const listening = buildApp(db, hearing, { events, drawPacingMs: 0 });
    const again = (await demo.gql(SAVE, { base: 'wolong-2026@1.0.0', meta: { ...META, id: null }, rules: { ...RULES, cap: { perYear: 3, exceptions: ['directedSpecial'], cite: { doc: 'notice-2026', clause: '三' } } } }, demo.tokens.ADMIN)).data.saveRulePack;
    expect(again).toMatchObject({ saved: true, pack: { key: 'wolong-2026@1.1.0', extends: 'wolong@1.0.0' } });
    await expect.poll(() => hearing.packs.has('wolong-2026@1.1.0')).toBe(true);
    expect(hearing.packs.get('wolong-2026@1.1.0')!.contentHash).toBe(again.pack.contentHash);
    await listening.stop();

    // An instance started apart (no shared bus): it reads the stored pack from the database.
    const apart = buildApp(db, await loadRegistry(), { drawPacingMs: 0 });
    const found = (await graphqlClient(apart)(`{ rulePack(id: "wolong-2026", version: "1.1.0") { key contentHash rules } }`)).data.rulePack;
    expect(found).toMatchObject({ key: 'wolong-2026@1.1.0', contentHash: again.pack.contentHash });
    expect(found.rules.cap.perYear).toBe(3);
    await apart.stop();
  });

  it('is switched to through switchRulePack and draws a task; a version a draw used stays as it is', async () => {
    const switched = (await demo.gql(`mutation { switchRulePack(jurisdiction: "411303", pack: "wolong-2026", version: "1.0.0") { __typename ... on Jurisdiction { rulePack { key } } ... on ValidationError { issues { message } } } }`, {}, demo.tokens.ADMIN)).data.switchRulePack;
    expect(switched).toEqual({ __typename: 'Jurisdiction', rulePack: { key: 'wolong-2026@1.0.0' } });
    const task = (await demo.gql(CREATE_TASK, { j: DEMO, input: TASK_INPUT }, demo.tokens.PLANNER)).data.createTask;
    const lock = (await demo.gql(LOCK, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    expect(lock.__typename, JSON.stringify(lock)).toBe('Draw');
    const drawn = (await demo.gql(DRAW, { d: lock.id }, demo.tokens.DRAW_OFFICER)).data.drawTask;
    expect(drawn).toMatchObject({ __typename: 'Draw', status: 'DRAWN' });
    expect(await db.sql.query(`SELECT pack->>'key' AS key FROM draw`)).toEqual([{ key: 'wolong-2026@1.0.0' }]);

    const stored = (await demo.gql(STORED, { j: DEMO })).data.storedRulePacks.data;
    expect(stored.find((s: any) => s.key === 'wolong-2026@1.0.0').usedAt).not.toBeNull();
    expect(stored.find((s: any) => s.key === 'wolong-2026@1.1.0').usedAt).toBeNull();

    // Changing the version the draw used is refused: through the API, and in the database itself.
    const change = (await demo.gql(SAVE, { base: 'wolong-2026@1.0.0', meta: { ...META, version: '1.0.0' }, rules: { team: { ...RULES.team, minSize: 4 } } }, demo.tokens.ADMIN)).data.saveRulePack;
    expect(change.issues).toEqual([{ field: 'meta.version', message: expect.stringContaining('已被抽取使用') }]);
    await expect(db.owner.query(`UPDATE stored_rule_pack SET rules = '{}' WHERE version = '1.0.0'`)).rejects.toThrow(/不能修改.*已有抽取使用该版本/);
    await expect(db.owner.query(`DELETE FROM stored_rule_pack`)).rejects.toThrow(/不能删除/);
    await expect(db.sql.query(`UPDATE stored_rule_pack SET rules = '{}'`)).rejects.toThrow(/permission denied/);
    // A saved version nobody drew with is immutable too: editing makes the next version.
    const unused = (await demo.gql(SAVE, { base: 'wolong-2026@1.1.0', meta: { ...META, version: '1.1.0' }, rules: RULES }, demo.tokens.ADMIN)).data.saveRulePack;
    expect(unused.issues).toEqual([{ field: 'meta.version', message: expect.stringContaining('已保存的版本不能修改') }]);
  });

  it('reports a stored pack that no longer validates as a problem, and loads the others', async () => {
    const j = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    const broken = { ...STORED_META, id: 'wolong-broken' };
    // Written behind the application (as an older release might have): team.minSize is no number.
    await db.owner.query(`INSERT INTO stored_rule_pack (pack_id, version, jurisdiction_id, meta, rules, content_hash, created_by) VALUES ('wolong-broken', '1.0.0', $1, $2, $3, 'x', 'test')`, [j.id, JSON.stringify(broken), JSON.stringify({ team: { ...RULES.team, minSize: 'x' } })]);
    const registry = await loadRegistry();
    const { loaded, problems } = await loadStoredPacks(db.prisma, registry);
    expect(loaded.map((p) => `${p.meta.id}@${p.meta.version}`).sort()).toEqual(['wolong-2026@1.0.0', 'wolong-2026@1.1.0']);
    expect(problems).toEqual([expect.objectContaining({ code: 'SCHEMA', file: 'stored:wolong-broken@1.0.0', path: 'rules.team.minSize' })]);
    expect(registry.problems).toEqual(problems);
    // Reloading reports it once, not again.
    await loadStoredPacks(db.prisma, registry);
    expect(registry.problems).toHaveLength(1);
    const refused = (await demo.gql(`{ rulePackProblems { file path } }`)).data.rulePackProblems;
    expect(refused).toContainEqual({ file: 'stored:wolong-broken@1.0.0', path: 'rules.team.minSize' });
  });

  it('refuses an id that is a built-in pack’s or another jurisdiction’s', async () => {
    const builtIn = (await demo.gql(SAVE, { base: 'wolong@1.0.0', meta: { ...META, id: 'shuncheng' }, rules: RULES }, demo.tokens.ADMIN)).data.saveRulePack;
    expect(builtIn.issues).toEqual([{ field: 'meta.id', message: expect.stringContaining('内置或文件规则包') }]);
    const operator = (await issueToken(db.prisma, { name: 'operator', role: 'OPERATOR', jurisdictionId: null })).secret;
    const taken = (await demo.gql(SAVE, { j: '411302', base: 'wolong@1.0.0', meta: META, rules: RULES }, operator)).data.saveRulePack;
    expect(taken.issues).toEqual([{ field: 'meta.id', message: expect.stringContaining('其他辖区') }]);
    const mine = (await demo.gql(SAVE, { j: '411302', base: 'wolong-2026@1.0.0', meta: { ...META, id: 'wancheng' }, rules: RULES }, operator)).data.saveRulePack;
    expect(mine.issues).toEqual([{ field: 'base', message: expect.stringContaining('属于其他辖区') }]);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDraw } from '../../src/core/draw/draw.ts';
import { EXPORT_FORMAT, type DrawExport } from '../../src/core/draw/export.ts';
import { toHex, utf8 } from '../../src/core/draw/ports.ts';
import { commitmentOf } from '../../src/core/draw/seed.ts';
import { snapshotShapeIssues } from '../../src/core/draw/snapshot-shape.ts';
import type { DrawRecord, DrawSnapshot, DrawTask } from '../../src/core/draw/types.ts';
import { verifyDraw } from '../../src/core/draw/verify.ts';
import { explainCandidate } from '../../src/core/draw/explain-candidate.ts';
import type { EnterpriseFacts, InspectorFacts, RulePackHooks } from '../../src/core/rules/facts.ts';
import { packContentJson } from '../../src/core/rules/pack-content.ts';
import { rotationHistory } from '../../src/core/rules/rotation.ts';
import type { Meta, Rules } from '../../src/core/rules/schema.ts';
import { isolateHookSources } from '../../src/rulepacks/sdk/isolate-hooks.ts';
import { NODE_DRAW_PORTS as ports } from '../../src/server/draw-ports.ts';

/** 轮换 rotation (§7a), 一般不重合 avoid and the lower level's picks (§5c), hooks with history (§5a): double-random/v4. */
const root = fileURLToPath(new URL('../../', import.meta.url));
const cite = (clause: string) => ({ doc: 'd', clause });
const meta: Meta = { id: 'rotation-test', name: '轮换测试', level: 'COUNTY', version: '1.0.0', sources: [{ id: 'd', title: '测试规则' }], inForce: { from: '2026-01-01' } };
const u = (n: number) => `91411303MA4R${String(n).padStart(5, '0')}X`;
const enterprise = (n: number): EnterpriseFacts => ({ uscc: u(n), name: `企业${n}`, sector: 'machinery', subSector: null, scale: 'SMALL', riskLevel: 'LOW', creditLevel: 'NORMAL', blacklisted: false, keyHighDanger: false, majorHazardSource: false, township: null, operatingStatus: 'OPERATING', records: [] });
const inspector = (id: string): InspectorFacts => ({ id, unit: '执法大队', unitKind: 'BRIGADE', domains: ['machinery'], formalStaff: true, certificateValidUntil: '2030-01-01', home: 'own' });
const base: DrawSnapshot = { enterprises: Array.from({ length: 10 }, (_, i) => enterprise(i + 1)), inspectors: ['I-1', 'I-2', 'I-3', 'I-4', 'I-5', 'I-6', 'I-7', 'I-8'].map(inspector), experts: [], checklist: [], history: {}, conflicts: [] };
const task = (n: number, size = 2): DrawTask => ({ id: `T-${n}`, year: 2026, inspectionDate: '2026-06-15', sectors: [], covert: false, joint: false, special: false, size, substitutes: 0 });
const secret = (n: number) => toHex(ports.sha256(utf8(`secret ${n}`)));
const seed = (n: number) => ({ secret: secret(n), commitment: commitmentOf(secret(n), ports), entropy: [`beacon:${n}`] });
const packOf = (rules: Rules, hooks: Record<string, string> = {}) => ({ key: 'rotation-test@1.0.0', contentHash: toHex(ports.sha256(utf8(packContentJson(meta, rules, hooks)))), rules });

function drawn(snapshot: DrawSnapshot, rules: Rules, n: number, size = 2, hooks?: RulePackHooks, sources: Record<string, string> = {}): DrawRecord {
  const result = runDraw({ snapshot, task: task(n, size), pack: packOf(rules, sources), seed: seed(n), ...(hooks ? { hooks } : {}) }, ports);
  if (!result.ok) throw new Error(result.error.map((s) => s.message).join('\n'));
  return result.value;
}
const served = (r: DrawRecord) => new Set(r.picks.flatMap((p) => p.team.members));
const asServed = (r: DrawRecord) => ({ leaders: r.picks.map((p) => p.team.leader), served: [...served(r)] });
const exportOf = (snapshot: DrawSnapshot, rules: Rules, n: number, record: DrawRecord, size = 2, hooks: Record<string, string> = {}): DrawExport => ({ format: EXPORT_FORMAT, pack: { key: 'rotation-test@1.0.0', contentHash: packOf(rules, hooks).contentHash, meta, rules, hooks }, task: task(n, size), snapshot, seed: seed(n), record });

function python(exported: DrawExport) {
  const dir = mkdtempSync(join(tmpdir(), 'rotation-py-'));
  try {
    writeFileSync(join(dir, 'draw.json'), JSON.stringify(exported));
    const result = spawnSync('python3', [join(root, 'scripts/verify_draw.py'), join(dir, 'draw.json')], { encoding: 'utf8' });
    return JSON.parse(result.stdout.trim()) as { verified: boolean; differences: unknown[] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rotationRules: Rules = { team: { minSize: 2, leader: true, rotation: { maxConsecutiveDraws: 1, cite: cite('确保每次双随机人员不同') }, cite: cite('三') } };

describe('rotation: at most n consecutive draws (team.rotation, history.consecutiveDraws)', () => {
  it('never shares an inspector between two draws in a row; the third reuses the first; TS and Python re-derive it from the export', () => {
    // 8 inspectors, 2 teams of 2 a draw: the first takes 4, the second must take the other 4.
    const first = drawn(base, rotationRules, 1);
    expect(first.algorithm).toBe('double-random/v1');
    const s2: DrawSnapshot = { ...base, history: rotationHistory([asServed(first)]) };
    const second = drawn(s2, rotationRules, 2);
    expect(second.algorithm).toBe('double-random/v4');
    expect([...served(second)].filter((id) => served(first).has(id))).toEqual([]);
    expect(second.ineligibleInspectors.map((x) => x.id).sort()).toEqual([...served(first)].sort());
    expect(second.ineligibleInspectors[0]!.reasons).toEqual([{ messageId: 'ROTATION_LIMIT', data: { id: second.ineligibleInspectors[0]!.id, count: 1, max: 1 }, cite: cite('确保每次双随机人员不同') }]);
    const s3: DrawSnapshot = { ...base, history: rotationHistory([asServed(second), asServed(first)]) };
    const third = drawn(s3, rotationRules, 3);
    expect([...served(third)].sort()).toEqual([...served(first)].sort());
    expect([...served(third)].filter((id) => served(second).has(id))).toEqual([]);
    for (const [s, n, r] of [[s2, 2, second], [s3, 3, third]] as const) {
      expect(verifyDraw(exportOf(s, rotationRules, n, r), ports)).toMatchObject({ matches: true });
      expect(python(exportOf(s, rotationRules, n, r))).toEqual(expect.objectContaining({ verified: true }));
    }
    // A record that kept a rotated-out inspector does not verify.
    const tampered = { ...second, ineligibleInspectors: second.ineligibleInspectors.slice(1) };
    expect(verifyDraw(exportOf(s2, rotationRules, 2, tampered), ports).matches).toBe(false);
    expect(python(exportOf(s2, rotationRules, 2, tampered)).verified).toBe(false);
  });

  it('counts draws in a row: with at most 2, one served twice running is out, once is not; history nobody reaches keeps v1', () => {
    const rules: Rules = { team: { ...rotationRules.team!, rotation: { maxConsecutiveDraws: 2, cite: cite('三') } } };
    expect(rotationHistory([{ leaders: ['I-1'], served: ['I-1', 'I-2'] }, { leaders: ['I-2'], served: ['I-2', 'I-3'] }, { leaders: [], served: ['I-1'] }])).toEqual({ consecutiveDraws: { 'I-1': 1, 'I-2': 2 }, lastLeaders: ['I-1'] });
    const record = drawn({ ...base, history: { consecutiveDraws: { 'I-1': 1, 'I-2': 2 } } }, rules, 4);
    expect(record.algorithm).toBe('double-random/v4');
    expect(record.ineligibleInspectors.map((x) => x.id)).toEqual(['I-2']);
    expect(drawn({ ...base, history: { consecutiveDraws: { 'I-1': 1 } } }, rules, 4).algorithm).toBe('double-random/v1');
    expect(rotationHistory([])).toEqual({});
  });

  it('checks the history\'s shape: counts whole numbers ≥ 1, lists non-empty, absent when empty', () => {
    const issues = snapshotShapeIssues({ ...base, history: { consecutiveDraws: { 'I-1': 0 }, lastLeaders: [], lowerLevelDrawn: ['a', 'a'] } });
    expect(issues.map((i) => i.path)).toEqual(['snapshot.history.consecutiveDraws.I-1', 'snapshot.history.lastLeaders', 'snapshot.history.lowerLevelDrawn']);
  });
});

describe('hooks with history (§5a)', () => {
  it('lets a pure, isolated hook say "not the same leader as last time"; v1–v3 hooks get no history', () => {
    const source = `({ inspector, history }) => history && history.lastLeaders.includes(inspector.id) ? { reason: '上次担任组长', cite: { doc: 'd', clause: '四' } } : true`;
    const made = isolateHookSources({ inspectorEligible: source }, new Set(['d']));
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    const rules: Rules = { team: { minSize: 2, leader: true, rotation: { maxConsecutiveDraws: 5, cite: cite('三') }, cite: cite('三') } };
    const snapshot: DrawSnapshot = { ...base, history: { consecutiveDraws: { 'I-1': 1, 'I-2': 1, 'I-3': 1, 'I-4': 1 }, lastLeaders: ['I-1', 'I-3'] } };
    const record = drawn(snapshot, rules, 5, 2, made.value, { inspectorEligible: source });
    expect(record.algorithm).toBe('double-random/v4');
    expect(record.ineligibleInspectors.map((x) => [x.id, x.reasons[0]!.messageId])).toEqual([['I-1', 'HOOK_REFUSED'], ['I-3', 'HOOK_REFUSED']]);
    expect(record.picks.every((p) => !['I-1', 'I-3'].includes(p.team.leader))).toBe(true);
    const exported = exportOf(snapshot, rules, 5, record, 2, { inspectorEligible: source });
    expect(verifyDraw(exported, { ...ports, isolateHooks: isolateHookSources })).toMatchObject({ matches: true });

    // The history is frozen; a v1 draw's hook sees its old arguments only.
    const seen: unknown[] = [];
    const spy: RulePackHooks = { inspectorEligible: (input) => (seen.push(input), true) };
    drawn(snapshot, rules, 5, 2, spy);
    const withHistory = seen[0] as { history: { lastLeaders: string[] } };
    expect(Object.isFrozen(withHistory.history) && Object.isFrozen(withHistory.history.lastLeaders)).toBe(true);
    seen.length = 0;
    expect(drawn(base, rules, 6, 2, spy).algorithm).toBe('double-random/v1');
    expect(Object.keys(seen[0] as object).sort()).toEqual(['inspector', 'task']);
  });
});

describe('一般不重合: avoided units drawn only for the seats the pool cannot fill (§5c)', () => {
  const avoid: Rules = { team: { minSize: 1, leader: true, cite: cite('三') }, exclusions: { upperLevelDrawnThisYear: { effect: 'avoid', cite: cite('二(二)') } } };
  const upper = [u(1), u(2), u(3), u(4)];
  const snapshot: DrawSnapshot = { ...base, history: { upperLevelDrawn: upper } };

  it('draws exactly as many avoided units as the pool is short, and none when it is not', () => {
    for (const size of [4, 6, 7, 9, 10]) {
      const record = drawn(snapshot, avoid, 10 + size, size);
      expect(record.algorithm).toBe('double-random/v4');
      const fromReserve = record.picks.filter((p) => p.reserve);
      expect(fromReserve).toHaveLength(Math.max(0, size - 6));
      expect(fromReserve.every((p) => upper.includes(p.uscc))).toBe(true);
      expect(record.picks.filter((p) => !p.reserve).every((p) => !upper.includes(p.uscc))).toBe(true);
      expect(record.avoided!.map((a) => a.uscc)).toEqual(upper);
      expect(record.excluded).toEqual([]);
      expect(python(exportOf(snapshot, avoid, 10 + size, record, size))).toEqual(expect.objectContaining({ verified: true }));
    }
  });

  it('fills the seats a ratio task leaves from the reserve, and refuses only what the reserve cannot fill (§6a step 3)', () => {
    // 6 members (4 of 10 avoided), all LOW: 50 % rounded up is 3; no weighted stratum is left.
    const ratios: Rules = { ...avoid, strata: { by: ['riskLevel'], ratios: [{ when: { riskLevel: ['LOW'] }, percent: 50 }], cite: cite('七') } };
    const record = drawn(snapshot, ratios, 40, 6);
    expect(record.picks.filter((p) => !p.reserve)).toHaveLength(3);
    expect(record.picks.filter((p) => p.reserve)).toHaveLength(3);
    expect(record.strata).toEqual([expect.objectContaining({ stratum: 'riskLevel=LOW', size: 6, quota: 3, inclusion: '1/2' })]);
    expect(python(exportOf(snapshot, ratios, 40, record, 6))).toEqual(expect.objectContaining({ verified: true }));
    const reserved = explainCandidate({ snapshot, task: task(40, 6), pack: packOf(ratios) }, u(1))!;
    expect(reserved.inclusion).toBe('3/4');
    const tooBig = runDraw({ snapshot, task: task(41, 8), pack: packOf(ratios), seed: seed(41) }, ports);
    expect(tooBig.ok ? tooBig.value : tooBig.error[0]).toMatchObject({ code: 'RATIOS_SIZE', needed: 7 });
  });

  it('with exclude never draws them; with an upper list outside the directory stays v1', () => {
    const exclude: Rules = { ...avoid, exclusions: { upperLevelDrawnThisYear: { effect: 'exclude', cite: cite('十五') } } };
    const result = runDraw({ snapshot, task: task(30, 7), pack: packOf(exclude), seed: seed(30) }, ports);
    expect(result.ok ? result.value : result.error[0]!.code).toBe('POOL_TOO_SMALL');
    expect(drawn(snapshot, exclude, 31, 6).picks.some((p) => upper.includes(p.uscc))).toBe(false);
    expect(drawn({ ...base, history: { upperLevelDrawn: ['91000000000000000X'] } }, avoid, 32, 6).algorithm).toBe('double-random/v1');
  });

  it('lets the upper level avoid (or exclude) what the lower levels drew', () => {
    const lowerAvoid: Rules = { team: avoid.team, exclusions: { lowerLevelDrawnThisYear: { effect: 'avoid', cite: cite('二(二)') } } };
    const s: DrawSnapshot = { ...base, history: { lowerLevelDrawn: upper } };
    const record = drawn(s, lowerAvoid, 40, 8);
    expect(record.algorithm).toBe('double-random/v4');
    expect(record.picks.filter((p) => p.reserve).map((p) => p.uscc).every((x) => upper.includes(x))).toBe(true);
    expect(record.picks.filter((p) => p.reserve)).toHaveLength(2);
    expect(record.avoided![0]!.reasons[0]).toMatchObject({ messageId: 'LOWER_LEVEL_AVOIDED', cite: cite('二(二)') });
    expect(python(exportOf(s, lowerAvoid, 40, record, 8))).toEqual(expect.objectContaining({ verified: true }));
    const lowerExclude: Rules = { team: avoid.team, exclusions: { lowerLevelDrawnThisYear: { effect: 'exclude', cite: cite('二(二)') } } };
    const excluded = drawn(s, lowerExclude, 41, 6);
    expect(excluded.excluded.map((x) => [x.uscc, x.reasons[0]!.messageId])).toEqual(upper.map((x) => [x, 'LOWER_LEVEL_DRAWN']));
    expect(excluded.picks.some((p) => upper.includes(p.uscc))).toBe(false);
  });
});

describe('coverage by the other level, shown (explainCandidate)', () => {
  const cover: Rules = { team: { minSize: 1, leader: true, cite: cite('三') }, frequencies: [{ who: 'all', every: 'year', cite: cite('二(六)') }] };
  it('says an avoided or excluded unit the other level inspected counts as covered, and gives the reserve its chance', () => {
    const snapshot: DrawSnapshot = { ...base, history: { upperLevelDrawn: [u(1), u(2)], lastInspected: { [u(1)]: '2026-03-16' } } };
    const avoid = { ...cover, exclusions: { upperLevelDrawnThisYear: { effect: 'avoid' as const, cite: cite('二(二)') } } };
    const reserve = explainCandidate({ snapshot, task: task(50, 9), pack: packOf(avoid) }, u(1))!;
    expect(reserve).toMatchObject({ inPool: false, chance: { numerator: 1, denominator: 2 } });
    expect(reserve.summary).toContain('已由上级抽取，2026-03-16 已检查，视为本期已覆盖');
    expect(explainCandidate({ snapshot, task: task(50, 4), pack: packOf(avoid) }, u(2))!.chance).toMatchObject({ numerator: 0 });
    const exclude = { ...cover, exclusions: { upperLevelDrawnThisYear: { effect: 'exclude' as const, cite: cite('十五') } } };
    expect(explainCandidate({ snapshot, task: task(50, 4), pack: packOf(exclude) }, u(1))!.summary).toContain('视为本期已覆盖');
    expect(explainCandidate({ snapshot, task: task(50, 4), pack: packOf(exclude) }, u(2))!.summary).not.toContain('视为本期已覆盖');
  });
});

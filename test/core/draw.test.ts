import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runDraw } from '../../src/core/draw/draw.ts';
import { EXPORT_FORMAT, type DrawExport } from '../../src/core/draw/export.ts';
import { commitmentOf } from '../../src/core/draw/seed.ts';
import type { DrawRecord, DrawSnapshot, DrawTask } from '../../src/core/draw/types.ts';
import { verifyDraw } from '../../src/core/draw/verify.ts';
import { packContentJson } from '../../src/core/rules/pack-content.ts';
import type { Rules } from '../../src/core/rules/schema.ts';
import { toHex, utf8 } from '../../src/core/draw/ports.ts';
import { demoSnapshot } from '../../src/demo/demo-snapshot.ts';
import { loadRegistry } from '../../src/rulepacks/registry.ts';
import { isolateHookSources } from '../../src/rulepacks/sdk/isolate-hooks.ts';
import { formatProblem } from '../../src/rulepacks/sdk/problem.ts';
import { validatePack, type LoadedPack } from '../../src/rulepacks/sdk/validate-pack.ts';
import { NODE_DRAW_PORTS as ports } from '../../src/server/draw-ports.ts';
import { chiSquare, chiSquareCritical } from './draw-primitives.test.ts';

const registry = await loadRegistry();
const snapshot = demoSnapshot({ enterprises: 2000 });
const secret = 'a7'.repeat(32);
const seedInputs = (entropy: string[] = ['beacon:2026-06-01T00:00Z:8e1f'], s = secret) => ({ secret: s, commitment: commitmentOf(s, ports), entropy });
const task = (over: Partial<DrawTask> = {}): DrawTask => ({ id: 'T-2026-001', year: 2026, inspectionDate: '2026-06-15', sectors: [], covert: false, joint: false, special: false, size: 40, ...over });

function draw(pack: LoadedPack, over: { snapshot?: DrawSnapshot; task?: DrawTask; entropy?: string[] } = {}): DrawRecord {
  const result = runDraw({ snapshot: over.snapshot ?? snapshot, task: over.task ?? task(), pack: { key: `${pack.meta.id}@${pack.meta.version}`, contentHash: pack.contentHash, rules: pack.rules }, seed: seedInputs(over.entropy) }, ports);
  if (!result.ok) throw new Error(result.error.map((s) => s.message).join('\n'));
  return result.value;
}

/**
 * Checks a draw against its pack's rules by reading the rules and the snapshot directly, not
 * through the engine's evaluators, so an engine bug cannot hide behind itself.
 */
function assertMeetsRules(record: DrawRecord, rules: Rules, s: DrawSnapshot, t: DrawTask): void {
  const enterprise = new Map(s.enterprises.map((e) => [e.uscc, e]));
  const inspector = new Map(s.inspectors.map((i) => [i.id, i]));
  expect(record.picks).toHaveLength(t.size);
  expect(new Set(record.picks.map((p) => p.uscc)).size).toBe(t.size);
  const load = new Map<string, number>();
  // Groups measured on dated records, with the pack's thresholds (or the documented defaults).
  const DEFAULTS = { complaintHeavy: [2, 12, 'COMPLAINT'], accidentProne: [2, 24, 'ACCIDENT'], penalised: [1, 12, 'PENALTY'], seriousViolator: [1, 36, 'SERIOUS_VIOLATION'] } as const;
  const inGroup = (uscc: string, who: string) => {
    const e = enterprise.get(uscc)!;
    if (who === 'keyHighDanger') return e.keyHighDanger;
    if (who === 'blacklisted') return e.blacklisted;
    if (who === 'majorHazard') return e.majorHazardSource;
    if (who === 'dishonest') return e.creditLevel === 'DISHONEST' || e.creditLevel === 'SERIOUSLY_DISHONEST';
    if (who === 'trustworthy') return e.creditLevel === 'TRUSTWORTHY';
    if (who === 'highRisk') return e.riskLevel === 'MAJOR' || e.riskLevel === 'HIGH';
    if (who === 'lowRisk') return e.riskLevel === 'LOW';
    if (who === 'directedSpecial') return t.special;
    if (who === 'all') return true;
    const d = DEFAULTS[who as keyof typeof DEFAULTS];
    if (!d) return false;
    const def = rules.definitions?.[who as keyof typeof DEFAULTS];
    const [min, months, kind] = [def?.minRecords ?? d[0], def?.withinMonths ?? d[1], d[2]];
    const since = new Date(Date.UTC(Number(t.inspectionDate.slice(0, 4)), Number(t.inspectionDate.slice(5, 7)) - 1 - months, Number(t.inspectionDate.slice(8, 10)))).toISOString().slice(0, 10);
    return e.records.filter((r) => r.kind === kind && r.occurredOn > since && r.occurredOn <= t.inspectionDate).length >= min;
  };
  const flagged = (uscc: string) => (rules.frequencies ?? []).some((f) => inGroup(uscc, f.who));
  const flaggedInPool = s.enterprises.filter((e) => e.operatingStatus !== 'CLOSED' && (!rules.scope || rules.scope.sectors.includes(e.sector)) && flagged(e.uscc)).length;

  for (const p of record.picks) {
    const e = enterprise.get(p.uscc)!;
    expect(e.operatingStatus).not.toBe('CLOSED');
    if (rules.scope) expect(rules.scope.sectors).toContain(e.sector);
    if (t.sectors.length) expect(t.sectors).toContain(e.sector);
    // Mandatory coverage: when more units are due than the task takes, every pick is one of them.
    if (flaggedInPool >= t.size) expect(flagged(p.uscc)).toBe(true);
    const cap = rules.cap;
    if (cap && !cap.exceptions.some((x) => inGroup(p.uscc, x))) expect(s.history.doubleRandomCount?.[p.uscc] ?? 0).toBeLessThan(cap.perYear);
    if (rules.exclusions?.upperLevelDrawnThisYear) expect(s.history.upperLevelDrawn ?? []).not.toContain(p.uscc);

    const special = rules.specialists?.find((x) => x.sector === e.sector);
    expect(p.team.members).toHaveLength(special?.teamSize ?? rules.team?.minSize ?? 2);
    expect(new Set(p.team.members).size).toBe(p.team.members.length);
    if (rules.team?.leader) expect(p.team.members).toContain(p.team.leader);
    if (special) expect(p.team.members.filter((m) => inspector.get(m)!.domains.includes(e.sector)).length).toBeGreaterThanOrEqual(special.minSpecialists);
    for (const m of [...p.team.members, ...p.team.substitutes]) {
      const i = inspector.get(m)!;
      expect(p.team.members.includes(m) && p.team.substitutes.includes(m)).toBe(false);
      if (rules.eligibility?.formalStaff) expect(i.formalStaff).toBe(true);
      if (rules.eligibility?.certificateValidOnInspectionDate) expect(i.certificateValidUntil! >= t.inspectionDate).toBe(true);
      if (rules.eligibility?.domainMatch && !special) expect(i.domains).toContain(e.sector);
      if (i.home === 'neighbour') expect(rules.pooling?.neighbours).toBe(true);
      if (i.unitKind === 'TOWNSHIP_STATION' && rules.pooling) expect(rules.pooling.townshipStations).toBe(true);
    }
    // Balanced load: each seat goes to someone with no more teams so far than any colleague
    // who could have taken it (own inspectors eligible for this enterprise, not yet in the team).
    const colleagues = s.inspectors.filter((i) => i.home === 'own' && (!rules.eligibility?.formalStaff || i.formalStaff) &&
      (!rules.eligibility?.certificateValidOnInspectionDate || (i.certificateValidUntil ?? '') >= t.inspectionDate) &&
      (!rules.eligibility?.domainMatch || special || i.domains.includes(e.sector)) && (!rules.pooling || rules.pooling.townshipStations || i.unitKind !== 'TOWNSHIP_STATION'));
    if (!special && colleagues.length >= p.team.members.length) {
      p.team.members.forEach((m, seat) => {
        const open = colleagues.filter((c) => !p.team.members.slice(0, seat).includes(c.id));
        expect(load.get(m) ?? 0).toBe(Math.min(...open.map((c) => load.get(c.id) ?? 0)));
      });
    }
    for (const m of p.team.members) load.set(m, (load.get(m) ?? 0) + 1);
    const wanted = rules.checklist?.drawItems?.min ?? 0;
    expect(p.items).toHaveLength(wanted);
    expect(new Set(p.items).size).toBe(wanted);
    for (const code of p.items) {
      const item = s.checklist.find((c) => c.code === code)!;
      expect(item.leaf).toBe(true);
      if (item.sectors.length) expect(item.sectors).toContain(e.sector);
    }
  }
}

describe.each(['panzhihua', 'yanshi', 'wolong', 'shuncheng', 'heilongjiang-county'])('a draw under %s on the demo directories', (id) => {
  const pack = registry.get(id)!;

  it('meets every rule of its pack', () => {
    assertMeetsRules(draw(pack), pack.rules, snapshot, task());
  });

  it('re-derives from its export, and a tampered export fails naming the difference', () => {
    const record = draw(pack);
    const exported: DrawExport = {
      format: EXPORT_FORMAT,
      pack: { key: record.packKey, contentHash: pack.contentHash, meta: pack.meta, rules: pack.rules, hooks: {} },
      task: task(),
      snapshot,
      seed: seedInputs(),
      record,
    };
    expect(verifyDraw(exported, ports)).toEqual({ matches: true, differences: [] });
    const swapped = structuredClone(exported) as { -readonly [K in keyof DrawExport]: any };
    swapped.record.picks[3].uscc = snapshot.enterprises.find((e) => !record.picks.some((p) => p.uscc === e.uscc))!.uscc;
    expect(verifyDraw(swapped as DrawExport, ports).differences.map((d) => d.path)).toContain('record.picks[3].uscc');
    const moved = structuredClone(exported) as any;
    moved.snapshot.enterprises[0].riskLevel = moved.snapshot.enterprises[0].riskLevel === 'LOW' ? 'MAJOR' : 'LOW';
    expect(verifyDraw(moved, ports).differences.map((d) => d.path)).toContain('record.snapshotHash');
    const rules = structuredClone(exported) as any;
    rules.pack.rules.team = { ...(rules.pack.rules.team ?? {}), minSize: 5, leader: true, cite: { doc: 'x', clause: 'x' } };
    expect(verifyDraw(rules, ports).differences[0]!.path).toBe('pack.contentHash');
  });
});

describe('the draw', () => {
  const wolong = registry.get('wolong')!;
  const shuncheng = registry.get('shuncheng')!;

  it('is reproducible from its inputs and changes with the entropy', () => {
    expect(draw(wolong)).toEqual(draw(wolong));
    const other = draw(wolong, { entropy: ['beacon:2026-06-01T00:00Z:8e20'] });
    expect(other.seed).not.toBe(draw(wolong).seed);
    expect(other.picks.map((p) => p.uscc)).not.toEqual(draw(wolong).picks.map((p) => p.uscc));
  });

  it('takes the snapshot hash published at the lock as given: the same record when it is right, a record that fails verification when the snapshot is not the locked one', () => {
    const input = { snapshot, task: task(), pack: { key: 'wolong@1.0.0', contentHash: wolong.contentHash, rules: wolong.rules }, seed: seedInputs() };
    const fresh = draw(wolong);
    expect(runDraw({ ...input, lockedSnapshotHash: fresh.snapshotHash }, ports)).toEqual({ ok: true, value: fresh });
    const other = structuredClone(snapshot) as any;
    other.enterprises[0].riskLevel = other.enterprises[0].riskLevel === 'LOW' ? 'MAJOR' : 'LOW';
    const swapped = runDraw({ ...input, snapshot: other, lockedSnapshotHash: fresh.snapshotHash }, ports);
    if (!swapped.ok) throw new Error('expected a draw');
    expect(swapped.value.snapshotHash).toBe(fresh.snapshotHash);
    const exported = { format: EXPORT_FORMAT, pack: { key: 'wolong@1.0.0', contentHash: wolong.contentHash, meta: wolong.meta, rules: wolong.rules, hooks: {} }, task: task(), snapshot: other, seed: seedInputs(), record: swapped.value } as DrawExport;
    expect(verifyDraw(exported, ports).differences.map((d) => d.path)).toContain('record.snapshotHash');
  });

  it('refuses a secret that does not match its commitment', () => {
    const result = runDraw({ snapshot, task: task(), pack: { key: 'wolong@1.0.0', contentHash: wolong.contentHash, rules: wolong.rules }, seed: { ...seedInputs(), secret: 'b8'.repeat(32) } }, ports);
    expect(result).toMatchObject({ ok: false, error: [{ code: 'BAD_INPUT' }] });
  });

  it('leaves out capped and upper-level enterprises, and says why with the clause', () => {
    const capped = Object.fromEntries(snapshot.enterprises.slice(0, 1500).map((e) => [e.uscc, 2]));
    const s = { ...snapshot, history: { doubleRandomCount: capped, upperLevelDrawn: snapshot.enterprises.slice(1500, 1700).map((e) => e.uscc) } };
    const record = draw(wolong, { snapshot: s });
    assertMeetsRules(record, wolong.rules, s, task());
    const reasons = record.excluded.flatMap((x) => x.reasons);
    expect(reasons.some((r) => r.messageId === 'CAP_REACHED' && r.cite?.clause === '第十五条（第三章）')).toBe(true);
    const shunchengRecord = draw(shuncheng, { snapshot: s, task: task({ size: 10 }) });
    for (const p of shunchengRecord.picks) expect(s.history.upperLevelDrawn).not.toContain(p.uscc);
  });

  it('reports a team it cannot staff, with what the pack allows, instead of a partial draw', () => {
    const few = { ...snapshot, inspectors: snapshot.inspectors.filter((i) => !i.domains.includes('non_coal_mine')) };
    const result = runDraw({ snapshot: few, task: task({ sectors: ['non_coal_mine'], size: 3 }), pack: { key: 'shuncheng@1.0.0', contentHash: shuncheng.contentHash, rules: shuncheng.rules }, seed: seedInputs() }, ports);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error[0]).toMatchObject({ code: 'SPECIALISTS_SHORT', needed: 1, available: 0 });
      expect(result.error[0]!.allowed).toContain('township stations (第十四条)');
    }
    const tooMany = runDraw({ snapshot, task: task({ size: 5000 }), pack: { key: 'wolong@1.0.0', contentHash: wolong.contentHash, rules: wolong.rules }, seed: seedInputs() }, ports);
    expect(tooMany).toMatchObject({ ok: false, error: [{ code: 'POOL_TOO_SMALL', needed: 5000 }] });
  });

  it('recuses experts who served the enterprise', () => {
    const target = snapshot.enterprises.find((e) => e.sector === 'hazardous_chemicals')!;
    const s = { ...snapshot, enterprises: [target, ...snapshot.enterprises.filter((e) => e.sector === 'machinery').slice(0, 3)], experts: [
      { id: 'E-A', specialties: ['危险化学品'], served: [{ uscc: target.uscc, kind: 'EVALUATION' as const }] },
      { id: 'E-B', specialties: ['危险化学品', '消防'], served: [] },
    ] };
    const record = draw(registry.get('panzhihua')!, { snapshot: s, task: task({ size: 1, sectors: ['hazardous_chemicals'], expertsPerTeam: 1 }) });
    expect(record.picks[0]!.team.experts).toEqual(['E-B']);
    expect(record.recusals).toContainEqual({ uscc: target.uscc, personId: 'E-A', reason: expect.stringContaining('served the enterprise') });
  });
});

describe('fairness', () => {
  const yanshi = registry.get('yanshi')!;
  // One stratum (yanshi has none): 30 machinery enterprises, 3 drawn per run, 1,000 runs.
  const pool = snapshot.enterprises.filter((e) => e.sector === 'machinery' && e.operatingStatus !== 'CLOSED').slice(0, 30);
  const small = { ...snapshot, enterprises: pool };

  it('draws each enterprise of a stratum equally often, and each applicable checklist item too (chi-square, p = 0.001)', () => {
    const picks = new Map(pool.map((e) => [e.uscc, 0]));
    const items = new Map<string, number>();
    for (let run = 0; run < 1000; run++) {
      const record = draw(yanshi, { snapshot: small, task: task({ size: 3 }), entropy: [`observer:${run}`] });
      for (const p of record.picks) {
        picks.set(p.uscc, picks.get(p.uscc)! + 1);
        for (const code of p.items) items.set(code, (items.get(code) ?? 0) + 1);
      }
    }
    expect(chiSquare([...picks.values()])).toBeLessThan(chiSquareCritical(pool.length - 1));
    const applicable = snapshot.checklist.filter((c) => c.leaf && (c.sectors.length === 0 || c.sectors.includes('machinery')));
    expect(items.size).toBe(applicable.length);
    expect(chiSquare([...items.values()])).toBeLessThan(chiSquareCritical(applicable.length - 1));
  });

  it('weighs strata as the pack says: high-risk and dishonest enterprises three times the low-risk ones (wolong)', () => {
    const wolong = registry.get('wolong')!;
    const chosen = { high: 0, low: 0 };
    const subset = snapshot.enterprises.filter((e) => e.sector === 'machinery' && e.operatingStatus !== 'CLOSED' && e.creditLevel === 'NORMAL' && (e.riskLevel === 'HIGH' || e.riskLevel === 'LOW')).slice(0, 60);
    const highs = subset.filter((e) => e.riskLevel === 'HIGH').length;
    for (let run = 0; run < 300; run++) {
      for (const p of draw(wolong, { snapshot: { ...snapshot, enterprises: subset }, task: task({ size: 12 }), entropy: [`w:${run}`] }).picks) {
        if (subset.find((e) => e.uscc === p.uscc)!.riskLevel === 'HIGH') chosen.high++;
        else chosen.low++;
      }
    }
    // Seats per stratum follow weight × size: HIGH gets 3·h/(3·h + l) of them.
    const share = (3 * highs) / (3 * highs + (subset.length - highs));
    expect(chosen.high / (chosen.high + chosen.low)).toBeCloseTo(share, 1);
  });
});

describe('explaining a candidate', () => {
  const packOf = (id: string) => {
    const p = registry.get(id)!;
    return { key: `${id}@1.0.0`, contentHash: p.contentHash, rules: p.rules };
  };

  it('says why an enterprise is left out, with the clause', async () => {
    const { explainCandidate } = await import('../../src/core/draw/explain-candidate.ts');
    const fireworks = snapshot.enterprises.find((e) => e.sector === 'fireworks' && e.operatingStatus !== 'CLOSED')!;
    const out = explainCandidate({ snapshot, task: task(), pack: packOf('wolong') }, fireworks.uscc)!;
    expect(out).toMatchObject({ inPool: false, chance: { numerator: 0 } });
    expect(out.reasons[0]).toMatchObject({ messageId: 'OUT_OF_SCOPE', cite: { clause: '第六条' } });
    expect(explainCandidate({ snapshot, task: task(), pack: packOf('wolong') }, '91000000000000000X')).toBeUndefined();
  });

  it('gives chances that add up to the task size, due units first', async () => {
    const { explainCandidate } = await import('../../src/core/draw/explain-candidate.ts');
    for (const id of ['yanshi', 'heilongjiang-county']) {
      const input = { snapshot: { ...snapshot, enterprises: snapshot.enterprises.slice(0, 400) }, task: task({ size: 25 }), pack: packOf(id) };
      const all = input.snapshot.enterprises.map((e) => explainCandidate(input, e.uscc)!);
      const total = all.reduce((s, c) => s + c.chance!.numerator / c.chance!.denominator, 0);
      expect(total).toBeCloseTo(25, 6);
      if (id === 'heilongjiang-county') {
        const due = all.filter((c) => c.due);
        expect(due.length).toBeGreaterThan(25);
        expect(due[0]!.chance).toEqual({ ...(() => { const g = (a: number, b: number): number => (b ? g(b, a % b) : a); const d = g(25, due.length); return { numerator: 25 / d, denominator: due.length / d }; })(), exact: true });
        expect(all.filter((c) => c.inPool && !c.due).every((c) => c.chance!.numerator === 0)).toBe(true);
      }
    }
  });
});

describe('the maximum of teams per inspector', () => {
  it('never puts an inspector in more teams than the pack allows, and says so when that leaves a team short', () => {
    const yanshi = registry.get('yanshi')!;
    const capped = { ...yanshi.rules, team: { ...yanshi.rules.team!, maxTeamsPerInspector: 1 } };
    const pack = { key: 'yanshi-capped@1.0.0', contentHash: yanshi.contentHash, rules: capped };
    const machinery = snapshot.enterprises.filter((e) => e.sector === 'machinery' && e.operatingStatus !== 'CLOSED').slice(0, 40);
    const run = (size: number) => runDraw({ snapshot: { ...snapshot, enterprises: machinery }, task: task({ size }), pack, seed: seedInputs() }, ports);
    const eligible = snapshot.inspectors.filter((i) => i.home === 'own' && i.formalStaff && (i.certificateValidUntil ?? '') >= '2026-06-15' && i.domains.includes('machinery')).length;
    const fits = Math.floor(eligible / 2);
    const ok = run(fits);
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      const seats = ok.value.picks.flatMap((p) => p.team.members);
      expect(new Set(seats).size).toBe(seats.length);
    }
    const short = run(fits + 1);
    expect(short).toMatchObject({ ok: false, error: [{ code: 'TEAM_SHORT' }] });
  });
});

describe('rules earlier versions do not draw', () => {
  it.each(['double-random/v1', 'double-random/v2', 'double-random/v3'] as const)('%s refuses per-stratum ratios rather than draw them by weights', (algorithm) => {
    const wolong = registry.get('wolong')!;
    const rules = { ...wolong.rules, strata: { ...wolong.rules.strata!, ratios: [{ when: { riskLevel: ['HIGH' as const] }, percent: 50 }] } };
    const result = runDraw({ snapshot, task: task(), pack: { key: 'x@1.0.0', contentHash: wolong.contentHash, rules }, seed: seedInputs(), algorithm }, ports);
    expect(result).toMatchObject({ ok: false, error: [{ code: 'BAD_INPUT', message: expect.stringContaining('double-random/v4') }] });
  });
});

describe('a pack with hooks', () => {
  const wolong = registry.get('wolong')!;
  // Self-contained: it reads its argument and nothing else, and cites its clause.
  const microOut = ({ enterprise }: { enterprise: { scale: string | null } }) => (enterprise.scale !== 'MICRO' ? true : { reason: '微型企业另行抽查', cite: { doc: 'wolong-rules', clause: '第五条' } });
  const hooked = (hooks: Record<string, unknown>): LoadedPack => {
    const result = validatePack({ meta: { ...wolong.meta, id: 'wolong-hooked' }, rules: wolong.ownRules, hooks });
    if (!result.ok) throw new Error(result.error.map(formatProblem).join('\n'));
    return result.value;
  };
  const drawWith = (pack: LoadedPack, hooks: LoadedPack['hooks']) =>
    runDraw({ snapshot, task: task(), pack: { key: 'wolong-hooked@1.0.0', contentHash: pack.contentHash, rules: pack.rules }, hooks, seed: seedInputs() }, ports);
  const exportOf = (pack: LoadedPack, record: DrawRecord): DrawExport => ({
    format: EXPORT_FORMAT,
    pack: { key: 'wolong-hooked@1.0.0', contentHash: pack.contentHash, meta: pack.meta, rules: pack.rules, hooks: pack.hookSources },
    task: task(),
    snapshot,
    seed: seedInputs(),
    record,
  });
  const withIsolation = { ...ports, isolateHooks: isolateHookSources };
  /** An export whose hook text was changed, with the content hash made to match it. */
  const rewritten = (exported: DrawExport, source: string): DrawExport => {
    const hooks = { poolFilter: source };
    const contentHash = toHex(ports.sha256(utf8(packContentJson(exported.pack.meta, exported.pack.rules, hooks))));
    return { ...exported, pack: { ...exported.pack, hooks, contentHash } };
  };

  it('keeps the content hash its source text always gave, and draws as the function itself does', () => {
    const pack = hooked({ poolFilter: microOut });
    expect(pack.hookSources).toEqual({ poolFilter: String(microOut) });
    expect(pack.contentHash).toBe(createHash('sha256').update(packContentJson(pack.meta, pack.rules, { poolFilter: String(microOut) })).digest('hex'));
    const isolated = drawWith(pack, pack.hooks);
    expect(isolated).toEqual(drawWith(pack, { poolFilter: microOut }));
    if (!isolated.ok) throw new Error('expected a draw');
    const micro = new Set(snapshot.enterprises.filter((e) => e.scale === 'MICRO').map((e) => e.uscc));
    expect(micro.size).toBeGreaterThan(0);
    expect(isolated.value.picks.some((p) => micro.has(p.uscc))).toBe(false);
  });

  it('is verified from the exported source alone, re-created isolated: the text decides the draw', () => {
    const pack = hooked({ poolFilter: microOut });
    const run = drawWith(pack, pack.hooks);
    if (!run.ok) throw new Error('expected a draw');
    const exported = exportOf(pack, run.value);
    expect(verifyDraw(exported, withIsolation)).toEqual({ matches: true, differences: [] });
    expect(verifyDraw(exported, ports).differences.map((d) => d.path)).toEqual(['pack.hooks']);
    // Another text under a matching hash is another pack: the verifier runs it and the record differs.
    const other = rewritten(exported, String(microOut).replace('MICRO', 'SMALL'));
    const result = verifyDraw(other, withIsolation);
    expect(result.matches).toBe(false);
    expect(result.differences.some((d) => d.path.startsWith('record.picks'))).toBe(true);
    // A text that names something outside itself fails the same way here as on the server.
    const outside = rewritten(exported, '({ enterprise }) => MICRO_LIST.includes(enterprise.uscc) ? { reason: "x", cite: { doc: "wolong-rules", clause: "一" } } : true');
    expect(verifyDraw(outside, withIsolation).differences).toEqual([expect.objectContaining({ path: 'record', expected: expect.stringContaining('引用了钩子自身以外的 MICRO_LIST') })]);
    const escape = rewritten(exported, '({ enterprise }) => enterprise.constructor.constructor("return process")().exit(3)');
    expect(verifyDraw(escape, withIsolation).matches).toBe(false);
  });

  it('ends a draw with one clear error when a hook refuses without a citation on an input the samples did not meet', () => {
    // Sample enterprises are chemicals, machinery and mines: the demo county has other sectors.
    const pack = hooked({ poolFilter: ({ enterprise }: { enterprise: { sector: string } }) => (['hazardous_chemicals', 'machinery', 'non_coal_mine'].includes(enterprise.sector) ? true : { reason: '其他行业另行检查' }) });
    const result = drawWith(pack, pack.hooks);
    expect(result).toMatchObject({ ok: false, error: [{ code: 'HOOK_FAILED', message: expect.stringContaining('hooks.poolFilter: 拒绝“其他行业另行检查”缺少引用 cite') }] });
  });
});

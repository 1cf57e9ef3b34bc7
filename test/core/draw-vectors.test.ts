import { readdirSync, readFileSync } from 'node:fs';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { runDraw } from '../../src/core/draw/draw.ts';
import type { DrawExport } from '../../src/core/draw/export.ts';
import { fromHex, toHex, utf8 } from '../../src/core/draw/ports.ts';
import type { DrawRecord } from '../../src/core/draw/types.ts';
import { packContentJson } from '../../src/core/rules/pack-content.ts';
import { RandomStream } from '../../src/core/draw/random-stream.ts';
import { allocateQuotas, sampleUniform, sampleWeighted } from '../../src/core/draw/sample.ts';
import { deriveSeed } from '../../src/core/draw/seed.ts';
import { ratioQuota } from '../../src/core/draw/ratios.ts';
import { verifyDraw } from '../../src/core/draw/verify.ts';
import { NODE_DRAW_PORTS } from '../../src/server/draw-ports.ts';

const vectors = JSON.parse(readFileSync(new URL('../../docs/draw-test-vectors.json', import.meta.url), 'utf8'));
/** The vectors as first published (v1 and v2, before v3): they must keep reproducing. */
const publishedVectors = JSON.parse(readFileSync(new URL('../fixtures/published-draws/draw-test-vectors-2026-v1-v2.json', import.meta.url), 'utf8'));
// A second, independent SHA-256 (pure JavaScript) stands in for an outside verifier's.
const noblePorts = { sha256: (data: Uint8Array) => nobleSha256(data) };

describe('docs/draw-test-vectors.json', () => {
  it('reproduces the generator across block boundaries, uniform(1), rejection, the sampling primitives and the quotas', () => {
    const g = vectors.generator;
    const stream = () => new RandomStream(fromHex(g.seed));
    const s1 = stream();
    expect(Array.from({ length: 32 }, () => s1.nextUint48())).toEqual(g.first32Uint48);
    // The values are the keystream's bytes, six at a time, across the 64-byte blocks.
    const bytes = fromHex(g.keystreamFirst192BytesHex);
    const fromBytes = Array.from({ length: 32 }, (_, i) => bytes.slice(6 * i, 6 * i + 6).reduce((x, b) => x * 256 + b, 0));
    expect(fromBytes).toEqual(g.first32Uint48);
    const s2 = stream();
    expect(Array.from({ length: 8 }, () => s2.uniform(10))).toEqual(g.uniform10);
    const s3 = stream();
    expect({ values: Array.from({ length: 3 }, () => s3.uniform(1)), valuesRead: s3.consumed }).toEqual(g.uniform1);
    const s4 = stream();
    expect({ m: g.uniform_2pow47_plus1.m, values: Array.from({ length: 8 }, () => s4.uniform(g.uniform_2pow47_plus1.m)), valuesRead: s4.consumed }).toEqual(g.uniform_2pow47_plus1);
    expect(g.uniform_2pow47_plus1.valuesRead).toBeGreaterThan(8);
    expect(sampleUniform([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4, stream())).toEqual(g.sampleUniform_4_of_0to9);
    expect(sampleWeighted(['a', 'b', 'c', 'd'], [1, 2, 3, 4], 3, stream())).toEqual(g.sampleWeighted_3_of_abcd_weights_1_2_3_4);
    for (const q of g.quotas) expect(allocateQuotas(q.seats, q.strata)).toEqual(q.quotas);
  });

  it('derives the seed from its JCS input, the pack hash being the pack\'s own content hash (§2.3)', () => {
    const d = vectors.seedDerivation;
    const first = vectors.draws[0].export as DrawExport;
    expect(d.packHash).toBe(toHex(NODE_DRAW_PORTS.sha256(utf8(packContentJson(first.pack.meta, first.pack.rules, first.pack.hooks)))));
    expect(d.packHash).not.toBe(toHex(NODE_DRAW_PORTS.sha256(new Uint8Array(0))));
    for (const ports of [NODE_DRAW_PORTS, noblePorts]) {
      expect(toHex(ports.sha256(utf8(d.seedInput)))).toBe(d.seed);
      expect(toHex(deriveSeed({ secret: d.secret, commitment: d.commitment, entropy: d.entropy }, d, ports, d.algorithm))).toBe(d.seed);
    }
  });

  it('has a vector for each part of the draw', () => {
    const names = vectors.draws.map((v: { name: string }) => v.name);
    expect(names).toEqual(['strata', 'pool', 'due', 'teams', 'experts-v1', 'experts-v3', 'ratios-rounding', 'ratios-count-min', 'ratios-weights', 'v4-rotation', 'v4-avoid-short', 'v4-avoid-enough', 'v4-lower-exclude']);
    const records = Object.fromEntries(vectors.draws.map((v: { name: string; export: DrawExport }) => [v.name, v.export.record])) as Record<string, DrawExport['record'] & { excluded: { reasons: { messageId: string }[] }[] }>;
    expect(new Set(records.pool!.excluded.flatMap((x) => x.reasons.map((r) => r.messageId)))).toEqual(new Set(['NOT_OPERATING', 'OUT_OF_SCOPE', 'NOT_IN_TASK', 'UPPER_LEVEL_DRAWN', 'CAP_REACHED']));
    expect(records.due!.stillDue).toHaveLength(2);
    expect(records.due!.picks.every((p) => p.due)).toBe(true);
    expect(records.teams!.picks.some((p) => p.team.members.some((m) => m.startsWith('N-')))).toBe(true);
    expect(records.teams!.ineligibleInspectors.map((x) => x.id)).toEqual(['I-04', 'I-05', 'I-06', 'I-07']);
    expect(records['experts-v1']!.algorithm).toBe('double-random/v1');
    expect(records['experts-v3']!.algorithm).toBe('double-random/v3');
    expect(records['experts-v3']!.recusals.filter((r) => r.reason.startsWith('served'))).toHaveLength(3);
    // 分层比例 (v4, §6a): each rounding, a count, a minimum, ratios beside weights and a due member.
    const strata = (name: string) => Object.fromEntries((records[name] as DrawRecord).strata.map((s) => [s.stratum, [s.quota, s.inclusion]]));
    expect(records['ratios-rounding']!.algorithm).toBe('double-random/v4');
    expect(strata('ratios-rounding')).toEqual({ 'riskLevel=HIGH': [2, '1/5'], 'riskLevel=GENERAL': [1, '1/10'], 'riskLevel=LOW': [2, '1/5'], 'riskLevel=MAJOR': [1, '1/6'] });
    expect(strata('ratios-count-min')).toEqual({ 'riskLevel=HIGH': [3, '3/7'], 'riskLevel=MAJOR': [2, '1/1'], 'riskLevel=LOW': [4, '1/3'], 'riskLevel=GENERAL': [3, '1/1'] });
    expect(strata('ratios-weights')).toEqual({ 'riskLevel=HIGH': [3, '3/5'], 'riskLevel=GENERAL': [2, '2/3'], 'riskLevel=LOW': [2, '2/9'] });
    expect((records['ratios-weights'] as DrawRecord).dueInclusion).toBe('1/1');
  });

  it('gives the ratio quotas and refuses a task smaller than its ratios require (v4, §6a)', () => {
    for (const q of vectors.ratios.quotas) expect(ratioQuota(q.entry, q.n)).toBe(q.quota);
    expect(vectors.ratios.quotas.map((q: { quota: number }) => q.quota)).toEqual([2, 1, 2, 1, 5, 4, 7, 9, 100, 3, 2, 5, 4, 0]);
    const { inputs, expected } = vectors.ratios.refused;
    const result = runDraw({ snapshot: inputs.snapshot, task: inputs.task, pack: inputs.pack, seed: inputs.seed }, noblePorts);
    expect(result).toMatchObject({ ok: false, error: [expected] });
    expect(expected).toEqual({ code: 'RATIOS_SIZE', needed: 6 });
  });

  it.each(vectors.draws.map((v: { name: string }) => v.name) as string[])('verifies draw vector %s as a published export, with either SHA-256 implementation', (name) => {
    const v = vectors.draws.find((d: { name: string }) => d.name === name);
    for (const ports of [NODE_DRAW_PORTS, noblePorts]) expect(verifyDraw(v.export, ports)).toEqual({ matches: true, differences: [] });
  });

  it('still reproduces the vectors as first published (v1 and v2)', () => {
    const d = publishedVectors.seedDerivation;
    expect(toHex(deriveSeed({ secret: d.secret, commitment: d.commitment, entropy: d.entropy }, d, noblePorts))).toBe(d.seed);
    const g = publishedVectors.generator;
    const s = new RandomStream(fromHex(g.seed));
    expect(Array.from({ length: 8 }, () => s.nextUint48())).toEqual(g.first8Uint48);
    for (const v of publishedVectors.draws) {
      const result = runDraw({ snapshot: v.snapshot, task: v.task, pack: v.pack, seed: v.seed }, noblePorts);
      expect(result.ok && { seed: result.value.seed, picks: result.value.picks, strata: result.value.strata, recusals: result.value.recusals, randomValuesUsed: result.value.randomValuesUsed }).toEqual(v.expected);
    }
    const sv = publishedVectors.sealedUpperLevel;
    const sealed = runDraw({ snapshot: sv.snapshot, task: sv.task, pack: sv.pack, seed: sv.seed, openings: [sv.opening] }, noblePorts);
    if (!sealed.ok) throw new Error('no draw');
    const r = sealed.value;
    expect({ algorithm: r.algorithm, snapshotHash: r.snapshotHash, taskHash: r.taskHash, seed: r.seed, picks: r.picks, strata: r.strata, excluded: r.excluded, recusals: r.recusals, randomValuesUsed: r.randomValuesUsed }).toEqual(sv.expected);
  });
});

describe('docs/draw-test-vectors.json: sealed upper-level entries (double-random/v2)', () => {
  const v = vectors.sealedUpperLevel;
  const full = v.export as DrawExport;
  const opening = full.openings![0]!;

  it('opens the seal from its commitment input and re-derives the draw, with either SHA-256 implementation', async () => {
    const { sealCommitment } = await import('../../src/core/draw/upper-level-seal.ts');
    for (const ports of [NODE_DRAW_PORTS, noblePorts]) {
      expect(toHex(ports.sha256(new TextEncoder().encode(v.commitmentInput)))).toBe(opening.commitment);
      expect(sealCommitment(opening.salt, opening.uscc, ports)).toBe(opening.commitment);
      expect(verifyDraw(full, ports)).toEqual({ matches: true, differences: [] });
    }
  });

  it('refuses to draw with the seal closed or opened with another salt', () => {
    const input = { snapshot: full.snapshot, task: full.task, pack: full.pack, seed: full.seed };
    expect(runDraw(input, NODE_DRAW_PORTS)).toMatchObject({ ok: false, error: [{ code: 'BAD_INPUT' }] });
    expect(runDraw({ ...input, openings: [{ ...opening, salt: '00'.repeat(32) }] }, NODE_DRAW_PORTS)).toMatchObject({ ok: false, error: [{ code: 'BAD_INPUT' }] });
  });

  it('verifies the sealed export as pending before the opening and fully after it', () => {
    const { excluded: _e, strata: _s, ...sealedRecord } = full.record as DrawRecord;
    const before = verifyDraw({ ...full, openings: [], record: sealedRecord }, noblePorts);
    expect(before).toMatchObject({ matches: false, differences: [], pending: { waitingFor: full.snapshot.history.upperLevelSealed } });
    expect(before.pending!.summary).toContain('市级（411300）');
    // A v1 export of the same snapshot is refused: v1 has no seals.
    expect(verifyDraw({ ...full, format: 'double-random/draw-export/v1' }, noblePorts).differences[0]).toMatchObject({ path: 'format' });
  });
});

describe('docs/draw-examples', () => {
  const dir = new URL('../../docs/draw-examples/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('has one example per built-in pack', () => {
    expect(files.sort()).toEqual(['heilongjiang-county.json', 'panzhihua.json', 'shuncheng.json', 'wolong.json', 'yanshi.json']);
  });

  it.each(files)('%s re-derives, and holds no personal data', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const exported = JSON.parse(text) as DrawExport;
    expect(verifyDraw(exported, noblePorts)).toEqual({ matches: true, differences: [] });
    expect(text).not.toMatch(/"(phone|idNumber|legalRepresentative|contactPerson)"/);
    expect(text).not.toMatch(/\b1[3-9]\d{9}\b/); // no mobile numbers anywhere
  });
});

describe('the snapshot hash', () => {
  it('hashes exactly the JCS bytes of the canonical snapshot (fast path and generic path agree)', async () => {
    const { canonicalJson } = await import('../../src/core/canonical-json.ts');
    const { canonicalSnapshot } = await import('../../src/core/draw/canonical-snapshot.ts');
    const { snapshotJson, snapshotHash } = await import('../../src/core/draw/snapshot-hash.ts');
    const { demoSnapshot } = await import('../../src/demo/demo-snapshot.ts');
    const snapshot = canonicalSnapshot(demoSnapshot({ enterprises: 500 }));
    expect(snapshotJson(snapshot)).toBe(canonicalJson(snapshot));
    expect(snapshotHash(snapshot, NODE_DRAW_PORTS)).toBe(toHex(NODE_DRAW_PORTS.sha256(new TextEncoder().encode(canonicalJson(snapshot)))));
  });

  it('covers exactly an enterprise\'s fields: a value of an unexpected type is hashed as JCS writes it, an unknown field is not part of the snapshot', async () => {
    const { canonicalJson } = await import('../../src/core/canonical-json.ts');
    const { canonicalSnapshot } = await import('../../src/core/draw/canonical-snapshot.ts');
    const { snapshotHash } = await import('../../src/core/draw/snapshot-hash.ts');
    const { snapshotShapeIssues } = await import('../../src/core/draw/snapshot-shape.ts');
    const { demoSnapshot } = await import('../../src/demo/demo-snapshot.ts');
    const snapshot = canonicalSnapshot(demoSnapshot({ enterprises: 50 }));
    const jcsHash = (s: unknown) => toHex(NODE_DRAW_PORTS.sha256(new TextEncoder().encode(canonicalJson(s))));
    // A number where a string belongs takes the generic path: the same bytes as JCS.
    const odd = { ...snapshot, enterprises: [{ ...snapshot.enterprises[0]!, riskLevel: 3 } as never, ...snapshot.enterprises.slice(1)] };
    expect(snapshotHash(odd, NODE_DRAW_PORTS)).toBe(jcsHash(odd));
    expect(snapshotHash(odd, NODE_DRAW_PORTS)).not.toBe(snapshotHash(snapshot, NODE_DRAW_PORTS));
    // An unknown field is not hashed (the draw never reads it), and the shape check names it.
    const extra = { ...snapshot, enterprises: [{ ...snapshot.enterprises[0]!, extra: 1 } as never, ...snapshot.enterprises.slice(1)] };
    expect(snapshotHash(extra, NODE_DRAW_PORTS)).toBe(snapshotHash(snapshot, NODE_DRAW_PORTS));
    expect(snapshotShapeIssues(extra)).toEqual([{ path: 'snapshot.enterprises[0].extra', problem: 'not a field of an enterprise in a snapshot' }]);
    expect(snapshotShapeIssues(odd)).toEqual([{ path: 'snapshot.enterprises[0].riskLevel', problem: 'expected a string, got 3' }]);
    expect(snapshotShapeIssues(snapshot)).toEqual([]);
  });

  it('refuses to verify an export whose snapshot carries fields the format does not have, naming them', async () => {
    const examples = new URL('../../docs/draw-examples/', import.meta.url);
    const file = readdirSync(examples).find((f) => f.endsWith('.json'))!;
    const exported = JSON.parse(readFileSync(new URL(file, examples), 'utf8')) as DrawExport;
    const tampered = { ...exported, snapshot: { ...exported.snapshot, enterprises: exported.snapshot.enterprises.map((e, i) => (i === 1 ? { ...e, note: 'x' } : e)) } };
    const result = verifyDraw(tampered, NODE_DRAW_PORTS);
    expect(result.matches).toBe(false);
    expect(result.differences).toContainEqual({ path: 'snapshot.enterprises[1].note', expected: 'a field of the snapshot format', actual: 'not a field of an enterprise in a snapshot' });
  });

  it('writes every string as JSON.stringify does, whatever it holds (quotes, backslashes, controls, surrogates, U+2028)', async () => {
    const { canonicalJson } = await import('../../src/core/canonical-json.ts');
    const { canonicalSnapshot } = await import('../../src/core/draw/canonical-snapshot.ts');
    const { snapshotJson, snapshotHash } = await import('../../src/core/draw/snapshot-hash.ts');
    const { demoSnapshot } = await import('../../src/demo/demo-snapshot.ts');
    const names = ['南阳"老字号"五金店', 'C:\\厂区\\一车间', '换行\n制表\t回车\r', '\u0000\u001f', '😀 emoji pair', 'lone \ud800 high', 'lone \udc00 low', 'line\u2028sep', '', 'plain 名称'];
    const base = demoSnapshot({ enterprises: names.length });
    // Names and USCCs are written character by character; the other strings as whole fragments kept per value.
    const odd = (i: number) => names[i % names.length]!;
    const snapshot = canonicalSnapshot({
      ...base,
      enterprises: base.enterprises.map((e, i) => ({ ...e, name: odd(i), township: odd(i + 1), subSector: i % 3 === 0 ? null : odd(i + 2), sector: odd(i + 3), riskLevel: odd(i + 4), creditLevel: odd(i + 5), operatingStatus: odd(i + 6), scale: i % 2 ? null : odd(i + 7) }) as never),
    });
    expect(snapshotJson(snapshot)).toBe(canonicalJson(snapshot));
    expect(snapshotHash(snapshot, NODE_DRAW_PORTS)).toBe(snapshotHash(snapshot, { sha256: NODE_DRAW_PORTS.sha256 }));
  });

  it('hashes the same bytes when a field has more distinct values than the writer keeps fragments for', async () => {
    const { canonicalSnapshot } = await import('../../src/core/draw/canonical-snapshot.ts');
    const { snapshotHash } = await import('../../src/core/draw/snapshot-hash.ts');
    const { demoSnapshot } = await import('../../src/demo/demo-snapshot.ts');
    const base = demoSnapshot({ enterprises: 6000 });
    const snapshot = canonicalSnapshot({ ...base, enterprises: base.enterprises.map((e, i) => ({ ...e, township: `第${i}街道`, subSector: `子类 "${i % 5000}"` })) });
    expect(snapshotHash(snapshot, NODE_DRAW_PORTS)).toBe(snapshotHash(snapshot, { sha256: NODE_DRAW_PORTS.sha256 }));
  });
});

describe('the streamed snapshot hash', () => {
  it('hashes the same bytes in chunks as in one piece', async () => {
    const { canonicalSnapshot } = await import('../../src/core/draw/canonical-snapshot.ts');
    const { snapshotHash } = await import('../../src/core/draw/snapshot-hash.ts');
    const { demoSnapshot } = await import('../../src/demo/demo-snapshot.ts');
    const base = canonicalSnapshot(demoSnapshot({ enterprises: 9000 }));
    // One enterprise too large for the writer's 1 MiB buffer takes the generic path mid-stream.
    const snapshot = { ...base, enterprises: base.enterprises.map((e, i) => (i === 4000 ? { ...e, name: '名'.repeat(400_000) } : e)) };
    const whole = snapshotHash(snapshot, { sha256: NODE_DRAW_PORTS.sha256 });
    expect(snapshotHash(snapshot, NODE_DRAW_PORTS)).toBe(whole);
    expect(snapshotHash(snapshot, noblePorts)).toBe(whole);
  });
});

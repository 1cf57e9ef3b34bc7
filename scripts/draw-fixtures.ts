// Writes docs/draw-test-vectors.json and docs/draw-examples/<pack>.json (npm run draw:fixtures).
// `--check` fails when the committed files differ from what the code produces now.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { runDraw } from '../src/core/draw/draw.ts';
import { EXPORT_FORMAT, type DrawExport } from '../src/core/draw/export.ts';
import { fromHex, toHex } from '../src/core/draw/ports.ts';
import { RandomStream } from '../src/core/draw/random-stream.ts';
import { sampleUniform, sampleWeighted } from '../src/core/draw/sample.ts';
import { commitmentOf, deriveSeed } from '../src/core/draw/seed.ts';
import { canonicalSealList, sealCommitment } from '../src/core/draw/upper-level-seal.ts';
import { canonicalJson } from '../src/core/canonical-json.ts';
import type { DrawSnapshot, DrawTask } from '../src/core/draw/types.ts';
import { demoSnapshot } from '../src/demo/demo-snapshot.ts';
import { loadRegistry } from '../src/rulepacks/registry.ts';
import { NODE_DRAW_PORTS as ports } from '../src/server/draw-ports.ts';

const check = process.argv.includes('--check');
const files = new Map<string, string>();
const json = (value: unknown) => `${JSON.stringify(value, null, 1)}\n`;

// --- Test vectors: the primitives, the seed, and small whole draws.
const seedHex = toHex(ports.sha256(new TextEncoder().encode('double-random test vector')));
const stream = () => new RandomStream(fromHex(seedHex));
const s1 = stream();
const s2 = stream();
const s3 = stream();
const s4 = stream();
const secret = '5e'.repeat(32);
const tiny: DrawSnapshot = {
  enterprises: [
    ['91350100M000100Y43', 'machinery', 'LOW'], ['91110108551385082Q', 'machinery', 'HIGH'], ['91440300708461136T', 'hazardous_chemicals', 'MAJOR'],
    ['91411303MA40000013', 'machinery', 'GENERAL'], ['91411303MA4000002Y', 'textile', 'LOW'], ['91411303MA4000003Q', 'machinery', 'LOW'],
  ].map(([uscc, sector, riskLevel]) => ({ uscc: uscc!, name: `企业${uscc!.slice(-4)}`, sector: sector!, subSector: null, scale: 'SMALL' as const, riskLevel: riskLevel as 'LOW', creditLevel: 'NORMAL' as const, blacklisted: false, keyHighDanger: false, majorHazardSource: false, township: null, operatingStatus: 'OPERATING' as const, records: [] })),
  inspectors: ['A', 'B', 'C', 'D', 'E'].map((id, i) => ({ id: `I-${id}`, unit: '大队', unitKind: 'BRIGADE' as const, domains: i < 3 ? ['machinery', 'textile', 'hazardous_chemicals'] : ['machinery'], formalStaff: true, certificateValidUntil: '2030-01-01', home: 'own' as const })),
  experts: [],
  checklist: [{ code: 'C1', sectors: [], leaf: true }, { code: 'C2', sectors: [], leaf: true }, { code: 'C3', sectors: ['machinery'], leaf: true }],
  history: {},
  conflicts: [{ personId: 'I-A', uscc: '91110108551385082Q' }],
};
const tinyTask: DrawTask = { id: 'V-1', year: 2026, inspectionDate: '2026-06-15', sectors: [], covert: false, joint: false, special: false, size: 3, itemsPerInspection: 2 };
const tinyPack = {
  key: 'vector@1.0.0',
  contentHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  rules: {
    team: { minSize: 2, leader: true, cite: { doc: 'v', clause: '一' } },
    strata: { by: ['riskLevel' as const], weights: [{ when: { riskLevel: ['HIGH' as const, 'MAJOR' as const] }, weight: 3 }], cite: { doc: 'v', clause: '二' } },
  },
};
const tinySeed = { secret, commitment: commitmentOf(secret, ports), entropy: ['beacon:vector', 'observer:42'] };
const tinyDraw = runDraw({ snapshot: tiny, task: tinyTask, pack: tinyPack, seed: tinySeed }, ports);
if (!tinyDraw.ok) throw new Error(JSON.stringify(tinyDraw.error));
files.set('docs/draw-test-vectors.json', json({
  about: 'Inputs and expected outputs of double-random/v1 (docs/draw-algorithm.md). Regenerate with npm run draw:fixtures.',
  generator: {
    seed: seedHex,
    first8Uint48: Array.from({ length: 8 }, () => s1.nextUint48()),
    uniform10: Array.from({ length: 8 }, () => s2.uniform(10)),
    sampleUniform_4_of_0to9: sampleUniform([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4, s3),
    sampleWeighted_3_of_abcd_weights_1_2_3_4: sampleWeighted(['a', 'b', 'c', 'd'], [1, 2, 3, 4], 3, s4),
  },
  seedDerivation: {
    secret,
    commitment: tinySeed.commitment,
    entropy: tinySeed.entropy,
    snapshotHash: tinyDraw.value.snapshotHash,
    taskHash: tinyDraw.value.taskHash,
    packHash: tinyPack.contentHash,
    seed: toHex(deriveSeed(tinySeed, { snapshotHash: tinyDraw.value.snapshotHash, taskHash: tinyDraw.value.taskHash, packHash: tinyPack.contentHash }, ports)),
  },
  draws: [{ snapshot: tiny, task: tinyTask, pack: tinyPack, seed: tinySeed, expected: { seed: tinyDraw.value.seed, picks: tinyDraw.value.picks, strata: tinyDraw.value.strata, recusals: tinyDraw.value.recusals, randomValuesUsed: tinyDraw.value.randomValuesUsed } }],
  sealedUpperLevel: sealedVector(),
}));

/**
 * double-random/v2 (docs/draw-algorithm.md §9): the tiny draw again, its pack excluding the upper
 * level's picks, two of them under a seal. The commitment's JCS input is given byte for byte.
 */
function sealedVector() {
  const salt = toHex(ports.sha256(new TextEncoder().encode('double-random sealed vector salt')));
  const uscc = canonicalSealList(['91411303MA4000003Q', '91110108551385082Q']);
  const commitment = sealCommitment(salt, uscc, ports);
  const snapshot: DrawSnapshot = { ...tiny, history: { upperLevelDrawn: ['91411303MA4000002Y'], upperLevelSealed: [{ commitment, draw: 'UPPER-DRAW-1', jurisdiction: '411300', level: 'CITY' }] } };
  const pack = { ...tinyPack, rules: { ...tinyPack.rules, exclusions: { upperLevelDrawnThisYear: { effect: 'exclude' as const, cite: { doc: 'v', clause: '三' } } } } };
  const task = { ...tinyTask, id: 'V-2', size: 2 };
  const opening = { commitment, salt, uscc };
  const drawn = runDraw({ snapshot, task, pack, seed: tinySeed, openings: [opening] }, ports);
  if (!drawn.ok) throw new Error(JSON.stringify(drawn.error));
  const r = drawn.value;
  return {
    about: 'A v2 draw: the seal stands in the snapshot (and its hash) in place of the two sealed USCCs; the opening is checked against the commitment, then the pool leaves out the public and the opened upper-level USCCs alike.',
    snapshot, task, pack, seed: tinySeed, opening,
    commitmentInput: canonicalJson({ salt, uscc }),
    expected: { algorithm: r.algorithm, snapshotHash: r.snapshotHash, taskHash: r.taskHash, seed: r.seed, picks: r.picks, strata: r.strata, excluded: r.excluded, recusals: r.recusals, randomValuesUsed: r.randomValuesUsed },
  };
}

// --- One example export per built-in pack, on a small demo county.
const registry = await loadRegistry();
const snapshot = demoSnapshot({ enterprises: 300, inspectors: 27, experts: 8 });
for (const pack of registry.list()) {
  const task: DrawTask = { id: `EX-${pack.meta.id}`, year: 2026, inspectionDate: '2026-06-15', sectors: [], covert: false, joint: false, special: false, size: 12 };
  const exampleSecret = toHex(ports.sha256(new TextEncoder().encode(`example secret for ${pack.meta.id}`)));
  const seed = { secret: exampleSecret, commitment: commitmentOf(exampleSecret, ports), entropy: ['beacon:2026-06-01T09:00+08:00', 'observer:张先生:7f3a'] };
  const result = runDraw({ snapshot, task, pack: { key: `${pack.meta.id}@${pack.meta.version}`, contentHash: pack.contentHash, rules: pack.rules }, seed }, ports);
  if (!result.ok) throw new Error(`${pack.meta.id}: ${result.error.map((s) => s.message).join('; ')}`);
  const exported: DrawExport = { format: EXPORT_FORMAT, pack: { key: `${pack.meta.id}@${pack.meta.version}`, contentHash: pack.contentHash, meta: pack.meta, rules: pack.rules, hooks: {} }, task, snapshot, seed, record: result.value };
  files.set(`docs/draw-examples/${pack.meta.id}.json`, json(exported));
}

let stale = false;
for (const [path, text] of files) {
  if (check) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {}
    if (current !== text) {
      console.error(`${path} is stale: run npm run draw:fixtures`);
      stale = true;
    }
  } else {
    mkdirSync(path.slice(0, path.lastIndexOf('/')), { recursive: true });
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
}
if (stale) process.exit(1);

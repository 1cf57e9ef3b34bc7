// Writes docs/draw-test-vectors.json and docs/draw-examples/<pack>.json (npm run draw:fixtures).
// `--check` fails when the committed files differ from what the code produces now.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { runDraw } from '../src/core/draw/draw.ts';
import { chacha20 } from '@noble/ciphers/chacha.js';
import { EXPORT_FORMAT, EXPORT_FORMAT_SEALED, type DrawExport } from '../src/core/draw/export.ts';
import { fromHex, toHex } from '../src/core/draw/ports.ts';
import { RandomStream } from '../src/core/draw/random-stream.ts';
import { allocateQuotas, sampleUniform, sampleWeighted } from '../src/core/draw/sample.ts';
import { ratioQuota } from '../src/core/draw/ratios.ts';
import { commitmentOf, deriveSeed } from '../src/core/draw/seed.ts';
import { canonicalSealList, sealCommitment } from '../src/core/draw/upper-level-seal.ts';
import { canonicalJson } from '../src/core/canonical-json.ts';
import type { DrawSnapshot, DrawTask, ExpertFacts, SealOpening } from '../src/core/draw/types.ts';
import type { EnterpriseFacts, InspectorFacts } from '../src/core/rules/facts.ts';
import { packContentJson } from '../src/core/rules/pack-content.ts';
import type { Meta, Rules } from '../src/core/rules/schema.ts';
import { demoSnapshot } from '../src/demo/demo-snapshot.ts';
import { loadRegistry } from '../src/rulepacks/registry.ts';
import { NODE_DRAW_PORTS as ports } from '../src/server/draw-ports.ts';

const check = process.argv.includes('--check');
const files = new Map<string, string>();
const json = (value: unknown) => `${JSON.stringify(value, null, 1)}\n`;

// --- Test vectors: the primitives, the seed, and small whole draws, each a full export.
const seedHex = toHex(ports.sha256(new TextEncoder().encode('double-random test vector')));
const stream = () => new RandomStream(fromHex(seedHex));
const secret = '5e'.repeat(32);
const cite = (clause: string) => ({ doc: 'v', clause });
/** A pack as an export holds it, its content hash its own (§2.3): a vector's meta, its rules, no hooks. */
const vectorPack = (id: string, rules: Rules): DrawExport['pack'] => {
  const meta: Meta = { id, name: `测试向量 ${id}`, level: 'COUNTY', version: '1.0.0', sources: [{ id: 'v', title: '测试向量规则' }], inForce: { from: '2026-01-01' } };
  return { key: `${id}@1.0.0`, contentHash: toHex(ports.sha256(new TextEncoder().encode(packContentJson(meta, rules, {})))), meta, rules, hooks: {} };
};
type E = EnterpriseFacts;
const enterprise = (uscc: string, sector: string, riskLevel: E['riskLevel'], over: Partial<E> = {}): E => ({ uscc, name: `企业${uscc.slice(-4)}`, sector, subSector: null, scale: 'SMALL', riskLevel, creditLevel: 'NORMAL', blacklisted: false, keyHighDanger: false, majorHazardSource: false, township: null, operatingStatus: 'OPERATING', records: [], ...over });
const inspector = (id: string, domains: string[], over: Partial<InspectorFacts> = {}): InspectorFacts => ({ id, unit: '执法大队', unitKind: 'BRIGADE', domains, formalStaff: true, certificateValidUntil: '2030-01-01', home: 'own', ...over });
const tiny: DrawSnapshot = {
  enterprises: [
    ['91350100M000100Y43', 'machinery', 'LOW'], ['91110108551385082Q', 'machinery', 'HIGH'], ['91440300708461136T', 'hazardous_chemicals', 'MAJOR'],
    ['91411303MA40000013', 'machinery', 'GENERAL'], ['91411303MA4000002Y', 'textile', 'LOW'], ['91411303MA4000003Q', 'machinery', 'LOW'],
  ].map(([uscc, sector, riskLevel]) => enterprise(uscc!, sector!, riskLevel as E['riskLevel'])),
  inspectors: ['A', 'B', 'C', 'D', 'E'].map((id, i) => inspector(`I-${id}`, i < 3 ? ['machinery', 'textile', 'hazardous_chemicals'] : ['machinery'], { unit: '大队' })),
  experts: [],
  checklist: [{ code: 'C1', sectors: [], leaf: true }, { code: 'C2', sectors: [], leaf: true }, { code: 'C3', sectors: ['machinery'], leaf: true }],
  history: {},
  conflicts: [{ personId: 'I-A', uscc: '91110108551385082Q' }],
};
const tinyTask: DrawTask = { id: 'V-1', year: 2026, inspectionDate: '2026-06-15', sectors: [], covert: false, joint: false, special: false, size: 3, itemsPerInspection: 2 };
const tinyRules: Rules = {
  team: { minSize: 2, leader: true, cite: cite('一') },
  strata: { by: ['riskLevel'], weights: [{ when: { riskLevel: ['HIGH', 'MAJOR'] }, weight: 3 }], cite: cite('二') },
};
const tinySeed = { secret, commitment: commitmentOf(secret, ports), entropy: ['beacon:vector', 'observer:42'] };

/** Draws a vector and returns it as the export a verifier reads. */
function vector(name: string, about: string, input: { snapshot: DrawSnapshot; task: DrawTask; rules: Rules; openings?: SealOpening[] }) {
  const pack = vectorPack(`vector-${name}`, input.rules);
  const drawn = runDraw({ snapshot: input.snapshot, task: input.task, pack, seed: tinySeed, ...(input.openings ? { openings: input.openings } : {}) }, ports);
  if (!drawn.ok) throw new Error(`${name}: ${JSON.stringify(drawn.error)}`);
  const sealed = (input.snapshot.history.upperLevelSealed?.length ?? 0) > 0;
  const exported: DrawExport = { format: sealed ? EXPORT_FORMAT_SEALED : EXPORT_FORMAT, pack, task: input.task, snapshot: input.snapshot, seed: tinySeed, ...(sealed ? { openings: input.openings ?? [] } : {}), record: drawn.value };
  return { name, about, export: exported };
}

const draws = [
  vector('strata', 'Strata by risk level with weights (HIGH and MAJOR weigh 3), checklist items, and an inspector recused for a recorded conflict.', { snapshot: tiny, task: tinyTask, rules: tinyRules }),
  poolVector(),
  dueVector(),
  teamsVector(),
  expertsVector('experts-v1', 'Experts drawn (required by the pack) by specialty: code, label, a part of the label, a text containing the label. The pack recuses for past services of the kinds it lists (EVALUATION, TESTING): a DESIGN service is no ground. Recorded conflicts recuse inspectors and experts alike.', ['interest', 'served-enterprise'], ['EVALUATION', 'TESTING']),
  expertsVector('experts-v3', 'The same with a recusal rule that lists only interest: double-random/v3 leaves out every expert who served the enterprise all the same (all service kinds, since the pack names none).', ['interest'], undefined),
  ...ratioDrawVectors(),
];
draws.push(...rotationAndLevelVectors());
const first = draws[0]!.export.record;

files.set('docs/draw-test-vectors.json', json({
  about: 'Inputs and expected outputs of double-random/v1, v2, v3 and v4 (docs/draw-algorithm.md). Every draw is a whole export: verify it as a published one. Regenerate with npm run draw:fixtures.',
  generator: generatorVectors(),
  seedDerivation: {
    about: 'The seed of the first draw vector: packHash is its pack\'s content hash (SHA-256 of JCS({ hooks, meta, rules })), algorithm double-random/v1.',
    secret,
    commitment: tinySeed.commitment,
    entropy: tinySeed.entropy,
    algorithm: first.algorithm,
    snapshotHash: first.snapshotHash,
    taskHash: first.taskHash,
    packHash: first.packHash,
    seedInput: canonicalJson({ algorithm: first.algorithm, entropy: tinySeed.entropy, packHash: first.packHash, secret, snapshotHash: first.snapshotHash, taskHash: first.taskHash }),
    seed: toHex(deriveSeed(tinySeed, first, ports)),
  },
  draws,
  sealedUpperLevel: sealedVector(),
  ratios: ratioVectors(),
}));

/** The generator: reads across the 64-byte blocks, uniform(1), rejection, the samples and the quotas. */
function generatorVectors() {
  const s1 = stream();
  const s2 = stream();
  const s5 = stream();
  const s6 = stream();
  const keystream = chacha20(fromHex(seedHex), new Uint8Array(12), new Uint8Array(192), undefined, 0);
  const big = 2 ** 47 + 1;
  return {
    seed: seedHex,
    about: 'ChaCha20 with key = seed, nonce 12 zero bytes, counter from 0. The 11th value (index 10) is bytes 60..65: four of block 0, two of block 1; the 22nd (index 21) bytes 126..131 crosses into block 2. uniform(1) reads a value and answers 0. uniform(2^47 + 1) rejects values ≥ 2^48 − (2^47 − 1).',
    keystreamFirst192BytesHex: toHex(keystream),
    first32Uint48: Array.from({ length: 32 }, () => s1.nextUint48()),
    uniform10: Array.from({ length: 8 }, () => s2.uniform(10)),
    uniform1: (() => { const s = stream(); const values = Array.from({ length: 3 }, () => s.uniform(1)); return { values, valuesRead: s.consumed }; })(),
    uniform_2pow47_plus1: (() => { const s = stream(); const values = Array.from({ length: 8 }, () => s.uniform(big)); return { m: big, values, valuesRead: s.consumed }; })(),
    sampleUniform_4_of_0to9: sampleUniform([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4, s5),
    sampleWeighted_3_of_abcd_weights_1_2_3_4: sampleWeighted(['a', 'b', 'c', 'd'], [1, 2, 3, 4], 3, s6),
    quotas: [
      { seats: 5, strata: [{ mass: 3, capacity: 10 }, { mass: 3, capacity: 10 }, { mass: 3, capacity: 10 }] },
      { seats: 6, strata: [{ mass: 30, capacity: 1 }, { mass: 1, capacity: 10 }, { mass: 1, capacity: 10 }] },
      { seats: 4, strata: [{ mass: 0, capacity: 5 }, { mass: 2, capacity: 2 }, { mass: 7, capacity: 9 }] },
      { seats: 3, strata: [{ mass: 5, capacity: 1 }, { mass: 5, capacity: 1 }] },
    ].map((q) => ({ ...q, quotas: allocateQuotas(q.seats, q.strata) })),
  };
}

/** Who is left out of the pool and why: closed, out of scope, outside a directed task, the cap (and its exception), the upper level's picks; two strata by sector and credit, one weighing 0. */
function poolVector() {
  const u = (n: number) => `91411303MA4B${String(n).padStart(5, '0')}X`;
  const enterprises = [
    enterprise(u(1), 'machinery', 'LOW'), enterprise(u(2), 'machinery', 'HIGH', { creditLevel: 'DISHONEST' }), enterprise(u(3), 'machinery', 'GENERAL', { operatingStatus: 'CLOSED' }),
    enterprise(u(4), 'commerce', 'LOW'), enterprise(u(5), 'hazardous_chemicals', 'MAJOR'), enterprise(u(6), 'textile', 'LOW', { operatingStatus: 'CLOSED' }),
    enterprise(u(7), 'machinery', 'LOW'), enterprise(u(8), 'machinery', 'HIGH'), enterprise(u(9), 'textile', 'GENERAL', { creditLevel: 'TRUSTWORTHY' }),
    enterprise(u(10), 'textile', 'LOW', { creditLevel: 'DISHONEST' }), enterprise(u(11), 'machinery', 'LOW', { operatingStatus: 'SUSPENDED' }), enterprise(u(12), 'textile', 'LOW'),
    enterprise(u(13), 'machinery', 'GENERAL', { creditLevel: 'TRUSTWORTHY' }), enterprise(u(14), 'machinery', 'LOW', { creditLevel: 'DISHONEST' }),
  ];
  const snapshot: DrawSnapshot = {
    ...tiny,
    enterprises,
    conflicts: [],
    history: { doubleRandomCount: { [u(1)]: 1, [u(8)]: 2, [u(12)]: 0 }, upperLevelDrawn: [u(7), u(4)] },
  };
  const rules: Rules = {
    scope: { sectors: ['machinery', 'textile', 'hazardous_chemicals'], cite: cite('一') },
    cap: { perYear: 1, exceptions: ['highRisk'], cite: cite('四') },
    exclusions: { upperLevelDrawnThisYear: { effect: 'exclude', cite: cite('三') } },
    team: { minSize: 2, leader: true, cite: cite('五') },
    strata: { by: ['sector', 'creditLevel'], weights: [{ when: { creditLevel: ['TRUSTWORTHY'] }, weight: 0 }, { when: { creditLevel: ['DISHONEST'], sector: ['machinery'] }, weight: 4 }], cite: cite('二') },
  };
  return vector('pool', 'A directed task (machinery, textile): reasons NOT_OPERATING, OUT_OF_SCOPE, NOT_IN_TASK, UPPER_LEVEL_DRAWN, CAP_REACHED (a HIGH-risk enterprise over the cap is an exception), several on one enterprise; a SUSPENDED enterprise stays in; strata by sector then credit level, a weight-0 stratum gets no seat.', { snapshot, task: { ...tinyTask, id: 'V-POOL', sectors: ['machinery', 'textile'], size: 4, itemsPerInspection: 1 }, rules });
}

/** Mandatory coverage: more members due than the task's size, by year and by half-year, record-based groups with the month arithmetic of §5. */
function dueVector() {
  const u = (n: number) => `91411303MA4C${String(n).padStart(5, '0')}X`;
  const complaints = (...dates: string[]) => dates.map((occurredOn) => ({ kind: 'COMPLAINT' as const, occurredOn }));
  const enterprises = [
    enterprise(u(1), 'machinery', 'LOW', { keyHighDanger: true }),
    enterprise(u(2), 'machinery', 'LOW', { keyHighDanger: true }),
    enterprise(u(3), 'machinery', 'LOW', { keyHighDanger: true }),
    enterprise(u(4), 'machinery', 'LOW', { records: complaints('2026-03-04', '2026-08-01') }),
    enterprise(u(5), 'machinery', 'LOW', { records: complaints('2026-03-03', '2026-08-01') }),
    enterprise(u(6), 'machinery', 'LOW', { records: complaints('2026-04-01', '2026-09-01') }),
    enterprise(u(7), 'machinery', 'LOW', { records: complaints('2026-05-01', '2026-06-01') }),
    enterprise(u(8), 'machinery', 'LOW', { keyHighDanger: true }), enterprise(u(9), 'machinery', 'HIGH'), enterprise(u(10), 'machinery', 'LOW'),
  ];
  const snapshot: DrawSnapshot = { ...tiny, enterprises, conflicts: [], history: { lastInspected: { [u(2)]: '2026-02-10', [u(3)]: '2025-12-31', [u(7)]: '2026-06-30' } } };
  const rules: Rules = {
    ...tinyRules,
    definitions: { complaintHeavy: { minRecords: 2, withinMonths: 6, cite: cite('六') } },
    frequencies: [{ who: 'keyHighDanger', every: 'year', cite: cite('七') }, { who: 'complaintHeavy', every: 'half-year', cite: cite('七') }],
  };
  return vector('due', 'Inspection on 2026-08-31: the year starts 2026-01-01, the half-year 2026-07-01 (from inspectionDate, not task.year). Six months before 2026-08-31 is 2026-03-03 (Date.UTC(2026, 1, 31) rolls over), so complaints on 2026-03-03 do not count and on 2026-03-04 do; a complaint after the inspection date does not count. Five are due (keyHighDanger not inspected this year; complaintHeavy not this half-year), the task takes 3 of them by lot: two are stillDue, no seat is left for the strata.', { snapshot, task: { ...tinyTask, id: 'V-DUE', inspectionDate: '2026-08-31', size: 3, itemsPerInspection: 0 }, rules });
}

/** Teams: eligibility, pooling (neighbours yes, township stations no), specialists, the cap on teams per inspector, substitutes. */
function teamsVector() {
  const u = (n: number) => `91411303MA4D${String(n).padStart(5, '0')}X`;
  const enterprises = [
    enterprise(u(1), 'non_coal_mine', 'HIGH'), enterprise(u(2), 'machinery', 'LOW'), enterprise(u(3), 'non_coal_mine', 'GENERAL'),
    enterprise(u(4), 'machinery', 'GENERAL'), enterprise(u(5), 'machinery', 'HIGH'),
  ];
  const inspectors = [
    inspector('I-01', ['machinery']), inspector('I-02', ['machinery', 'non_coal_mine']),
    inspector('I-04', ['machinery'], { formalStaff: false }), inspector('I-05', ['machinery'], { certificateValidUntil: '2026-06-14' }),
    inspector('I-06', ['machinery'], { certificateValidUntil: null }), inspector('I-07', ['machinery'], { unitKind: 'TOWNSHIP_STATION', unit: '城关镇安监站' }),
    inspector('I-09', ['machinery'], { unitKind: 'SECTION', certificateValidUntil: '2026-06-15' }),
    inspector('N-01', ['non_coal_mine'], { home: 'neighbour', unit: '邻县执法大队' }), inspector('N-02', ['machinery'], { home: 'neighbour', unit: '邻县执法大队' }),
    inspector('N-03', ['machinery', 'non_coal_mine'], { home: 'neighbour', unit: '邻县执法大队' }),
  ];
  const snapshot: DrawSnapshot = { ...tiny, enterprises, inspectors, checklist: [...tiny.checklist, { code: 'C0', sectors: [], leaf: false }, { code: 'M1', sectors: ['non_coal_mine'], leaf: true }], conflicts: [{ personId: 'I-02', uscc: u(3) }, { personId: 'I-01', uscc: u(2) }, { personId: 'N-02', uscc: u(5) }] };
  const rules: Rules = {
    team: { minSize: 2, leader: true, maxTeamsPerInspector: 3, cite: cite('八') },
    specialists: [{ sector: 'non_coal_mine', teamSize: 3, minSpecialists: 1, cite: cite('九') }],
    eligibility: { formalStaff: true, certificateValidOnInspectionDate: true, domainMatch: true, cite: cite('十') },
    pooling: { neighbours: true, townshipStations: false, directAssignment: false, cite: cite('十一') },
    checklist: { drawItems: { min: 1, cite: cite('十二') } },
  };
  return vector('teams', 'Ineligible inspectors (not formal staff, certificate expired or missing, a township station the pack does not pool; a certificate valid until the inspection date itself is valid) are listed once. Machinery teams are own inspectors enforcing in machinery (domainMatch); the non-coal-mine teams need 3 with 1 specialist, the other members need not enforce in the sector; a team takes all candidates (neighbours pooled) when the own, less conflicts and those at the maximum, are fewer than its size. Conflicts are recused per pick; at most 3 teams each; one substitute; items default to drawItems.min; C0 has sub-items and is never drawn.', { snapshot, task: { ...tinyTask, id: 'V-TEAMS', size: 5, substitutes: 1 }, rules });
}

function expertsVector(name: string, about: string, reasons: ('interest' | 'served-enterprise')[], serviceKinds: ('EVALUATION' | 'TESTING')[] | undefined) {
  const u = (n: number) => `91411303MA4E${String(n).padStart(5, '0')}X`;
  const enterprises = [enterprise(u(1), 'hazardous_chemicals', 'MAJOR'), enterprise(u(2), 'machinery', 'LOW'), enterprise(u(3), 'hazardous_chemicals', 'HIGH'), enterprise(u(4), 'machinery', 'GENERAL')];
  const experts: ExpertFacts[] = [
    { id: 'X-01', specialties: ['危险化学品'], served: [{ uscc: u(1), kind: 'EVALUATION' }] },
    { id: 'X-02', specialties: ['化学', '消防'], served: [{ uscc: u(3), kind: 'DESIGN' }] },
    { id: 'X-03', specialties: ['hazardous_chemicals'], served: [] },
    { id: 'X-04', specialties: ['机械制造工艺'], served: [{ uscc: u(2), kind: 'TESTING' }, { uscc: u(2), kind: 'STANDARDISATION' }] },
    { id: 'X-05', specialties: ['机械', '电气'], served: [] },
    { id: 'X-06', specialties: ['冶金'], served: [] },
    { id: 'X-07', specialties: ['危险化学品储存'], served: [{ uscc: u(4), kind: 'DESIGN' }] },
  ];
  const snapshot: DrawSnapshot = { ...tiny, enterprises, experts, conflicts: [{ personId: 'X-05', uscc: u(4) }, { personId: 'X-07', uscc: u(3) }] };
  const rules: Rules = {
    ...tinyRules,
    experts: { when: 'required', drawnBy: 'specialty', directHireForComplexCases: false, cite: cite('十三') },
    recusal: { reasons, ...(serviceKinds ? { serviceKinds } : {}), methods: ['step-out-and-redraw'], cite: cite('十四') },
  };
  return vector(name, about, { snapshot, task: { ...tinyTask, id: `V-${name.toUpperCase()}`, size: 4, itemsPerInspection: 1, substitutes: 0 }, rules });
}

/**
 * double-random/v4, rotation and levels (docs/draw-algorithm.md §5c, §7a): inspectors at the
 * limit of consecutive draws left out; avoided units (一般不重合) drawn only for seats the pool
 * cannot fill, exactly as many; the lower level's picks excluded.
 */
function rotationAndLevelVectors() {
  const rotationRules: Rules = { ...tinyRules, team: { minSize: 2, leader: true, rotation: { maxConsecutiveDraws: 2, cite: cite('十五') }, cite: cite('一') } };
  const rotation = vector('v4-rotation', 'double-random/v4: the pack allows at most 2 consecutive draws; I-A and I-B served in the last 2 in a row and are ineligible (ROTATION_LIMIT, after their other reasons), I-C served in 1 and stays a candidate.', {
    snapshot: { ...tiny, history: { consecutiveDraws: { 'I-A': 2, 'I-B': 2, 'I-C': 1 }, lastLeaders: ['I-A'] } },
    task: { ...tinyTask, id: 'V-ROT' },
    rules: rotationRules,
  });
  const avoidRules: Rules = { ...tinyRules, exclusions: { upperLevelDrawnThisYear: { effect: 'avoid', cite: cite('二(二)') } } };
  const upper = { upperLevelDrawn: ['91411303MA40000013', '91411303MA4000002Y', '91440300708461136T'] };
  const short = vector('v4-avoid-short', 'double-random/v4, 一般不重合: three enterprises the upper level drew form the reserve; the pool has 3 others and the task 5, so the 3 are drawn by §6 and 2 seats are drawn uniformly from the reserve (picks marked reserve).', {
    snapshot: { ...tiny, conflicts: [], history: upper }, task: { ...tinyTask, id: 'V-AVOID-SHORT', size: 5, itemsPerInspection: 1 }, rules: avoidRules,
  });
  const enough = vector('v4-avoid-enough', 'double-random/v4, 一般不重合: the same reserve, a task of 2 the pool fills alone: no reserve unit is drawn, the reserve is recorded as avoided.', {
    snapshot: { ...tiny, conflicts: [], history: upper }, task: { ...tinyTask, id: 'V-AVOID-ENOUGH', size: 2, itemsPerInspection: 1 }, rules: avoidRules,
  });
  const lower = vector('v4-lower-exclude', 'double-random/v4: the upper level excludes what the lower levels drew this year (history.lowerLevelDrawn, LOWER_LEVEL_DRAWN).', {
    snapshot: { ...tiny, conflicts: [], history: { lowerLevelDrawn: ['91110108551385082Q', '91440300708461136T'] } },
    task: { ...tinyTask, id: 'V-LOWER', size: 3, itemsPerInspection: 1 },
    rules: { ...tinyRules, exclusions: { lowerLevelDrawnThisYear: { effect: 'exclude', cite: cite('二(二)') } } },
  });
  return [rotation, short, enough, lower];
}

/**
 * double-random/v2 (docs/draw-algorithm.md §9): the tiny draw again, its pack excluding the upper
 * level's picks, two of them under a seal. The commitment's JCS input is given byte for byte.
 */
function sealedVector() {
  const salt = toHex(ports.sha256(new TextEncoder().encode('double-random sealed vector salt')));
  const uscc = canonicalSealList(['91411303MA4000003Q', '91110108551385082Q']);
  const commitment = sealCommitment(salt, uscc, ports);
  const snapshot: DrawSnapshot = { ...tiny, history: { upperLevelDrawn: ['91411303MA4000002Y'], upperLevelSealed: [{ commitment, draw: 'UPPER-DRAW-1', jurisdiction: '411300', level: 'CITY' }] } };
  const rules: Rules = { ...tinyRules, exclusions: { upperLevelDrawnThisYear: { effect: 'exclude', cite: cite('三') } } };
  const opening = { commitment, salt, uscc };
  return {
    ...vector('sealed', 'A v2 draw: the seal stands in the snapshot (and its hash) in place of the two sealed USCCs; the opening is checked against the commitment, then the pool leaves out the public and the opened upper-level USCCs alike.', { snapshot, task: { ...tinyTask, id: 'V-2', size: 2 }, rules, openings: [opening] }),
    commitmentInput: canonicalJson({ salt, uscc }),
  };
}

// --- 分层比例 per-stratum ratios, double-random/v4 (docs/draw-algorithm.md §6a).
/** A county of `counts[level]` machinery enterprises per risk level, USCCs numbered in that order. */
function ratioCounty(prefix: string, counts: Partial<Record<E['riskLevel'], number>>, over: (n: number) => Partial<E> = () => ({})): DrawSnapshot {
  const enterprises: E[] = [];
  let n = 0;
  for (const [level, count] of Object.entries(counts) as [E['riskLevel'], number][]) {
    for (let i = 0; i < count; i++, n++) enterprises.push(enterprise(`91411303MA4${prefix}${String(n + 1).padStart(5, '0')}X`, 'machinery', level, over(n)));
  }
  return { ...tiny, enterprises, conflicts: [] };
}
function ratioDrawVectors() {
  const by: NonNullable<Rules['strata']>['by'] = ['riskLevel'];
  const team = { minSize: 2, leader: true, cite: cite('一') };
  const rounding = vector('ratios-rounding', 'double-random/v4: a percent per risk level with each rounding. HIGH 15 % of 10 rounded up (the default, 不低于) is 2; GENERAL 15 % of 10 down is 1; LOW 15 % of 10 to the nearest, a half up, is 2 (1.5); MAJOR 0.5 % of 6 up is 1 (0.03). The task\'s size is exactly what the ratios require (6); each stratum states its inclusion probability.', {
    snapshot: ratioCounty('R', { MAJOR: 6, HIGH: 10, GENERAL: 10, LOW: 10 }),
    task: { ...tinyTask, id: 'V-RATIO-ROUND', size: 6, itemsPerInspection: 1 },
    rules: { team, strata: { by, ratios: [{ when: { riskLevel: ['HIGH'] }, percent: 15 }, { when: { riskLevel: ['GENERAL'] }, percent: 15, rounding: 'down' }, { when: { riskLevel: ['LOW'] }, percent: 15, rounding: 'nearest' }, { when: { riskLevel: ['MAJOR'] }, percent: 0.5 }], cite: cite('二') } },
  });
  const countMin = vector('ratios-count-min', 'double-random/v4: a count (HIGH: 3 enterprises), a count larger than its stratum (MAJOR: 5 of 2, capped at 2), a percent raised to its minimum (LOW: 2 % of 12 is 1, at least 4) and a 100 % stratum (GENERAL: all 3).', {
    snapshot: ratioCounty('S', { MAJOR: 2, HIGH: 7, GENERAL: 3, LOW: 12 }),
    task: { ...tinyTask, id: 'V-RATIO-COUNT', size: 12, itemsPerInspection: 0 },
    rules: { team, strata: { by, ratios: [{ when: { riskLevel: ['HIGH'] }, count: 3 }, { when: { riskLevel: ['MAJOR'] }, count: 5 }, { when: { riskLevel: ['LOW'] }, percent: 2, min: 4 }, { when: { riskLevel: ['GENERAL'] }, percent: 100 }], cite: cite('二') } },
  });
  const weights = vector('ratios-weights', 'double-random/v4: ratios alongside weights and a due member. Two keyHighDanger enterprises are due and taken first; HIGH 50 % of its 5 other members up is 3; GENERAL and LOW have no ratio and share the other 4 seats by weight (GENERAL 3 each, LOW 1), by §6\'s largest remainder; LOW\'s weights are equal, so its probability is exact too. dueInclusion is 1/1.', {
    snapshot: ratioCounty('T', { HIGH: 6, GENERAL: 4, LOW: 9 }, (n) => ({ keyHighDanger: n === 0 || n === 7 })),
    task: { ...tinyTask, id: 'V-RATIO-WEIGHTS', size: 9, itemsPerInspection: 1 },
    rules: { team, strata: { by, ratios: [{ when: { riskLevel: ['HIGH'] }, percent: 50 }], weights: [{ when: { riskLevel: ['GENERAL'] }, weight: 3 }], cite: cite('二') }, frequencies: [{ who: 'keyHighDanger', every: 'year', cite: cite('七') }] },
  });
  return [rounding, countMin, weights];
}
/** The quota formula's worked cases, and a task refused for being smaller than its ratios require. */
function ratioVectors() {
  const entries: { n: number; entry: NonNullable<NonNullable<Rules['strata']>['ratios']>[number] }[] = [
    { n: 10, entry: { when: {}, percent: 15 } }, { n: 10, entry: { when: {}, percent: 15, rounding: 'down' } }, { n: 10, entry: { when: {}, percent: 15, rounding: 'nearest' } },
    { n: 10, entry: { when: {}, percent: 14, rounding: 'nearest' } }, { n: 999, entry: { when: {}, percent: 0.5 } }, { n: 999, entry: { when: {}, percent: 0.5, rounding: 'down' } },
    { n: 10000, entry: { when: {}, percent: 0.07 } }, { n: 400, entry: { when: {}, percent: 2.25, rounding: 'nearest' } }, { n: 1000000, entry: { when: {}, percent: 0.01, rounding: 'down' } },
    { n: 7, entry: { when: {}, count: 3 } }, { n: 2, entry: { when: {}, count: 3 } }, { n: 100, entry: { when: {}, percent: 2, min: 5 } }, { n: 4, entry: { when: {}, percent: 2, min: 5 } }, { n: 0, entry: { when: {}, percent: 100 } },
  ];
  const snapshot = ratioCounty('U', { HIGH: 4, LOW: 20 });
  const rules: Rules = { team: { minSize: 2, leader: true, cite: cite('一') }, strata: { by: ['riskLevel'], ratios: [{ when: { riskLevel: ['HIGH'] }, percent: 100 }, { when: { riskLevel: ['LOW'] }, percent: 10 }], cite: cite('二') } };
  const refusedTask: DrawTask = { ...tinyTask, id: 'V-RATIO-SMALL', size: 5, itemsPerInspection: 0 };
  const pack = vectorPack('vector-ratios-refused', rules);
  const refused = runDraw({ snapshot, task: refusedTask, pack, seed: tinySeed }, ports);
  if (refused.ok) throw new Error('ratios-refused: drawn');
  return {
    about: 'double-random/v4 §6a: quota = min(n, max(min, count or floor((n·bp + r) / 10000))), bp = percent × 100, r = 9999 (up, the default), 5000 (nearest) or 0 (down). refused: a task of 5 where HIGH 100 % of 4 and LOW 10 % of 20 require 6 — no draw (RATIOS_SIZE), nothing read.',
    quotas: entries.map(({ n, entry }) => ({ n, entry, quota: ratioQuota(entry, n) })),
    refused: { name: 'ratios-refused', inputs: { format: EXPORT_FORMAT, pack, task: refusedTask, snapshot, seed: tinySeed }, expected: { code: refused.error[0]!.code, needed: refused.error[0]!.needed } },
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

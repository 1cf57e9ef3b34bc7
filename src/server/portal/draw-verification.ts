import { explainCandidate } from '../../core/draw/explain-candidate.ts';
import type { DrawRecord, DrawSnapshot, PickRecord } from '../../core/draw/types.ts';
import { checkOpenings } from '../../core/draw/upper-level-seal.ts';
import { toIsoDate } from '../../core/directory/dates.ts';
import { stratumLabel } from '../../core/rules/messages.ts';
import { PUBLIC } from '../auth/viewer.ts';
import { NODE_DRAW_PORTS } from '../draw-ports.ts';
import { exportOfDraw } from '../draws/draw-export.ts';
import { openingsFor, publicOpenState } from '../draws/upper-level-seals.ts';
import { heldVerificationView } from '../draws/verify-held-draw.ts';
import { verifyDraw, type Verification } from '../../core/draw/verify.ts';
import { loadedPacksHookIsolator } from '../../rulepacks/registry.ts';
import { PromiseCache } from '../cache/promise-cache.ts';
import type { Services } from '../tasks/services.ts';
import { PUBLISHED_TASKS } from './portal-data.ts';
import { authorityOf, NAMING_SELECT, NOTICE_FIELDS, taskNoticeNumber } from './notice-number.ts';

/**
 * What the public verification page (/verify/<draw>/<uscc>) shows: that this enterprise was
 * drawn fairly, in numbers anyone can check, and the verifier's own verdict on the stored record.
 * No personal data: the export it is read from has none (inspectors are pseudonymous ids there).
 */
export interface DrawVerificationPage {
  readonly drawId: string;
  readonly taskId: string;
  readonly taskTitle: string;
  /** 抽查任务公告 number (卧龙应急随抽〔2026〕第3号) and 检查实施机关. */
  readonly noticeNumber: string | null;
  readonly authority: string;
  readonly covert: boolean;
  readonly jurisdiction: { readonly code: string; readonly name: string };
  readonly inspectionDate: string;
  readonly algorithm: string;
  readonly uscc: string;
  readonly enterpriseName: string | null;
  /** In the locked directory snapshot at all. */
  readonly inSnapshot: boolean;
  readonly drawn: boolean;
  readonly order: number | null;
  readonly due: boolean;
  readonly fromReserve: boolean;
  readonly snapshotSize: number;
  /** 抽取池: the snapshot less those the pack's rules keep out (and v4's reserve); null while a seal hides it. */
  readonly poolSize: number | null;
  readonly size: number;
  readonly stratum: { readonly key: string; readonly label: string; readonly size: number; readonly quota: number } | null;
  /** 入选概率 "p/q" reduced, or null where not exact (unequal weights) or not yet known (a seal). */
  readonly inclusion: string | null;
  /** The inclusion as a percent with two decimals, e.g. "8.33%". */
  readonly percent: string | null;
  /** The explanation's sentence, with the clauses (why in the pool, its stratum, its chance). */
  readonly explanation: string;
  readonly seed: { readonly commitment: string; readonly secret: string; readonly seed: string; readonly snapshotHash: string; readonly packKey: string; readonly beacon: string | null; readonly entropy: readonly string[] };
  readonly verification: { readonly status: 'VERIFIED' | 'MISMATCH' | 'PENDING'; readonly summary: string; readonly differences: readonly string[]; readonly pending: readonly string[] };
}

// A held draw never changes, so its page is kept: a thousand visitors cost one re-derivation and
// each of them two small reads (whether it is public; its fingerprint). The fingerprint is the
// row versions (xmin) of the draw and its task and which of its seals the public may open: a
// record changed behind the database's back (past its trigger) is a new row version, verified
// afresh, never served the verdict of the record it replaced.
const verifications = new PromiseCache<string, Verification>({ size: 200 });
const pages = new PromiseCache<string, DrawVerificationPage>({ size: 2000 });

async function fingerprint(s: Services, drawId: string): Promise<{ draw: string; page: string } | undefined> {
  const [row] = await s.prisma.$queryRaw<{ draw: string; task: string }[]>`SELECT d.xmin::text AS draw, t.xmin::text AS task FROM draw d JOIN inspection_task t ON t.id = d.task_id WHERE d.id = ${drawId}`;
  if (!row) return undefined;
  const draw = `${drawId}|${row.draw}|${await publicOpenState(s.prisma, drawId)}`;
  return { draw, page: `${draw}|${row.task}` };
}

/** p/q as a percent with two decimals, exact in BigInt and rounded half up. */
export function percentOf(fraction: string): string {
  const [p, q] = fraction.split('/').map((x) => BigInt(x)) as [bigint, bigint];
  const hundredths = (p * 20000n + q) / (2n * q);
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}%`;
}

/**
 * The verification page of an enterprise in a held draw, or undefined when the draw is not
 * public (a covert task before it closes, a draw not yet held): the rule the portal uses.
 */
export async function drawVerification(s: Services, drawId: string, uscc: string): Promise<DrawVerificationPage | undefined> {
  const shown = await s.prisma.draw.findFirst({ where: { id: drawId, status: 'DRAWN', task: PUBLISHED_TASKS }, select: { id: true } });
  const key = shown && (await fingerprint(s, drawId));
  if (!key) return undefined;
  return pages.get(`${key.page}|${uscc}`, () => pageOf(s, drawId, uscc, key.draw));
}

async function pageOf(s: Services, drawId: string, uscc: string, drawKey: string): Promise<DrawVerificationPage | undefined> {
  const draw = await s.prisma.draw.findFirst({
    where: { id: drawId, status: 'DRAWN', task: PUBLISHED_TASKS },
    include: { entropy: { orderBy: { seq: 'asc' }, select: { value: true } }, task: { select: { id: true, title: true, covert: true, inspectionDate: true, ...NOTICE_FIELDS, jurisdiction: { select: { code: true, ...NAMING_SELECT } } } } },
  });
  if (!draw) return undefined;
  const exported = exportOfDraw(draw, draw.entropy.map((e) => e.value), await openingsFor(s.prisma, draw, PUBLIC));
  if (!exported) return undefined;
  const verification = await verifications.get(drawKey, async () => verifyDraw(exported, { ...NODE_DRAW_PORTS, isolateHooks: loadedPacksHookIsolator(s.packs) }));
  const snapshot = exported.snapshot as DrawSnapshot;
  const record = exported.record as Partial<DrawRecord> & Pick<DrawRecord, 'picks' | 'algorithm' | 'seed' | 'snapshotHash' | 'packKey'>;
  const enterprise = snapshot.enterprises.find((e) => e.uscc === uscc);
  const pick: PickRecord | undefined = record.picks.find((p) => p.uscc === uscc);
  const { opened } = checkOpenings(exported.snapshot, exported.openings, NODE_DRAW_PORTS);
  const explained = enterprise ? explainCandidate({ snapshot, task: exported.task, pack: { key: exported.pack.key, contentHash: exported.pack.contentHash, rules: exported.pack.rules }, openings: [...opened.values()], algorithm: record.algorithm }, uscc) : undefined;
  // The record's own figures first (what the verifier checked); the explanation where the record has none (v1–v3 strata, the reserve).
  const strata = record.strata;
  const stratumKey = pick?.stratum ?? explained?.stratum ?? null;
  const stratumRecord = stratumKey && strata ? strata.find((x) => x.stratum === stratumKey) : undefined;
  const recorded = pick?.due ? record.dueInclusion : pick && !pick.reserve ? stratumRecord?.inclusion : undefined;
  const inclusion = recorded ?? explained?.inclusion ?? null;
  const view = verification ? heldVerificationView(verification) : { status: 'MISMATCH' as const, summary: '验证未通过：无法读取抽取记录', differences: [], pending: [] };
  return {
    drawId, taskId: draw.task.id, taskTitle: draw.task.title, noticeNumber: taskNoticeNumber(draw.task), authority: draw.task.noticeAuthority ?? authorityOf(draw.task.jurisdiction),
    covert: draw.task.covert, jurisdiction: { code: draw.task.jurisdiction.code, name: draw.task.jurisdiction.name }, inspectionDate: toIsoDate(draw.task.inspectionDate),
    algorithm: record.algorithm, uscc, enterpriseName: enterprise?.name ?? null, inSnapshot: Boolean(enterprise),
    drawn: Boolean(pick), order: pick?.order ?? null, due: pick?.due ?? false, fromReserve: pick?.reserve === true,
    snapshotSize: snapshot.enterprises.length,
    poolSize: record.excluded ? snapshot.enterprises.length - record.excluded.length - (record.avoided?.length ?? 0) : null,
    size: exported.task.size,
    stratum: stratumRecord && !pick?.due ? { key: stratumRecord.stratum, label: stratumLabel(stratumRecord.stratum), size: stratumRecord.size, quota: stratumRecord.quota } : null,
    inclusion, percent: inclusion ? percentOf(inclusion) : null,
    explanation: explained?.summary ?? `${uscc} 不在本次抽取的名录快照中，未参与本次抽取。`,
    seed: { commitment: exported.seed.commitment, secret: exported.seed.secret, seed: record.seed, snapshotHash: record.snapshotHash, packKey: record.packKey, beacon: draw.beacon, entropy: exported.seed.entropy },
    verification: { status: view.status, summary: view.summary, differences: view.differences, pending: view.pending },
  };
}

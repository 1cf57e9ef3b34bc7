import { canonicalJson } from '../canonical-json.ts';
import { byCodeUnits } from './canonical-snapshot.ts';
import { toHex, utf8, type DrawPorts } from './ports.ts';
import type { DrawSnapshot, SealOpening, SnapshotHistory, UpperLevelSeal } from './types.ts';

/** What is wrong with an opening, in the verifier's terms: where, what the format wants, what it has. */
export interface SealIssue {
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const OPENING_FIELDS = ['commitment', 'salt', 'uscc'] as const;

/** The sealed list in canonical order: code units, each USCC once. */
export const canonicalSealList = (uscc: Iterable<string>): string[] => [...new Set(uscc)].sort(byCodeUnits);

/** hex(SHA-256(UTF-8(JCS({ salt, uscc })))) over the list in canonical order (docs/draw-algorithm.md §9). */
export function sealCommitment(salt: string, uscc: readonly string[], ports: DrawPorts): string {
  return toHex(ports.sha256(utf8(canonicalJson({ salt, uscc }))));
}

export const sealsOf = (snapshot: DrawSnapshot): readonly UpperLevelSeal[] => snapshot.history.upperLevelSealed ?? [];

const LEVEL: Readonly<Record<string, string>> = { PROVINCE: '省级', CITY: '市级', COUNTY: '县级' };

/** 「市级（411300）」: the level a seal waits for, as a reader sees it. */
export const sealOwner = (seal: UpperLevelSeal): string => `${LEVEL[seal.level] ?? seal.level}（${seal.jurisdiction}）`;

/** The sentence for what waits on the seals still closed. */
export function waitingFor(seals: readonly UpperLevelSeal[]): string {
  const owners = [...new Set(seals.map(sealOwner))].join('、');
  return `须待上级 ${owners} 的暗查暗访任务结束、封存名单公开后方可核验（pending until the covert task of the upper level closes）`;
}

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v);

/**
 * Checks an export's openings against the seals of its snapshot: each opening names one seal
 * (once), has exactly its three fields, a 64-hex salt, a list in canonical order of USCCs that are
 * in the snapshot's enterprises, and hashes to the seal's commitment. Returns the openings that
 * pass, by commitment, and everything that does not, with its path. A tampered list or salt
 * never opens a seal.
 */
export function checkOpenings(snapshot: DrawSnapshot, openings: unknown, ports: DrawPorts): { opened: ReadonlyMap<string, SealOpening>; issues: readonly SealIssue[] } {
  const opened = new Map<string, SealOpening>();
  const issues: SealIssue[] = [];
  if (openings === undefined) return { opened, issues };
  if (!Array.isArray(openings)) return { opened, issues: [{ path: 'openings', expected: '封存名单的开启列表（a list of openings）', actual: typeOf(openings) }] };
  const seals = new Set(sealsOf(snapshot).map((s) => s.commitment));
  let directory: Set<string> | undefined;
  openings.forEach((o: unknown, i) => {
    const at = `openings[${i}]`;
    if (o === null || typeof o !== 'object' || Array.isArray(o)) return issues.push({ path: at, expected: '{ commitment, salt, uscc }', actual: typeOf(o) });
    const { commitment, salt, uscc } = o as Record<string, unknown>;
    const before = issues.length;
    for (const k of Object.keys(o)) if (!(OPENING_FIELDS as readonly string[]).includes(k)) issues.push({ path: `${at}.${k}`, expected: '开启只有 commitment、salt、uscc 三项', actual: 'not a field of an opening' });
    if (typeof commitment !== 'string' || !seals.has(commitment)) issues.push({ path: `${at}.commitment`, expected: '快照中某个封存承诺（the commitment of a seal in the snapshot）', actual: JSON.stringify(commitment) ?? 'nothing' });
    else if (opened.has(commitment)) issues.push({ path: `${at}.commitment`, expected: '每个封存只开启一次', actual: `${commitment} 重复开启` });
    if (typeof salt !== 'string' || !HEX64.test(salt)) issues.push({ path: `${at}.salt`, expected: '盐值为 64 位小写十六进制（32 bytes, lowercase hex）', actual: JSON.stringify(salt) ?? 'nothing' });
    if (!Array.isArray(uscc) || uscc.length === 0 || !uscc.every((u) => typeof u === 'string')) {
      issues.push({ path: `${at}.uscc`, expected: '非空的统一社会信用代码列表（a non-empty list of USCCs）', actual: typeOf(uscc) });
    } else {
      for (let j = 1; j < uscc.length; j++) {
        if (byCodeUnits(uscc[j - 1] as string, uscc[j] as string) >= 0) {
          issues.push({ path: `${at}.uscc[${j}]`, expected: '按码元升序且不重复（canonical order, each once）', actual: JSON.stringify(uscc[j]) });
          break;
        }
      }
      directory ??= new Set(snapshot.enterprises.map((e) => e.uscc));
      const outside = (uscc as string[]).findIndex((u) => !directory!.has(u));
      if (outside >= 0) issues.push({ path: `${at}.uscc[${outside}]`, expected: '本辖区名录快照中的企业（an enterprise of the snapshot）', actual: `${JSON.stringify(uscc[outside])} 不在名录快照中` });
    }
    if (issues.length > before) return;
    const computed = sealCommitment(salt as string, uscc as string[], ports);
    if (computed !== commitment) {
      return issues.push({ path: at, expected: `名单与盐值的 SHA-256 等于承诺 ${commitment as string}`, actual: `${computed}：名单或盐值与承诺不符（the list or the salt was altered）` });
    }
    opened.set(commitment as string, { commitment: commitment as string, salt: salt as string, uscc: uscc as string[] });
  });
  return { opened, issues };
}

/**
 * The history the pool reads: the public upper-level list with every opened list added, in
 * canonical order. The seals themselves do not change the pool; only their opened lists do.
 */
export function openedHistory(history: SnapshotHistory, opened: ReadonlyMap<string, SealOpening>): SnapshotHistory {
  if (opened.size === 0) return history;
  const lists = [history.upperLevelDrawn ?? [], ...[...opened.values()].map((o) => o.uscc)];
  return { ...history, upperLevelDrawn: canonicalSealList(lists.flat()) };
}

/** The seals of a snapshot that the given openings leave closed. */
export const closedSeals = (snapshot: DrawSnapshot, opened: ReadonlyMap<string, SealOpening>): UpperLevelSeal[] => sealsOf(snapshot).filter((s) => !opened.has(s.commitment));

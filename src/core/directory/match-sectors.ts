import type { SectorVocabulary } from './sector-vocabulary.ts';

/**
 * Matching a checklist's free-text 检查对象 (加油站, 烟花爆竹批发企业, 轻工企业（食品、酿酒、造纸）)
 * to sector codes. Pure: the vocabulary and the bureau's corrections are inputs.
 *
 * 1. A bureau's correction of the whole text, when there is one, is the answer ('correction').
 * 2. Otherwise the text is split at top-level 、，,；; (never inside （）or ()), and each part is
 *    matched: its code or label exactly ('exact'), an alias exactly ('alias'), both tried with
 *    the part's bracketed remark and suffixes such as 企业/单位/行业 removed; then the longest
 *    label or alias the part contains ('contains'); else 'unmatched'.
 * 3. The text's `how` is its weakest part's (exact > alias > contains > unmatched).
 */
export type MatchHow = 'exact' | 'alias' | 'contains' | 'correction' | 'unmatched';

export interface MatchPart {
  readonly text: string;
  readonly sectors: readonly string[];
  readonly how: MatchHow;
  /** The label or alias the part matched. */
  readonly matched: string | null;
}

export interface ObjectMatch {
  readonly sectors: string[];
  readonly how: MatchHow;
  readonly parts: MatchPart[];
}

/** A bureau's corrections: normalised text (normaliseObjectText) → the sectors it means. */
export type SectorCorrections = ReadonlyMap<string, readonly string[]>;

/** At most this many characters of 检查对象 are matched; longer text is unmatched. */
export const MAX_OBJECT_TEXT = 2000;

/** Trimmed, runs of white space as one space: the key a correction is stored under. */
export function normaliseObjectText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const OPEN = new Set(['（', '(']);
const CLOSE = new Set(['）', ')']);
const SEPARATORS = new Set(['、', '，', ',', '；', ';']);

/** Splits at top-level separators; a bracketed remark stays inside its part. */
export function splitObjectText(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch) && depth > 0) depth--;
    if (depth === 0 && SEPARATORS.has(ch)) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

const SUFFIXES = ['生产经营单位', '经营单位', '生产企业', '企业', '单位', '行业', '领域', '公司', '场所', '等'];

/** The part without its bracketed remarks, then without its suffixes (企业, 单位…), as candidates. */
function cores(part: string): string[] {
  const out = [part];
  let core = part.replace(/[（(][^（）()]*[）)]/g, '').trim();
  out.push(core);
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of SUFFIXES) {
      if (core.length > suffix.length && core.endsWith(suffix)) {
        core = core.slice(0, -suffix.length).trim();
        out.push(core);
        changed = true;
      }
    }
  }
  return [...new Set(out.filter(Boolean))];
}

const RANK: Record<MatchHow, number> = { correction: 0, exact: 1, alias: 2, contains: 3, unmatched: 4 };

// The words of a vocabulary, longest first, for containment: computed once per vocabulary.
const wordLists = new WeakMap<SectorVocabulary, readonly { word: string; code: string }[]>();
function wordsOf(vocabulary: SectorVocabulary) {
  let words = wordLists.get(vocabulary);
  if (!words) {
    words = vocabulary.sectors
      .flatMap((s) => [s.label, ...s.aliases].map((word) => ({ word, code: s.code })))
      .filter((w) => w.word.length >= 2)
      .sort((a, b) => b.word.length - a.word.length || a.code.localeCompare(b.code));
    wordLists.set(vocabulary, words);
  }
  return words;
}

function matchPart(part: string, vocabulary: SectorVocabulary): MatchPart {
  const candidates = cores(part);
  for (const core of candidates) {
    const sector = vocabulary.find(core);
    if (sector) return { text: part, sectors: [sector.code], how: core === sector.label || core === sector.code ? 'exact' : 'alias', matched: core };
  }
  const bare = candidates[1] ?? part;
  const hit = wordsOf(vocabulary).find((w) => bare.includes(w.word));
  if (hit) return { text: part, sectors: [hit.code], how: 'contains', matched: hit.word };
  return { text: part, sectors: [], how: 'unmatched', matched: null };
}

export function matchObjectText(text: string, vocabulary: SectorVocabulary, corrections: SectorCorrections = new Map()): ObjectMatch {
  const key = normaliseObjectText(text);
  const corrected = corrections.get(key);
  if (corrected) return { sectors: [...corrected], how: 'correction', parts: [{ text: key, sectors: [...corrected], how: 'correction', matched: null }] };
  if (key === '' || key.length > MAX_OBJECT_TEXT) return { sectors: [], how: 'unmatched', parts: [] };
  const parts = splitObjectText(key).map((p) => matchPart(p, vocabulary));
  const sectors = [...new Set(parts.flatMap((p) => p.sectors))];
  const how = parts.reduce<MatchHow>((worst, p) => (RANK[p.how] > RANK[worst] ? p.how : worst), 'exact');
  return { sectors, how: parts.length ? how : 'unmatched', parts };
}

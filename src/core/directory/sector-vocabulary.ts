import { err, ok, type Result } from '../result.ts';
import { SECTORS, type Sector } from './sectors.ts';

/**
 * The effective vocabulary of sectors of one jurisdiction: the national base (sectors.ts), then
 * what its rule pack adds (rules.vocabulary), then what the jurisdiction adds itself (in the
 * database). A later layer may add codes and words; it never redefines a code or takes a word
 * another sector already answers to.
 */

/** What code a new sector may have: lowercase letters, digits and underscores (`coal_washing`). */
export const SECTOR_CODE_SHAPE = /^[a-z][a-z0-9_]{1,62}$/;
/** At most this many sectors per layer (a pack's or a jurisdiction's), aliases per sector. */
export const MAX_EXTENSION_SECTORS = 200;
export const MAX_ALIASES = 20;

export type SectorSource = 'BASE' | 'PACK' | 'JURISDICTION';

export interface VocabularySector extends Sector {
  readonly source: SectorSource;
  /** The pack (`id@version`) or jurisdiction (its code) that added it; null for the base. */
  readonly origin: string | null;
}

/** A sector a pack or a jurisdiction adds. */
export interface SectorEntry {
  readonly code: string;
  readonly label: string;
  readonly aliases?: readonly string[] | undefined;
  readonly parent?: string | undefined;
}

export interface VocabularyLayer {
  readonly source: Exclude<SectorSource, 'BASE'>;
  readonly origin: string;
  readonly sectors: readonly SectorEntry[];
}

/** Why an extension was refused: which entry (its index in its layer), which field, why. */
export interface VocabularyProblem {
  readonly source: Exclude<SectorSource, 'BASE'>;
  readonly index: number;
  readonly field: 'code' | 'label' | 'aliases' | 'parent';
  readonly message: string;
}

export interface SectorVocabulary {
  readonly sectors: readonly VocabularySector[];
  /** By code, label or alias (exact, after trimming). */
  find(text: string): VocabularySector | undefined;
  byCode(code: string): VocabularySector | undefined;
  /** The Chinese label of a code; the code itself when unknown. */
  labelOf(code: string): string;
  /** The code, its parent, its parent's parent… */
  lineage(code: string): string[];
  /** True when `code` is `ancestor` or lies under it. */
  covers(ancestor: string, code: string): boolean;
}

function make(sectors: readonly VocabularySector[]): SectorVocabulary {
  const byCode = new Map(sectors.map((s) => [s.code, s]));
  const byText = new Map<string, VocabularySector>();
  for (const s of sectors) for (const text of [s.code, s.label, ...s.aliases]) if (!byText.has(text)) byText.set(text, s);
  const lineage = (code: string) => {
    const out: string[] = [];
    for (let at: string | undefined = code; at && !out.includes(at); at = byCode.get(at)?.parent) out.push(at);
    return out;
  };
  return {
    sectors,
    find: (text) => byText.get(text.trim()),
    byCode: (code) => byCode.get(code),
    labelOf: (code) => byCode.get(code)?.label ?? code,
    lineage,
    covers: (ancestor, code) => lineage(code).includes(ancestor),
  };
}

export const BASE_VOCABULARY: SectorVocabulary = make(SECTORS.map((s) => ({ ...s, source: 'BASE', origin: null })));

/**
 * The base vocabulary extended by each layer in turn. Problems name the entry and field, in
 * Chinese: a code not code-shaped or already taken, a word another sector answers to, a parent
 * that is not known (a parent may be in the same layer, before or after).
 */
export function extendVocabulary(base: SectorVocabulary, layers: readonly VocabularyLayer[]): Result<SectorVocabulary, VocabularyProblem[]> {
  const problems: VocabularyProblem[] = [];
  const sectors = [...base.sectors];
  for (const layer of layers) {
    const at = (index: number, field: VocabularyProblem['field'], message: string) => problems.push({ source: layer.source, index, field, message });
    if (layer.sectors.length > MAX_EXTENSION_SECTORS) at(MAX_EXTENSION_SECTORS, 'code', `至多增加 ${MAX_EXTENSION_SECTORS} 个行业领域（at most ${MAX_EXTENSION_SECTORS} sectors）`);
    const codes = new Set([...sectors.map((s) => s.code), ...layer.sectors.map((s) => s.code)]);
    const words = new Map<string, string>();
    for (const s of sectors) for (const w of [s.code, s.label, ...s.aliases]) words.set(w, s.code);
    layer.sectors.forEach((entry, index) => {
      const code = entry.code.trim();
      const label = entry.label.trim();
      const aliases = [...new Set((entry.aliases ?? []).map((a) => a.trim()).filter(Boolean))];
      if (!SECTOR_CODE_SHAPE.test(code)) return at(index, 'code', `代码“${code}”应以小写字母开头，只含小写字母、数字和下划线，2 至 63 个字符（lowercase letters, digits and underscores）`);
      const owner = sectors.find((s) => s.code === code);
      if (owner) return at(index, 'code', `代码 ${code} 已是“${owner.label}”的代码，不能重新定义（is already a sector's code）`);
      if (!label || label.length > 50) return at(index, 'label', `名称应为 1 至 50 个字（a label of 1 to 50 characters）`);
      if (aliases.length > MAX_ALIASES) return at(index, 'aliases', `别名至多 ${MAX_ALIASES} 个（at most ${MAX_ALIASES} aliases）`);
      for (const [field, word] of [['label', label], ...aliases.map((a) => ['aliases', a] as const)] as const) {
        const taken = words.get(word);
        if (taken && taken !== code) return at(index, field, `“${word}”已是“${sectors.find((s) => s.code === taken)?.label ?? taken}”（${taken}）的名称或别名（another sector answers to this word）`);
      }
      if (entry.parent !== undefined && !codes.has(entry.parent)) {
        return at(index, 'parent', `上级行业领域 ${entry.parent} 不存在；可用全国基础目录或本层已列的代码（unknown parent）`);
      }
      for (const w of [code, label, ...aliases]) words.set(w, code);
      sectors.push({ code, label, aliases, ...(entry.parent ? { parent: entry.parent } : {}), source: layer.source, origin: layer.origin });
    });
  }
  if (problems.length > 0) return err(problems);
  const vocabulary = make(sectors);
  // A parent chain that comes back to itself (a → b → a within one layer) is refused.
  for (const s of sectors) {
    if (s.source === 'BASE' || !s.parent) continue;
    if (vocabulary.lineage(s.code).length > 0 && ancestorsLoop(vocabulary, s.code)) {
      const layer = layers.find((l) => l.source === s.source && l.origin === s.origin)!;
      problems.push({ source: s.source, index: layer.sectors.findIndex((e) => e.code === s.code), field: 'parent', message: `上级关系形成了环（${s.code} 最终是自己的上级）（the parents form a cycle）` });
    }
  }
  return problems.length > 0 ? err(problems) : ok(vocabulary);
}

function ancestorsLoop(vocabulary: SectorVocabulary, code: string): boolean {
  const seen = new Set<string>();
  for (let at: string | undefined = code; at; at = vocabulary.byCode(at)?.parent) {
    if (seen.has(at)) return true;
    seen.add(at);
  }
  return false;
}

/** The known sectors as a clerk reads them in a refusal: labels joined by 、. */
export function knownLabels(vocabulary: SectorVocabulary): string {
  return vocabulary.sectors.map((s) => s.label).join('、');
}

import { BASE_VOCABULARY, extendVocabulary, type SectorVocabulary, type VocabularyLayer } from '../../core/directory/sector-vocabulary.ts';
import type { Citation, Rules } from '../../core/rules/schema.ts';
import type { Result } from '../../core/result.ts';
import type { VocabularyProblem } from '../../core/directory/sector-vocabulary.ts';
import type { PackProblem } from './problem.ts';

/** The layer a pack's rules in force add to the base vocabulary (its parents' sectors first). */
export function packLayer(rules: Rules, origin: string): VocabularyLayer {
  return { source: 'PACK', origin, sectors: rules.vocabulary?.sectors ?? [] };
}

/** Base + the pack's sectors (rules in force, so its parents' too). */
export function vocabularyOfRules(rules: Rules | undefined, origin: string): Result<SectorVocabulary, VocabularyProblem[]> {
  return extendVocabulary(BASE_VOCABULARY, rules?.vocabulary ? [packLayer(rules, origin)] : []);
}

const cache = new WeakMap<Rules, SectorVocabulary>();

/** The vocabulary of a validated pack's rules in force (validatePack has refused any other). */
export function packVocabulary(rules: Rules | undefined, origin = 'pack'): SectorVocabulary {
  if (!rules) return BASE_VOCABULARY;
  let vocabulary = cache.get(rules);
  if (!vocabulary) {
    const built = vocabularyOfRules(rules, origin);
    vocabulary = built.ok ? built.value : BASE_VOCABULARY;
    cache.set(rules, vocabulary);
  }
  return vocabulary;
}

/** Every sector code the rules name, with its path (rules.scope.sectors.2). */
export function sectorReferences(rules: Rules): { path: string; code: string; cite: Citation | undefined }[] {
  const out: { path: string; code: string; cite: Citation | undefined }[] = [];
  rules.scope?.sectors.forEach((code, i) => out.push({ path: `rules.scope.sectors.${i}`, code, cite: rules.scope!.cite }));
  for (const list of ['ratios', 'weights'] as const) {
    rules.strata?.[list]?.forEach((entry, i) => entry.when.sector?.forEach((code, j) => out.push({ path: `rules.strata.${list}.${i}.when.sector.${j}`, code, cite: rules.strata!.cite })));
  }
  rules.specialists?.forEach((s, i) => out.push({ path: `rules.specialists.${i}.sector`, code: s.sector, cite: s.cite }));
  return out;
}

/**
 * The pack's vocabulary problems and every sector its own rules name that neither the base nor
 * the pack's vocabulary knows, in Chinese, naming the path and the code.
 */
export function vocabularyProblems(resolved: Rules, own: Rules, parentCount: number, origin: string, file?: string): PackProblem[] {
  const where = file ? { file } : {};
  const built = vocabularyOfRules(resolved, origin);
  if (!built.ok) {
    return built.error.map((p) => {
      const i = p.index - parentCount;
      return { code: 'VOCABULARY' as const, ...where, path: `rules.vocabulary.sectors.${i}.${p.field}`, message: p.message, cites: own.vocabulary ? [own.vocabulary.sectors[i]?.cite ?? own.vocabulary.cite] : [] };
    });
  }
  const vocabulary = built.value;
  return sectorReferences(own)
    .filter((r) => !vocabulary.byCode(r.code))
    .map((r) => ({
      code: 'VOCABULARY' as const,
      ...where,
      path: r.path,
      message: `未知的行业领域代码“${r.code}”：全国基础行业目录和本规则包的 vocabulary 中都没有；可在 rules.vocabulary.sectors 中增加（unknown sector code ${r.code}）`,
      cites: r.cite ? [r.cite] : [],
    }));
}

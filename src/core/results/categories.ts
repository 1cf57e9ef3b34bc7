import type { Citation, Rules } from '../rules/schema.ts';

export interface ResultCategory {
  readonly code: string;
  readonly label: string;
}

/**
 * The categories a result may take when a pack's documents name none: the ten of the national
 * 抽查检查结果 scheme, which 卧龙 第二十四条 also adopts. A pack's own `resultCategories` replace them.
 */
export const GENERAL_RESULT_CATEGORIES: readonly ResultCategory[] = [
  { code: 'no-problem', label: '未发现问题' },
  { code: 'not-disclosed', label: '未按规定公示应当公示的信息' },
  { code: 'false-disclosure', label: '公示信息隐瞒真实情况弄虚作假' },
  { code: 'unreachable', label: '通过登记的住所（经营场所）无法联系' },
  { code: 'ordered-to-correct', label: '发现问题已责令改正' },
  { code: 'non-cooperation', label: '不配合检查情节严重' },
  { code: 'no-activity', label: '未发现开展本次抽查涉及的经营活动' },
  { code: 'pending', label: '发现问题待后续处理' },
  { code: 'pass', label: '合格' },
  { code: 'fail', label: '不合格' },
];

/** The result categories of a pack, and the clause they come from (null: the general ones). */
export function categoriesOf(rules: Rules): { readonly categories: readonly ResultCategory[]; readonly cite: Citation | null } {
  return rules.resultCategories ? { categories: rules.resultCategories.categories, cite: rules.resultCategories.cite } : { categories: GENERAL_RESULT_CATEGORIES, cite: null };
}

/** A category as a clerk writes it: its code, or the pack's Chinese label (未发现问题), as the code. */
export function categoryCode(rules: Rules, written: string): string {
  const text = written.trim();
  const { categories } = categoriesOf(rules);
  return categories.some((c) => c.code === text) ? text : categories.find((c) => c.label === text)?.code ?? text;
}

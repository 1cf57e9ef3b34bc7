import type { Rules } from '../../core/rules/schema.ts';

/** Rule groups whose members a child pack overrides one by one; every other rule is replaced whole. */
const GROUPS = ['definitions', 'shares', 'exclusions', 'checklist', 'afterPublication', 'planning'] as const;

/** A child pack's rules over its parent's: the child wins, rule by rule. */
export function mergeRules(parent: Rules, child: Rules): Rules {
  const merged: Record<string, unknown> = { ...parent, ...child };
  for (const group of GROUPS) {
    if (parent[group] && child[group]) merged[group] = { ...parent[group], ...child[group] };
  }
  // A child's sectors add to its parent's; each of the parent's keeps the clause it came from.
  if (parent.vocabulary && child.vocabulary) {
    const inherited = parent.vocabulary.sectors.map((s) => ({ ...s, cite: s.cite ?? parent.vocabulary!.cite }));
    merged.vocabulary = { ...child.vocabulary, sectors: [...inherited, ...child.vocabulary.sectors] };
  }
  return merged as Rules;
}

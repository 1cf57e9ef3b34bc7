import { canonicalJson } from '../../core/canonical-json.ts';
import { explainPack, type Explanation } from './explain.ts';
import type { LoadedPack } from './validate-pack.ts';

export interface RuleDifference {
  readonly path: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly before?: Explanation;
  readonly after?: Explanation;
}

/** What differs between two packs' rules in force, rule by rule, in the pack language's order. */
export function diffPacks(a: LoadedPack, b: LoadedPack): RuleDifference[] {
  const before = new Map(explainPack(a).map((e) => [e.path, e]));
  const after = new Map(explainPack(b).map((e) => [e.path, e]));
  const paths = [...new Set([...before.keys(), ...after.keys()])];
  const differences: RuleDifference[] = [];
  for (const path of paths) {
    const x = before.get(path);
    const y = after.get(path);
    if (x && !y) differences.push({ path, change: 'removed', before: x });
    else if (!x && y) differences.push({ path, change: 'added', after: y });
    else if (x && y && (x.zh !== y.zh || canonicalJson(x.cite) !== canonicalJson(y.cite))) differences.push({ path, change: 'changed', before: x, after: y });
  }
  return differences;
}

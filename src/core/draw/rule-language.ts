import type { z } from 'zod';
import { Rules } from '../rules/schema.ts';
import type { Algorithm } from './types.ts';

/**
 * The rule language of each version of the algorithm, as far as it decides a draw
 * (docs/draw-algorithm.md §5b): the enterprise fields strata are formed by and weights are
 * matched on. Written out per version rather than read from the pack schema, so that a field the
 * schema gains later (a scale stratum, say) is not silently read by a version that never drew by
 * it: an export of v1 naming it is refused, not mis-verified.
 */
const V1_FIELDS = ['riskLevel', 'creditLevel', 'sector'] as const;
/** `ratioWhen` null: the version draws no per-stratum ratios (a pack with them is refused). */
export const RULE_LANGUAGE: Readonly<Record<Algorithm, { readonly strataBy: readonly string[]; readonly weightWhen: readonly string[]; readonly ratioWhen: readonly string[] | null }>> = {
  'double-random/v1': { strataBy: V1_FIELDS, weightWhen: V1_FIELDS, ratioWhen: null },
  'double-random/v2': { strataBy: V1_FIELDS, weightWhen: V1_FIELDS, ratioWhen: null },
  'double-random/v3': { strataBy: V1_FIELDS, weightWhen: V1_FIELDS, ratioWhen: null },
  'double-random/v4': { strataBy: V1_FIELDS, weightWhen: V1_FIELDS, ratioWhen: V1_FIELDS },
};

/** Where an export's rules leave the language of its version, and how (Chinese, then English). */
export interface RuleIssue {
  readonly path: string;
  readonly problem: string;
}

const PREFIX = 'pack.rules';

const pathOf = (segments: readonly PropertyKey[]) => PREFIX + segments.map((s) => (typeof s === 'number' ? `[${s}]` : `.${String(s)}`)).join('');

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A schema issue as a reader reads it: the path of the value and what the language wants there. */
function fromSchema(issue: z.core.$ZodIssue): RuleIssue[] {
  const at = pathOf(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({ path: `${at}.${k}`, problem: '不是规则语言的字段（not a field of the rule language）' }));
    case 'invalid_value':
      return [{ path: at, problem: `应为 ${issue.values.map((v) => JSON.stringify(v)).join('、')} 之一（expected one of these）` }];
    case 'invalid_type':
      return [{ path: at, problem: `应为 ${issue.expected} 类型的值（expected ${issue.expected}）` }];
    case 'too_small':
      return [{ path: at, problem: `不得小于 ${String(issue.minimum)}（too small: at least ${String(issue.minimum)}）` }];
    case 'too_big':
      return [{ path: at, problem: `不得大于 ${String(issue.maximum)}（too big: at most ${String(issue.maximum)}）` }];
    default:
      return [{ path: at, problem: `不符合规则语言（${issue.message}）` }];
  }
}

/**
 * Checks a draw export's rules against the rule language of the version it was drawn by, naming
 * the path of each value outside it (`pack.rules.strata.by[1]`). Empty when the rules are in it.
 * A verifier refuses an export with issues: what the engine cannot compute it must not accept.
 */
export function ruleLanguageIssues(rules: unknown, algorithm: Algorithm): RuleIssue[] {
  const language = RULE_LANGUAGE[algorithm];
  const issues: RuleIssue[] = [];
  const strata = isObject(rules) ? rules.strata : undefined;
  if (isObject(strata)) {
    if (Array.isArray(strata.by)) {
      strata.by.forEach((field: unknown, i) => {
        if (!language.strataBy.includes(field as string)) {
          issues.push({ path: `${PREFIX}.strata.by[${i}]`, problem: `${JSON.stringify(field)} 不是 ${algorithm} 的分层字段，分层只能按 ${language.strataBy.join('、')}（not a field ${algorithm} stratifies by）` });
        }
      });
    }
    if (Array.isArray(strata.weights)) {
      strata.weights.forEach((entry: unknown, i) => {
        const when = isObject(entry) ? entry.when : undefined;
        if (!isObject(when)) return;
        for (const field of Object.keys(when)) {
          if (!language.weightWhen.includes(field)) {
            issues.push({ path: `${PREFIX}.strata.weights[${i}].when.${field}`, problem: `权重条件不能按 ${JSON.stringify(field)}，${algorithm} 只按 ${language.weightWhen.join('、')} 匹配（not a field ${algorithm} matches weights on）` });
          }
        }
      });
    }
    if (Array.isArray(strata.ratios) && strata.ratios.length > 0) {
      const ratioWhen = language.ratioWhen;
      if (!ratioWhen) issues.push({ path: `${PREFIX}.strata.ratios`, problem: `${algorithm} 不按分层比例抽取，只按权重；分层比例由 double-random/v4 抽取（${algorithm} draws no per-stratum ratios）` });
      else {
        strata.ratios.forEach((entry: unknown, i) => {
          if (!isObject(entry)) return;
          if (isObject(entry.when)) {
            for (const field of Object.keys(entry.when)) {
              if (!ratioWhen.includes(field)) issues.push({ path: `${PREFIX}.strata.ratios[${i}].when.${field}`, problem: `比例条件不能按 ${JSON.stringify(field)}，${algorithm} 只按 ${ratioWhen.join('、')} 匹配（not a field ${algorithm} matches ratios on）` });
            }
          }
          if ((entry.percent === undefined) === (entry.count === undefined)) issues.push({ path: `${PREFIX}.strata.ratios[${i}]`, problem: '比例条目须且只能有 percent 与 count 之一（exactly one of percent and count）' });
        });
      }
    }
  }
  const parsed = Rules.safeParse(rules);
  if (!parsed.success) {
    const named = new Set(issues.map((i) => i.path));
    for (const issue of parsed.error.issues.flatMap(fromSchema)) {
      if (!named.has(issue.path)) {
        named.add(issue.path);
        issues.push(issue);
      }
    }
  }
  return issues;
}

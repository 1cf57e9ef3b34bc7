import { createHash } from 'node:crypto';
import { z } from 'zod';
import { HOOK_NAMES, type RulePackHooks } from '../../core/rules/facts.ts';
import { citableDocs, HookFailure, type HookName } from '../../core/rules/hook-answer.ts';
import { Meta, Rules, type Citation } from '../../core/rules/schema.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { packContentJson } from '../../core/rules/pack-content.ts';
import { findContradictions } from './contradictions.ts';
import { isolateHooks } from './isolate-hooks.ts';
import { mergeRules } from './merge-rules.ts';
import { vocabularyProblems } from './pack-vocabulary.ts';
import type { PackProblem } from './problem.ts';
import { SAMPLE_ENTERPRISES, SAMPLE_INSPECTORS, SAMPLE_TASKS } from './sample-facts.ts';

/** A validated pack, with its parent's rules applied, ready for the engine. */
export interface LoadedPack {
  readonly meta: Meta;
  /** The rules in force: the parent's, overridden by this pack's. */
  readonly rules: Rules;
  /** The rules as this pack writes them. */
  readonly ownRules: Rules;
  /** The hooks in force (a parent's, overridden by this pack's), re-created from `hookSources` in an isolated realm: the only hook functions that ever run. */
  readonly hooks: RulePackHooks;
  /** The hooks' source text, by hook name: what the content hash and a draw export hold. */
  readonly hookSources: Readonly<Record<string, string>>;
  /** SHA-256 of the canonical JSON of meta, the rules in force and the hooks' source text. Every draw records it. */
  readonly contentHash: string;
  readonly file?: string;
  readonly parent?: LoadedPack;
}

export interface ValidateOptions {
  readonly file?: string;
  /** Finds the pack named by `meta.extends` (`id@version`). */
  readonly resolveParent?: (ref: string) => LoadedPack | undefined;
  /** How long each hook may run on the sample inputs at load (PACK_HOOK_TIMEOUT_MS); default 1000 ms. */
  readonly hookTimeoutMs?: number;
  /** The language of the schema's messages: English (the CLI's default) or Chinese for clerks (`zh-CN`, the console's). */
  readonly messages?: 'en' | 'zh-CN';
}

/** Zod's Chinese messages, and ours for the refusals clerks meet most. */
const ZH_CN = z.locales.zhCN().localeError;
const zhMessage = (issue: z.core.$ZodIssue): string | undefined => {
  if (issue.code === 'invalid_type' && issue.path.at(-1) === 'cite') return '每条规则须注明依据：来源文件和条款（every rule cites its clause）';
  if (issue.code === 'invalid_type' && issue.path.at(-2) === 'cite') return '依据须写明来源文件和条款（a citation names the document and the clause）';
  return undefined;
};

/** The default of `ValidateOptions.hookTimeoutMs`. */
export const DEFAULT_HOOK_TIMEOUT_MS = 1000;

const pathOf = (root: string, path: readonly PropertyKey[]) => [root, ...path.map(String)].join('.');

/** The citation of the rule that encloses `path` in the raw input, when it has one. */
function enclosingCite(raw: unknown, path: readonly PropertyKey[]): Citation[] {
  let node: unknown = raw;
  let found: Citation | undefined;
  for (const key of path) {
    if (!node || typeof node !== 'object') break;
    const cite = (node as { cite?: Citation }).cite;
    if (cite && typeof cite.doc === 'string' && typeof cite.clause === 'string') found = cite;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  const own = node && typeof node === 'object' ? (node as { cite?: Citation }).cite : undefined;
  const cite = own && typeof own.doc === 'string' ? own : found;
  return cite ? [cite] : [];
}

function schemaProblems(root: 'meta' | 'rules', error: z.ZodError, raw: unknown, file?: string, zh = false): PackProblem[] {
  return error.issues.map((issue) => ({
    code: 'SCHEMA' as const,
    ...(file ? { file } : {}),
    path: pathOf(root, issue.path),
    message: (zh ? zhMessage(issue) : undefined) ?? issue.message,
    cites: root === 'rules' ? enclosingCite(raw, issue.path) : [],
  }));
}

/** Every citation in the rules, with where it sits. */
function citations(value: unknown, path: string, out: { path: string; cite: Citation }[] = []) {
  if (!value || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    value.forEach((v, i) => citations(v, `${path}.${i}`, out));
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k === 'cite') out.push({ path: `${path}.cite`, cite: v as Citation });
    else citations(v, `${path}.${k}`, out);
  }
  return out;
}

/** The inputs every hook is tried on at load, twice each. */
const SAMPLE_INPUTS: Record<HookName, readonly unknown[]> = {
  inspectorEligible: SAMPLE_INSPECTORS.flatMap((inspector) => SAMPLE_TASKS.map((task) => ({ inspector, task }))),
  poolFilter: SAMPLE_ENTERPRISES.flatMap((enterprise) => SAMPLE_TASKS.map((task) => ({ enterprise, task }))),
  teamConstraint: SAMPLE_ENTERPRISES.flatMap((enterprise) => SAMPLE_TASKS.map((task) => ({ team: SAMPLE_INSPECTORS, enterprise, task }))),
  stratumOf: SAMPLE_ENTERPRISES.map((enterprise) => ({ enterprise })),
};

/**
 * Re-creates the hooks from their source text in an isolated realm (isolate-hooks.ts) and runs
 * each twice on the sample inputs, within `timeoutMs` per hook: a hook that reaches outside its
 * own text, throws, answers without a citation or answers differently is refused.
 */
function isolateAndTry(sources: Record<string, string>, docs: ReadonlySet<string>, timeoutMs: number, file?: string): Result<RulePackHooks, PackProblem[]> {
  const at = (name: string, message: string): PackProblem => ({ code: 'HOOK', ...(file ? { file } : {}), path: name ? `hooks.${name}` : 'hooks', message });
  const isolated = isolateHooks(sources, docs);
  if (!isolated.ok) return err(isolated.error.map((p) => at(p.hook, p.message)));
  const { hooks, withTimeout } = isolated.value;
  const problems: PackProblem[] = [];
  for (const name of HOOK_NAMES) {
    const hook = hooks[name] as ((input: unknown) => unknown) | undefined;
    if (!hook) continue;
    let problem: string | undefined;
    try {
      problem = withTimeout(() => {
        for (const input of SAMPLE_INPUTS[name]) {
          const first = JSON.stringify(hook(input));
          const second = JSON.stringify(hook(input));
          if (first !== second) return `不确定：同一输入先答 ${first}，后答 ${second}（is not deterministic: the same input gave ${first} then ${second}）`;
        }
        return undefined;
      }, timeoutMs);
    } catch (error) {
      if (error instanceof HookFailure) problem = `在样例输入上${error.problem}`;
      else if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') problem = `在样例输入上运行超过 ${timeoutMs} 毫秒（PACK_HOOK_TIMEOUT_MS），可能是死循环（ran longer than ${timeoutMs} ms on the sample inputs）`;
      else throw error;
    }
    if (problem) problems.push(at(name, problem));
  }
  return problems.length > 0 ? err(problems) : ok(hooks);
}

/** The source text of a pack's hooks as its author wrote them, as its content hash and its draw exports hold it. */
export function hookSources(hooks: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(Object.entries(hooks).map(([k, fn]) => [k, String(fn)]));
}

export function contentHash(meta: Meta, rules: Rules, sources: Readonly<Record<string, string>>): string {
  return createHash('sha256').update(packContentJson(meta, rules, sources)).digest('hex');
}

/**
 * Validates a candidate pack (an ESM module's default export, or parsed JSON/YAML): shapes,
 * citations, extends, contradictions, and hooks. Problems name the file, the path, the reason
 * and the clauses involved.
 */
export function validatePack(candidate: unknown, options: ValidateOptions = {}): Result<LoadedPack, PackProblem[]> {
  const { file } = options;
  const where = file ? { file } : {};
  if (!candidate || typeof candidate !== 'object') {
    return err([{ code: 'SCHEMA', ...where, path: '', message: 'a rule pack is an object with meta, rules and optional hooks' }]);
  }
  const { meta: rawMeta, rules: rawRules, hooks: rawHooks, ...rest } = candidate as Record<string, unknown>;
  const problems: PackProblem[] = Object.keys(rest).map((k) => ({ code: 'SCHEMA', ...where, path: k, message: `unknown top-level key "${k}" (expected meta, rules, hooks)` }));

  const zh = options.messages === 'zh-CN';
  const parse = zh ? { error: ZH_CN } : undefined;
  const meta = Meta.safeParse(rawMeta, parse);
  if (!meta.success) problems.push(...schemaProblems('meta', meta.error, rawMeta, file, zh));
  const rules = Rules.safeParse(rawRules ?? {}, parse);
  if (!rules.success) problems.push(...schemaProblems('rules', rules.error, rawRules, file, zh));

  const hooks: Record<string, unknown> = rawHooks && typeof rawHooks === 'object' ? { ...(rawHooks as object) } : {};
  if (rawHooks !== undefined && (typeof rawHooks !== 'object' || rawHooks === null)) problems.push({ code: 'HOOK', ...where, path: 'hooks', message: 'hooks is an object of functions' });
  for (const [name, fn] of Object.entries(hooks)) {
    if (!(HOOK_NAMES as readonly string[]).includes(name)) problems.push({ code: 'HOOK', ...where, path: `hooks.${name}`, message: `unknown hook; the extension points are ${HOOK_NAMES.join(', ')}` });
    else if (typeof fn !== 'function') problems.push({ code: 'HOOK', ...where, path: `hooks.${name}`, message: 'a hook is a function' });
  }
  if (!meta.success || !rules.success || problems.length > 0) return err(problems);

  let parent: LoadedPack | undefined;
  if (meta.data.extends) {
    parent = options.resolveParent?.(meta.data.extends);
    if (!parent) return err([{ code: 'EXTENDS', ...where, path: 'meta.extends', message: zh ? `所继承的规则包 ${meta.data.extends} 未载入（extends a pack that is not loaded）` : `extends ${meta.data.extends}, which is not loaded` }]);
    if (parent.meta.level === 'COUNTY' && meta.data.level !== 'COUNTY') {
      problems.push({ code: 'EXTENDS', ...where, path: 'meta.extends', message: `a ${meta.data.level} pack cannot extend a county pack` });
    }
  }
  const resolved = parent ? mergeRules(parent.rules, rules.data) : rules.data;
  const sources = { ...(parent?.hookSources ?? {}), ...hookSources(hooks) };
  const sourceIds = new Set([...meta.data.sources.map((s) => s.id), ...(parent ? parent.meta.sources.map((s) => s.id) : [])]);
  for (const { path, cite } of citations(rules.data, 'rules')) {
    if (!sourceIds.has(cite.doc)) {
      const message = zh ? `引用的文件「${cite.doc}」不在依据文件之中（${[...sourceIds].join('、')}）` : `cites "${cite.doc}", which is not among meta.sources (${[...sourceIds].join(', ')})`;
      problems.push({ code: 'UNKNOWN_SOURCE', ...where, path, message, cites: [cite] });
    }
  }
  problems.push(...vocabularyProblems(resolved, rules.data, rules.data.vocabulary && parent?.rules.vocabulary ? parent.rules.vocabulary.sectors.length : 0, `${meta.data.id}@${meta.data.version}`, file));
  problems.push(...findContradictions(resolved).map((p) => ({ ...p, ...where, ...(zh ? { message: `规则互相矛盾（contradiction）：${p.message}` } : {}) })));
  // A refusal may cite what a verifier can tell from the export: its meta's sources and the documents its rules cite.
  const isolated = isolateAndTry(sources, citableDocs(meta.data, resolved), options.hookTimeoutMs ?? DEFAULT_HOOK_TIMEOUT_MS, file);
  if (!isolated.ok) problems.push(...isolated.error);
  if (problems.length > 0 || !isolated.ok) return err(problems);

  return ok({
    meta: meta.data,
    rules: resolved,
    ownRules: rules.data,
    hooks: isolated.value,
    hookSources: sources,
    contentHash: contentHash(meta.data, resolved, sources),
    ...where,
    ...(parent ? { parent } : {}),
  });
}

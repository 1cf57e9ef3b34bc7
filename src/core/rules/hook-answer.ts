import { err, ok, type Result } from '../result.ts';
import type { HookVerdict, HOOK_NAMES } from './facts.ts';
import type { Citation, Meta, Rules } from './schema.ts';

export type HookName = (typeof HOOK_NAMES)[number];

/**
 * A hook that threw or answered wrongly while the engine ran it. The engine calls hooks deep
 * inside its loops, so the isolated hook throws this and `runDraw` turns it into a value (a
 * `HOOK_FAILED` shortfall); the same source text fails the same way on every machine.
 */
export class HookFailure extends Error {
  constructor(
    readonly hook: HookName,
    readonly problem: string,
  ) {
    super(`hooks.${hook}: ${problem}`);
    this.name = 'HookFailure';
  }
}

/**
 * The documents a hook's refusal may cite: the pack's sources and every document its rules in
 * force cite (a parent's, for a pack that extends one). Worked out from meta and rules, which a
 * draw export holds, so a server and an outside verifier accept exactly the same citations.
 */
export function citableDocs(meta: Pick<Meta, 'sources'>, rules: Rules): ReadonlySet<string> {
  const docs = new Set(meta.sources.map((s) => s.id));
  const walk = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(walk);
    for (const [key, v] of Object.entries(value)) {
      if (key === 'cite' && v && typeof (v as Citation).doc === 'string') docs.add((v as Citation).doc);
      else walk(v);
    }
  };
  walk(rules);
  return docs;
}

/** A short, safe description of a value a hook returned, for a problem message. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? '一个数组 (an array)' : '一个对象 (an object)';
}

const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * Checks a hook's answer and copies it into plain data of the engine's own (the answer comes
 * from the hook's isolated context). A refusal must cite the pack's source and clause, like
 * every rule; an answer without one is refused. The error is a Chinese sentence (English after).
 */
export function checkHookAnswer(name: HookName, answer: unknown, docs: ReadonlySet<string>): Result<HookVerdict | string, string> {
  if (name === 'stratumOf') {
    return text(answer) ? ok(answer) : err(`返回值须是非空字符串（分层名），却是 ${describe(answer)}（must return a non-empty string）`);
  }
  if (answer === true) return ok(true);
  if (typeof answer === 'string') {
    return err(`返回了字符串 ${describe(answer)}：拒绝须写作 { reason: '…', cite: { doc, clause } }，注明依据的来源与条款（a refusal must carry its citation）`);
  }
  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) {
    return err(`返回值须是 true 或带引用的拒绝 { reason, cite: { doc, clause } }，却是 ${describe(answer)}（must return true or a cited refusal）`);
  }
  const { reason, cite } = answer as { reason?: unknown; cite?: unknown };
  if (!text(reason)) return err(`拒绝缺少理由 reason（非空字符串）（a refusal needs a reason, a non-empty string）`);
  if (!cite || typeof cite !== 'object') {
    return err(`拒绝“${String(reason).slice(0, 60)}”缺少引用 cite：每条拒绝须注明规则包的来源 id 与条款，如 cite: { doc: '${[...docs][0] ?? 'plan'}', clause: '三' }（a refusal must cite the pack's source and clause）`);
  }
  const { doc, clause, note, default: isDefault } = cite as { doc?: unknown; clause?: unknown; note?: unknown; default?: unknown };
  if (!text(doc) || !text(clause)) return err(`拒绝的引用须有来源 doc 与条款 clause（非空字符串）（a citation needs doc and clause）`);
  if (!docs.has(doc)) return err(`拒绝引用了 "${doc}"，它不在规则包的来源中（${[...docs].join('、')}）（cites a document that is not among the pack's sources）`);
  if (note !== undefined && typeof note !== 'string') return err(`拒绝的引用中 note 须是字符串（cite.note must be a string）`);
  if (isDefault !== undefined && typeof isDefault !== 'boolean') return err(`拒绝的引用中 default 须是布尔值（cite.default must be a boolean）`);
  return ok({ reason, cite: { doc, clause, ...(note !== undefined ? { note } : {}), ...(isDefault !== undefined ? { default: isDefault } : {}) } });
}

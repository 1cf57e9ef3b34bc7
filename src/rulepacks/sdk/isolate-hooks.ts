import { randomBytes } from 'node:crypto';
import vm from 'node:vm';
import { HOOK_NAMES, type RulePackHooks } from '../../core/rules/facts.ts';
import { checkHookAnswer, HookFailure, type HookName } from '../../core/rules/hook-answer.ts';
import type { HookIsolator } from '../../core/draw/ports.ts';
import { err, ok, type Result } from '../../core/result.ts';

/**
 * Hooks are re-created from their source text in a realm of their own and only the re-created
 * function ever runs, on the server and in the verifier alike. So the text that the content hash
 * and the draw export hold decides exactly what a hook does: a name from the module around it
 * (a list defined beside it, an import) is not defined there and the hook is refused.
 *
 * The realm is a fresh node:vm context holding JavaScript's built-ins only, deep-frozen, without
 * the clock, randomness, locale-dependent methods, code generation from strings, or anything of
 * Node's (require, process, the server's globalThis). Hooks receive frozen copies of their input
 * made inside that realm, so no object of the server's realm (and its Function constructor) is
 * within their reach. node:vm is not a boundary against hostile code (a hook can still loop or
 * allocate): the server runs only hooks of packs it loaded itself (docs/security.md).
 */

export interface HookIsolationProblem {
  readonly hook: string;
  readonly message: string;
}

/** Runs inside the realm once, before any hook: removes what is not deterministic, then freezes everything reachable. */
const SETUP = String.raw`(() => {
  'use strict';
  const g = globalThis;
  class HookPurityError extends Error {}
  Object.defineProperty(HookPurityError.prototype, 'name', { value: 'HookPurityError' });
  const refuse = (what, why) => {
    throw new HookPurityError(what + '：' + why);
  };
  const noClock = function Date() { refuse('Date', '钩子不得读取时钟（hooks must not read the clock）'); };
  noClock.now = function now() { refuse('Date.now', '钩子不得读取时钟（hooks must not read the clock）'); };
  for (const name of ['console', 'Date', 'Intl', 'WeakRef', 'FinalizationRegistry', 'SharedArrayBuffer', 'Atomics', 'WebAssembly', 'eval']) delete g[name];
  g.Date = noClock;
  // esbuild (tsx, vitest) writes __name(fn, "fn") into functions declared inside a hook when it
  // keeps names: the realm has it, with esbuild's meaning, so TypeScript hooks re-create as written.
  g.__name = (target, value) => Object.defineProperty(target, 'name', { value, configurable: true });
  Math.random = function random() { refuse('Math.random', '钩子不得使用随机数（hooks must not use randomness）'); };
  // What depends on the machine's locale or ICU data would answer differently for a verifier.
  for (const [proto, names] of [[String.prototype, ['localeCompare', 'toLocaleLowerCase', 'toLocaleUpperCase']], [Number.prototype, ['toLocaleString']], [BigInt.prototype, ['toLocaleString']], [Array.prototype, ['toLocaleString']], [Object.getPrototypeOf(Uint8Array.prototype), ['toLocaleString']]]) {
    for (const name of names) delete proto[name];
  }
  // RegExp.$1, lastMatch…: state left by the previous call.
  for (const key of Object.getOwnPropertyNames(RegExp)) if (!['length', 'name', 'prototype'].includes(key)) delete RegExp[key];
  // A stack trace would show the server's own files and lines.
  Error.stackTraceLimit = 0;
  delete Error.captureStackTrace;

  const seen = new WeakSet();
  const harden = (value) => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return;
    seen.add(value);
    Object.freeze(value);
    harden(Object.getPrototypeOf(value));
    for (const key of Reflect.ownKeys(value)) {
      const d = Reflect.getOwnPropertyDescriptor(value, key);
      harden(d.value);
      harden(d.get);
      harden(d.set);
    }
  };
  const view = Object.create(null);
  for (const name of Object.getOwnPropertyNames(g)) if (name !== 'globalThis') view[name] = g[name];
  view.globalThis = view;
  harden(view);
  // Intrinsics no global names.
  harden(async function () {});
  harden(function* () {});
  harden(async function* () {});
  harden((function* () {})());
  harden((async function* () {})());
  harden([][Symbol.iterator]());
  harden(new Map().entries());
  harden(new Set().values());
  harden(''[Symbol.iterator]());
  harden(/x/[Symbol.matchAll](''));
  harden((function () { return arguments; })());

  const { isArray } = Array;
  const { keys, freeze } = Object;
  // A frozen copy of plain data, made of this realm's objects.
  const copy = (value) => {
    if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
    let out;
    if (isArray(value)) {
      out = [];
      for (let i = 0; i < value.length; i++) out.push(copy(value[i]));
    } else {
      out = {};
      for (const key of keys(value)) out[key] = copy(value[key]);
    }
    return freeze(out);
  };
  return { view, copy, functionPrototype: Function.prototype };
})()`;

interface Realm {
  readonly context: vm.Context;
  readonly view: object;
  readonly copy: (value: unknown) => unknown;
  readonly functionPrototype: object;
}

function createRealm(): Realm {
  // A sandbox without a prototype: a global lookup never reaches an object of the server's realm.
  const context = vm.createContext(Object.create(null) as object, { name: 'rule-pack hooks', codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate' });
  const made = vm.runInContext(SETUP, context) as Omit<Realm, 'context'>;
  return { context, ...made };
}

const outsideName = (error: unknown): string | undefined => {
  if (!error || typeof error !== 'object') return undefined;
  const { name, message } = error as { name?: unknown; message?: unknown };
  return name === 'ReferenceError' && typeof message === 'string' ? /^(\S+) is not defined$/.exec(message)?.[1] : undefined;
};

/** A hook's exception, as a Chinese problem: a name from outside its text is said so. */
export function describeThrow(error: unknown): string {
  if (error instanceof HookFailure) return error.problem;
  const outside = outsideName(error);
  if (outside) return `引用了钩子自身以外的 ${outside}：钩子只能使用自己的参数和 JavaScript 内置对象（refers to ${outside}, outside the hook's own text; hooks see only their arguments and JavaScript's built-ins）`;
  let message: string;
  try {
    message = error && typeof error === 'object' && 'message' in error ? String((error as { message: unknown }).message) : String(error);
  } catch {
    message = 'unknown';
  }
  if ((error as { name?: unknown } | null)?.name === 'HookPurityError') return message;
  return `抛出异常：${message}（throws: ${message}）`;
}

/** Re-creates one hook from its text; the function must be the text itself, not something the text computes. */
function compile(realm: Realm, name: string, source: string): Result<(input: unknown) => unknown, string> {
  const attempts = [`'use strict'; return (\n${source}\n);`, `'use strict'; const o = ({\n${source}\n}); const k = Reflect.ownKeys(o); return k.length === 1 ? Reflect.getOwnPropertyDescriptor(o, k[0]).value : undefined;`];
  for (const body of attempts) {
    let fn: unknown;
    try {
      const outer = vm.compileFunction(body, ['globalThis'], { parsingContext: realm.context });
      fn = outer(realm.view);
    } catch (error) {
      if (outsideName(error) || (error as { name?: unknown } | null)?.name !== 'SyntaxError') return err(describeThrow(error));
      continue;
    }
    if (typeof fn !== 'function' || Function.prototype.toString.call(fn) !== source) continue;
    // Async functions and generators answer with a promise or an iterator, never a verdict.
    if (Object.getPrototypeOf(fn) !== realm.functionPrototype) return err('钩子须是同步的普通函数，不能是 async 函数或生成器（must be a plain synchronous function）');
    return ok(fn as (input: unknown) => unknown);
  }
  return err(`源码无法在隔离环境中重建为函数（绑定函数、原生函数或不是一个函数表达式）（its source text does not re-create a function: a bound or native function, or not a function expression）`);
}

/** Pack hooks re-created in one isolated realm, with the means to run them under a time limit. */
export interface IsolatedHooks {
  readonly hooks: RulePackHooks;
  /** Runs `fn` (which calls the hooks) and stops it after `ms` milliseconds: for validation on sample inputs. */
  withTimeout<T>(fn: () => T, ms: number): T;
}

/**
 * Re-creates a pack's hooks from their source text (`hookSources`) in a fresh isolated realm.
 * Each returned hook copies its input into the realm, runs the re-created function and checks
 * the answer (a refusal must cite one of `docs`); a hook that throws or answers wrongly throws
 * a `HookFailure`, which the draw reports as a value.
 */
export function isolateHooks(sources: unknown, docs: ReadonlySet<string>): Result<IsolatedHooks, HookIsolationProblem[]> {
  if (!sources || typeof sources !== 'object' || Array.isArray(sources)) return err([{ hook: '', message: '钩子须是“名称 → 源码”的对象（hooks is an object of source texts）' }]);
  const entries = Object.entries(sources as Record<string, unknown>);
  if (entries.length === 0) return ok({ hooks: {}, withTimeout: (fn) => fn() });
  const realm = createRealm();
  const hooks: Record<string, (input: unknown) => unknown> = {};
  const problems: HookIsolationProblem[] = [];
  for (const [name, source] of entries) {
    if (!(HOOK_NAMES as readonly string[]).includes(name)) {
      problems.push({ hook: name, message: `未知的钩子；扩展点有 ${HOOK_NAMES.join('、')}（unknown hook）` });
      continue;
    }
    if (typeof source !== 'string') {
      problems.push({ hook: name, message: '钩子的源码须是字符串（a hook\'s source is a string）' });
      continue;
    }
    const compiled = compile(realm, name, source);
    if (!compiled.ok) {
      problems.push({ hook: name, message: compiled.error });
      continue;
    }
    const fn = compiled.value;
    const hook = name as HookName;
    hooks[name] = (input: unknown) => {
      let answer: unknown;
      try {
        answer = fn(realm.copy(input));
      } catch (error) {
        throw new HookFailure(hook, describeThrow(error));
      }
      const checked = checkHookAnswer(hook, answer, docs);
      if (!checked.ok) throw new HookFailure(hook, checked.error);
      return checked.value;
    };
  }
  if (problems.length > 0) return err(problems);
  return ok({
    hooks: hooks as RulePackHooks,
    withTimeout<T>(fn: () => T, ms: number): T {
      // vm's timeout applies to a script run: the script calls `fn` through a global whose name
      // no hook can guess (hooks see the frozen view, never the realm's own global).
      const key = `__run_${randomBytes(16).toString('hex')}`;
      const sandbox = realm.context as Record<string, unknown>;
      let result: { value: T } | undefined;
      sandbox[key] = () => {
        result = { value: fn() };
      };
      try {
        new vm.Script(`${key}()`).runInContext(realm.context, { timeout: ms });
      } finally {
        delete sandbox[key];
      }
      return result!.value;
    },
  });
}

/** `isolateHooks` as the draw's port (`DrawPorts.isolateHooks`): what an outside verifier runs. */
export const isolateHookSources: HookIsolator = (sources, docs) => {
  const made = isolateHooks(sources, docs);
  return made.ok ? ok(made.value.hooks) : made;
};

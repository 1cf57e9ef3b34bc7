import { canonicalJson } from '../canonical-json.ts';
import { runDraw } from './draw.ts';
import { snapshotShapeIssues } from './snapshot-shape.ts';
import type { DrawExport } from './export.ts';
import { EXPORT_FORMAT } from './export.ts';
import type { DrawPorts } from './ports.ts';
import { toHex, utf8 } from './ports.ts';
import { packContentJson } from '../rules/pack-content.ts';
import type { RulePackHooks } from '../rules/facts.ts';
import { citableDocs } from '../rules/hook-answer.ts';

export interface Difference {
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

export interface Verification {
  readonly matches: boolean;
  readonly differences: readonly Difference[];
}

const show = (v: unknown) => (v === undefined ? 'nothing' : canonicalJson(v));

/**
 * Equal as canonical JSON sees them (key order and undefined-valued keys do not count), without
 * writing either out: a province's record is large, and equal records are the common case.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b || (typeof a === 'number' && typeof b === 'number' && canonicalJson(a) === canonicalJson(b));
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], other[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const kx = keys(x);
  if (kx.length !== keys(y).length) return false;
  for (const k of kx) if (!(k in y) || !sameJson(x[k], y[k])) return false;
  return true;
}

function compare(path: string, recorded: unknown, derived: unknown, out: Difference[]): void {
  if (sameJson(recorded, derived)) return;
  if (Array.isArray(recorded) && Array.isArray(derived)) {
    if (recorded.length !== derived.length) out.push({ path: `${path}.length`, expected: String(derived.length), actual: String(recorded.length) });
    for (let i = 0; i < Math.min(recorded.length, derived.length); i++) compare(`${path}[${i}]`, recorded[i], derived[i], out);
    return;
  }
  if (recorded && derived && typeof recorded === 'object' && typeof derived === 'object') {
    for (const key of new Set([...Object.keys(recorded), ...Object.keys(derived)])) {
      compare(path ? `${path}.${key}` : key, (recorded as Record<string, unknown>)[key], (derived as Record<string, unknown>)[key], out);
    }
    return;
  }
  out.push({ path, expected: show(derived), actual: show(recorded) });
}

/**
 * Re-derives a draw from its export and says whether the recorded result matches, or where it
 * differs ("expected" is what the inputs give, "actual" what the record says). A pack's hooks
 * are re-created from the export's own source text by `ports.isolateHooks`, isolated as the
 * server runs them, so the export alone decides the draw.
 */
export function verifyDraw(data: DrawExport, ports: DrawPorts): Verification {
  const differences: Difference[] = [];
  if (data.format !== EXPORT_FORMAT) return { matches: false, differences: [{ path: 'format', expected: EXPORT_FORMAT, actual: String(data.format) }] };
  const packHash = toHex(ports.sha256(utf8(packContentJson(data.pack.meta, data.pack.rules, data.pack.hooks))));
  if (packHash !== data.pack.contentHash) differences.push({ path: 'pack.contentHash', expected: packHash, actual: data.pack.contentHash });
  let hooks: RulePackHooks | undefined;
  if (Object.keys(data.pack.hooks).length > 0) {
    if (!ports.isolateHooks) {
      differences.push({ path: 'pack.hooks', expected: 'a hook isolator (ports.isolateHooks) to run the exported source', actual: `${Object.keys(data.pack.hooks).join(', ')} (source only)` });
      return { matches: false, differences };
    }
    const made = ports.isolateHooks(data.pack.hooks, citableDocs(data.pack.meta, data.pack.rules));
    if (!made.ok) {
      differences.push(...made.error.map((p) => ({ path: p.hook ? `pack.hooks.${p.hook}` : 'pack.hooks', expected: 'a self-contained hook', actual: p.message })));
      return { matches: false, differences };
    }
    hooks = made.value;
  }
  // A snapshot with fields the algorithm does not know would hash differently here and in an
  // independent verifier (§3): refused, each field named.
  const shape = snapshotShapeIssues(data.snapshot);
  if (shape.length > 0) return { matches: false, differences: [...differences, ...shape.map(({ path, problem }) => ({ path, expected: 'a field of the snapshot format', actual: problem }))] };
  const derived = runDraw({ snapshot: data.snapshot, task: data.task, pack: { key: data.pack.key, contentHash: data.pack.contentHash, rules: data.pack.rules }, ...(hooks ? { hooks } : {}), seed: data.seed }, ports);
  if (!derived.ok) {
    differences.push({ path: 'record', expected: `no draw: ${derived.error.map((s) => s.message).join('; ')}`, actual: 'a recorded draw' });
    return { matches: false, differences };
  }
  compare('record', data.record, derived.value, differences);
  return { matches: differences.length === 0, differences };
}

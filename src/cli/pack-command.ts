import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadRegistry, type PackRegistry } from '../rulepacks/registry.ts';
import { diffPacks } from '../rulepacks/sdk/diff-packs.ts';
import { explainHooks, explainPack } from '../rulepacks/sdk/explain.ts';
import { readPackFile } from '../rulepacks/sdk/load-pack-file.ts';
import { formatCitation, formatProblem, type PackProblem } from '../rulepacks/sdk/problem.ts';
import { validatePack, type LoadedPack } from '../rulepacks/sdk/validate-pack.ts';

/** Loads the packs stored in the database the server uses into the registry (stored-packs.ts). */
export type StoredPackLoader = (registry: PackRegistry) => Promise<void>;

/**
 * A pack named by a file path, a folder with an index file, or an id[@version] in the registry;
 * an id the files do not have is looked up among the packs stored in the database.
 */
export async function resolvePack(ref: string, registry: PackRegistry, hookTimeoutMs?: number, stored?: StoredPackLoader): Promise<{ ok: true; pack: LoadedPack } | { ok: false; problems: PackProblem[] }> {
  const path = resolve(ref);
  if (existsSync(path)) {
    const file = ['index.ts', 'index.mjs', 'index.js', 'index.json', 'index.yaml'].map((f) => resolve(path, f)).find(existsSync) ?? path;
    const read = await readPackFile(file);
    if (!read.ok) return { ok: false, problems: read.error };
    const result = validatePack(read.value, { file, resolveParent: (r) => registry.packs.get(r), ...(hookTimeoutMs ? { hookTimeoutMs } : {}) });
    return result.ok ? { ok: true, pack: result.value } : { ok: false, problems: result.error };
  }
  const [id, version] = ref.split('@');
  let pack = registry.get(id!, version);
  if (!pack && stored) {
    await stored(registry);
    pack = registry.get(id!, version);
  }
  if (pack) return { ok: true, pack };
  const refused = registry.problems.filter((p) => p.file?.includes(id!));
  return { ok: false, problems: refused.length ? refused : [{ code: 'LOAD', path: '', message: `no pack ${ref}: not a file, and not among ${registry.list().map((p) => `${p.meta.id}@${p.meta.version}`).join(', ')}` }] };
}

/** The pack, or undefined after printing why it could not be had. */
async function resolveOrReport(ref: string, registry: PackRegistry, hookTimeoutMs?: number, stored?: StoredPackLoader): Promise<LoadedPack | undefined> {
  const result = await resolvePack(ref, registry, hookTimeoutMs, stored);
  if (result.ok) return result.pack;
  for (const p of result.problems) console.error(formatProblem(p));
  return undefined;
}

export async function packCommand(args: string[], packsDir: string | undefined, hookTimeoutMs?: number, stored?: StoredPackLoader): Promise<number> {
  const [sub, a, b] = args;
  const registry = await loadRegistry({ packsDir, ...(hookTimeoutMs ? { hookTimeoutMs } : {}) });
  const out = (line = '') => console.log(line);
  switch (sub) {
    case 'list':
      for (const p of registry.list()) out(`${p.meta.id}@${p.meta.version}\t${p.meta.level}\t${p.meta.name}\t${p.contentHash.slice(0, 16)}`);
      for (const p of registry.problems) console.error(`refused: ${formatProblem(p)}`);
      return 0;
    case 'validate': {
      if (!a) throw new Error('pack validate <path|id>');
      const pack = await resolveOrReport(a, registry, hookTimeoutMs, stored);
      if (!pack) return 1;
      out(`${pack.meta.id}@${pack.meta.version} is valid; content hash ${pack.contentHash}`);
      return 0;
    }
    case 'explain': {
      if (!a) throw new Error('pack explain <id|path>');
      const pack = await resolveOrReport(a, registry, hookTimeoutMs, stored);
      if (!pack) return 1;
      out(`${pack.meta.name} (${pack.meta.id}@${pack.meta.version}${pack.meta.extends ? `, extends ${pack.meta.extends}` : ''})`);
      for (const s of pack.meta.sources) out(`  source ${s.id}: ${[s.number, s.title, s.issuedBy, s.date].filter(Boolean).join(' · ')}`);
      out(`  content hash ${pack.contentHash}`);
      for (const e of explainPack(pack)) {
        out();
        out(`[${e.source}] ${e.path}`);
        out(`  ${e.zh}`);
        out(`  ${e.en}`);
        if (e.note) out(`  注 note: ${e.note}`);
      }
      const hooks = explainHooks(pack, (text) => createHash('sha256').update(text).digest('hex'));
      if (hooks.length > 0) {
        out();
        out('钩子函数 hooks (the pack\'s own code, run isolated; covered by the content hash):');
        for (const h of hooks) out(`  ${h.name}: ${h.characters} characters, sha256 ${h.sha256}`);
      }
      return 0;
    }
    case 'diff': {
      if (!a || !b) throw new Error('pack diff <a> <b>');
      const [x, y] = [await resolveOrReport(a, registry, hookTimeoutMs, stored), await resolveOrReport(b, registry, hookTimeoutMs, stored)];
      if (!x || !y) return 1;
      const differences = diffPacks(x, y);
      if (differences.length === 0) out('no differences in the rules in force');
      for (const d of differences) {
        const sign = { added: '+', removed: '-', changed: '~' }[d.change];
        out(`${sign} ${d.path}`);
        if (d.before) out(`    ${a}: ${d.before.zh} [${formatCitation(d.before.cite, x.meta.sources)}]`);
        if (d.after) out(`    ${b}: ${d.after.zh} [${formatCitation(d.after.cite, y.meta.sources)}]`);
      }
      return 0;
    }
    default:
      throw new Error('pack <list|validate|explain|diff>');
  }
}

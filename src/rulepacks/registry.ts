import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '../core/canonical-json.ts';
import type { HookIsolator } from '../core/draw/ports.ts';
import { err } from '../core/result.ts';
import { isolateHookSources } from './sdk/isolate-hooks.ts';
import { readPackFile, PACK_EXTENSIONS } from './sdk/load-pack-file.ts';
import type { PackProblem } from './sdk/problem.ts';
import { validatePack, type LoadedPack } from './sdk/validate-pack.ts';

/**
 * The built-in packs, one per source jurisdiction: an explicit, sorted map of lazy loaders
 * (no folder scan), so adding a pack is one reviewed line here.
 */
export const BUILT_IN_PACKS: Readonly<Record<string, () => Promise<{ default: unknown }>>> = {
  'heilongjiang-county': () => import('./heilongjiang-county/index.ts'),
  panzhihua: () => import('./panzhihua/index.ts'),
  shuncheng: () => import('./shuncheng/index.ts'),
  wolong: () => import('./wolong/index.ts'),
  yanshi: () => import('./yanshi/index.ts'),
};

export interface PackRegistry {
  /** Every valid pack, by `id@version`. */
  readonly packs: ReadonlyMap<string, LoadedPack>;
  /** Packs that were refused, with why; the others still load. */
  readonly problems: readonly PackProblem[];
  get(id: string, version?: string): LoadedPack | undefined;
  list(): LoadedPack[];
  /**
   * Validates more candidates (packs stored in the database) against those loaded, parents
   * first, and adds the valid ones; the refused are added to `problems` and returned.
   */
  admit(candidates: readonly PackCandidate[]): { loaded: LoadedPack[]; problems: PackProblem[] };
}

/** A pack to validate: where it comes from (a file, `built-in:<id>`, `stored:<id@version>`) and its raw value. */
export interface PackCandidate {
  readonly file: string;
  readonly value: unknown;
  /** The content hash it must have (a stored pack's, as saved); refused when it differs. */
  readonly contentHash?: string;
}

export const packKey = (pack: { meta: { id: string; version: string } }) => `${pack.meta.id}@${pack.meta.version}`;

const compareVersions = (a: string, b: string) => {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
};

/** Pack files in a folder: files with a pack extension, or folders with an index file. */
async function packFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of (await readdir(dir)).sort()) {
    const path = join(dir, entry);
    if ((await stat(path)).isDirectory()) {
      for (const ext of PACK_EXTENSIONS) {
        const index = join(path, `index${ext}`);
        if (await stat(index).then(() => true, () => false)) {
          files.push(index);
          break;
        }
      }
    } else if ((PACK_EXTENSIONS as readonly string[]).some((ext) => entry.endsWith(ext)) && !entry.endsWith('.d.ts') && !entry.includes('.test.')) {
      files.push(path);
    }
  }
  return files;
}

/**
 * Loads the built-in packs and those in `packsDir` (PACKS_DIR). A pack that fails validation is
 * left out and its problems reported; the rest load. Parents load before the packs that extend
 * them, whatever the order of the files.
 */
export async function loadRegistry(options: { packsDir?: string | undefined; builtIns?: boolean; hookTimeoutMs?: number } = {}): Promise<PackRegistry> {
  const candidates: PackCandidate[] = [];
  const problems: PackProblem[] = [];
  if (options.builtIns !== false) {
    for (const [id, load] of Object.entries(BUILT_IN_PACKS)) candidates.push({ file: `built-in:${id}`, value: (await load()).default });
  }
  if (options.packsDir) {
    let files: string[] = [];
    try {
      files = await packFiles(options.packsDir);
    } catch (error) {
      problems.push({ code: 'LOAD', file: options.packsDir, path: '', message: `PACKS_DIR cannot be read: ${(error as Error).message}` });
    }
    for (const file of files) {
      const read = await readPackFile(file);
      if (read.ok) candidates.push({ file, value: read.value });
      else problems.push(...read.error);
    }
  }

  const packs = new Map<string, LoadedPack>();
  const validate = { ...(options.hookTimeoutMs ? { hookTimeoutMs: options.hookTimeoutMs } : {}) };
  problems.push(...admitCandidates(candidates, packs, validate).problems);
  const list = () => [...packs.values()].sort((a, b) => a.meta.id.localeCompare(b.meta.id) || compareVersions(a.meta.version, b.meta.version));
  return {
    packs,
    problems,
    list,
    get(id, version) {
      if (version) return packs.get(`${id}@${version}`);
      return list().filter((p) => p.meta.id === id).at(-1); // the newest version
    },
    admit(more) {
      const result = admitCandidates(more, packs, validate);
      problems.push(...result.problems);
      return result;
    },
  };
}

/** Validates candidates into `packs`, parents before the packs that extend them, whatever their order. */
function admitCandidates(candidates: readonly PackCandidate[], packs: Map<string, LoadedPack>, options: { hookTimeoutMs?: number }): { loaded: LoadedPack[]; problems: PackProblem[] } {
  const problems: PackProblem[] = [];
  const loaded: LoadedPack[] = [];
  // Parents first: keep validating while some candidate becomes loadable.
  let pending = [...candidates];
  for (let progress = true; progress && pending.length > 0; ) {
    progress = false;
    const next: typeof pending = [];
    for (const candidate of pending) {
      const parentRef = (candidate.value as { meta?: { extends?: string } })?.meta?.extends;
      if (parentRef && !packs.has(parentRef) && pending.some((p) => p !== candidate && packKey(p.value as LoadedPack) === parentRef)) {
        next.push(candidate);
        continue;
      }
      const result = validatePack(candidate.value, { file: candidate.file, resolveParent: (ref) => packs.get(ref), ...options });
      progress = true;
      if (!result.ok) {
        problems.push(...result.error);
        continue;
      }
      const key = packKey(result.value);
      if (candidate.contentHash && candidate.contentHash !== result.value.contentHash) {
        problems.push({ code: 'LOAD', file: candidate.file, path: '', message: `内容哈希 ${result.value.contentHash} 与保存时的 ${candidate.contentHash} 不同：所继承的规则包已改变（the content hash differs from the saved one: its parent changed）` });
        continue;
      }
      if (packs.has(key)) {
        problems.push({ code: 'DUPLICATE', file: candidate.file, path: 'meta', message: `${key} is already loaded from ${packs.get(key)!.file}` });
        continue;
      }
      packs.set(key, result.value);
      loaded.push(result.value);
    }
    if (!progress) {
      for (const c of next) problems.push({ code: 'EXTENDS', file: c.file, path: 'meta.extends', message: 'its parent never loaded (a cycle or a missing pack)' });
    }
    pending = next;
  }
  return { loaded, problems };
}

/**
 * The hook functions a published draw needs to be re-derived: those of the registered pack with
 * the export's key and content hash (undefined for data-only packs, or when the pack differs).
 */
export function hooksForExport(registry: PackRegistry, pack: { readonly key?: string; readonly contentHash?: string } | undefined): LoadedPack['hooks'] | undefined {
  const registered = pack?.key ? registry.packs.get(pack.key) : undefined;
  return registered && registered.contentHash === pack?.contentHash && Object.keys(registered.hooks).length > 0 ? registered.hooks : undefined;
}

/**
 * The server's hook isolator for verifying exports: it re-creates hooks from the export's source
 * text, isolated as always, but only text that is a loaded pack's (validated at load). Text from
 * anywhere else is refused, not run: node:vm does not stop a hook that loops or fills memory,
 * and anyone may send an export (docs/security.md). Outsiders verify any export with the CLI.
 */
export function loadedPacksHookIsolator(registry: PackRegistry): HookIsolator {
  return (sources, docs) => {
    const text = canonicalJson(sources);
    const known = [...registry.packs.values()].some((p) => Object.keys(p.hookSources).length > 0 && canonicalJson(p.hookSources) === text);
    if (!known) {
      return err([{ hook: '', message: '这些钩子源码不属于本服务器已加载的任何规则包，服务器不运行上传的代码；请用命令行 double-random draw verify 在自己的机器上验证（the server runs only the hooks of packs it loaded; verify this export with the command line）' }]);
    }
    return isolateHookSources(sources, docs);
  };
}

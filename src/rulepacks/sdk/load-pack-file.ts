import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { PackProblem } from './problem.ts';

export const PACK_EXTENSIONS = ['.js', '.mjs', '.ts', '.json', '.yaml', '.yml'] as const;

/**
 * Reads a pack file: an ESM module whose default export is the pack, or pure data in JSON or
 * YAML (no hooks) for authors who do not program. Returns the raw candidate for validation.
 */
export async function readPackFile(file: string): Promise<{ ok: true; value: unknown } | { ok: false; error: PackProblem[] }> {
  const ext = extname(file).toLowerCase();
  try {
    if (ext === '.json') return { ok: true, value: JSON.parse(await readFile(file, 'utf8')) };
    if (ext === '.yaml' || ext === '.yml') return { ok: true, value: parseYaml(await readFile(file, 'utf8')) };
    if (ext === '.js' || ext === '.mjs' || ext === '.ts') {
      const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
      if (module.default === undefined) return { ok: false, error: [{ code: 'LOAD', file, path: '', message: 'the module has no default export (export default defineRulePack({...}))' }] };
      return { ok: true, value: module.default };
    }
  } catch (error) {
    return { ok: false, error: [{ code: 'LOAD', file, path: '', message: `cannot be read: ${(error as Error).message}` }] };
  }
  return { ok: false, error: [{ code: 'LOAD', file, path: '', message: `unknown pack file type ${ext} (use ${PACK_EXTENSIONS.join(', ')})` }] };
}

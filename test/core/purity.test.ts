import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../src/core/', import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

/** What the pure core may import: itself, zod (validation), and data packages. */
const ALLOWED = [/^\.\.?\//, /^zod$/, /^chinese-days\/dist\/chinese-days\.json$/, /^@noble\/ciphers\/chacha\.js$/];

describe('src/core is pure', () => {
  it.each(files(root).map((f) => [f.slice(root.length), f]))('%s imports no I/O, GraphQL, Prisma or server code', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    const imports = [...source.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    for (const target of imports) {
      expect(ALLOWED.some((a) => a.test(target)), `${target} is not allowed in src/core`).toBe(true);
      expect(target.includes('/server/') || target.includes('/rulepacks/'), `${target} reaches outside the core`).toBe(false);
    }
    const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(code, 'the core takes time and randomness as inputs').not.toMatch(/Math\.random|Date\.now\(|new Date\(\)/);
  });
});

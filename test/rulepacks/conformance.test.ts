import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_PACKS } from '../../src/rulepacks/registry.ts';
import { builtIn } from './load.ts';

const root = new URL('../../src/rulepacks/', import.meta.url).pathname;
const folders = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'sdk').map((d) => d.name).sort();

describe('every built-in pack is complete', () => {
  it('is registered, and every registered pack has a folder', () => {
    expect(Object.keys(BUILT_IN_PACKS)).toEqual(folders);
  });

  it.each(folders)('%s has its README, its tests, a matching id, and cites a clause in every README row', async (id) => {
    expect(existsSync(`${root}${id}/README.md`), `add src/rulepacks/${id}/README.md: the source document and a table of rules and clauses`).toBe(true);
    expect(existsSync(new URL(`./${id}.test.ts`, import.meta.url)), `add test/rulepacks/${id}.test.ts: tests per clause with PackTester`).toBe(true);
    const pack = await builtIn(id);
    expect(pack.meta.id).toBe(id);
    const tests = readFileSync(new URL(`./${id}.test.ts`, import.meta.url), 'utf8');
    expect(tests, `test/rulepacks/${id}.test.ts should run at least one PackTester suite`).toMatch(/tester\.run\(/);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * scripts/verify_draw.py is a second verifier, in Python with its standard library only (its own
 * ChaCha20, JCS and draw), written from docs/draw-algorithm.md: that it re-derives every example
 * and vector shows the specification is enough to re-derive a draw without this code.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const python = spawnSync('python3', ['--version']).status === 0;
const run = (paths: string[]) => spawnSync('python3', [join(root, 'scripts/verify_draw.py'), ...paths], { cwd: root, encoding: 'utf8' });
const lines = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as { draw: string; verified: boolean; differences: unknown[] });

describe.skipIf(!python)('the independent Python verifier (scripts/verify_draw.py)', () => {
  const examples = readdirSync(join(root, 'docs/draw-examples')).filter((f) => f.endsWith('.json')).map((f) => `docs/draw-examples/${f}`);

  it('re-derives every example, every vector and the published v1 draw of 卧龙 from the specification alone', () => {
    const result = run([...examples, 'docs/draw-test-vectors.json', 'test/fixtures/published-draws/wolong-v1-served-expert.json']);
    const reports = lines(result.stdout);
    expect(reports.filter((r) => !r.verified)).toEqual([]);
    expect(reports.map((r) => r.draw)).toEqual([
      ...examples,
      ...['generator', 'seedDerivation', 'strata', 'pool', 'due', 'teams', 'experts-v1', 'experts-v3', 'ratios-rounding', 'ratios-count-min', 'ratios-weights', 'v4-rotation', 'v4-avoid-short', 'v4-avoid-enough', 'v4-lower-exclude', 'sealed-commitment', 'sealed', 'ratios-quotas', 'ratios-refused'].map((n) => `docs/draw-test-vectors.json#${n}`),
      'test/fixtures/published-draws/wolong-v1-served-expert.json',
    ]);
    expect(result.status).toBe(0);
  });

  it('finds a changed record: a substitute, or one random value more', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-py-'));
    try {
      const exported = JSON.parse(readFileSync(join(root, examples[0]!), 'utf8'));
      exported.record.randomValuesUsed += 1;
      exported.record.picks[1].team.substitutes.reverse();
      writeFileSync(join(dir, 'tampered.json'), JSON.stringify(exported));
      const result = run([join(dir, 'tampered.json')]);
      expect(result.status).toBe(1);
      const paths = lines(result.stdout)[0]!.differences.map((d) => (d as { path: string }).path);
      expect(paths).toContain('record.randomValuesUsed');
      expect(paths).toContain('record.picks[1].team.substitutes[0]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliIn } from '../helpers/cli.ts';

/** `double-random simulate` (规则模拟, docs/simulation.md) on a generated county: no database needed. */
const CAP3 = new URL('../../docs/examples/wolong-cap3.yaml', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'double-random-simulate-'));

const cli = cliIn(join(dir, 'data'));

describe('double-random simulate', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const plan = join(dir, 'plan.yaml');
  writeFileSync(plan, 'tasks:\n' + [1, 3, 5, 7, 9, 11].map((m) => `  - { month: ${m}, size: 40${m === 5 ? ', joint: true' : ''} }\n`).join(''));

  it('prints 卧龙 against the cap-3 file side by side in Chinese, the cap difference first', async () => {
    const r = await cli('simulate', '--pack', 'wolong@1.0.0', '--compare', CAP3, '--tasks', plan, '--enterprises', '300', '--years', '20', '--seed', 'cli');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('规则模拟：20 年 × 6 个任务，企业 300 家');
    expect(r.stdout).toMatch(/主要差异\n {2}· 抽查上限：每年不超过 2 次 → 每年不超过 3 次/);
    expect(r.stdout).toContain('每年至少开展1次部门联合抽查（第十三条）');
    expect(r.stdout).not.toMatch(/riskLevel=|creditLevel=/);
  }, 120_000);

  it('gives the same report as JSON for the same seed', async () => {
    const args = ['simulate', '--pack', 'wolong@1.0.0', '--tasks', plan, '--enterprises', '200', '--years', '5', '--seed', 'json', '--json'];
    const [a, b] = await Promise.all([cli(...args), cli(...args)]);
    const report = JSON.parse(a.stdout);
    expect(report).toMatchObject({ years: 5, enterprises: 200, tasks: 6, packs: [{ key: 'wolong@1.0.0', cap: { perYear: 2 } }] });
    expect(b.stdout).toBe(a.stdout);
  }, 120_000);

  it('refuses too many years and a bad plan with one Chinese line each', async () => {
    const years = await cli('simulate', '--pack', 'wolong@1.0.0', '--tasks', plan, '--enterprises', '100', '--years', '5000', '--seed', 's');
    expect(years.code).toBe(1);
    expect(years.stderr).toContain('years：模拟年数须为 1 至 1000 的整数，收到 5000');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ month: 2, size: 0 }]));
    const refused = await cli('simulate', '--pack', 'wolong@1.0.0', '--tasks', bad, '--enterprises', '100', '--years', '5', '--seed', 's');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^抽查计划 tasks\[0\]\.size：/);
  }, 120_000);
});

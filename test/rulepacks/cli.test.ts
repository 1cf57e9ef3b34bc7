import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/double-random.js', import.meta.url).pathname;
const run = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [BIN, 'pack', ...args], { env: { ...process.env, PACKS_DIR: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

describe('double-random pack', () => {
  it('explains a built-in pack rule by rule, in Chinese and English, with clauses', async () => {
    const { code, stdout } = await run('explain', 'shuncheng');
    expect(code).toBe(0);
    expect(stdout).toContain('[顺城区安全生产监督管理局随机抽查工作细则 第十三条] specialists.0');
    expect(stdout).toContain('非煤矿山：抽取3名检查人员，其中该领域人员不少于1名');
    expect(stdout).toContain('non_coal_mine: teams of 3 with at least 1 specialist(s)');
    expect(stdout).toContain('每月前5个工作日内公开上月结果');
  });

  it('validates the five packs and refuses a malformed one with file, path and reason', async () => {
    for (const id of ['panzhihua', 'yanshi', 'wolong', 'shuncheng', 'heilongjiang-county']) {
      expect((await run('validate', id)).stdout).toMatch(new RegExp(`^${id}@1\\.0\\.0 is valid; content hash [0-9a-f]{64}`));
    }
    const file = join(mkdtempSync(join(tmpdir(), 'pack-')), 'bad.json');
    writeFileSync(file, JSON.stringify({
      meta: { id: 'bad', name: 'x', level: 'COUNTY', version: '1.0.0', sources: [{ id: 'd', title: 't' }], inForce: { from: '2026-01-01' } },
      rules: { cap: { perYear: 1, exceptions: [], cite: { doc: 'd', clause: '五' } }, frequencies: [{ who: 'blacklisted', every: 'half-year', cite: { doc: 'd', clause: '四' } }], team: { minSize: 'two', leader: true } },
    }));
    const result = await run('validate', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file} › rules.team.minSize:`);
    expect(result.stderr).toContain(`${file} › rules.team.cite:`);
  });

  it('diffs two packs', async () => {
    const { stdout } = await run('diff', 'wolong', 'shuncheng');
    expect(stdout).toContain('~ cap');
    expect(stdout).toContain('wolong: 同一企业一年内"双随机"检查不超过2次');
    expect(stdout).toContain('shuncheng: 同一企业一年内被本局各业务部门"双随机"检查不超过4次');
    expect(stdout).toContain('+ periodicPublication');
  });
});

describe('double-random draw verify', () => {
  const draw = async (...args: string[]) => {
    try {
      const { stdout } = await promisify(execFile)('node', [BIN, 'draw', ...args]);
      return { code: 0, stdout };
    } catch (error) {
      const e = error as { code: number; stdout: string };
      return { code: e.code, stdout: e.stdout };
    }
  };

  it('confirms a published example and names where a tampered one differs', async () => {
    const example = new URL('../../docs/draw-examples/yanshi.json', import.meta.url).pathname;
    expect(await draw('verify', example)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^MATCHES: 12 picks of task EX-yanshi/) });
    const data = JSON.parse(readFileSync(example, 'utf8'));
    data.record.picks[0].items = ['AQ99'];
    const file = join(mkdtempSync(join(tmpdir(), 'draw-')), 'tampered.json');
    writeFileSync(file, JSON.stringify(data));
    const result = await draw('verify', file);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('DIFFERS: ');
    expect(result.stdout).toContain('record.picks[0].items');
  });

  it('verifies a draw whose pack has hooks from the export alone, with no pack installed', async () => {
    const { runDraw } = await import('../../src/core/draw/draw.ts');
    const { commitmentOf } = await import('../../src/core/draw/seed.ts');
    const { EXPORT_FORMAT } = await import('../../src/core/draw/export.ts');
    const { demoSnapshot } = await import('../../src/demo/demo-snapshot.ts');
    const { NODE_DRAW_PORTS: ports } = await import('../../src/server/draw-ports.ts');
    const { validatePack } = await import('../../src/rulepacks/sdk/validate-pack.ts');
    const { builtIn } = await import('./load.ts');
    const wolong = await builtIn('wolong');
    const made = validatePack({ meta: { ...wolong.meta, id: 'wolong-hooked' }, rules: wolong.ownRules, hooks: { stratumOf: ({ enterprise }: { enterprise: { township: string | null } }) => enterprise.township ?? '无乡镇' } });
    if (!made.ok) throw new Error(made.error.map((p) => p.message).join('; '));
    const pack = made.value;
    const snapshot = demoSnapshot({ enterprises: 300 });
    const secret = 'c3'.repeat(32);
    const seed = { secret, commitment: commitmentOf(secret, ports), entropy: [] };
    const task = { id: 'T-hooked', year: 2026, inspectionDate: '2026-06-15', sectors: [], covert: false, joint: false, special: false, size: 8 };
    const run = runDraw({ snapshot, task, pack: { key: 'wolong-hooked@1.0.0', contentHash: pack.contentHash, rules: pack.rules }, hooks: pack.hooks, seed }, ports);
    if (!run.ok) throw new Error(run.error.map((e) => e.message).join('; '));
    const file = join(mkdtempSync(join(tmpdir(), 'draw-')), 'hooked.json');
    writeFileSync(file, JSON.stringify({ format: EXPORT_FORMAT, pack: { key: 'wolong-hooked@1.0.0', contentHash: pack.contentHash, meta: pack.meta, rules: pack.rules, hooks: pack.hookSources }, task, snapshot, seed, record: run.value }));
    expect(await draw('verify', file)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^MATCHES: 8 picks of task T-hooked/) });
  });
});

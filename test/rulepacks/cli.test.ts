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
    expect(stdout).toContain('shuncheng: 同一企业一年内"双随机"检查不超过4次');
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
});

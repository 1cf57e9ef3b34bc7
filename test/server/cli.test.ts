import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { csv, uscc } from '../helpers/fixtures.ts';
import { cliIn, CLI_BIN } from '../helpers/cli.ts';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'double-random-cli-'));

const cli = cliIn(dataDir);

describe('the double-random command on an embedded database', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds a demo county of the requested size', async () => {
    const result = await cli('seed-demo', '--enterprises', '50', '--inspectors', '9', '--experts', '3');
    expect(result.stdout).toContain('demo county 411303: 50 enterprises, 9 inspectors, 3 experts');
  });

  it('imports a GBK file: the bad row is named and nothing is written; the corrected file imports', async () => {
    const head = ['统一社会信用代码', '企业名称', '行业类别'];
    const good = uscc('91411303MA7000001');
    const file = join(dataDir, 'in.csv');
    writeFileSync(file, iconv.encode(csv([head, [good, 'CLI测试有限公司', '建材'], ['91411303MA70000020', '坏行', '建材']]), 'gbk'));
    const rejected = await cli('import', 'enterprises', file, '--jurisdiction', '411303');
    expect(rejected.code).toBe(2);
    expect(rejected.stdout).toContain('REJECTED, nothing was written');
    expect(rejected.stdout).toContain('第 3 行「统一社会信用代码」');

    writeFileSync(file, iconv.encode(csv([head, [good, 'CLI测试有限公司', '建材']]), 'gbk'));
    const dry = await cli('import', 'enterprises', file, '--jurisdiction', '411303', '--dry-run');
    expect(dry.stdout).toContain('would import: 1 new');
    const done = await cli('import', 'enterprises', file, '--jurisdiction', '411303');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('imported: 1 new, 0 updated, 0 unchanged');
  });

  it('exports what it imported, and reads other headers through --map', async () => {
    const out = join(dataDir, 'out.csv');
    await cli('export', 'enterprises', '--jurisdiction', '411303', '--out', out);
    expect(readFileSync(out, 'utf8')).toContain('CLI测试有限公司');
    const mapped = join(dataDir, 'mapped.csv');
    writeFileSync(mapped, csv([['信用代码号', '企业全称', '所属行业'], [uscc('91411303MA7000003'), '映射测试', '机械']]));
    const result = await cli('import', 'enterprises', mapped, '--jurisdiction', '411303', '--map', '信用代码号=统一社会信用代码', '--map', '企业全称=企业名称', '--map', '所属行业=sector');
    expect(result.stdout).toContain('imported: 1 new');
  });

  it('makes, lists and revokes tokens, and deactivates and reactivates users', async () => {
    const made = await cli('token', 'create', '--jurisdiction', '411303', '--role', 'PLANNER', '--name', '命令行令牌');
    expect(made.code).toBe(0);
    const listed = await cli('token', 'list', '--jurisdiction', '411303');
    const line = listed.stdout.split('\n').find((l) => l.includes('命令行令牌'))!;
    expect(line).toMatch(/\tPLANNER\t命令行令牌\t.*\tactive$/);
    expect(listed.stdout).not.toContain(made.stdout.trim());
    const id = line.split('\t')[0]!;
    expect((await cli('token', 'revoke', id, '--jurisdiction', '411303')).stdout).toContain(`token ${id} (命令行令牌) revoked`);
    expect((await cli('token', 'list', '--jurisdiction', '411303')).stdout).toMatch(new RegExp(`${id}\\t.*\\trevoked `));
    expect((await cli('token', 'revoke', id, '--jurisdiction', '411303')).stderr).toContain('已于');

    const created = await run('node', [CLI_BIN, 'user', 'create', '--jurisdiction', '411303', '--role', 'PLANNER', '--username', 'cli.user'], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', DOUBLE_RANDOM_PASSWORD: 'a long enough secret' } });
    expect(created.stdout).toContain('user cli.user (PLANNER) created');
    expect((await cli('user', 'deactivate', 'cli.user', '--jurisdiction', '411303')).stdout).toContain('user cli.user deactivated');
    expect((await cli('user', 'reactivate', 'cli.user', '--jurisdiction', '411303')).stdout).toContain('user cli.user reactivated');
    // Each command starts a process and opens the embedded database: slow on a loaded machine.
  }, 240_000);

  it('init makes the operator from a password on standard input, and jurisdiction create checks codes against GB/T 2260', async () => {
    const init = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn('node', [CLI_BIN, 'init', '--username', 'platform.ops'], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.on('close', (code) => resolve({ code, stdout }));
      child.stdin.end('a long enough secret\n');
    });
    expect(init).toMatchObject({ code: 0, stdout: expect.stringContaining('平台管理员 platform.ops 已建立') });
    expect((await cli('jurisdiction', 'create', '--code', '510000', '--level', 'PROVINCE')).stdout).toContain('辖区 四川省（510000，PROVINCE）已建立');
    const wrong = await cli('jurisdiction', 'create', '--code', '511500', '--level', 'CITY', '--parent', '410000');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('parent: 上级辖区不符');
    expect((await cli('jurisdiction', 'create', '--code', '511500', '--level', 'CITY', '--parent', '510000')).stdout).toContain('辖区 宜宾市（511500，CITY）已建立');
  }, 240_000);

  it('refuses to open a data folder another live process holds, and says what to do instead', async () => {
    writeFileSync(join(dataDir, 'double-random.pid'), String(process.pid));
    const result = await cli('export', 'enterprises', '--jurisdiction', '411303');
    rmSync(join(dataDir, 'double-random.pid'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`in use by process ${process.pid}`);
    expect(result.stderr).toContain('importDirectory');
  });

  it('explains its usage on a wrong command', async () => {
    const result = await cli('import', 'companies', 'x.csv');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('<kind> must be one of enterprises, inspectors, experts, checklist');
  });
});

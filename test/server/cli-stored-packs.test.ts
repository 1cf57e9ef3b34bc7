import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/rulepacks/registry.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { seedDemo } from '../../src/server/demo/seed-demo.ts';
import { saveStoredPack } from '../../src/server/rulepacks/stored-packs.ts';
import { cliIn } from '../helpers/cli.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'double-random-cli-stored-'));

const cli = cliIn(dataDir);

describe('pack validate, explain and diff on packs stored in the database', () => {
  let hash = '';
  beforeAll(async () => {
    const db = await openDatabase({ dataDir });
    try {
      await seedDemo(db.sql, { enterprises: 20, inspectors: 9, experts: 1 });
      const j = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: '411303' } });
      const saved = await saveStoredPack(db.prisma, await loadRegistry(), undefined, {
        jurisdictionId: j.id,
        base: 'wolong@1.0.0',
        meta: { id: 'wolong-2026', name: '卧龙区双随机抽查规则（2026年）', sources: [{ id: 'notice-2026', number: '宛卧应急〔2026〕1号', title: '关于调整检查组人数的通知' }], inForce: { from: '2026-01-01' } },
        rules: { team: { minSize: 3, leader: true, cite: { doc: 'notice-2026', clause: '二' } } },
        actor: 'test',
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));
      hash = saved.value.pack.contentHash;
    } finally {
      await db.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('validates a stored pack by key, with its content hash', async () => {
    const result = await cli('pack', 'validate', 'wolong-2026@1.0.0');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`wolong-2026@1.0.0 is valid; content hash ${hash}`);
  });

  it('explains it: its rules in force with their clauses, its own and its parent’s', async () => {
    const result = await cli('pack', 'explain', 'wolong-2026@1.0.0');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('extends wolong@1.0.0');
    expect(result.stdout).toContain('source notice-2026: 宛卧应急〔2026〕1号');
    expect(result.stdout).toMatch(/\[宛卧应急〔2026〕1号 二\] team/);
    expect(result.stdout).toMatch(/\] cap\n/);
  });

  it('diffs it against its base', async () => {
    const result = await cli('pack', 'diff', 'wolong@1.0.0', 'wolong-2026@1.0.0');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n')[0]).toBe('~ team');
    expect(result.stdout).toContain('wolong-2026@1.0.0: ');
    expect(result.stdout).toContain('[宛卧应急〔2026〕1号 二]');
  });

  it('says which key it knows of none', async () => {
    const result = await cli('pack', 'validate', 'wolong-2027@1.0.0');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no pack wolong-2027@1.0.0');
  });
});

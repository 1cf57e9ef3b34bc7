import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planCacheStats } from '../../src/server/db/query-plan-cache.ts';
import type { Database } from '../../src/server/db/database.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';

describe("Prisma's query plans are reused for identical requests, per client", () => {
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    // Two PostgreSQL schemas in one process: a plan names its schema, so the clients must not share one.
    const postgres = TEST_DATABASES.find((d) => d.name === 'postgres')!;
    [a, b] = await Promise.all([postgres.open(), postgres.open()]);
    await a.sql.exec(`INSERT INTO jurisdiction (code, name, level) VALUES ('110000', '北京市', 'PROVINCE'), ('120000', '天津市', 'PROVINCE')`);
    await b.sql.exec(`INSERT INTO jurisdiction (code, name, level) VALUES ('110000', '北京（B）', 'PROVINCE')`);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('skips the compiler the second time, and answers each request with its own values', async () => {
    const before = { ...planCacheStats };
    const first = await a.prisma.jurisdiction.findUnique({ where: { code: '110000' } });
    const again = await a.prisma.jurisdiction.findUnique({ where: { code: '110000' } });
    expect(again?.name).toBe(first?.name);
    expect(planCacheStats.hits).toBeGreaterThan(before.hits);
    expect((await a.prisma.jurisdiction.findUnique({ where: { code: '120000' } }))?.name).toBe('天津市');
  });

  it('never answers one schema from a plan compiled for another', async () => {
    expect((await a.prisma.jurisdiction.findUnique({ where: { code: '110000' } }))?.name).toBe('北京市');
    expect((await b.prisma.jurisdiction.findUnique({ where: { code: '110000' } }))?.name).toBe('北京（B）');
    expect(await b.prisma.jurisdiction.count()).toBe(1);
    expect(await a.prisma.jurisdiction.count()).toBe(2);
  });

  it('reuses plans of writes too, with the new values each time', async () => {
    for (const name of ['甲', '乙']) await a.prisma.jurisdiction.update({ where: { code: '120000' }, data: { name } });
    expect((await a.prisma.jurisdiction.findUnique({ where: { code: '120000' } }))?.name).toBe('乙');
    await a.prisma.jurisdiction.update({ where: { code: '120000' }, data: { name: '甲' } });
    await a.prisma.jurisdiction.update({ where: { code: '120000' }, data: { name: '甲' } });
    expect((await a.prisma.jurisdiction.findUnique({ where: { code: '120000' } }))?.name).toBe('甲');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDraw } from '../../src/core/draw/draw.ts';
import { EXPORT_FORMAT } from '../../src/core/draw/export.ts';
import { commitmentOf } from '../../src/core/draw/seed.ts';
import { demoSnapshot } from '../../src/demo/demo-snapshot.ts';
import { loadRegistry, type PackRegistry } from '../../src/rulepacks/registry.ts';
import type { App } from '../../src/server/app.ts';
import { decodeLimitsOf, readConfig } from '../../src/server/config.ts';
import type { Database } from '../../src/server/db/database.ts';
import { NODE_DRAW_PORTS as ports } from '../../src/server/draw-ports.ts';
import { buildApp, tokenFor } from '../helpers/app.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { createJurisdiction, csv, uscc } from '../helpers/fixtures.ts';
import { buildXlsx, cell } from '../helpers/xlsx.ts';

const IMPORT = `mutation($file: File!) { importDirectory(kind: ENTERPRISES, jurisdiction: "411303", file: $file, dryRun: true) { __typename ... on ImportReport { committed created problems { code row column message } } } }`;
const MiB = 1024 * 1024;

/** A dry-run import uploaded as a multipart request, as the console and GraphiQL send it. */
async function upload(app: App, file: Uint8Array, token: string) {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: IMPORT, variables: { file: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', new File([file as BlobPart], 'upload.xlsx'));
  const response = await app.fetch(new Request('http://test/graphql', { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } }));
  return { status: response.status, body: (await response.json()) as { data?: { importDirectory: any }; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

const query = async (app: App, body: BodyInit, headers: Record<string, string> = {}) => {
  const response = await app.fetch(new Request('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit));
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
};

describe('uploads on pglite', () => {
  const target = TEST_DATABASES.find((t) => t.name === 'pglite')!;
  let db: Database;
  let packs: PackRegistry;
  let app: App;
  let planner: string;

  beforeAll(async () => {
    db = await target.open();
    await createJurisdiction(db, '411303', '卧龙区');
    packs = await loadRegistry();
    app = buildApp(db, packs);
    planner = await tokenFor(db, '411303', 'PLANNER');
  });
  afterAll(async () => {
    await db.close();
  });

  it("answers another client while a planner's hostile files are decoded, and each costs one typed problem", async () => {
    const xfd = buildXlsx({ sheetData: `<row r="1048576">${cell('XFD1048576', 'x')}</row>` });
    const bomb = buildXlsx({ sheetData: '<row/>'.repeat(17_000_000) }, 9);
    const uploads = [upload(app, xfd, planner), upload(app, bomb, planner)];
    const other = await query(app, JSON.stringify({ query: '{ __typename jurisdiction(code: "411303") { name } }' }));
    expect(other.body.data).toEqual({ __typename: 'Query', jurisdiction: { name: '卧龙区' } });
    const [a, b] = await Promise.all(uploads);
    expect(a!.body.data!.importDirectory).toMatchObject({ __typename: 'ImportReport', committed: false, problems: [{ code: 'TOO_MANY_ROWS', row: 1048576 }] });
    expect(b!.body.data!.importDirectory).toMatchObject({ __typename: 'ImportReport', committed: false, problems: [{ code: 'XLSX_TOO_LARGE' }] });
  });

  it('refuses a NUL in a cell by its row and column instead of failing with an unexpected error', async () => {
    const file = Buffer.from(csv([['统一社会信用代码', '企业名称', '行业类别'], [uscc('91411303MA9X00009'), '南阳\u0000公司', '建材']]));
    const { body } = await upload(app, file, planner);
    expect(body.errors).toBeUndefined();
    expect(body.data!.importDirectory.problems).toEqual([expect.objectContaining({ code: 'INVALID_CHARACTER', row: 2, column: '企业名称' })]);
  });

  it("takes files up to IMPORT_MAX_BYTES, past yoga's 25 MB default, and refuses larger bodies with 413 naming the limit", async () => {
    // 30 MB that is not a workbook: it reaches the import, which says so.
    const garbage = new Uint8Array(30 * MiB);
    garbage.set([0x50, 0x4b, 0x03, 0x04]);
    const accepted = await upload(app, garbage, planner);
    expect(accepted.status).toBe(200);
    expect(accepted.body.data!.importDirectory.problems[0].code).toBe('XLSX_UNREADABLE');

    const small = buildApp(db, packs, { importLimits: { maxBytes: MiB } });
    const refused = await upload(small, new Uint8Array(3 * MiB), planner);
    expect(refused.status).toBe(413);
    expect(refused.body.errors![0]).toMatchObject({ message: expect.stringContaining('IMPORT_MAX_BYTES'), extensions: { code: 'REQUEST_ENTITY_TOO_LARGE', maxBytes: MiB } });
    expect(refused.body.errors![0]!.message).toMatch(/^请求体超过上限/);
    // Within the multipart envelope's room, the file itself is still held to the same limit.
    const justOver = await upload(small, new Uint8Array(MiB + 1000), planner);
    expect(justOver.body.data!.importDirectory.problems[0]).toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('IMPORT_MAX_BYTES') });
    // A body sent without a Content-Length is counted as it arrives.
    const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(3 * MiB) } });
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < big.length; i += 64 * 1024) controller.enqueue(new TextEncoder().encode(big.slice(i, i + 64 * 1024)));
        controller.close();
      },
    });
    const chunked = await query(small, stream);
    expect(chunked.status).toBe(413);
    expect(chunked.body.errors![0]!.extensions).toMatchObject({ code: 'REQUEST_ENTITY_TOO_LARGE' });
  });

  it('checks the 35 MB export of a 100,000-enterprise draw through verifyDraw', async () => {
    const pack = packs.get('wolong')!;
    const snapshot = demoSnapshot({ enterprises: 100_000 });
    const secret = 'a7'.repeat(32);
    const seed = { secret, commitment: commitmentOf(secret, ports), entropy: ['beacon:2026-06-01T00:00Z:8e1f'] };
    const task = { id: 'T-2026-001', year: 2026, inspectionDate: '2026-06-15', sectors: [], covert: false, joint: false, special: false, size: 40 };
    const record = runDraw({ snapshot, task, pack: { key: `${pack.meta.id}@${pack.meta.version}`, contentHash: pack.contentHash, rules: pack.rules }, seed }, ports);
    if (!record.ok) throw new Error('the draw failed');
    const draw = { format: EXPORT_FORMAT, pack: { key: record.value.packKey, contentHash: pack.contentHash, meta: pack.meta, rules: pack.rules, hooks: {} }, task, snapshot, seed, record: record.value };
    const body = JSON.stringify({ query: 'query($d: JSON!) { verifyDraw(draw: $d) { matches differences { path } } }', variables: { d: draw } });
    expect(body.length).toBeGreaterThan(30 * 1000 * 1000);
    const { status, body: result } = await query(app, body);
    expect(status).toBe(200);
    expect(result.data.verifyDraw).toEqual({ matches: true, differences: [] });
  });
});

describe('upload limits in the configuration', () => {
  it('has a default for each, reads each from its variable, and refuses a value that is not a positive whole number', () => {
    expect(decodeLimitsOf(readConfig({}))).toEqual({
      maxBytes: 64 * MiB,
      maxRows: 1_000_000,
      maxColumns: 200,
      maxCells: 10_000_000,
      maxInflatedBytes: 512 * MiB,
      maxCompressionRatio: 200,
      decodeHeapMb: 1024,
      decodeTimeoutMs: 60_000,
      decodeConcurrency: 2,
    });
    const config = readConfig({ IMPORT_MAX_BYTES: '1048576', IMPORT_MAX_ROWS: '10', IMPORT_MAX_COLUMNS: '5', IMPORT_MAX_CELLS: '50', IMPORT_MAX_INFLATED_BYTES: '2048', IMPORT_MAX_COMPRESSION_RATIO: '7', IMPORT_DECODE_HEAP_MB: '64', IMPORT_DECODE_TIMEOUT_MS: '500', IMPORT_DECODE_CONCURRENCY: '1' });
    expect(decodeLimitsOf(config)).toEqual({ maxBytes: MiB, maxRows: 10, maxColumns: 5, maxCells: 50, maxInflatedBytes: 2048, maxCompressionRatio: 7, decodeHeapMb: 64, decodeTimeoutMs: 500, decodeConcurrency: 1 });
    expect(() => readConfig({ IMPORT_MAX_ROWS: 'many' })).toThrow(/IMPORT_MAX_ROWS 应为 1 至 \d+ 的整数/);
    expect(() => readConfig({ IMPORT_DECODE_HEAP_MB: '0' })).toThrow(/IMPORT_DECODE_HEAP_MB/);
  });
});

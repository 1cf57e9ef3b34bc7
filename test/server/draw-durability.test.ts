import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { drawTask } from '../../src/server/draws/draw-task.ts';
import { verifyAuditTrail } from '../../src/server/audit/verify-audit.ts';
import { dropSchema, POSTGRES_URL } from '../helpers/databases.ts';
import { demoCounty, DEMO, TASK_INPUT } from '../helpers/demo-county.ts';
import { servicesOf } from '../helpers/services.ts';

const CREATE_TASK = `mutation($j: String!, $input: TaskInput!) { createTask(jurisdiction: $j, input: $input) { ... on Task { id } } }`;
const LOCK = `mutation($t: ID!) { lockTask(task: $t) { ... on Draw { id } } }`;
const rawId = (nodeId: string) => Buffer.from(nodeId, 'base64').toString().split(':')[1]!;

/** Seeds the demo county and locks one task; returns the raw draw id. */
async function lockedDraw(db: Database): Promise<{ drawId: string; jurisdictionId: string }> {
  const demo = await demoCounty(db);
  const task = (await demo.gql(CREATE_TASK, { j: DEMO, input: TASK_INPUT }, demo.tokens.PLANNER)).data.createTask;
  const draw = (await demo.gql(LOCK, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
  const j = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
  return { drawId: rawId(draw.id), jurisdictionId: j.id };
}

/** Starts a draw in a child process that stops before committing, and kills it there with SIGKILL. */
async function killMidDraw(where: string, schema: string, drawId: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/draw-child.ts', where, schema, drawId], {
    env: { ...process.env, DOUBLE_RANDOM_FAULT: 'pause-before-draw-commit' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('paused before commit')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the child exited (${code}) before pausing: ${out}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function expectNothingWritten(db: Database, drawId: string, jurisdictionId: string) {
  const draw = await db.prisma.draw.findUniqueOrThrow({ where: { id: drawId }, include: { task: true } });
  expect(draw.status).toBe('LOCKED');
  expect(draw.task.status).toBe('LOCKED');
  expect(draw.record).toBeNull();
  expect(await db.prisma.drawPick.count({ where: { drawId } })).toBe(0);
  expect(await db.prisma.auditEntry.count({ where: { jurisdictionId, action: 'task.drawn' } })).toBe(0);
  expect((await verifyAuditTrail(db.prisma, jurisdictionId)).valid).toBe(true);
}

async function drawNow(db: Database, drawId: string, jurisdictionId: string) {
  return drawTask(await servicesOf(db), { kind: 'token', tokenId: 't', name: 'officer', role: 'DRAW_OFFICER', jurisdictionId }, { drawId });
}

describe('a draw is written whole or not at all', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('kill -9 in the middle of a draw on PostgreSQL leaves nothing; the next draw writes everything', async () => {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    let db = await openDatabase({ url: POSTGRES_URL, schema });
    cleanups.push(async () => {
      await db.close();
      await dropSchema(schema);
    });
    const { drawId, jurisdictionId } = await lockedDraw(db);
    await killMidDraw(POSTGRES_URL, schema, drawId);
    await expectNothingWritten(db, drawId, jurisdictionId);
    const result = await drawNow(db, drawId, jurisdictionId);
    expect(result.ok).toBe(true);
    expect(await db.prisma.drawPick.count({ where: { drawId } })).toBe(TASK_INPUT.size);
    expect(await db.prisma.auditEntry.count({ where: { jurisdictionId, action: 'task.drawn' } })).toBe(1);
    expect((await verifyAuditTrail(db.prisma, jurisdictionId)).valid).toBe(true);
  }, 120_000);

  it('kill -9 in the middle of a draw on PGlite leaves nothing after the data folder is reopened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dr-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    let db = await openDatabase({ dataDir: dir });
    const { drawId, jurisdictionId } = await lockedDraw(db);
    await db.close(); // one process per PGlite data folder: hand it to the child
    await killMidDraw(dir, '-', drawId);
    db = await openDatabase({ dataDir: dir });
    cleanups.push(() => db.close());
    await expectNothingWritten(db, drawId, jurisdictionId);
    expect((await drawNow(db, drawId, jurisdictionId)).ok).toBe(true);
    expect(await db.prisma.drawPick.count({ where: { drawId } })).toBe(TASK_INPUT.size);
  }, 120_000);

  it('of two concurrent draws of one task on PostgreSQL, one draws and the other is told it is drawn', async () => {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const db = await openDatabase({ url: POSTGRES_URL, schema });
    const second = await openDatabase({ url: POSTGRES_URL, schema, migrate: false }); // another server instance
    cleanups.push(async () => {
      await second.close();
      await db.close();
      await dropSchema(schema);
    });
    const { drawId, jurisdictionId } = await lockedDraw(db);
    const results = await Promise.all([drawNow(db, drawId, jurisdictionId), drawNow(second, drawId, jurisdictionId)]);
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers.map((r) => !r.ok && r.error.code)).toEqual(['ALREADY_DRAWN']);
    expect(await db.prisma.drawPick.count({ where: { drawId } })).toBe(TASK_INPUT.size);
    expect(await db.prisma.auditEntry.count({ where: { jurisdictionId, action: 'task.drawn' } })).toBe(1);
  }, 120_000);
});

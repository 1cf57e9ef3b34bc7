/**
 * Runs one draw in a process of its own, for the crash test: `draw-child.ts <url|dataDir> <schema|-> <drawId>`.
 * With DOUBLE_RANDOM_FAULT=pause-before-draw-commit it stops inside the draw's transaction, after
 * writing everything, and waits there to be killed.
 */
import { openDatabase } from '../../src/server/db/database.ts';
import { drawTask } from '../../src/server/draws/draw-task.ts';
import { servicesOf } from './services.ts';

const [where, schema, drawId] = process.argv.slice(2) as [string, string, string];
const db = await openDatabase(where.startsWith('postgres') ? { url: where, schema } : { dataDir: where });
const draw = await db.prisma.draw.findUniqueOrThrow({ where: { id: drawId } });
const result = await drawTask(await servicesOf(db), { kind: 'token', tokenId: 'child', name: 'child', role: 'ADMIN', jurisdictionId: draw.jurisdictionId }, { drawId });
process.stdout.write(`${JSON.stringify(result.ok ? { ok: true } : result.error)}\n`);
await db.close();

import type { Role } from '@prisma/client';
import { loadRegistry, type PackRegistry } from '../../src/rulepacks/registry.ts';
import { buildApp, type App } from '../../src/server/app.ts';
import { createApiToken } from '../../src/server/auth/tokens.ts';
import type { Database } from '../../src/server/db/database.ts';
import { seedDemo } from '../../src/server/demo/seed-demo.ts';
import type { EventBus } from '../../src/server/events/pubsub.ts';
import { switchRulePack } from '../../src/server/rulepacks/switch-rule-pack.ts';
import { graphqlClient } from './app.ts';

export const DEMO = '411303'; // 卧龙区, pack wolong
export const NEIGHBOUR = '411302'; // 宛城区

export interface DemoCounty {
  readonly db: Database;
  readonly packs: PackRegistry;
  readonly app: App;
  readonly gql: ReturnType<typeof graphqlClient>;
  /** A token of the demo county per role, and an admin token of the neighbouring county. */
  readonly tokens: Record<Exclude<Role, 'OPERATOR'>, string> & { neighbourAdmin: string };
}

/** The demo county, smaller, with 卧龙's pack and a token per role: the setting of the task and draw tests. */
export async function demoCounty(db: Database, options: { enterprises?: number; inspectors?: number; pooling?: boolean; events?: EventBus; drawPacingMs?: number; packsDir?: string; pack?: string } = {}): Promise<DemoCounty> {
  await seedDemo(db.sql, { enterprises: options.enterprises ?? 300, ...(options.inspectors === undefined ? {} : { inspectors: options.inspectors }), ...(options.pooling === undefined ? {} : { pooling: options.pooling }) });
  const packs = await loadRegistry({ packsDir: options.packsDir });
  const county = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
  const neighbour = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: NEIGHBOUR } });
  const switched = await switchRulePack(db.prisma, packs, { jurisdictionId: county.id, packId: options.pack ?? 'wolong', actor: 'test', onDate: '2026-03-02' });
  if (!switched.ok) throw new Error(switched.error.message);
  const roles: Exclude<Role, 'OPERATOR'>[] = ['ADMIN', 'PLANNER', 'DRAW_OFFICER', 'INSPECTOR', 'AUDITOR'];
  const tokens = Object.fromEntries(await Promise.all(roles.map(async (role) => [role, await createApiToken(db.prisma, { name: `${role.toLowerCase()}-${DEMO}`, role, jurisdictionId: county.id })]))) as Record<Exclude<Role, 'OPERATOR'>, string>;
  const neighbourAdmin = await createApiToken(db.prisma, { name: `admin-${NEIGHBOUR}`, role: 'ADMIN', jurisdictionId: neighbour.id });
  const app = buildApp(db, packs, { drawPacingMs: options.drawPacingMs ?? 0, ...(options.events ? { events: options.events } : {}) });
  return { db, packs, app, gql: graphqlClient(app), tokens: { ...tokens, neighbourAdmin } };
}

export const TASK_INPUT = {
  title: '2026年第一批双随机抽查',
  windowStart: '2026-03-01',
  windowEnd: '2026-03-31',
  inspectionDate: '2026-03-16',
  size: 5,
};

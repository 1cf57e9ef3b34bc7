import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app.ts';
import { warmDirectories } from './compliance/warm-directories.ts';
import { createEventBus } from './events/pubsub.ts';
import { createRateLimits } from './limits/rate-limits.ts';
import { createApiToken, viewerFromToken } from './auth/tokens.ts';
import { ensureOperatorToken } from './auth/operator.ts';
import { publishDemoTask } from './demo/demo-publication.ts';
import { createDemoLogins } from './demo/demo-logins.ts';
import { ROLE_LABELS } from './auth/role-labels.ts';
import { chinaDate } from '../core/calendar/china-date.ts';
import { decodeLimitsOf, readConfig } from './config.ts';
import { isEmpty, seedDemo } from './demo/seed-demo.ts';
import { openConfiguredDatabase } from './open-configured.ts';
import { loadRegistry } from '../rulepacks/registry.ts';
import { formatProblem } from '../rulepacks/sdk/problem.ts';
import { switchRulePack } from './rulepacks/switch-rule-pack.ts';
import { loadStoredPacks } from './rulepacks/stored-packs.ts';

/** The pack the demo county (南阳市卧龙区) uses: its own 细则. */
const DEMO_PACK = 'wolong';

/** `npm start`: migrate, load the demo county into an empty database, serve. */
export async function serve(): Promise<void> {
  const config = readConfig();
  const packs = await loadRegistry({ packsDir: config.packsDir, hookTimeoutMs: config.packHookTimeoutMs });
  for (const problem of packs.problems) console.warn(`rule pack refused: ${formatProblem(problem)}`);
  const db = await openConfiguredDatabase(config);
  // Packs the jurisdictions edited themselves (stored_rule_pack), validated as the files are.
  for (const problem of (await loadStoredPacks(db.prisma, packs)).problems) console.warn(`stored rule pack refused: ${formatProblem(problem)}`);
  if (await isEmpty(db.sql)) {
    const summary = await seedDemo(db.sql);
    const county = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: summary.jurisdiction } });
    const pack = await switchRulePack(db.prisma, packs, { jurisdictionId: county.id, packId: DEMO_PACK, actor: 'demo-seed', reason: '演示辖区采用卧龙区细则', onDate: chinaDate(new Date()) });
    if (!pack.ok) console.warn(`demo county keeps no rule pack: ${pack.error.message}`);
    const token = await createApiToken(db.prisma, { name: 'demo-admin', role: 'ADMIN', jurisdictionId: county.id });
    console.log(`Loaded the demo county ${county.name} (${county.code}): ${summary.enterprises} enterprises, ${summary.inspectors} inspectors, ${summary.experts} experts, ${summary.checklistItems} checklist items${pack.ok ? `, rule pack ${pack.value.packKey}` : ''}.`);
    console.log(`Demo admin token for ${county.code} (shown once): ${token}`);
    if (!config.databaseUrl) writeFileSync(join(config.dataDir, 'demo-admin-token.txt'), `${token}\n`, { mode: 0o600 });
    const { password, logins } = await createDemoLogins(db.prisma, county);
    const list = logins.map((l) => `${l.username} (${ROLE_LABELS[l.role]})`).join(', ');
    console.log(`Console logins at http://localhost:${config.port}/console, password ${password} (shown once): ${list}`);
    if (!config.databaseUrl) writeFileSync(join(config.dataDir, 'demo-logins.txt'), `password: ${password}\n${logins.map((l) => `${l.username}\t${l.role}\t${l.name}`).join('\n')}\n`, { mode: 0o600 });
    if (pack.ok) {
      // One finished task, so the portal and the feed show something on a new installation.
      const viewer = await viewerFromToken(db.prisma, `Bearer ${token}`);
      const bus = createEventBus();
      try {
        if ('kind' in viewer && viewer.kind === 'token') {
          const demo = await publishDemoTask({ prisma: db.prisma, databaseKind: db.kind, packs, events: bus, drawPacingMs: 0 }, viewer, chinaDate(new Date()));
          console.log(`Published a demo task with ${demo.results} results: http://localhost:${config.port}/j/${county.code}`);
        }
      } catch (error) {
        console.warn(`demo task not published: ${(error as Error).message}`);
      } finally {
        await bus.close();
      }
    }
  }
  const operator = await ensureOperatorToken(db.prisma);
  if (operator) {
    console.log(`Operator token (平台管理员, creates jurisdictions; shown once): ${operator}`);
    if (!config.databaseUrl) writeFileSync(join(config.dataDir, 'operator-token.txt'), `${operator}\n`, { mode: 0o600 });
  }
  const events = createEventBus(config.redisUrl);
  const rateLimits = createRateLimits(config.rateLimits, config.redisUrl);
  const app = buildApp(db, packs, { events, drawPacingMs: config.drawPacingMs, websocket: config.websocket, importLimits: decodeLimitsOf(config), requestLimits: config.requestLimits, rateLimits, trustProxy: config.trustProxy });
  const { port } = await app.start(config.port);
  console.log(`double-random on ${db.kind === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL'}${events.kind === 'redis' ? ', events through Redis' : ''}: http://localhost:${port}/graphql`);
  // This year's directories, read in the background: the first compliance query finds them kept.
  const warming = Date.now();
  void warmDirectories({ prisma: db.prisma, databaseKind: db.kind, packs, events, drawPacingMs: config.drawPacingMs })
    .then((kept) => { if (kept > 0) console.log(`Compliance: this year's directories kept, ${kept} enterprises (${Date.now() - warming} ms).`); })
    .catch((error: unknown) => console.warn(`compliance directories not read ahead: ${(error as Error).message}`));
  const shutdown = async () => {
    await app.stop();
    await events.close();
    await rateLimits.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

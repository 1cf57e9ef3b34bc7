import { chinaDateTime } from '../core/calendar/china-date.ts';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { JurisdictionLevel, Role } from '@prisma/client';
import { createJurisdiction } from '../server/jurisdictions/create-jurisdiction.ts';
import { DIRECTORY_KINDS, type DirectoryKind } from '../core/directory/kinds/index.ts';
import { createUser } from '../server/auth/users.ts';
import { createToken, listTokens, revokeTokenOf, setUserActive } from '../server/auth/credentials.ts';
import type { EventBus } from '../server/events/pubsub.ts';

const ROLES: readonly Role[] = ['ADMIN', 'PLANNER', 'DRAW_OFFICER', 'INSPECTOR', 'AUDITOR'];
const LEVELS: readonly JurisdictionLevel[] = ['PROVINCE', 'CITY', 'COUNTY'];

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
import { decodeLimitsOf, readConfig } from '../server/config.ts';
import { seedDemo } from '../server/demo/seed-demo.ts';
import { exportDirectory } from '../server/directory/export-directory.ts';
import { importDirectory } from '../server/directory/import-directory.ts';
import { openConfiguredDatabase } from '../server/open-configured.ts';
import { formatReport } from './format-report.ts';
import { drawCommand } from './draw-command.ts';
import { packCommand } from './pack-command.ts';
import { simulateCommand } from './simulate-command.ts';
import { jurisdictionDirectory } from '../server/simulation/simulation-sources.ts';
import { loadStoredPacks } from '../server/rulepacks/stored-packs.ts';
import { loadRegistry } from '../rulepacks/registry.ts';

const USAGE = `double-random <command>

  serve                                   migrate, load the demo if empty, serve GraphQL (same as npm start)
  init --username <login> [--name <name>] migrate and create the installation's operator (平台管理员, role OPERATOR),
                                          who creates jurisdictions; the password is read from
                                          DOUBLE_RANDOM_PASSWORD or standard input
  jurisdiction create --code <code> --level <PROVINCE|CITY|COUNTY> [--parent <code>] [--name <name>] [--neighbour <code> ...]
                                          a jurisdiction checked against GB/T 2260 (the name defaults from it)
  migrate                                 apply pending migrations
  import <kind> <file> --jurisdiction <code> [--dry-run] [--map 原列名=列名 ...]
                                          import a CSV (UTF-8 / GBK, detected) or XLSX directory file
  export <kind> --jurisdiction <code> [--format csv|xlsx] [--encoding utf-8|gb18030] [--out <file>]
  seed-demo [--enterprises N] [--inspectors N] [--experts N] [--seed N]
                                          load or refresh the demo county (南阳市卧龙区, 411303)
  token create --jurisdiction <code> --role <ADMIN|PLANNER|DRAW_OFFICER|INSPECTOR|AUDITOR> --name <name>
  token list --jurisdiction <code>        the jurisdiction's tokens and sessions, without secrets
  token revoke <id> --jurisdiction <code> revoke a token at once (open connections close, via REDIS_URL on every instance)
  user deactivate|reactivate <username> --jurisdiction <code>
                                          stop a user logging in (their sessions end), or let them again
  user create --jurisdiction <code> --role <role> --username <login> --name <name>
                                          a user who logs in (GraphQL login); the password is read
                                          from DOUBLE_RANDOM_PASSWORD or standard input
  pack list                               the rule packs: built-in and from PACKS_DIR
  pack validate <path|id>                 exit 1 with the problems when the pack is invalid
  pack explain <id|path>                  every rule in Chinese and English with its clause
  pack diff <a> <b>                       rule-by-rule differences between two packs
                                          (an id@version no file has: a pack stored in the database)
  report --jurisdiction <code> --year <YYYY> [--as-of <YYYY-MM-DD>] --out <file.pdf|file.xlsx>
                                          the year's self-inspection report (自查报告): each obligation of the
                                          pack with its clause, coverage, deadlines, corrections and objections,
                                          consequences; PDF or XLSX from the file's extension
  simulate --pack <id@version> --tasks <file.yaml|json> --seed <text> [--compare <id@version|file.yaml>]
           [--jurisdiction <code> | --enterprises N] [--years N] [--json]
                                          规则模拟: N years (1–1000, default 100) of the plan's draws under the pack
                                          (and the compared one, same seeds); the jurisdiction's directory as it is
                                          now, else a generated county of N enterprises (default 10000)
  draw verify <draw.json>                 re-derive a published draw export; exit 1 when it differs, 2 when part waits for a covert upper-level task

  <kind> is one of: ${DIRECTORY_KINDS.join(', ')}
  Database: DATABASE_URL=postgres://… or the PGlite folder DATA_DIR (default ./data).`;

class UsageError extends Error {}

function kindOf(text: string | undefined): DirectoryKind {
  if (!text || !(DIRECTORY_KINDS as string[]).includes(text)) throw new UsageError(`<kind> must be one of ${DIRECTORY_KINDS.join(', ')}`);
  return text as DirectoryKind;
}

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>): Promise<T> {
  const db = await openConfiguredDatabase(readConfig());
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/**
 * What only some commands need is loaded by them (the event bus and Redis, the spreadsheet and
 * PDF writers, the server): `pack list` starts in ~1.3 s instead of ~2.5 s.
 */
const eventBusModule = () => import('../server/events/pubsub.ts');

/** The database and the event bus, so a revocation reaches running servers (through Redis when REDIS_URL is set). */
async function withCredentials<T>(fn: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>, events: EventBus) => Promise<T>): Promise<T> {
  const events = (await eventBusModule()).createEventBus(readConfig().redisUrl);
  try {
    return await withDatabase((db) => fn(db, events));
  } finally {
    await events.close();
  }
}

const cliActor = () => ({ name: `cli:${process.env.USER ?? 'unknown'}` });

async function jurisdictionId(db: { prisma: import('@prisma/client').PrismaClient }, code: string | undefined): Promise<string> {
  if (!code) throw new UsageError('--jurisdiction <code> is required');
  const j = await db.prisma.jurisdiction.findUnique({ where: { code } });
  if (!j) throw new UsageError(`No jurisdiction has code ${code}`);
  return j.id;
}

export async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      jurisdiction: { type: 'string', short: 'j' },
      username: { type: 'string' },
      inspector: { type: 'string' },
      'dry-run': { type: 'boolean' },
      map: { type: 'string', multiple: true },
      format: { type: 'string' },
      encoding: { type: 'string' },
      out: { type: 'string', short: 'o' },
      enterprises: { type: 'string' },
      inspectors: { type: 'string' },
      experts: { type: 'string' },
      seed: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      code: { type: 'string' },
      level: { type: 'string' },
      parent: { type: 'string' },
      neighbour: { type: 'string', multiple: true },
      year: { type: 'string' },
      'as-of': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      pack: { type: 'string' },
      compare: { type: 'string' },
      tasks: { type: 'string' },
      years: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  switch (command) {
    case 'serve': {
      // Loaded only to serve: the GraphQL schema and the server take a second to load, which every other command would pay.
      const { serve } = await import('../server/main.ts');
      await serve();
      return 0;
    }
    case 'init': {
      if (!values.username) throw new UsageError('init --username <login> [--name <name>]');
      const password = (process.env.DOUBLE_RANDOM_PASSWORD ?? (await readStdin())).trim();
      const user = await withDatabase((db) => createUser(db.prisma, { username: values.username!, name: values.name ?? values.username!, password, role: 'OPERATOR', jurisdictionId: null }));
      if (!user.ok) throw new UsageError(`${user.error.field}: ${user.error.message}`);
      console.log(`平台管理员 ${user.value.username} 已建立（operator created）：登录（GraphQL login）后用 createJurisdiction 建立辖区`);
      return 0;
    }
    case 'jurisdiction': {
      if (rest[0] !== 'create' || !values.code || !values.level) throw new UsageError('jurisdiction create --code <code> --level <PROVINCE|CITY|COUNTY> [--parent <code>] [--name <name>] [--neighbour <code> ...]');
      const level = values.level as JurisdictionLevel;
      if (!LEVELS.includes(level)) throw new UsageError(`--level must be one of ${LEVELS.join(', ')}`);
      // The command line has the database itself: it acts as the operator.
      const made = await withDatabase((db) => createJurisdiction(db.prisma, { actor: cliActor().name, mayCreateUnder: () => true }, { code: values.code!, level, name: values.name, parent: values.parent, neighbours: values.neighbour }));
      if (!made.ok) throw new UsageError(`${made.error.field ? `${made.error.field}: ` : ''}${made.error.message}`);
      console.log(`辖区 ${made.value.name}（${made.value.code}，${made.value.level}）已建立`);
      return 0;
    }
    case 'migrate':
      await withDatabase(async () => console.log('migrations are up to date'));
      return 0;
    case 'import': {
      const kind = kindOf(rest[0]);
      if (!rest[1]) throw new UsageError('import needs a file');
      const file = await readFile(rest[1]);
      const mapping = Object.fromEntries((values.map ?? []).map((m) => m.split('=', 2) as [string, string]));
      // The packs as the server loads them: a jurisdiction's pack may add sectors its files use.
      const config = readConfig();
      const packs = await loadRegistry({ packsDir: config.packsDir, hookTimeoutMs: config.packHookTimeoutMs });
      const report = await withDatabase((db) =>
        importDirectory(db.sql, { kind, jurisdictionCode: values.jurisdiction ?? '', file, dryRun: values['dry-run'] ?? false, mapping, actor: `cli:${process.env.USER ?? 'unknown'}`, limits: decodeLimitsOf(config), packs }),
      );
      console.log(formatReport(report));
      return report.problems.length > 0 ? 2 : 0;
    }
    case 'export': {
      const kind = kindOf(rest[0]);
      const format = values.format === 'xlsx' || values.out?.endsWith('.xlsx') ? 'xlsx' : 'csv';
      const { encodeTable } = await import('../server/import/encode-file.ts');
      const body = await withDatabase(async (db) => encodeTable(await exportDirectory(db.prisma, kind, await jurisdictionId(db, values.jurisdiction)), format, values.encoding === 'gb18030' ? 'gb18030' : 'utf-8-bom'));
      if (values.out) await writeFile(values.out, body);
      else process.stdout.write(body);
      return 0;
    }
    case 'seed-demo': {
      const count = (v: string | undefined) => (v === undefined ? undefined : Number(v));
      const summary = await withDatabase((db) => seedDemo(db.sql, { enterprises: count(values.enterprises), inspectors: count(values.inspectors), experts: count(values.experts), seed: count(values.seed) }));
      console.log(`demo county ${summary.jurisdiction}: ${summary.enterprises} enterprises, ${summary.inspectors} inspectors, ${summary.experts} experts, ${summary.checklistItems} checklist items`);
      return 0;
    }
    case 'token': {
      if (rest[0] === 'list') {
        const tokens = await withDatabase(async (db) => listTokens(db.prisma, await jurisdictionId(db, values.jurisdiction)));
        for (const t of tokens) console.log([t.id, t.role, t.name, chinaDateTime(t.createdAt), t.revokedAt ? `revoked ${chinaDateTime(t.revokedAt)}` : t.expiresAt && t.expiresAt <= new Date() ? 'ended' : 'active'].join('\t'));
        return 0;
      }
      if (rest[0] === 'revoke') {
        if (!rest[1]) throw new UsageError('token revoke <id> --jurisdiction <code>');
        const revoked = await withCredentials((db, events) => jurisdictionId(db, values.jurisdiction).then((j) => revokeTokenOf(db.prisma, events, { jurisdictionId: j, tokenId: rest[1]!, actor: cliActor() })));
        if (!revoked.ok) throw new UsageError(revoked.error.message);
        console.log(`token ${revoked.value.id} (${revoked.value.name}) revoked`);
        return 0;
      }
      if (rest[0] !== 'create') throw new UsageError('token create|list|revoke …');
      const role = values.role as Role;
      if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      if (!values.name) throw new UsageError('--name is required');
      const made = await withDatabase(async (db) => createToken(db.prisma, { name: values.name!, role, jurisdictionId: await jurisdictionId(db, values.jurisdiction), actor: cliActor() }));
      if (!made.ok) throw new UsageError(made.error.message);
      console.log(made.value.token);
      return 0;
    }
    case 'user': {
      if (rest[0] === 'deactivate' || rest[0] === 'reactivate') {
        if (!rest[1]) throw new UsageError(`user ${rest[0]} <username> --jurisdiction <code>`);
        const active = rest[0] === 'reactivate';
        const changed = await withCredentials((db, events) => jurisdictionId(db, values.jurisdiction).then((j) => setUserActive(db.prisma, events, { jurisdictionId: j, username: rest[1]!, active, actor: cliActor() })));
        if (!changed.ok) throw new UsageError(changed.error.message);
        console.log(`user ${changed.value.username} ${active ? 'reactivated' : 'deactivated'}`);
        return 0;
      }
      if (rest[0] !== 'create') throw new UsageError('user create --jurisdiction <code> --role <role> --username <login> --name <name> [--inspector <certificate number>]');
      const role = values.role as Role;
      if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      if (!values.username) throw new UsageError('--username is required');
      const password = (process.env.DOUBLE_RANDOM_PASSWORD ?? (await readStdin())).trim();
      const user = await withDatabase(async (db) => createUser(db.prisma, { username: values.username!, name: values.name ?? values.username!, password, role, jurisdictionId: await jurisdictionId(db, values.jurisdiction), inspectorCertificate: values.inspector }));
      if (!user.ok) throw new UsageError(`${user.error.field}: ${user.error.message}`);
      console.log(`user ${user.value.username} (${user.value.role}) created`);
      return 0;
    }
    case 'report': {
      const config = readConfig();
      const packs = await loadRegistry({ packsDir: config.packsDir, hookTimeoutMs: config.packHookTimeoutMs });
      const { reportCommand, ReportCommandError } = await import('./report-command.ts');
      const events = (await eventBusModule()).createEventBus();
      try {
        const said = await withDatabase(async (db) => {
          await loadStoredPacks(db.prisma, packs);
          return reportCommand({ prisma: db.prisma, databaseKind: db.kind, packs, events, drawPacingMs: 0 }, { jurisdiction: values.jurisdiction, year: values.year, asOf: values['as-of'], out: values.out });
        });
        console.log(said);
        return 0;
      } catch (error) {
        if (error instanceof ReportCommandError) throw new UsageError(error.message);
        throw error;
      } finally {
        await events.close();
      }
    }
    case 'draw':
      try {
        return await drawCommand(rest);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    case 'pack':
      try {
        // A key the files do not have is looked up in the database the server uses (its stored packs).
        const stored = (registry: Parameters<typeof loadStoredPacks>[1]) => withDatabase(async (db) => void (await loadStoredPacks(db.prisma, registry)));
        return await packCommand(rest, process.env.PACKS_DIR || undefined, readConfig().packHookTimeoutMs, stored);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    case 'simulate':
      try {
        const config = readConfig();
        const stored = (registry: Parameters<typeof loadStoredPacks>[1]) => withDatabase(async (db) => void (await loadStoredPacks(db.prisma, registry)));
        const readDirectory = (code: string) => withDatabase(async (db) => jurisdictionDirectory(db.prisma, await jurisdictionId(db, code)));
        return await simulateCommand(values, { packsDir: process.env.PACKS_DIR || undefined, hookTimeoutMs: config.packHookTimeoutMs, stored, readDirectory });
      } catch (error) {
        if (error instanceof UsageError) throw error;
        throw new UsageError((error as Error).message);
      }
    default:
      throw new UsageError(`Unknown command ${command}`);
  }
}

export async function main(): Promise<void> {
  try {
    const code = await run(process.argv.slice(2));
    if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exitCode = 1;
    } else {
      console.error((error as Error).message);
      process.exitCode = 1;
    }
  }
}

import type { PrismaClient } from '@prisma/client';
import type { Meta, Rules } from '../../core/rules/schema.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { packKey, type PackCandidate, type PackRegistry } from '../../rulepacks/registry.ts';
import { diffPacks, type RuleDifference } from '../../rulepacks/sdk/diff-packs.ts';
import type { PackProblem } from '../../rulepacks/sdk/problem.ts';
import { validatePack, type LoadedPack } from '../../rulepacks/sdk/validate-pack.ts';
import { appendAudit } from '../audit/append-audit.ts';
import type { EventBus } from '../events/pubsub.ts';

/** One saved version of a pack a jurisdiction edits itself (table stored_rule_pack, migration 0019). */
export interface StoredPackRow {
  readonly id: string;
  readonly packId: string;
  readonly version: string;
  readonly jurisdictionId: string;
  readonly meta: Meta;
  /** The rules this version states itself; the rest come from `meta.extends`. */
  readonly rules: Rules;
  readonly contentHash: string;
  readonly createdBy: string;
  readonly createdAt: Date;
  /** When the first draw locked with it (then every published draw keeps verifying against it). */
  readonly usedAt: Date | null;
  readonly usedByDrawId: string | null;
}

/** How a stored pack is named where file packs show their file (problems, `LoadedPack.file`). */
export const storedFile = (key: string) => `stored:${key}`;

export async function storedPackRows(prisma: PrismaClient, where: { jurisdictionId?: string; key?: string } = {}): Promise<StoredPackRow[]> {
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT id, pack_id, version, jurisdiction_id, meta, rules, content_hash, created_by, created_at, used_at, used_by_draw_id
      FROM stored_rule_pack
     WHERE (${where.jurisdictionId ?? null}::text IS NULL OR jurisdiction_id = ${where.jurisdictionId ?? null})
       AND (${where.key ?? null}::text IS NULL OR pack_id || '@' || version = ${where.key ?? null})
     ORDER BY created_at, pack_id, version`;
  return rows.map((r) => ({
    id: r.id as string,
    packId: r.pack_id as string,
    version: r.version as string,
    jurisdictionId: r.jurisdiction_id as string,
    meta: r.meta as Meta,
    rules: r.rules as Rules,
    contentHash: r.content_hash as string,
    createdBy: r.created_by as string,
    createdAt: r.created_at as Date,
    usedAt: (r.used_at as Date | null) ?? null,
    usedByDrawId: (r.used_by_draw_id as string | null) ?? null,
  }));
}

/** Rows each registry has already tried, so a refused row is reported once, not at every reload. */
const tried = new WeakMap<PackRegistry, Set<string>>();

/**
 * Loads the stored packs the registry does not have yet, with the validation and content hash
 * of file packs. A row that no longer validates, or whose content hash is no longer the one it
 * was saved with (its parent changed), is reported in `registry.problems`, not loaded; the
 * others load. Called at start, when another instance announces a save, and on a lookup miss.
 */
export async function loadStoredPacks(prisma: PrismaClient, registry: PackRegistry): Promise<{ loaded: LoadedPack[]; problems: PackProblem[] }> {
  const seen = tried.get(registry) ?? new Set<string>();
  tried.set(registry, seen);
  const rows = (await storedPackRows(prisma)).filter((r) => !seen.has(r.id) && !registry.packs.has(`${r.packId}@${r.version}`));
  for (const r of rows) seen.add(r.id);
  return registry.admit(rows.map((r): PackCandidate => ({ file: storedFile(`${r.packId}@${r.version}`), value: { meta: r.meta, rules: r.rules }, contentHash: r.contentHash })));
}

/** The pack by id and version, reading packs other instances stored when this one does not have it. */
export async function findPack(prisma: PrismaClient, registry: PackRegistry, id: string, version?: string): Promise<LoadedPack | undefined> {
  const found = registry.get(id, version);
  if (found && version) return found;
  // Without a version, "the newest" may have been saved elsewhere.
  await loadStoredPacks(prisma, registry);
  return registry.get(id, version);
}

/** What the console's form sends: the pack's description; level and `extends` follow from the jurisdiction and the base. */
export interface PackMetaInput {
  /** Needed when the base is not already this jurisdiction's own pack. */
  readonly id?: string | undefined;
  readonly name: string;
  /** Default: the next minor version of the id (1.0.0 for a new id). */
  readonly version?: string | undefined;
  readonly sources: Meta['sources'];
  readonly inForce: Meta['inForce'];
  readonly description?: string | undefined;
}

export interface SaveRequest {
  readonly jurisdictionId: string;
  /** `id@version` of a loaded pack: a built-in or file pack, the jurisdiction's own, or one stored by a level above it. */
  readonly base: string;
  readonly meta: PackMetaInput;
  /** The rules this pack states itself (only what differs from its parent). */
  readonly rules: unknown;
  readonly actor: string;
  /** Validate and diff only. */
  readonly dryRun?: boolean;
}

export interface SavedPack {
  readonly pack: LoadedPack;
  /** Against the base, rule by rule. */
  readonly differences: readonly RuleDifference[];
  readonly saved: boolean;
}

/** A refusal on one path of the pack (rules.team.minSize, meta.sources.0.title…), in Chinese. */
export interface SaveProblem {
  readonly path: string;
  readonly message: string;
}

const bumpMinor = (version: string) => {
  const [major, minor] = version.split('.').map(Number);
  return `${major}.${minor! + 1}.0`;
};
const compare = (a: string, b: string) => {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
};

/** The jurisdiction and those above it (市, 省), nearest first. */
async function lineage(prisma: PrismaClient, jurisdictionId: string) {
  const chain: { id: string; name: string; level: 'PROVINCE' | 'CITY' | 'COUNTY'; parentId: string | null }[] = [];
  for (let id: string | null = jurisdictionId; id && chain.length < 8; ) {
    const j: (typeof chain)[number] | null = await prisma.jurisdiction.findUnique({ where: { id }, select: { id: true, name: true, level: true, parentId: true } });
    if (!j) break;
    chain.push(j);
    id = j.parentId;
  }
  return chain;
}

/** What a save would make, before it is written: the pack validated, its differences from the base. */
export interface PreparedPack {
  readonly pack: LoadedPack;
  readonly differences: readonly RuleDifference[];
  /** id@version the save would take. */
  readonly key: string;
  readonly id: string;
  readonly version: string;
  readonly jurisdictionId: string;
  /** The pack it extends (id@version), if any. */
  readonly parentRef: string | undefined;
}

/** An edit as the pack editor sends it: what to save, less who saves it. */
export type PackEdit = Omit<SaveRequest, 'actor' | 'dryRun'>;

/**
 * A new version of a jurisdiction's own pack as saveStoredPack would save it, not saved: it
 * extends the base (or, when the base is already its own pack, that pack's parent, stating the
 * rules anew), validated as a file pack is (same problems, in Chinese), its id and version
 * checked against those saved. The simulation compares an unsaved edit by it.
 */
export async function prepareStoredPack(prisma: PrismaClient, registry: PackRegistry, request: PackEdit): Promise<Result<PreparedPack, SaveProblem[]>> {
  await loadStoredPacks(prisma, registry);
  const base = registry.packs.get(request.base);
  if (!base) return err([{ path: 'base', message: `没有规则包 ${request.base}（no such rule pack）；已载入：${registry.list().map(packKey).join('、')}` }]);
  const chain = await lineage(prisma, request.jurisdictionId);
  const jurisdiction = chain[0];
  if (!jurisdiction) return err([{ path: 'jurisdiction', message: '没有这个辖区（no such jurisdiction）' }]);

  const stored = await storedPackRows(prisma);
  const ownerOf = (id: string) => stored.find((r) => r.packId === id)?.jurisdictionId;
  const baseOwner = ownerOf(base.meta.id);
  if (baseOwner && !chain.some((j) => j.id === baseOwner)) {
    return err([{ path: 'base', message: `规则包 ${request.base} 属于其他辖区，只能继承内置规则包、本辖区或上级辖区的规则包（a pack extends a built-in pack, its own or one of a level above）` }]);
  }
  const ownBase = baseOwner === jurisdiction.id;
  const id = request.meta.id?.trim() || (ownBase ? base.meta.id : '');
  if (!id) return err([{ path: 'meta.id', message: '请填写规则包标识（小写字母、数字和连字符，如 wolong-county）（the pack needs an id）' }]);
  const owner = ownerOf(id);
  if (owner && owner !== jurisdiction.id) return err([{ path: 'meta.id', message: `标识 ${id} 已被其他辖区的规则包使用（the id belongs to another jurisdiction's pack）` }]);
  if (!owner && registry.list().some((p) => p.meta.id === id)) return err([{ path: 'meta.id', message: `标识 ${id} 是内置或文件规则包的标识，请另取一个（the id is a built-in or file pack's）` }]);

  const versions = stored.filter((r) => r.packId === id);
  const newest = versions.map((r) => r.version).sort(compare).at(-1);
  const version = request.meta.version?.trim() || (newest ? bumpMinor(newest) : '1.0.0');
  const existing = versions.find((r) => r.version === version);
  if (existing) {
    return err([{
      path: 'meta.version',
      message: existing.usedAt
        ? `${id}@${version} 已被抽取使用（${existing.usedAt.toISOString().slice(0, 10)}），不能修改；修改请另存为新版本（the version was used by a draw and is immutable: save a new version）`
        : `${id}@${version} 已保存，已保存的版本不能修改；修改请另存为新版本（a saved version is immutable: save a new version）`,
    }]);
  }
  if (newest && compare(version, newest) <= 0) return err([{ path: 'meta.version', message: `新版本须高于已保存的最新版本 ${newest}（the version must be above the newest saved）` }]);

  // Editing its own pack restates its rules over the same parent; anything else is extended.
  const parentRef = ownBase && base.meta.id === id ? base.meta.extends : packKey(base);
  const { id: _id, version: _version, ...described } = request.meta;
  const meta = Object.fromEntries(Object.entries({ ...described, id, version, level: jurisdiction.level, extends: parentRef }).filter(([, v]) => v !== undefined && v !== ''));
  const key = `${id}@${version}`;
  const validated = validatePack({ meta, rules: request.rules }, { file: storedFile(key), resolveParent: (ref) => registry.packs.get(ref), messages: 'zh-CN' });
  if (!validated.ok) return err(validated.error.map((p) => ({ path: p.path, message: p.message })));
  const pack = validated.value;
  return ok({ pack, differences: diffPacks(base, pack), key, id, version, jurisdictionId: jurisdiction.id, parentRef });

}

/**
 * Saves a new version of a jurisdiction's own pack (prepareStoredPack), recorded on the audit
 * trail with its content hash. A saved version is never changed: saving a version that exists is
 * refused, and says whether a draw has used it. Other instances hear of it on the event bus.
 */
export async function saveStoredPack(prisma: PrismaClient, registry: PackRegistry, events: EventBus | undefined, request: SaveRequest): Promise<Result<SavedPack, SaveProblem[]>> {
  const prepared = await prepareStoredPack(prisma, registry, request);
  if (!prepared.ok) return prepared;
  const { pack, differences, key, id, version, jurisdictionId, parentRef } = prepared.value;
  if (request.dryRun) return ok({ pack, differences, saved: false });
  try {
    await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`
        INSERT INTO stored_rule_pack (pack_id, version, jurisdiction_id, meta, rules, content_hash, created_by)
        VALUES (${id}, ${version}, ${jurisdictionId}, ${JSON.stringify(pack.meta)}::jsonb, ${JSON.stringify(pack.ownRules)}::jsonb, ${pack.contentHash}, ${request.actor})`;
      await appendAudit(tx, {
        jurisdictionId,
        actor: request.actor,
        action: 'rulePack.saved',
        subjectType: 'RulePack',
        subjectId: key,
        payload: { packKey: key, contentHash: pack.contentHash, base: request.base, extends: parentRef ?? null, changed: differences.map((d) => d.path) },
      });
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2010' || /unique|duplicate/i.test(String((error as Error).message))) {
      return err([{ path: 'meta.version', message: `${key} 刚被另一次保存占用，请刷新后另存为新版本（saved meanwhile by someone else）` }]);
    }
    throw error;
  }
  const admitted = registry.admit([{ file: storedFile(key), value: { meta: pack.meta, rules: pack.ownRules } }]);
  const loaded = admitted.loaded[0] ?? pack;
  events?.pubsub.publish('rulePacks', { key, contentHash: pack.contentHash });
  return ok({ pack: loaded, differences, saved: true });
}

/** Every instance reloads the stored packs when one of them saves a pack. */
export function watchStoredPacks(prisma: PrismaClient, registry: PackRegistry, events: EventBus): { stop(): void } {
  const iterator = events.pubsub.subscribe('rulePacks')[Symbol.asyncIterator]();
  let stopped = false;
  void (async () => {
    while (!stopped) {
      const next = await iterator.next();
      if (next.done) break;
      try {
        await loadStoredPacks(prisma, registry);
      } catch (error) {
        console.warn(`stored rule packs not reloaded: ${(error as Error).message}`);
      }
    }
  })();
  return {
    stop() {
      stopped = true;
      void iterator.return?.();
    },
  };
}

import type { Jurisdiction, JurisdictionLevel, Prisma, PrismaClient } from '@prisma/client';
import { checkDivision, divisionOf } from '../../core/jurisdictions/division-code.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { divisionTable } from './division-table.ts';

/**
 * A county sets itself up (issue 19): jurisdictions are created against the national code table
 * (GB/T 2260) and their parent, and every change is on the trail of the jurisdiction, of its
 * parent (the upper level supervises it) and of each neighbour whose neighbours change.
 */

export interface JurisdictionRefusal {
  readonly code: 'INVALID' | 'DUPLICATE' | 'FORBIDDEN' | 'NOT_FOUND';
  readonly message: string;
  readonly field?: string;
}

export interface JurisdictionAuthority {
  /** Written into the audit trails. */
  readonly actor: string;
  /** Whether the actor may create a jurisdiction under this parent (null: at the top); see permissions.ts. */
  readonly mayCreateUnder: (parentId: string | null) => boolean;
}

const forbidden = (message: string): JurisdictionRefusal => ({ code: 'FORBIDDEN', message });

export async function createJurisdiction(
  prisma: PrismaClient,
  authority: JurisdictionAuthority,
  input: { readonly code: string; readonly name?: string | null; readonly level: JurisdictionLevel; readonly parent?: string | null; readonly neighbours?: readonly string[] | null },
): Promise<Result<Jurisdiction, JurisdictionRefusal>> {
  const code = input.code.trim();
  const table = divisionTable();
  const checked = checkDivision(table, { code, level: input.level, parentCode: input.parent?.trim() || null });
  if (!checked.ok) return checked;
  const { division, parentCode } = checked.value;
  // The parent is the division above in the table; when it is on this installation the new one sits under it.
  const parent = parentCode ? await prisma.jurisdiction.findUnique({ where: { code: parentCode }, select: { id: true, code: true, name: true } }) : null;
  if (input.parent?.trim() && !parent) return err({ code: 'INVALID', field: 'parent', message: `上级辖区 ${parentCode}（${table.get(parentCode!)?.name ?? ''}）尚未在本平台建立：请先建立它，或不填 parent 作为顶级辖区` });
  if (!authority.mayCreateUnder(parent?.id ?? null)) {
    return err(forbidden(parent ? `只有平台管理员或上级辖区 ${parent.code}（${parent.name}）的管理员（ADMIN）可以建立其下级辖区` : '只有平台管理员（OPERATOR）可以建立顶级辖区'));
  }
  const name = nameOf(input.name, division.name);
  if (!name.ok) return name;
  if (await prisma.jurisdiction.findUnique({ where: { code }, select: { id: true } })) return err({ code: 'DUPLICATE', field: 'code', message: `行政区划代码 ${code} 的辖区已经建立` });
  const neighbours = await neighboursOf(prisma, code, input.neighbours ?? []);
  if (!neighbours.ok) return neighbours;
  try {
    return ok(
      await prisma.$transaction(async (tx) => {
        const created = await tx.jurisdiction.create({ data: { code, name: name.value, level: input.level, parentId: parent?.id ?? null } });
        const payload = { code, name: name.value, level: input.level, parent: parent?.code ?? null, neighbours: neighbours.value.map((n) => n.code) };
        await appendAudit(tx, { jurisdictionId: created.id, actor: authority.actor, action: 'jurisdiction.created', subjectType: 'Jurisdiction', subjectId: created.id, payload });
        if (parent) await appendAudit(tx, { jurisdictionId: parent.id, actor: authority.actor, action: 'jurisdiction.subordinate_created', subjectType: 'Jurisdiction', subjectId: created.id, payload });
        await linkNeighbours(tx, authority.actor, created, neighbours.value, []);
        return created;
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error)) return err({ code: 'DUPLICATE', field: 'code', message: `行政区划代码 ${code} 的辖区已经建立` });
    throw error;
  }
}

/** Renames a jurisdiction (the table's name when `name` is empty) and replaces its neighbours. */
export async function updateJurisdiction(
  prisma: PrismaClient,
  authority: { readonly actor: string; readonly mayUpdate: (j: { id: string; parentId: string | null }) => boolean },
  code: string,
  input: { readonly name?: string | null; readonly neighbours?: readonly string[] | null; readonly authorityName?: string | null; readonly noticePrefix?: string | null },
): Promise<Result<Jurisdiction, JurisdictionRefusal>> {
  const current = await prisma.jurisdiction.findUnique({ where: { code }, include: { neighbours: { select: { neighbour: { select: { id: true, code: true } } } } } });
  if (!current) return err({ code: 'NOT_FOUND', message: `没有行政区划代码为 ${code} 的辖区` });
  if (!authority.mayUpdate(current)) return err(forbidden(`只有本辖区、上级辖区的管理员（ADMIN）或平台管理员可以修改辖区 ${code}（${current.name}）`));
  const tableName = divisionOf(divisionTable(), code);
  const name = input.name === undefined || input.name === null ? ok(current.name) : nameOf(input.name, tableName.ok ? tableName.value.division.name : current.name);
  if (!name.ok) return name;
  const naming = namingOf(input, current);
  if (!naming.ok) return naming;
  const wanted = input.neighbours ? await neighboursOf(prisma, code, input.neighbours) : ok(current.neighbours.map((n) => n.neighbour));
  if (!wanted.ok) return wanted;
  const had = new Set(current.neighbours.map((n) => n.neighbour.id));
  const added = wanted.value.filter((n) => !had.has(n.id));
  const removed = current.neighbours.map((n) => n.neighbour).filter((n) => !wanted.value.some((w) => w.id === n.id));
  return ok(
    await prisma.$transaction(async (tx) => {
      const updated = await tx.jurisdiction.update({ where: { id: current.id }, data: { name: name.value, ...naming.value } });
      await appendAudit(tx, {
        jurisdictionId: current.id,
        actor: authority.actor,
        action: 'jurisdiction.updated',
        subjectType: 'Jurisdiction',
        subjectId: current.id,
        payload: {
          code, name: name.value, previousName: current.name,
          ...('authorityName' in naming.value ? { authorityName: naming.value.authorityName ?? null, previousAuthorityName: current.authorityName } : {}),
          ...('noticePrefix' in naming.value ? { noticePrefix: naming.value.noticePrefix ?? null, previousNoticePrefix: current.noticePrefix } : {}),
          neighboursAdded: added.map((n) => n.code), neighboursRemoved: removed.map((n) => n.code) },
      });
      await linkNeighbours(tx, authority.actor, updated, added, removed);
      return updated;
    }),
  );
}

/**
 * 检查实施机关 and 文号前缀 as given: omitted, unchanged; empty, back to the default derived from
 * the name (notice-number.ts). Numbers already given keep the prefix they were given with.
 */
function namingOf(
  input: { readonly authorityName?: string | null; readonly noticePrefix?: string | null },
  current: { readonly authorityName: string | null; readonly noticePrefix: string | null },
): Result<{ authorityName?: string | null; noticePrefix?: string | null }, JurisdictionRefusal> {
  const out: { authorityName?: string | null; noticePrefix?: string | null } = {};
  if (input.authorityName !== undefined && input.authorityName !== null) {
    const a = input.authorityName.trim();
    if (a.length > 60) return err({ code: 'INVALID', field: 'authorityName', message: '检查实施机关名称不超过 60 个字符' });
    if (a !== (current.authorityName ?? '')) out.authorityName = a || null;
  }
  if (input.noticePrefix !== undefined && input.noticePrefix !== null) {
    const p = input.noticePrefix.trim();
    if (p.length > 20) return err({ code: 'INVALID', field: 'noticePrefix', message: '公告文号前缀不超过 20 个字符（例如 卧龙应急随抽）' });
    if (/[〔〕[\]()（）\s0-9]/.test(p)) return err({ code: 'INVALID', field: 'noticePrefix', message: `公告文号前缀「${p}」不能含年份括号〔〕、括号、数字或空格：年份和序号由平台编排（例如 卧龙应急随抽〔2026〕第3号）` });
    if (p !== (current.noticePrefix ?? '')) out.noticePrefix = p || null;
  }
  return ok(out);
}

function nameOf(given: string | null | undefined, fromTable: string): Result<string, JurisdictionRefusal> {
  const name = given?.trim() || fromTable;
  return name.length > 50 ? err({ code: 'INVALID', field: 'name', message: '辖区名称不超过 50 个字符' }) : ok(name);
}

async function neighboursOf(prisma: PrismaClient, code: string, codes: readonly string[]): Promise<Result<{ id: string; code: string }[], JurisdictionRefusal>> {
  const wanted = [...new Set(codes.map((c) => c.trim()))];
  if (wanted.includes(code)) return err({ code: 'INVALID', field: 'neighbours', message: `辖区 ${code} 不能是自己的相邻辖区` });
  const found = await prisma.jurisdiction.findMany({ where: { code: { in: wanted } }, select: { id: true, code: true } });
  const missing = wanted.filter((c) => !found.some((f) => f.code === c));
  if (missing.length) return err({ code: 'INVALID', field: 'neighbours', message: `相邻辖区 ${missing.join('、')} 尚未在本平台建立` });
  return ok(found);
}

/** Neighbours go both ways; each side's trail records the change. */
async function linkNeighbours(tx: Prisma.TransactionClient, actor: string, j: Jurisdiction, added: readonly { id: string; code: string }[], removed: readonly { id: string; code: string }[]): Promise<void> {
  for (const n of added) {
    await tx.jurisdictionNeighbour.createMany({ data: [{ jurisdictionId: j.id, neighbourId: n.id }, { jurisdictionId: n.id, neighbourId: j.id }], skipDuplicates: true });
    await appendAudit(tx, { jurisdictionId: n.id, actor, action: 'jurisdiction.neighbour_added', subjectType: 'Jurisdiction', subjectId: j.id, payload: { neighbour: j.code } });
  }
  for (const n of removed) {
    await tx.jurisdictionNeighbour.deleteMany({ where: { OR: [{ jurisdictionId: j.id, neighbourId: n.id }, { jurisdictionId: n.id, neighbourId: j.id }] } });
    await appendAudit(tx, { jurisdictionId: n.id, actor, action: 'jurisdiction.neighbour_removed', subjectType: 'Jurisdiction', subjectId: j.id, payload: { neighbour: j.code } });
  }
}

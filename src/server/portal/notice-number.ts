import type { InspectionTask, JurisdictionLevel, Prisma } from '@prisma/client';

/**
 * 公告编号 and 检查实施机关 (issue 22, 1). A task is numbered once, the day it first becomes
 * public (PUBLISHED_TASKS: announced; under inspection for a pack that announces nothing; closed
 * for a covert task): the Beijing-time year of that day and the next number of its jurisdiction
 * in that year, with the prefix and authority as they stood then. Numbers are never reused or
 * changed (migration 0021 refuses it); a cancelled task is never public, so never numbered.
 *
 *   抽查任务公告  卧龙应急随抽〔2026〕第3号
 *   抽查结果公告  卧龙应急随抽结〔2026〕第3号  (one per task; corrections are new versions of it)
 */

/** The stored fields of a task's number, as other modules read them. */
export const NOTICE_FIELDS = { noticeYear: true, noticeSeq: true, noticePrefix: true, noticeAuthority: true, numberedOn: true } as const satisfies Prisma.InspectionTaskSelect;
export type NumberedFields = Pick<InspectionTask, 'noticeYear' | 'noticeSeq' | 'noticePrefix' | 'noticeAuthority'>;

// Endings of a division's name that a short name drops (卧龙区 → 卧龙, 南阳市 → 南阳, 河南省 → 河南).
const NAME_ENDING = /(自治县|自治旗|自治州|自治区|特别行政区|新区|矿区|林区|省|市|区|县|旗|州|盟)$/;

/** 文号前缀 by default: the short name (ending dropped, if at least two characters remain) + 应急随抽. */
export function defaultNoticePrefix(name: string): string {
  const short = name.replace(NAME_ENDING, '');
  return `${short.length >= 2 ? short : name}应急随抽`;
}

/**
 * 检查实施机关 by default: 应急管理厅 of a province; 应急管理局 of a city; of a county, with the
 * city's name before it unless it already starts with it (南阳市 + 卧龙区 → 南阳市卧龙区应急管理局).
 */
export function defaultAuthorityName(j: { readonly name: string; readonly level: JurisdictionLevel; readonly parent?: { readonly name: string; readonly level: JurisdictionLevel } | null }): string {
  if (j.level === 'PROVINCE') return `${j.name}应急管理厅`;
  const city = j.level === 'COUNTY' && j.parent?.level === 'CITY' && !j.name.startsWith(j.parent.name) ? j.parent.name : '';
  return `${city}${j.name}应急管理局`;
}

export interface JurisdictionNaming {
  readonly name: string;
  readonly level: JurisdictionLevel;
  readonly authorityName: string | null;
  readonly noticePrefix: string | null;
  readonly parent?: { readonly name: string; readonly level: JurisdictionLevel } | null;
}
export const NAMING_SELECT = { name: true, level: true, authorityName: true, noticePrefix: true, parent: { select: { name: true, level: true } } } as const satisfies Prisma.JurisdictionSelect;

/** The jurisdiction's 检查实施机关 as it stands: its own, else the default. */
export const authorityOf = (j: JurisdictionNaming) => j.authorityName ?? defaultAuthorityName(j);
/** The jurisdiction's 文号前缀 as it stands: its own, else the default. */
export const noticePrefixOf = (j: JurisdictionNaming) => j.noticePrefix ?? defaultNoticePrefix(j.name);

/** 卧龙应急随抽〔2026〕第3号; null for a task not (yet) public. */
export function taskNoticeNumber(task: NumberedFields): string | null {
  return task.noticeSeq === null || task.noticeYear === null || task.noticePrefix === null ? null : `${task.noticePrefix}〔${task.noticeYear}〕第${task.noticeSeq}号`;
}

/** 卧龙应急随抽结〔2026〕第3号: the task's result notice, the task's year and number. */
export function resultNoticeNumber(task: NumberedFields): string | null {
  return task.noticeSeq === null || task.noticeYear === null || task.noticePrefix === null ? null : `${task.noticePrefix}结〔${task.noticeYear}〕第${task.noticeSeq}号`;
}

/** Whether a task in this state is public (the rule of PUBLISHED_TASKS, for one task). */
export function isPublicTask(task: { readonly covert: boolean; readonly status: string }): boolean {
  return task.covert ? task.status === 'CLOSED' : task.status === 'ANNOUNCED' || task.status === 'INSPECTING' || task.status === 'CLOSED';
}

/**
 * Numbers a task that has just become public, inside the caller's transaction; a task already
 * numbered keeps its number. The jurisdiction's row is locked first, so two tasks of one
 * jurisdiction numbered at once queue up and take consecutive numbers.
 */
export async function assignNoticeNumber(tx: Prisma.TransactionClient, taskId: string, today: string): Promise<{ year: number; seq: number } | undefined> {
  const task = await tx.inspectionTask.findUniqueOrThrow({ where: { id: taskId }, select: { jurisdictionId: true, covert: true, status: true, ...NOTICE_FIELDS } });
  if (task.noticeSeq !== null || !isPublicTask(task)) return undefined;
  await tx.$queryRaw`SELECT id FROM jurisdiction WHERE id = ${task.jurisdictionId} FOR UPDATE`;
  const j = await tx.jurisdiction.findUniqueOrThrow({ where: { id: task.jurisdictionId }, select: NAMING_SELECT });
  // `today` is the Beijing-time civil date (chinaDate): its year is the notice's year.
  const year = Number(today.slice(0, 4));
  const last = await tx.inspectionTask.aggregate({ where: { jurisdictionId: task.jurisdictionId, noticeYear: year }, _max: { noticeSeq: true } });
  const seq = (last._max.noticeSeq ?? 0) + 1;
  await tx.inspectionTask.update({
    where: { id: taskId },
    data: { noticeYear: year, noticeSeq: seq, noticePrefix: noticePrefixOf(j), noticeAuthority: authorityOf(j), numberedOn: new Date(`${today}T00:00:00Z`) },
  });
  return { year, seq };
}

import type { PrismaClient } from '@prisma/client';
import { endOfChinaDay } from '../../core/calendar/china-date.ts';
import { toIsoDate } from '../../core/directory/dates.ts';
import type { Citation, Meta, Rules } from '../../core/rules/schema.ts';
import type { DrawSnapshot } from '../../core/draw/types.ts';
import { currentTeam } from '../draws/current-team.ts';
import type { StoredPack } from '../draws/draw-export.ts';
import { peopleById } from '../draws/team-view.ts';
import { PUBLISHED_TASKS } from './portal-data.ts';
import { authorityOf, NAMING_SELECT, NOTICE_FIELDS, taskNoticeNumber } from './notice-number.ts';

/** A right of the enterprise as its notice states it, with the clause it comes from. */
export interface NoticeRight {
  /** 申请回避 / 提出异议 */
  readonly title: string;
  readonly text: string;
  /** 《document》clause, or null where the pack's documents say nothing (the text says so). */
  readonly basis: string | null;
}

/**
 * 检查通知书: what one drawn enterprise is told about its inspection. Derived only from what was
 * fixed by the announcement (the draw's snapshot and pack as locked, the task's dates, the team
 * with the replacements recorded by the end of the day it was issued), so the same URL always
 * gives the same notice.
 */
export interface EnterpriseNotice {
  readonly taskId: string;
  readonly drawId: string;
  readonly jurisdiction: { readonly code: string; readonly name: string };
  /** 检查实施机关. */
  readonly authority: string;
  /** The task notice's number (卧龙应急随抽〔2026〕第3号); null for a task public before numbering began. */
  readonly number: string | null;
  readonly taskTitle: string;
  readonly covert: boolean;
  readonly enterprise: { readonly uscc: string; readonly name: string };
  readonly inspectionDate: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  /** The day the notice was issued (Beijing): the announcement, or a covert task's close. */
  readonly issuedOn: string;
  readonly team: readonly { readonly name: string; readonly role: '组长' | '组员' | '专家' }[];
  readonly items: readonly { readonly code: string; readonly name: string }[];
  readonly rights: readonly NoticeRight[];
  /** 提前告知 (攀枝花 三(四)): the sentence, where the pack asks for notice ahead of the inspection. */
  readonly leadNotice: string | null;
  /** The draw's pack, as locked. */
  readonly packName: string;
}

const RECUSAL_REASONS = {
  interest: '与贵单位有利害关系',
  'same-competent-department': '与贵单位隶属同一主管部门',
  'served-enterprise': '曾为贵单位提供评价、检测检验、设计、标准化评审等服务（专家）',
} as const;

/** 《title》（number）clause: how a notice cites a pack's source. */
export function citedAs(meta: Meta, cite: Citation): string {
  const source = meta.sources.find((s) => s.id === cite.doc);
  const name = source ? `《${source.title}》${source.number ? `（${source.number}）` : ''}` : '';
  return `${name}${cite.clause}`;
}

/** The enterprise's rights as the draw's pack states them (回避 recusal, 异议 objection). */
export function noticeRights(meta: Meta, rules: Rules): NoticeRight[] {
  const rights: NoticeRight[] = [];
  const r = rules.recusal;
  rights.push(r
    ? { title: '申请回避', text: `检查人员或专家${r.reasons.map((x) => RECUSAL_REASONS[x]).join('、或')}的，应当回避；贵单位可在检查前向检查实施机关申请其回避，由其他人员替换。`, basis: citedAs(meta, r.cite) }
    : { title: '申请回避', text: '检查人员与贵单位有利害关系的，贵单位可在检查前向检查实施机关申请其回避。本辖区规则所依据的文件对回避未作具体规定。', basis: null });
  const o = rules.afterPublication?.objection;
  rights.push(o
    ? { title: '提出异议', text: `对公示的检查结果有异议的，可向检查实施机关提出异议申请；检查实施机关自收到异议之日起 ${o.reviewWorkingDays} 个工作日内复核，复核后 ${o.answerWorkingDays} 个工作日内答复；确有错误的，更正后重新公示。`, basis: citedAs(meta, o.cite) }
    : { title: '提出异议', text: '对公示的检查结果有异议的，可向检查实施机关提出。本辖区规则所依据的文件未规定异议的复核与答复期限。', basis: null });
  return rights;
}

/** The sentence of a pack that asks for notice ahead of the inspection (announcement.leadDays > 0), else null. */
export function leadNotice(meta: Meta, rules: Rules, covert: boolean, issuedOn: string, inspectionDate: string): string | null {
  const a = rules.announcement;
  if (!a || a.leadDays <= 0 || covert) return null;
  return `依据${citedAs(meta, a.cite)}，检查对象确定后应当提前 ${a.leadDays} ${a.count === 'working' ? '个工作日' : '日'}公告并告知拟检查对象：本通知书于 ${issuedOn} 发出，检查日期为 ${inspectionDate}。`;
}


/**
 * The notice of a drawn enterprise of a published task, or undefined: no such pick, or the task
 * is not public (never a covert task before it closes: PUBLISHED_TASKS).
 */
export async function enterpriseNotice(prisma: PrismaClient, taskId: string, jurisdictionCode: string, uscc: string): Promise<EnterpriseNotice | undefined> {
  const task = await prisma.inspectionTask.findFirst({
    where: { AND: [PUBLISHED_TASKS, { id: taskId, jurisdiction: { code: jurisdictionCode }, draw: { status: 'DRAWN' } }] },
    select: {
      id: true, title: true, covert: true, inspectionDate: true, windowStart: true, windowEnd: true, announcedOn: true, closedOn: true, ...NOTICE_FIELDS,
      jurisdiction: { select: { id: true, code: true, ...NAMING_SELECT } },
      draw: { select: { id: true, pack: true, snapshot: true } },
    },
  });
  if (!task?.draw) return undefined;
  const pick = await prisma.drawPick.findFirst({ where: { drawId: task.draw.id, uscc } });
  if (!pick) return undefined;
  // A covert task is told afterwards; an announced one on its announcement day; one a pack never
  // announces (under inspection) on its inspection day. None of these changes once published.
  const issuedOn = toIsoDate(task.announcedOn ?? (task.covert ? task.closedOn : null) ?? task.inspectionDate);
  const replacements = await prisma.teamReplacement.findMany({ where: { drawId: task.draw.id, pickOrder: pick.order, at: { lt: endOfChinaDay(issuedOn) } }, orderBy: { at: 'asc' } });
  const team = currentTeam(pick, replacements);
  const people = await peopleById(prisma, [team.leader, ...team.members, ...pick.expertIds]);
  const name = (id: string) => people.get(id)?.name ?? '（名录中无此人）';
  const items = await prisma.checklistItem.findMany({ where: { jurisdictionId: task.jurisdiction.id, code: { in: pick.items } }, select: { code: true, name: true } });
  const itemName = new Map(items.map((i) => [i.code, i.name]));
  const pack = task.draw.pack as unknown as StoredPack;
  // The enterprise as the locked snapshot names it: a later rename does not change the notice.
  const snapshot = task.draw.snapshot as unknown as DrawSnapshot;
  const enterpriseName = snapshot.enterprises.find((e) => e.uscc === uscc)?.name ?? uscc;
  const inspectionDate = toIsoDate(task.inspectionDate);
  return {
    taskId: task.id, drawId: task.draw.id,
    jurisdiction: { code: task.jurisdiction.code, name: task.jurisdiction.name },
    // The number and authority as fixed the day the task became public (notice-number.ts).
    authority: task.noticeAuthority ?? authorityOf(task.jurisdiction),
    number: taskNoticeNumber(task),
    taskTitle: task.title, covert: task.covert,
    enterprise: { uscc, name: enterpriseName },
    inspectionDate, windowStart: toIsoDate(task.windowStart), windowEnd: toIsoDate(task.windowEnd), issuedOn,
    team: [
      { name: name(team.leader), role: '组长' },
      ...team.members.filter((m) => m !== team.leader).map((m) => ({ name: name(m), role: '组员' as const })),
      ...pick.expertIds.map((e) => ({ name: name(e), role: '专家' as const })),
    ],
    items: pick.items.map((code) => ({ code, name: itemName.get(code) ?? code })),
    rights: noticeRights(pack.meta, pack.rules),
    leadNotice: leadNotice(pack.meta, pack.rules, task.covert, issuedOn, inspectionDate),
    packName: pack.meta.name,
  };
}

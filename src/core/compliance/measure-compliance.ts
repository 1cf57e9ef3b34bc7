import { tallyItem } from '../checklist/item-tally.ts';
import { PERIOD_LABELS } from '../checklist/ratio-frequency.ts';
import type { Citation, Selector } from '../rules/schema.ts';
import type { ComplianceEnterprise, ComplianceFacts, ComplianceTask } from './facts.ts';
import { DEADLINE_LABELS, GROUP_LABELS, sectorLabel } from './labels.ts';
import { daysBetween, elapsed, halfYearPeriods, percentOf, progressStatus, yearPeriod } from './periods.ts';
import type {
  ComplianceFigure, CompliancePeriod, ComplianceReport, ComplianceRow, ComplianceSubject, ComplianceWarning, CoverageSeries, InspectorLoad, ObligationStatus, SuggestedTask,
} from './types.ts';

export type ComplianceMeasure = Pick<ComplianceReport, 'rows' | 'warnings' | 'coverage' | 'inspectorLoad' | 'totals'>;

const DRAWN_STATUSES = new Set<ComplianceTask['status']>(['DRAWN', 'DISPATCHED', 'ANNOUNCED', 'INSPECTING', 'CLOSED']);
const pickKey = (taskId: string, uscc: string) => `${taskId}\u0000${uscc}`;

const count = (value: number, text: string, of: number | null = null): ComplianceFigure => ({ value, of, unit: 'COUNT', text });
const percent = (value: number, text: string, of: number | null = null): ComplianceFigure => ({ value, of, unit: 'PERCENT', text });

/** The full report: who, which year, which pack, and the measurement. */
export function complianceReport(facts: ComplianceFacts): ComplianceReport {
  return { jurisdiction: facts.jurisdiction, year: facts.year, asOf: facts.asOf, pack: facts.pack, ...measureCompliance(facts) };
}

/**
 * 年度合规: one row per obligation the pack in force states, measured on what happened
 * (distinct enterprises, inspections actually done, the directory as it was), with warnings for
 * what is still due while there is time. Pure and linear: every input is indexed once in a Map,
 * then each obligation is one pass over the enterprises or tasks it concerns, since the
 * simulation calls this once per simulated year.
 */
export function measureCompliance(facts: ComplianceFacts, indexed?: DirectoryIndex, options: MeasureOptions = {}): ComplianceMeasure {
  const { rules, year } = facts;
  const Y = yearPeriod(year);
  const asOf = facts.asOf > Y.to ? Y.to : facts.asOf;
  const limit = facts.subjectsLimit ?? 200;

  // Tasks of the year (by inspection date), and those drawn by asOf.
  const tasksById = new Map<string, ComplianceTask>();
  let liveTasks = 0;
  let cancelledTasks = 0;
  for (const t of facts.tasks) {
    if (t.inspectionDate < Y.from || t.inspectionDate > Y.to) continue;
    if (t.status === 'CANCELLED') { cancelledTasks += 1; continue; }
    liveTasks += 1;
    if (DRAWN_STATUSES.has(t.status)) tasksById.set(t.id, t);
  }
  const picks = facts.picks.filter((p) => tasksById.has(p.taskId));
  const drawsOf = new Map<string, number>();
  for (const p of picks) drawsOf.set(p.uscc, (drawsOf.get(p.uscc) ?? 0) + 1);

  // Inspections done by asOf: double random (per pick) and others, by enterprise.
  const doneOf = new Map<string, string>(); // pick → day
  const inspectedOn = new Map<string, string[]>(); // uscc → days (double random and other)
  const addDay = (uscc: string, on: string) => { const days = inspectedOn.get(uscc); if (days) days.push(on); else inspectedOn.set(uscc, [on]); };
  let inspectionsDone = 0;
  for (const i of facts.inspections) {
    if (!tasksById.has(i.taskId) || i.on < Y.from || i.on > asOf) continue;
    const key = pickKey(i.taskId, i.uscc);
    if (doneOf.has(key)) continue;
    doneOf.set(key, i.on);
    inspectionsDone += 1;
    addDay(i.uscc, i.on);
  }
  let otherInspections = 0;
  for (const o of facts.otherInspections) {
    if (o.on < Y.from || o.on > asOf) continue;
    otherInspections += 1;
    addDay(o.uscc, o.on);
  }
  // Drawn but not yet inspected: the day each such pick is planned for (a gap already being closed).
  const pendingOn = new Map<string, string[]>();
  for (const p of picks) {
    if (doneOf.has(pickKey(p.taskId, p.uscc))) continue;
    const on = tasksById.get(p.taskId)!.inspectionDate;
    const days = pendingOn.get(p.uscc);
    if (days) days.push(on); else pendingOn.set(p.uscc, [on]);
  }
  const inspectedWithin = (uscc: string, from: string, to: string) => inspectedOn.get(uscc)?.some((d) => d >= from && d <= to) ?? false;
  const pendingWithin = (uscc: string, from: string, to: string) => pendingOn.get(uscc)?.some((d) => d >= from && d <= to) ?? false;
  const inDirectory = (e: ComplianceEnterprise, day: string) => e.inDirectory.some((s) => s.from <= day && (s.to === null || s.to >= day));
  // `indexed`: indexDirectory of these facts, when the caller measures one directory many times.
  const { supervised, membersOf, membersOn, byUscc } = indexed ?? indexDirectory(facts);
  const nameOf = (uscc: string) => byUscc.get(uscc)?.name ?? uscc;
  const distinctDrawn = new Set(picks.map((p) => p.uscc)).size;

  const rows: ComplianceRow[] = [];
  const warnings: ComplianceWarning[] = [];
  const row = (r: Omit<ComplianceRow, 'subjects' | 'subjectsTotal'> & { subjects?: readonly ComplianceSubject[]; subjectsTotal?: number }) => {
    const subjects = r.subjects ?? [];
    rows.push({ ...r, subjects: subjects.length > limit ? subjects.slice(0, limit) : subjects, subjectsTotal: r.subjectsTotal ?? subjects.length });
  };
  const warn = (r: { id: string; period: CompliancePeriod; status: ObligationStatus }, message: string, suggestedTask: SuggestedTask | null) => {
    if ((r.status === 'ON_TRACK' || r.status === 'AT_RISK') && asOf < r.period.to) {
      warnings.push({ obligationId: r.id, dueBy: r.period.to, daysLeft: daysBetween(asOf, r.period.to), message, suggestedTask });
    }
  };
  const notMeasurable = (id: string, label: string, cite: Citation, reason: string, target: ComplianceFigure | null = null) =>
    row({ id, kind: 'OTHER', label, cite, period: Y, target, achieved: null, status: 'NOT_MEASURABLE', explanation: reason });

  if (!rules) return { rows, warnings, coverage: [], inspectorLoad: options.inspectorLoad === false ? [] : inspectorLoad(facts, picks, doneOf), totals: totals() };

  // 抽取比例 entitiesDrawnMin: distinct enterprises drawn, not draws.
  const entities = rules.shares?.entitiesDrawnMin;
  if (entities) {
    const needed = Math.ceil((supervised.length * entities.percent) / 100);
    const share = percentOf(distinctDrawn, supervised.length);
    const status = progressStatus(distinctDrawn, needed, Y, asOf);
    const r = { id: 'entities-drawn', period: Y, status };
    row({
      ...r, kind: 'ENTITIES_DRAWN_SHARE', label: `年度随机抽取的检查对象不低于检查对象总数的${entities.percent}%`, cite: entities.cite,
      target: { ...percent(entities.percent, `不低于${entities.percent}%（${supervised.length}家中至少${needed}家）`), count: needed },
      achieved: { ...percent(share, `${distinctDrawn}家／${supervised.length}家（${share}%），抽取${picks.length}次`, supervised.length), count: distinctDrawn },
      explanation: `按不同检查对象计，同一单位多次被抽中只计一家；检查对象总数为本年内在名录中的单位（${supervised.length}家）。`,
    });
    warn(r, `本年还需抽取${needed - distinctDrawn}家不同的检查对象才能达到${entities.percent}%。`, { title: `${year}年随机抽查（补足抽取比例）`, directed: false, sectors: [], usccs: [], size: needed - distinctDrawn });
  }

  // 抽查轮次 roundsPerYearMin: tasks drawn this year.
  const rounds = rules.shares?.roundsPerYearMin;
  if (rounds) {
    const drawn = [...tasksById.values()];
    const status = progressStatus(drawn.length, rounds.rounds, Y, asOf);
    const r = { id: 'rounds', period: Y, status };
    row({
      ...r, kind: 'ROUNDS', label: `每年至少开展${rounds.rounds}轮双随机抽查`, cite: rounds.cite,
      target: { value: rounds.rounds, of: null, unit: 'ROUNDS', text: `至少${rounds.rounds}轮` },
      achieved: { value: drawn.length, of: null, unit: 'ROUNDS', text: `已抽取${drawn.length}轮` },
      explanation: '已完成抽取（未取消）且检查日期在本年的抽查任务，每个任务计一轮。',
      subjects: drawn.map((t) => ({ kind: 'TASK', taskId: t.id, title: t.title, note: `检查日期${t.inspectionDate}` })),
    });
    warn(r, `本年还需开展${rounds.rounds - drawn.length}轮抽查。`, { title: `${year}年双随机抽查`, directed: false, sectors: [], usccs: [], size: Math.max(1, Math.ceil((supervised.length * (entities?.percent ?? 5)) / 100)) });
  }

  // 双随机占比 planShareMin on inspections actually done.
  const planShare = rules.shares?.planShareMin;
  if (planShare) {
    const all = inspectionsDone + otherInspections;
    const share = percentOf(inspectionsDone, all);
    const reached = all > 0 && inspectionsDone * 100 >= planShare.percent * all;
    const ended = asOf >= Y.to;
    // A share can still fall: met only once the year is over.
    const status: ObligationStatus = reached ? (ended ? 'MET' : 'ON_TRACK') : ended ? 'MISSED' : 'AT_RISK';
    const r = { id: 'double-random-share', period: Y, status };
    row({
      ...r, kind: 'DOUBLE_RANDOM_SHARE', label: `双随机抽查占年度执法检查的比例不低于${planShare.percent}%`, cite: planShare.cite,
      target: percent(planShare.percent, `不低于${planShare.percent}%`),
      achieved: { ...percent(share, `双随机${inspectionsDone}次／全部检查${all}次（${share}%）`, all), count: inspectionsDone },
      explanation: '按已完成的检查计（已录入检查结果的双随机检查，及登记的其他检查），不按计划数。',
    });
    const more = Math.max(0, Math.ceil((planShare.percent * all - 100 * inspectionsDone) / (100 - planShare.percent || 1)));
    warn(r, `双随机检查占比${share}%，低于${planShare.percent}%：还需完成约${more || 1}次双随机检查。`, { title: `${year}年双随机抽查（提高占比）`, directed: false, sectors: [], usccs: [], size: more || 1 });
  }

  // 只有抽中的才可检查 onlyDrawnMayBeInspected: every inspection this year of an enterprise drawn this year.
  const onlyDrawn = rules.exclusions?.onlyDrawnMayBeInspected;
  if (onlyDrawn) {
    const outside: ComplianceSubject[] = [];
    for (const o of facts.otherInspections) {
      if (o.on < Y.from || o.on > asOf || drawsOf.has(o.uscc)) continue;
      outside.push({ kind: 'ENTERPRISE', uscc: o.uscc, name: nameOf(o.uscc), note: `${o.on}检查，本年未被抽中` });
    }
    const status: ObligationStatus = outside.length ? 'MISSED' : asOf >= Y.to ? 'MET' : 'ON_TRACK';
    row({
      id: 'only-drawn-inspected', kind: 'DOUBLE_RANDOM_SHARE', period: Y, status, label: '未被抽中的检查对象不得实施检查', cite: onlyDrawn.cite,
      target: count(0, '未抽中的单位0次检查'), achieved: count(outside.length, outside.length ? `${outside.length}次检查的单位本年未被抽中` : '所有检查的单位均已抽中'),
      explanation: '按登记的双随机以外的检查计：其单位本年未被任何任务抽中的，列出。',
      subjects: outside,
    });
  }

  // 暗查暗访一般采用双随机 covertDrawn: the platform sees only the covert checks it drew.
  const covert = rules.shares?.covertDrawn;
  if (covert) {
    const covertTasks = [...tasksById.values()].filter((t) => t.covert).length;
    notMeasurable('covert-drawn', '暗查暗访一般采用“双随机”方式', covert.cite, `平台只记录经平台抽取的暗查暗访（本年${covertTasks}个任务），不经平台开展的暗查暗访无从统计，无法计算比例。`);
  }

  // 检查频次 frequencies: every unit of the group inspected at least once per period.
  const coverage: CoverageSeries[] = [];
  const seriesDone = new Set<Selector>();
  for (const f of rules.frequencies ?? []) {
    if (f.who === 'directedSpecial') continue;
    const periods = f.every === 'year' ? [Y] : halfYearPeriods(year);
    const groupLabel = GROUP_LABELS[f.who];
    const members = f.who === 'all' ? facts.enterprises : membersOf.get(f.who) ?? [];
    periods.forEach((p, n) => {
      const end = asOf < p.from ? p.from : asOf > p.to ? p.to : asOf;
      // Due: in the directory and in the group on the period's last day counted (a unit added in
      // October is due from October; one blacklisted in September was not due in the first half).
      const due = (f.who === 'all' ? members : membersOn(f.who, end)).filter((e) => inDirectory(e, end));
      const missing: ComplianceSubject[] = [];
      const toDraw: string[] = [];
      const sectors = new Set<string>();
      let done = 0;
      let missed = 0;
      for (const e of due) {
        if (inspectedWithin(e.uscc, p.from, end)) { done += 1; continue; }
        const pending = pendingWithin(e.uscc, p.from, p.to);
        // Only the listed subjects are made (a simulated year of a large county lists none of the rest).
        if (missed++ < limit) missing.push({ kind: 'ENTERPRISE', uscc: e.uscc, name: e.name, note: pending ? `${p.label}已抽中，尚未检查` : `${p.label}尚未检查` });
        if (!pending) { toDraw.push(e.uscc); sectors.add(e.sector); }
      }
      const status = progressStatus(done, due.length, p, asOf);
      const every = f.every === 'year' ? '每年' : '每半年';
      const r = { id: `frequency:${f.who}:${f.every}:${n + 1}`, period: p, status };
      row({
        ...r, kind: 'FREQUENCY', label: `${groupLabel}${every}至少检查一次（${p.label}）`, cite: f.cite,
        target: count(due.length, `${due.length}家全部检查`, due.length),
        achieved: count(done, `已检查${done}家／${due.length}家`, due.length),
        explanation: status === 'MISSED' ? `${p.label}有${missed}家未检查。` : `按期内已完成的检查计（双随机与其他检查）；应检的是${p.label}最后一日（未结束的按统计日）在名录中且属${groupLabel}的单位。`,
        subjects: missing, subjectsTotal: missed,
      });
      warn(r, `${p.label}结束前还有${missed}家${groupLabel}未检查${toDraw.length < missed ? `（其中${missed - toDraw.length}家已抽中待检查）` : ''}。`,
        toDraw.length === 0 ? null : { title: `${p.label}${groupLabel}定向抽查`, directed: true, sectors: [...sectors].sort(), usccs: toDraw, size: toDraw.length });
    });
    if (!seriesDone.has(f.who)) {
      seriesDone.add(f.who);
      const due = members.filter((e) => inDirectory(e, asOf < Y.from ? Y.from : asOf));
      const firstMonth = new Array<number>(12).fill(0);
      for (const e of due) {
        let first: string | null = null;
        for (const d of inspectedOn.get(e.uscc) ?? []) if (first === null || d < first) first = d;
        if (first !== null) firstMonth[Number(first.slice(5, 7)) - 1]! += 1;
      }
      let sum = 0;
      coverage.push({ group: f.who, label: groupLabel, due: due.length, inspectedByMonth: firstMonth.map((n) => (sum += n)) });
    }
  }

  // 次数上限 cap: nobody drawn more often than the cap, except the pack's exceptions.
  const cap = rules.cap;
  if (cap) {
    const over: ComplianceSubject[] = [];
    for (const [uscc, n] of drawsOf) {
      if (n <= cap.perYear) continue;
      const e = byUscc.get(uscc);
      const excepted = e ? cap.exceptions.find((x) => x === 'all' || e.groups.includes(x)) : undefined;
      if (excepted) continue;
      over.push({ kind: 'ENTERPRISE', uscc, name: nameOf(uscc), note: `本年被抽中${n}次，超过${cap.perYear}次` });
    }
    const ended = asOf >= Y.to;
    const status: ObligationStatus = over.length > 0 ? 'MISSED' : ended ? 'MET' : 'ON_TRACK';
    const exceptions = cap.exceptions.length ? `（${cap.exceptions.map((x) => GROUP_LABELS[x]).join('、')}除外）` : '';
    row({
      id: 'cap', kind: 'CAP', period: Y, status, label: `同一检查对象每年双随机抽查不超过${cap.perYear}次${exceptions}`, cite: cap.cite,
      target: count(cap.perYear, `每家不超过${cap.perYear}次`),
      achieved: count(over.length, over.length ? `${over.length}家超过上限` : '无超过上限的单位'),
      explanation: `按本年抽中的次数计${exceptions}。`,
      subjects: over,
    });
  }

  // 联合抽查 jointInspectionsMin: joint tasks with at least one inspection done.
  const joint = rules.planning?.jointInspectionsMin;
  if (joint) {
    const jointTasks = [...tasksById.values()].filter((t) => t.joint);
    const doneTasks = new Set<string>();
    for (const key of doneOf.keys()) doneTasks.add(key.slice(0, key.indexOf('\u0000')));
    const held = jointTasks.filter((t) => doneTasks.has(t.id));
    const status = progressStatus(held.length, joint.perYear, Y, asOf);
    const r = { id: 'joint', period: Y, status };
    row({
      ...r, kind: 'JOINT', label: `每年至少开展${joint.perYear}次部门联合抽查`, cite: joint.cite,
      target: count(joint.perYear, `至少${joint.perYear}次`), achieved: count(held.length, `已开展${held.length}次`),
      explanation: '已有检查完成的联合抽查任务计一次。',
      subjects: jointTasks.map((t) => ({ kind: 'TASK', taskId: t.id, title: t.title, note: doneTasks.has(t.id) ? '已开展' : `已抽取，检查日期${t.inspectionDate}` })),
    });
    warn(r, `本年还需开展${joint.perYear - held.length}次联合抽查。`, { title: `${year}年部门联合抽查`, directed: false, sectors: [], usccs: [], size: 1, joint: true });
  }

  // 检查事项覆盖 checklist.coverage: the platform has no list of the bureau's enforcement items.
  const coverageRule = [...(rules.checklist?.coverage ?? [])].filter((c) => c.fromYear <= year).sort((a, b) => b.fromYear - a.fromYear)[0];
  if (coverageRule) {
    notMeasurable('checklist-coverage', `随机抽查事项覆盖本部门执法事项的${coverageRule.percent}%`, coverageRule.cite,
      '平台未登记本部门全部执法事项（权责清单），只有抽查事项清单，无法计算覆盖比例。', percent(coverageRule.percent, `不低于${coverageRule.percent}%`));
  }

  // 抽查事项的比例与频次 (the checklist's or the pack's), through the checklist's own tally.
  const dayAfter = (d: string) => new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)) + 1)).toISOString().slice(0, 10);
  for (const item of facts.checklistItems) {
    const inspections = item.inspections.filter((i) => i.on >= Y.from && i.on <= asOf);
    const tally = tallyItem(year, dayAfter(asOf), { ratioPercent: item.ratioPercent, period: item.period, objects: item.objects, inspections });
    if (tally.ratioNeeded !== null) {
      const status = progressStatus(tally.inspected, tally.ratioNeeded, Y, asOf);
      const r = { id: `checklist-item:${item.code}:ratio`, period: Y, status };
      row({
        ...r, kind: 'CHECKLIST_ITEM', label: `抽查事项“${item.name}”抽查比例${item.ratioText ?? `${item.ratioPercent}%`}`, cite: item.ratioCite,
        target: { ...percent(item.ratioPercent!, `${item.ratioText ?? `${item.ratioPercent}%`}（${item.objects}家中${tally.ratioNeeded}家）`, item.objects), count: tally.ratioNeeded },
        achieved: { ...percent(tally.sharePercent ?? 0, `已检查${tally.inspected}家／${item.objects}家（${tally.sharePercent ?? 0}%）`, item.objects), count: tally.inspected },
        explanation: '按已完成检查的不同检查对象计。',
      });
      warn(r, `抽查事项“${item.name}”还需检查${tally.ratioNeeded - tally.inspected}家。`, null);
    }
    if (item.period !== null) {
      const late = tally.periods.filter((p) => p.ended && p.inspections === 0);
      const current = tally.periods.find((p) => !p.ended);
      let status: ObligationStatus;
      if (late.length > 0) status = 'MISSED';
      else if (!current) status = 'MET';
      else status = current.inspections > 0 || elapsed({ ...current, label: '' }, asOf) <= 0.5 ? 'ON_TRACK' : 'AT_RISK';
      const r = { id: `checklist-item:${item.code}:frequency`, period: Y, status };
      const withInspections = tally.periods.filter((p) => p.inspections > 0).length;
      row({
        ...r, kind: 'CHECKLIST_ITEM', label: `抽查事项“${item.name}”${item.frequencyText ?? PERIOD_LABELS[item.period]}`, cite: item.frequencyCite,
        target: count(tally.periods.length, `${PERIOD_LABELS[item.period]}至少一次（${tally.periods.length}期）`),
        achieved: count(withInspections, `${withInspections}期有检查`),
        explanation: late.length ? `${late.map((p) => `${p.from}至${p.to}`).join('、')}没有检查。` : '各已结束的周期均有检查。',
      });
      if (current && current.inspections === 0) warn({ ...r, period: { from: current.from, to: current.to, label: '' } }, `抽查事项“${item.name}”本期（至${current.to}）尚无检查。`, null);
    }
  }

  // 时限 deadlines, announcement lead days, periodic publication: which were late and by how much.
  const kinds: { kind: string; label: string; cite: Citation }[] = [];
  if (rules.announcement) kinds.push({ kind: 'announcement', label: `${rules.announcement.leadDays > 0 ? `抽查前${rules.announcement.leadDays}日` : '不晚于检查开始'}公告抽查事项${rules.announcement.covertStaysSecret ? '（暗查暗访不事先公告）' : ''}`, cite: rules.announcement.cite });
  for (const d of rules.deadlines ?? []) {
    if (d.id === 'opinion') continue; // the enterprise's period, not the bureau's
    kinds.push({ kind: d.id, label: `${DEADLINE_LABELS[d.id]}：${d.days}个${d.count === 'working' ? '工作日' : '日'}内`, cite: d.cite });
  }
  const objectionRule = rules.afterPublication?.objection;
  if (objectionRule) {
    if (!kinds.some((k) => k.kind === 'objection-review')) kinds.push({ kind: 'objection-review', label: `${DEADLINE_LABELS['objection-review']}：${objectionRule.reviewWorkingDays}个工作日内`, cite: objectionRule.cite });
    if (!kinds.some((k) => k.kind === 'objection-answer')) kinds.push({ kind: 'objection-answer', label: `${DEADLINE_LABELS['objection-answer']}：${objectionRule.answerWorkingDays}个工作日内`, cite: objectionRule.cite });
  }
  if (rules.periodicPublication) kinds.push({ kind: 'monthly-publication', label: `每月结束后${rules.periodicPublication.withinWorkingDays}个工作日内集中公示`, cite: rules.periodicPublication.cite });
  const deadlinesByKind = new Map<string, ComplianceFacts['deadlines'][number][]>();
  for (const d of facts.deadlines) {
    if (d.due < Y.from || d.due > Y.to || !tasksById.has(d.taskId)) continue;
    const list = deadlinesByKind.get(d.kind);
    if (list) list.push(d); else deadlinesByKind.set(d.kind, [d]);
  }
  for (const k of kinds) {
    const list = deadlinesByKind.get(k.kind) ?? [];
    const subjects: ComplianceSubject[] = [];
    let onTime = 0;
    let soon = 0;
    let open = 0;
    for (const d of list) {
      if (d.status === 'DONE') { onTime += 1; continue; }
      const title = tasksById.get(d.taskId)?.title ?? d.taskId;
      if (d.status === 'LATE' || d.status === 'OVERDUE') {
        const days = daysBetween(d.due, d.status === 'LATE' && d.doneOn ? d.doneOn : asOf);
        const note = d.status === 'LATE' ? `${d.subject}：应于${d.due}前完成，${d.doneOn}完成，逾期${days}日` : `${d.subject}：应于${d.due}前完成，至${asOf}仍未完成，已逾期${days}日`;
        subjects.push(d.uscc ? { kind: 'ENTERPRISE', uscc: d.uscc, name: nameOf(d.uscc), note: `${title}：${note}` } : { kind: 'TASK', taskId: d.taskId, title, note });
      } else if (d.status === 'DUE_SOON') soon += 1;
      else open += 1;
    }
    const status: ObligationStatus = subjects.length > 0 ? 'MISSED' : soon > 0 ? 'AT_RISK' : open > 0 || asOf < Y.to ? 'ON_TRACK' : 'MET';
    const r = { id: `deadline:${k.kind}`, period: Y, status };
    row({
      ...r, kind: 'DEADLINE', label: k.label, cite: k.cite,
      target: count(list.length, list.length ? `${list.length}项全部按时完成` : '本年无到期事项', list.length),
      achieved: count(onTime, `按时完成${onTime}项，逾期${subjects.length}项，未到期${soon + open}项`, list.length),
      explanation: subjects.length ? `${subjects.length}项逾期。` : soon ? `${soon}项即将到期。` : '没有逾期。',
      subjects,
    });
    if (soon > 0) warn(r, `${DEADLINE_LABELS[k.kind] ?? k.kind}有${soon}项即将到期。`, null);
  }

  // 年度计划 annualPlanDue: the plan falling due in this year, published on time.
  const planDue = rules.planning?.annualPlanDue;
  if (planDue) {
    const planYear = planDue.plansYear === 'next' ? year + 1 : year;
    const due = `${year}-${String(planDue.month).padStart(2, '0')}-${String(planDue.day).padStart(2, '0')}`;
    const published = facts.plan?.publishedOn ?? null;
    const late = published !== null && published > due;
    const status: ObligationStatus = published !== null ? (late ? 'MISSED' : 'MET') : asOf > due ? 'MISSED' : daysBetween(asOf, due) <= 15 ? 'AT_RISK' : 'ON_TRACK';
    const r = { id: 'deadline:annual-plan', period: { from: Y.from, to: due, label: `${year}年` }, status };
    row({
      ...r, kind: 'DEADLINE', label: `${planYear}年度抽查计划于${due}前制定发布`, cite: planDue.cite,
      target: count(1, `${due}前发布`), achieved: count(published ? 1 : 0, published ? `${published}发布${late ? `，逾期${daysBetween(due, published)}日` : ''}` : '尚未发布'),
      explanation: published ? (late ? `逾期${daysBetween(due, published)}日发布。` : '按时发布。') : asOf > due ? `至${asOf}仍未发布，已逾期${daysBetween(due, asOf)}日。` : '尚未发布。',
    });
    warn(r, `${planYear}年度抽查计划须于${due}前发布。`, null);
  }

  // 专业人员 specialists: teams for the sector with too few inspectors of it.
  for (const s of rules.specialists ?? []) {
    const domains = new Map(facts.inspectors.map((i) => [i.id, i.domains]));
    const lacking: ComplianceSubject[] = [];
    let teams = 0;
    for (const p of picks) {
      if (byUscc.get(p.uscc)?.sector !== s.sector) continue;
      teams += 1;
      const specialists = p.team.filter((id) => domains.get(id)?.includes(s.sector)).length;
      if (specialists < s.minSpecialists || p.team.length < s.teamSize) {
        lacking.push({ kind: 'TASK', taskId: p.taskId, title: tasksById.get(p.taskId)!.title, note: `${nameOf(p.uscc)}：检查组${p.team.length}人，其中专业人员${specialists}人（应不少于${s.teamSize}人、专业人员不少于${s.minSpecialists}人）` });
      }
    }
    const label = sectorLabel(rules, s.sector);
    row({
      id: `specialists:${s.sector}`, kind: 'SPECIALISTS', period: Y, status: lacking.length ? 'MISSED' : asOf >= Y.to ? 'MET' : 'ON_TRACK',
      label: `${label}检查组不少于${s.teamSize}人，其中专业人员不少于${s.minSpecialists}人`, cite: s.cite,
      target: count(teams, `${teams}个检查组均符合`, teams), achieved: count(teams - lacking.length, `符合${teams - lacking.length}个，不符合${lacking.length}个`, teams),
      explanation: lacking.length ? `${lacking.length}个检查组缺少专业人员。` : '所有检查组均有所需专业人员。',
      subjects: lacking,
    });
  }

  // 回避 recusals applied by the draws (informative: a recusal is the rule working).
  if (rules.recusal) {
    const applied = facts.recusals.filter((x) => tasksById.has(x.taskId));
    row({
      id: 'recusal', kind: 'RECUSAL', period: Y, status: 'MET', label: '执法检查人员与检查对象有利害关系的应当回避', cite: rules.recusal.cite,
      target: null, achieved: count(applied.length, `抽取中回避${applied.length}人次`),
      explanation: '抽取时自动排除有利害关系的人员，此处列出已适用的回避。',
      subjects: applied.map((x) => ({ kind: 'INSPECTOR', inspectorId: x.personId, name: x.personName, note: `${tasksById.get(x.taskId)!.title}：回避${nameOf(x.uscc)}（${x.reason}）` })),
    });
  }

  // 执法检查人员名录库 size and review.
  const directory = rules.inspectorDirectory;
  if (directory?.minSize !== undefined) {
    const active = facts.inspectors.filter((i) => i.active).length;
    const met = active >= directory.minSize;
    row({
      id: 'inspector-directory:size', kind: 'INSPECTOR_DIRECTORY', period: Y, status: met ? 'MET' : asOf >= Y.to ? 'MISSED' : 'AT_RISK', label: `执法检查人员名录库不少于${directory.minSize}人`, cite: directory.cite,
      target: count(directory.minSize, `不少于${directory.minSize}人`), achieved: count(active, `在库${active}人`),
      explanation: met ? '名录库人数符合要求。' : `还差${directory.minSize - active}人。`,
    });
  }
  if (directory?.reviewEveryMonths !== undefined) {
    const last = facts.inspectorsReviewedOn;
    const [y, m, d] = (last ?? '0000-01-01').split('-').map(Number) as [number, number, number];
    const due = last ? new Date(Date.UTC(y, m - 1 + directory.reviewEveryMonths, d)).toISOString().slice(0, 10) : null;
    const status: ObligationStatus = due === null ? 'MISSED' : due < asOf ? 'MISSED' : daysBetween(asOf, due) <= 30 ? 'AT_RISK' : 'MET';
    row({
      id: 'inspector-directory:review', kind: 'INSPECTOR_DIRECTORY', period: Y, status, label: `执法检查人员名录库每${directory.reviewEveryMonths}个月复核一次`, cite: directory.cite,
      target: count(directory.reviewEveryMonths, `每${directory.reviewEveryMonths}个月`), achieved: count(due !== null && due >= asOf ? 1 : 0, last ? `复核周期自${last}起，应于${due}前复核` : '没有复核记录'),
      explanation: due === null ? '没有复核记录。' : due < asOf ? `应于${due}前复核，已逾期${daysBetween(due, asOf)}日。` : `下次复核应于${due}前。`,
    });
  }

  // Stated by the pack, not measurable on the platform: listed, never dropped.
  if (rules.directory) notMeasurable('directory', `检查对象名录库${rules.directory.updateEveryMonths ? `每${rules.directory.updateEveryMonths}个月更新，` : ''}应纳入${rules.directory.mustInclude.map((x) => GROUP_LABELS[x]).join('、')}`, rules.directory.cite, '平台只知道已录入名录的单位，无法知道应纳入而未纳入的单位。');
  if (rules.planning?.filedUpwardAndPublished) notMeasurable('plan-filed', '年度抽查计划报上级部门备案并向社会公开', rules.planning.filedUpwardAndPublished.cite, '报送备案在平台之外进行，平台无法记录上级部门是否收到。');

  return { rows, warnings, coverage, inspectorLoad: options.inspectorLoad === false ? [] : inspectorLoad(facts, picks, doneOf), totals: totals() };

  function totals(): ComplianceReport['totals'] {
    return { supervised: supervised.length, distinctDrawn, draws: picks.length, inspectionsDone, otherInspections, tasks: liveTasks, cancelledTasks };
  }
}

export interface MeasureOptions {
  /** The inspectors' load (a sort of every inspector of the year); false leaves it empty, for a caller that reads only the rows (the simulation). */
  readonly inspectorLoad?: boolean;
}

/** What a year's measurement reads of the directory alone: who was in it in the year, each group's members, the enterprises by USCC. */
export interface DirectoryIndex {
  readonly supervised: readonly ComplianceEnterprise[];
  /** Each group's members as of asOf. */
  readonly membersOf: ReadonlyMap<Selector, readonly ComplianceEnterprise[]>;
  /** A group's members on a day: as of asOf, with the standings of that day where they differed (ComplianceEnterprise.groupsOn). */
  membersOn(group: Selector, day: string): readonly ComplianceEnterprise[];
  readonly byUscc: { get(uscc: string): ComplianceEnterprise | undefined };
}

/**
 * One pass over the directory (facts.enterprises, year, asOf). The simulation makes it once and
 * measures every simulated year with it, the directory being the same in each (docs/simulation.md).
 */
export function indexDirectory(facts: Pick<ComplianceFacts, 'enterprises' | 'year' | 'asOf'>): DirectoryIndex {
  const Y = yearPeriod(facts.year);
  const asOf = facts.asOf > Y.to ? Y.to : facts.asOf;
  const yearEnd = asOf < Y.from ? Y.from : asOf;
  const inDirectoryDuring = (e: ComplianceEnterprise, from: string, to: string) => e.inDirectory.some((s) => s.from <= to && (s.to === null || s.to >= from));
  let byUsccIndex: Map<string, ComplianceEnterprise> | null = null;
  // Built only when a subject needs a name: most simulated years list few subjects.
  const byUscc = { get: (uscc: string) => (byUsccIndex ??= new Map(facts.enterprises.map((e) => [e.uscc, e]))).get(uscc) };
  const membersOf = new Map<Selector, ComplianceEnterprise[]>();
  const supervised: ComplianceEnterprise[] = [];
  // The enterprises whose groups differed on an earlier day, by day (few: those whose standing changed).
  const changedOn = new Map<string, ComplianceEnterprise[]>();
  for (const e of facts.enterprises) {
    if (inDirectoryDuring(e, Y.from, yearEnd)) supervised.push(e);
    for (const g of e.groups) {
      const list = membersOf.get(g);
      if (list) list.push(e); else membersOf.set(g, [e]);
    }
    if (e.groupsOn) {
      for (const day of Object.keys(e.groupsOn)) {
        const list = changedOn.get(day);
        if (list) list.push(e); else changedOn.set(day, [e]);
      }
    }
  }
  const membersOn = (group: Selector, day: string): readonly ComplianceEnterprise[] => {
    const members = membersOf.get(group) ?? [];
    const changed = changedOn.get(day);
    if (!changed) return members;
    const out = members.filter((e) => e.groupsOn?.[day]?.includes(group) ?? true);
    for (const e of changed) if (e.groupsOn![day]!.includes(group) && !e.groups.includes(group)) out.push(e);
    return out;
  };
  return { supervised, membersOf, membersOn, byUscc };
}

/** Draws and inspections done per inspector (team leader and members), busiest first. */
function inspectorLoad(facts: ComplianceFacts, picks: readonly ComplianceFacts['picks'][number][], doneOf: ReadonlyMap<string, string>): InspectorLoad[] {
  const load = new Map<string, { draws: number; inspections: number }>();
  for (const p of picks) {
    const done = doneOf.has(pickKey(p.taskId, p.uscc));
    for (const id of p.team) {
      const l = load.get(id) ?? { draws: 0, inspections: 0 };
      l.draws += 1;
      if (done) l.inspections += 1;
      load.set(id, l);
    }
  }
  const names = new Map(facts.inspectors.map((i) => [i.id, i.name]));
  return [...load].map(([inspectorId, l]) => ({ inspectorId, name: names.get(inspectorId) ?? inspectorId, ...l })).sort((a, b) => b.draws - a.draws || a.inspectorId.localeCompare(b.inspectorId));
}


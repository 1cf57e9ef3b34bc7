import type { Rules } from '../../core/rules/schema.ts';
import { categoriesOf } from '../../core/results/categories.ts';
import type { PackProblem } from './problem.ts';
import { SECTOR_CODES } from '../../core/directory/sectors.ts';
import { matchesWhen, ratioOf } from '../../core/rules/evaluate-pool.ts';
import { stratumLabel } from '../../core/rules/messages.ts';
import { BASE_VOCABULARY } from '../../core/directory/sector-vocabulary.ts';
import { GROUP } from './explain.ts';

const RISK = ['MAJOR', 'HIGH', 'GENERAL', 'LOW'] as const;
const CREDIT = ['TRUSTWORTHY', 'NORMAL', 'DISHONEST', 'SERIOUSLY_DISHONEST'] as const;

/**
 * 分层比例 per-stratum ratios that the strata cannot carry: every combination of risk, credit and
 * sector is tried (4 × 4 × the sectors), and a stratum whose members would match two ratio
 * entries (or one and none: a `when` on a field not in `strata.by`), or whose weights differ
 * inside a ratio stratum (sampled uniformly, §6a of docs/draw-algorithm.md), is refused.
 */
export function ratioProblems(rules: Rules): PackProblem[] {
  const strata = rules.strata;
  if (!strata?.ratios?.length) return [];
  const byStratum = new Map<string, { ratios: Set<number>; weights: Set<number> }>();
  for (const riskLevel of RISK) for (const creditLevel of CREDIT) for (const sector of SECTOR_CODES) {
    const e = { riskLevel, creditLevel, sector };
    const key = strata.by.length === 0 ? 'all' : strata.by.map((f) => `${f}=${e[f]}`).join('|');
    let seen = byStratum.get(key);
    if (!seen) byStratum.set(key, (seen = { ratios: new Set(), weights: new Set() }));
    seen.ratios.add(ratioOf(e, rules));
    seen.weights.add(strata.weights?.find(({ when }) => matchesWhen(when, e))?.weight ?? 1);
  }
  const problems: PackProblem[] = [];
  for (const [key, seen] of byStratum) {
    const ratios = [...seen.ratios].sort((a, b) => a - b);
    if (ratios.length > 1) {
      const named = ratios.map((i) => (i < 0 ? '无比例（按权重）' : `rules.strata.ratios.${i}`)).join('、');
      problems.push({ code: 'CONTRADICTION', path: `rules.strata.ratios.${ratios.find((i) => i >= 0)}.when`, message: `分层「${stratumLabel(key)}」的企业会匹配不同的比例（${named}）：比例条件只能按分层字段 ${strata.by.join('、') || '（无）'} 区分，请把该字段加入 strata.by 或修改条件（the strata by ${strata.by.join(', ') || 'nothing'} cannot separate these ratios）`, cites: [strata.cite] });
    } else if (ratios[0]! >= 0 && seen.weights.size > 1) {
      problems.push({ code: 'CONTRADICTION', path: 'rules.strata.weights', message: `分层「${stratumLabel(key)}」按比例 rules.strata.ratios.${ratios[0]} 等概率抽取，其中权重却不同（${[...seen.weights].join('、')}）：比例分层内不读权重，请删去或统一这些权重（weights differ inside a ratio stratum, which is sampled uniformly）`, cites: [strata.cite] });
    }
  }
  return problems;
}

const PER_YEAR = { year: 1, 'half-year': 2 } as const;
const EVERY = { year: '每年', 'half-year': '每半年' } as const;
const sectorName = (code: string) => BASE_VOCABULARY.labelOf(code);

/**
 * Rules that cannot all hold: each problem cites every clause involved, so the author can see
 * which documents disagree (or which override went wrong).
 */
export function findContradictions(rules: Rules): PackProblem[] {
  const problems: PackProblem[] = [];
  const { cap, team, specialists, checklist } = rules;

  // A cap lower than a mandatory frequency for units the cap does not exempt.
  if (cap) {
    (rules.frequencies ?? []).forEach((f, i) => {
      const exempt = cap.exceptions.includes(f.who) || cap.exceptions.includes('all');
      if (!exempt && PER_YEAR[f.every] > cap.perYear) {
        problems.push({
          code: 'CONTRADICTION',
          path: `rules.frequencies.${i}`,
          message: `「${GROUP[f.who][0]}」须${EVERY[f.every]}检查一次（每年 ${PER_YEAR[f.every]} 次），但每年抽查上限为 ${cap.perYear} 次且未将其列为例外 ("${f.who}" must be inspected every ${f.every}, ${PER_YEAR[f.every]} a year, but the cap allows ${cap.perYear} a year and does not exempt it)`,
          cites: [f.cite, cap.cite],
        });
      }
    });
  }

  if (team?.maxSize !== undefined && team.maxSize < team.minSize) {
    problems.push({ code: 'CONTRADICTION', path: 'rules.team.maxSize', message: `检查组最多人数 ${team.maxSize} 小于最少人数 ${team.minSize} (maxSize ${team.maxSize} is below minSize ${team.minSize})`, cites: [team.cite] });
  }

  (specialists ?? []).forEach((s, i) => {
    if (s.minSpecialists > s.teamSize) {
      problems.push({ code: 'CONTRADICTION', path: `rules.specialists.${i}`, message: `${s.teamSize} 人的检查组容不下 ${s.minSpecialists} 名专业人员 (${s.minSpecialists} specialists cannot fit a team of ${s.teamSize})`, cites: [s.cite] });
    }
    if (team && (s.teamSize < team.minSize || (team.maxSize !== undefined && s.teamSize > team.maxSize))) {
      problems.push({
        code: 'CONTRADICTION',
        path: `rules.specialists.${i}.teamSize`,
        message: `${sectorName(s.sector)}检查组 ${s.teamSize} 人，不在检查组人数 ${team.minSize}${team.maxSize ? `–${team.maxSize}` : ' 人以上'}之内 (a ${s.sector} team of ${s.teamSize} is outside the team size ${team.minSize}${team.maxSize ? `–${team.maxSize}` : '+'})`,
        cites: [s.cite, team.cite],
      });
    }
  });

  if (checklist?.drawItems?.max !== undefined && checklist.drawItems.max < checklist.drawItems.min) {
    problems.push({ code: 'CONTRADICTION', path: 'rules.checklist.drawItems.max', message: `每次最多抽取检查事项 ${checklist.drawItems.max} 项，小于最少 ${checklist.drawItems.min} 项 (max ${checklist.drawItems.max} is below min ${checklist.drawItems.min})`, cites: [checklist.drawItems.cite] });
  }

  problems.push(...ratioProblems(rules));
  (checklist?.items ?? []).forEach((item, i) => {
    const path = `rules.checklist.items.${i}`;
    if ((item.code === undefined) === (item.match === undefined)) {
      problems.push({ code: 'CONTRADICTION', path, message: '检查事项规则须以事项编码（code）或匹配条件（match）之一指明事项，且只能用其一 (a checklist item rule names its items by exactly one of code or match)', cites: [item.cite] });
    }
    if (item.ratioMinPercent === undefined && item.every === undefined) {
      problems.push({ code: 'CONTRADICTION', path, message: '检查事项规则须给出最低抽查比例（ratioMinPercent）或抽查频次（every），或两者 (a checklist item rule gives ratioMinPercent, every, or both)', cites: [item.cite] });
    }
  });

  const seen = new Map<string, number>();
  (rules.deadlines ?? []).forEach((d, i) => {
    const earlier = seen.get(d.id);
    if (earlier !== undefined) {
      problems.push({ code: 'CONTRADICTION', path: `rules.deadlines.${i}`, message: `期限「${d.id}」已在 rules.deadlines.${earlier} 规定过 (deadline "${d.id}" is already defined at rules.deadlines.${earlier})`, cites: [d.cite, rules.deadlines![earlier]!.cite] });
    }
    seen.set(d.id, i);
  });
  return problems;
}

/** What a jurisdiction's directory can give, for checks that depend on it. */
export interface DirectoryCapacity {
  /** Inspectors who meet the pack's eligibility on a typical inspection date. */
  readonly eligibleInspectors: number;
  /** Eligible inspectors by enforcement domain (sector code). */
  readonly eligibleBySector: Readonly<Record<string, number>>;
  /** Active inspectors of the directory, eligible or not (the directory's size). */
  readonly activeInspectors?: number;
}

/** A team larger than the eligible directory could ever give (checked when a jurisdiction selects a pack). */
export function findCapacityProblems(rules: Rules, capacity: DirectoryCapacity): PackProblem[] {
  const problems: PackProblem[] = [];
  const minSize = rules.inspectorDirectory?.minSize;
  if (minSize !== undefined && capacity.activeInspectors !== undefined && capacity.activeInspectors < minSize) {
    problems.push({
      code: 'CONTRADICTION',
      path: 'rules.inspectorDirectory.minSize',
      message: `执法检查人员名录库在册 ${capacity.activeInspectors} 人，规则包要求不少于 ${minSize} 人 (the directory has ${capacity.activeInspectors} inspectors; the pack asks for ${minSize})`,
      cites: [rules.inspectorDirectory!.cite],
    });
  }
  const canPool = rules.pooling?.neighbours || rules.pooling?.townshipStations || rules.pooling?.directAssignment;
  if (rules.team && rules.team.minSize > capacity.eligibleInspectors && !canPool) {
    problems.push({
      code: 'CONTRADICTION',
      path: 'rules.team.minSize',
      message: `检查组至少需要 ${rules.team.minSize} 名执法人员，名录库中符合条件的只有 ${capacity.eligibleInspectors} 名，且规则包不允许跨辖区联合抽取 (teams need ${rules.team.minSize} inspectors but the directory has ${capacity.eligibleInspectors} eligible, and the pack allows no pooling)`,
      cites: [rules.team.cite],
    });
  }
  (rules.specialists ?? []).forEach((s, i) => {
    const available = capacity.eligibleBySector[s.sector] ?? 0;
    if (s.minSpecialists > available) {
      problems.push({
        code: 'CONTRADICTION',
        path: `rules.specialists.${i}.minSpecialists`,
        message: `${sectorName(s.sector)}检查组需要 ${s.minSpecialists} 名专业人员，名录库中符合条件的只有 ${available} 名 (${s.sector} teams need ${s.minSpecialists} specialist(s) but the directory has ${available} eligible)`,
        cites: [s.cite],
      });
    }
  });
  if (rules.nonCooperation) {
    const { categories, cite } = categoriesOf(rules);
    if (!categories.some((c) => c.code === rules.nonCooperation!.category)) {
      problems.push({
        code: 'CONTRADICTION',
        path: 'rules.nonCooperation.category',
        message: `不予配合情节严重对应的结果类别「${rules.nonCooperation.category}」不是规则包的检查结果类别之一 (non-cooperation leads to the category "${rules.nonCooperation.category}", which is not one of the pack's result categories)`,
        cites: [rules.nonCooperation.cite, ...(cite ? [cite] : [])],
      });
    }
  }
  return problems;
}

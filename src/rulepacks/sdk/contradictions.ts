import type { Rules } from '../../core/rules/schema.ts';
import { categoriesOf } from '../../core/results/categories.ts';
import type { PackProblem } from './problem.ts';

const PER_YEAR = { year: 1, 'half-year': 2 } as const;

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
          message: `"${f.who}" must be inspected every ${f.every} (${PER_YEAR[f.every]} a year), but the cap allows ${cap.perYear} a year and does not exempt "${f.who}"`,
          cites: [f.cite, cap.cite],
        });
      }
    });
  }

  if (team?.maxSize !== undefined && team.maxSize < team.minSize) {
    problems.push({ code: 'CONTRADICTION', path: 'rules.team.maxSize', message: `maxSize ${team.maxSize} is below minSize ${team.minSize}`, cites: [team.cite] });
  }

  (specialists ?? []).forEach((s, i) => {
    if (s.minSpecialists > s.teamSize) {
      problems.push({ code: 'CONTRADICTION', path: `rules.specialists.${i}`, message: `${s.minSpecialists} specialists cannot fit a team of ${s.teamSize}`, cites: [s.cite] });
    }
    if (team && (s.teamSize < team.minSize || (team.maxSize !== undefined && s.teamSize > team.maxSize))) {
      problems.push({
        code: 'CONTRADICTION',
        path: `rules.specialists.${i}.teamSize`,
        message: `a ${s.sector} team of ${s.teamSize} is outside the team size ${team.minSize}${team.maxSize ? `–${team.maxSize}` : '+'}`,
        cites: [s.cite, team.cite],
      });
    }
  });

  if (checklist?.drawItems?.max !== undefined && checklist.drawItems.max < checklist.drawItems.min) {
    problems.push({ code: 'CONTRADICTION', path: 'rules.checklist.drawItems.max', message: `max ${checklist.drawItems.max} is below min ${checklist.drawItems.min}`, cites: [checklist.drawItems.cite] });
  }

  (checklist?.items ?? []).forEach((item, i) => {
    const path = `rules.checklist.items.${i}`;
    if ((item.code === undefined) === (item.match === undefined)) {
      problems.push({ code: 'CONTRADICTION', path, message: 'a checklist item rule names its items by exactly one of code or match', cites: [item.cite] });
    }
    if (item.ratioMinPercent === undefined && item.every === undefined) {
      problems.push({ code: 'CONTRADICTION', path, message: 'a checklist item rule gives ratioMinPercent, every, or both', cites: [item.cite] });
    }
  });

  const seen = new Map<string, number>();
  (rules.deadlines ?? []).forEach((d, i) => {
    const earlier = seen.get(d.id);
    if (earlier !== undefined) {
      problems.push({ code: 'CONTRADICTION', path: `rules.deadlines.${i}`, message: `deadline "${d.id}" is already defined at rules.deadlines.${earlier}`, cites: [d.cite, rules.deadlines![earlier]!.cite] });
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
      message: `teams need ${rules.team.minSize} inspectors but the directory has ${capacity.eligibleInspectors} eligible, and the pack allows no pooling`,
      cites: [rules.team.cite],
    });
  }
  (rules.specialists ?? []).forEach((s, i) => {
    const available = capacity.eligibleBySector[s.sector] ?? 0;
    if (s.minSpecialists > available) {
      problems.push({
        code: 'CONTRADICTION',
        path: `rules.specialists.${i}.minSpecialists`,
        message: `${s.sector} teams need ${s.minSpecialists} specialist(s) but the directory has ${available} eligible`,
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
        message: `non-cooperation leads to the category "${rules.nonCooperation.category}", which is not one of the pack's result categories`,
        cites: [rules.nonCooperation.cite, ...(cite ? [cite] : [])],
      });
    }
  }
  return problems;
}

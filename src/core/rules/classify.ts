import type { EnterpriseFacts, RecordFact } from './facts.ts';
import type { Rules, Selector } from './schema.ts';

/**
 * Thresholds the engine uses when a pack does not define a group: the documents name these
 * groups without numbers, so packs should say; these keep a pack without them working.
 */
export const DEFAULT_DEFINITIONS = {
  complaintHeavy: { minRecords: 2, withinMonths: 12 },
  accidentProne: { minRecords: 2, withinMonths: 24 },
  penalised: { minRecords: 1, withinMonths: 12 },
  seriousViolator: { minRecords: 1, withinMonths: 36 },
} as const;

const KIND = { complaintHeavy: 'COMPLAINT', accidentProne: 'ACCIDENT', penalised: 'PENALTY', seriousViolator: 'SERIOUS_VIOLATION' } as const;

/** The same day `months` months earlier. */
function monthsBefore(asOf: string, months: number): string {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1 - months, d)).toISOString().slice(0, 10);
}

const RECORD_GROUPS = ['complaintHeavy', 'accidentProne', 'penalised', 'seriousViolator'] as const;

/**
 * Whether an enterprise belongs to a group on a date, under a pack's definitions: built once per
 * pool (the record windows are dated once), then asked per enterprise and group without
 * allocating, since a province pool asks it a million times.
 */
export function selectorTest(rules: Rules, asOf: string, options: { special?: boolean } = {}): (enterprise: EnterpriseFacts, group: Selector) => boolean {
  const windows = Object.fromEntries(
    RECORD_GROUPS.map((group) => {
      const definition = rules.definitions?.[group] ?? DEFAULT_DEFINITIONS[group];
      return [group, { kind: KIND[group], since: monthsBefore(asOf, definition.withinMonths), min: definition.minRecords }];
    }),
  ) as Record<(typeof RECORD_GROUPS)[number], { kind: RecordFact['kind']; since: string; min: number }>;
  const recentEnough = (records: readonly RecordFact[], w: { kind: RecordFact['kind']; since: string; min: number }) => {
    let n = 0;
    for (const r of records) if (r.kind === w.kind && r.occurredOn > w.since && r.occurredOn <= asOf && ++n >= w.min) return true;
    return false;
  };
  return (e, group) => {
    switch (group) {
      case 'all': return true;
      case 'keyHighDanger': return e.keyHighDanger;
      case 'blacklisted': return e.blacklisted;
      case 'majorHazard': return e.majorHazardSource;
      case 'dishonest': return e.creditLevel === 'DISHONEST' || e.creditLevel === 'SERIOUSLY_DISHONEST';
      case 'trustworthy': return e.creditLevel === 'TRUSTWORTHY';
      case 'highRisk': return e.riskLevel === 'MAJOR' || e.riskLevel === 'HIGH';
      case 'lowRisk': return e.riskLevel === 'LOW';
      case 'directedSpecial': return options.special === true;
      default: return e.records.length > 0 && recentEnough(e.records, windows[group]);
    }
  };
}

const ALL_SELECTORS: readonly Selector[] = ['all', 'keyHighDanger', 'blacklisted', 'majorHazard', 'dishonest', 'trustworthy', 'highRisk', 'lowRisk', 'directedSpecial', ...RECORD_GROUPS];

/** The groups (selectors) an enterprise belongs to on a date, under a pack's definitions. */
export function selectorsOf(enterprise: EnterpriseFacts, rules: Rules, asOf: string, options: { special?: boolean } = {}): Set<Selector> {
  const test = selectorTest(rules, asOf, options);
  return new Set(ALL_SELECTORS.filter((group) => test(enterprise, group)));
}

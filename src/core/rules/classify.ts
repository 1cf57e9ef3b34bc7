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

const monthsBeforeCache = new Map<string, string>();

/** The same day `months` months earlier (memoised: a pool asks the same few dates for every enterprise). */
function monthsBefore(asOf: string, months: number): string {
  const key = `${asOf}/${months}`;
  let value = monthsBeforeCache.get(key);
  if (value === undefined) {
    const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
    value = new Date(Date.UTC(y, m - 1 - months, d)).toISOString().slice(0, 10);
    if (monthsBeforeCache.size > 1000) monthsBeforeCache.clear();
    monthsBeforeCache.set(key, value);
  }
  return value;
}

function recent(records: readonly RecordFact[], kind: RecordFact['kind'], asOf: string, withinMonths: number): number {
  const since = monthsBefore(asOf, withinMonths);
  return records.filter((r) => r.kind === kind && r.occurredOn > since && r.occurredOn <= asOf).length;
}

/** The groups (selectors) an enterprise belongs to on a date, under a pack's definitions. */
export function selectorsOf(enterprise: EnterpriseFacts, rules: Rules, asOf: string, options: { special?: boolean } = {}): Set<Selector> {
  const groups = new Set<Selector>(['all']);
  if (enterprise.keyHighDanger) groups.add('keyHighDanger');
  if (enterprise.blacklisted) groups.add('blacklisted');
  if (enterprise.majorHazardSource) groups.add('majorHazard');
  if (enterprise.creditLevel === 'DISHONEST' || enterprise.creditLevel === 'SERIOUSLY_DISHONEST') groups.add('dishonest');
  if (enterprise.creditLevel === 'TRUSTWORTHY') groups.add('trustworthy');
  if (enterprise.riskLevel === 'MAJOR' || enterprise.riskLevel === 'HIGH') groups.add('highRisk');
  if (enterprise.riskLevel === 'LOW') groups.add('lowRisk');
  if (options.special) groups.add('directedSpecial');
  for (const group of ['complaintHeavy', 'accidentProne', 'penalised', 'seriousViolator'] as const) {
    const definition = rules.definitions?.[group] ?? DEFAULT_DEFINITIONS[group];
    if (recent(enterprise.records, KIND[group], asOf, definition.withinMonths) >= definition.minRecords) groups.add(group);
  }
  return groups;
}

import type { Consequence, EnterpriseStanding } from './consequences.ts';

export type StandingField = keyof EnterpriseStanding;

/** A change a published result (or a follow-up of it) made to its enterprise's standing, as stored. */
export interface StandingChange {
  readonly id: string;
  readonly field: StandingField;
  /** The value before, and the one the result set, as text ('true', 'HIGH', 'DISHONEST'…). */
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

/** A dated record a result wrote (PENALTY, SERIOUS_VIOLATION) and nothing has withdrawn. */
export interface ResultRecord {
  readonly id: string;
  readonly kind: string;
  readonly occurredOn: string;
  readonly description: string | null;
}

export interface Rederivation {
  /** Changes the new version causes too: they stay as they are. */
  readonly kept: readonly StandingChange[];
  /** Changes the new version would not cause: back to `from`. */
  readonly undone: readonly StandingChange[];
  /**
   * Changes whose value someone has changed since: left alone. `caused` when the new version
   * causes them too (they stay its own, and are not applied again over that person's change).
   */
  readonly changedSince: readonly (StandingChange & { readonly caused: boolean; readonly now: string })[];
  readonly keptRecords: readonly ResultRecord[];
  /** Records the new version no longer produces: withdrawn, never deleted. */
  readonly withdrawnRecords: readonly ResultRecord[];
  /** The new version's own consequences not already in force, to apply on `standing`. */
  readonly apply: readonly Consequence[];
  /** The standing once the undone changes are undone, before `apply`. */
  readonly standing: EnterpriseStanding;
}

const text = (standing: EnterpriseStanding, field: StandingField) => String(standing[field]);

function withValue(standing: EnterpriseStanding, field: StandingField, value: string): EnterpriseStanding {
  return field === 'blacklisted' ? { ...standing, blacklisted: value === 'true' } : { ...standing, [field]: value };
}

/** The field and value a consequence sets, if it changes the standing. */
export function standingChangeOf(c: Consequence): { field: StandingField; to: string } | undefined {
  if (c.kind === 'BLACKLIST') return { field: 'blacklisted', to: 'true' };
  if (c.kind === 'RISK') return { field: 'riskLevel', to: c.to };
  if (c.kind === 'CREDIT') return { field: 'creditLevel', to: c.to };
  return undefined;
}

// A blacklisting is kept only for the same reason: its record says why, and that must stay true.
const sameChange = (c: Consequence, s: StandingChange) => {
  const change = standingChangeOf(c);
  return change !== undefined && change.field === s.field && change.to === s.to && (s.field !== 'blacklisted' || (c.kind === 'BLACKLIST' && c.reason === s.reason));
};

const sameRecord = (c: Consequence, r: ResultRecord) => c.kind === 'RECORD' && c.record === r.kind && c.occurredOn === r.occurredOn && c.reason === r.description;

/**
 * 更正 (卧龙 第二十六条): a correction re-derives the consequences of the version it replaces.
 * `previous` are the standing changes earlier versions made and still hold, oldest first;
 * `derive` gives the new version's consequences on the standing as it was before them. What the
 * new version would cause too is kept; what it would not is undone, unless someone changed the
 * value since; records it no longer produces are withdrawn; its own new consequences follow.
 */
export function rederive(previous: readonly StandingChange[], records: readonly ResultRecord[], current: EnterpriseStanding, derive: (before: EnterpriseStanding) => readonly Consequence[]): Rederivation {
  const holds = (c: StandingChange) => text(current, c.field) === c.to;
  // Newest first, so that the oldest change's `from` is what the field was before them all.
  const before = previous.filter(holds).reverse().reduce((s, c) => withValue(s, c.field, c.from), current);
  const wanted = [...derive(before)];
  const take = <T>(match: (w: Consequence) => boolean, item: T, yes: T[], no: T[]) => {
    const i = wanted.findIndex(match);
    if (i >= 0) wanted.splice(i, 1);
    (i >= 0 ? yes : no).push(item);
    return i >= 0;
  };
  const kept: StandingChange[] = [];
  const undone: StandingChange[] = [];
  const changedSince: (StandingChange & { caused: boolean; now: string })[] = [];
  for (const c of previous) {
    if (holds(c)) take((w) => sameChange(w, c), c, kept, undone);
    else {
      const caused = take((w) => sameChange(w, c), c, [], []);
      changedSince.push({ ...c, caused, now: text(current, c.field) });
    }
  }
  const keptRecords: ResultRecord[] = [];
  const withdrawnRecords: ResultRecord[] = [];
  for (const r of records) take((w) => sameRecord(w, r), r, keptRecords, withdrawnRecords);
  // A field the new version keeps a change of stays as it is, whatever else on it is undone.
  const keptFields = new Set(kept.map((c) => c.field));
  const standing = [...undone].reverse().filter((c) => !keptFields.has(c.field)).reduce((s, c) => withValue(s, c.field, c.from), current);
  return { kept, undone, changedSince, keptRecords, withdrawnRecords, apply: wanted, standing };
}

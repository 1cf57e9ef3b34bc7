import type { Prisma } from '@prisma/client';
import { byRecord } from '../../core/draw/canonical-snapshot.ts';
import type { DrawSnapshot, ExpertFacts, SealOpening, SnapshotHistory } from '../../core/draw/types.ts';
import type { YearHistory } from '../../core/rules/evaluate-pool.ts';
import type { EnterpriseFacts, InspectorFacts, RecordFact } from '../../core/rules/facts.ts';
import { upperLevelEntries } from './upper-level-seals.ts';
import { pooledNeighbours } from '../jurisdictions/pooling-consent.ts';
import { bookingsOn } from './inspector-bookings.ts';
import { lowerLevelPicks, rotationFromDraws } from './rotation-and-levels.ts';

type Db = Prisma.TransactionClient;
const isoDate = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);

/**
 * The directories of a jurisdiction as a draw sees them at lock time: enterprises with their
 * records (not those a correction withdrew), its own inspectors and those of the neighbours it agreed with to pool (less
 * those already on another jurisdiction's team that inspection day), experts with the enterprises
 * they served, the checklist, recorded conflicts, and this year's inspections. Inspectors and
 * experts appear by their directory ids, which say nothing about the person. With it come the
 * openings of its seals (docs/draw-algorithm.md §9), for the trial run at the lock only. The upper
 * level's picks are taken only for a pack that excludes them (`upperLevel`).
 */
export async function snapshotFromDirectory(db: Db, jurisdictionId: string, options: { year: number; checklistCodes: readonly string[]; taskId: string; upperLevel: boolean; inspectionDate: Date; lowerLevel?: boolean; rotationMax?: number }): Promise<{ snapshot: DrawSnapshot; openings: readonly SealOpening[] }> {
  // Only neighbours both of whose admins agreed to pool (卧龙 第十八条; pooling-consent.ts).
  const neighbours = await pooledNeighbours(db, jurisdictionId);
  const [enterprises, records, directoryInspectors, experts, checklist, conflicts, own, jurisdiction, booked] = await Promise.all([
    // In USCC order (its characters sort alike in every collation): the draw's canonical order, so it need not sort.
    db.enterprise.findMany({ where: { jurisdictionId, active: true }, orderBy: { uscc: 'asc' } }),
    db.enterpriseRecord.findMany({ where: { jurisdictionId, withdrawnOn: null }, select: { enterpriseId: true, kind: true, occurredOn: true } }),
    db.inspector.findMany({ where: { jurisdictionId: { in: [jurisdictionId, ...neighbours] }, active: true } }),
    db.expert.findMany({ where: { jurisdictionId, active: true }, include: { services: true } }),
    db.checklistItem.findMany({ where: { jurisdictionId, active: true }, select: { id: true, code: true, sectors: true, parentId: true } }),
    db.conflictOfInterest.findMany({ where: { jurisdictionId }, select: { personId: true, uscc: true } }),
    ownYearHistory(db, jurisdictionId, options.year),
    db.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId }, select: { parentId: true } }),
    bookingsOn(db, options.inspectionDate, jurisdictionId),
  ]);
  // An inspector already on another jurisdiction's team that day (pooled there) is not in this pool.
  const inspectors = directoryInspectors.filter((i) => !booked.has(i.id));
  // The level above, when the pack reads it (nothing else does): only what it drew in this
  // directory, covert picks not yet public under seal.
  const upper = jurisdiction.parentId && options.upperLevel
    ? await upperLevelEntries(db, jurisdiction.parentId, options.year, new Set(enterprises.map((e) => e.uscc)), options.taskId)
    : { upperLevelDrawn: [], upperLevelSealed: [], openings: [] };
  // The levels below and rotation, when the pack reads them (§5c, §7a): absent when empty, so that
  // a snapshot without them keeps its bytes.
  const lower = options.lowerLevel ? await lowerLevelPicks(db, jurisdictionId, options.year, new Set(enterprises.map((e) => e.uscc))) : undefined;
  const rotation = options.rotationMax ? await rotationFromDraws(db, jurisdictionId, options.taskId, options.rotationMax) : {};
  // Covered when the other level inspected it: the other level's public picks count as inspections on their dates.
  const lastInspected = { ...own.lastInspected };
  for (const [uscc, date] of [...(upper.inspected ?? []), ...(lower?.inspected ?? [])]) if (!lastInspected[uscc] || lastInspected[uscc]! < date) lastInspected[uscc] = date;
  const history: SnapshotHistory = {
    ...own,
    lastInspected,
    upperLevelDrawn: upper.upperLevelDrawn,
    // Absent when empty: a snapshot without seals is a v1 snapshot, byte for byte.
    ...(upper.upperLevelSealed.length > 0 ? { upperLevelSealed: upper.upperLevelSealed } : {}),
    ...(lower && lower.lowerLevelDrawn.length > 0 ? { lowerLevelDrawn: lower.lowerLevelDrawn } : {}),
    ...rotation,
  };

  const recordsOf = new Map<string, RecordFact[]>();
  for (const r of records) {
    const list = recordsOf.get(r.enterpriseId) ?? [];
    list.push({ kind: r.kind, occurredOn: isoDate(r.occurredOn)! });
    recordsOf.set(r.enterpriseId, list);
  }
  // Each enterprise's records in canonical order, so that the draw neither sorts nor copies them.
  for (const list of recordsOf.values()) if (list.length > 1) list.sort(byRecord);
  const enterpriseFacts = enterprises.map((e): EnterpriseFacts => ({
    uscc: e.uscc, name: e.name, sector: e.sector, subSector: e.subSector, scale: e.scale, riskLevel: e.riskLevel, creditLevel: e.creditLevel,
    blacklisted: e.blacklisted, keyHighDanger: e.keyHighDanger, majorHazardSource: e.majorHazardSource, township: e.township,
    operatingStatus: e.operatingStatus, records: recordsOf.get(e.id) ?? [],
  }));
  const inspectorFacts = inspectors.map((i): InspectorFacts => ({
    id: i.id, unit: i.unit, unitKind: i.unitKind, domains: i.domains, formalStaff: i.formalStaff,
    certificateValidUntil: isoDate(i.certificateValidUntil), home: i.jurisdictionId === jurisdictionId ? 'own' : 'neighbour',
  }));
  const expertFacts = experts.map((x): ExpertFacts => ({ id: x.id, specialties: x.specialties, served: x.services.map((s) => ({ uscc: s.enterpriseUscc, kind: s.kind })) }));

  // A task may name the items it draws from; a named parent brings its sub-items.
  const wanted = new Set(options.checklistCodes);
  const byId = new Map(checklist.map((c) => [c.id, c]));
  const named = (item: (typeof checklist)[number]): boolean => {
    for (let c: typeof item | undefined = item; c; c = c.parentId ? byId.get(c.parentId) : undefined) if (wanted.has(c.code)) return true;
    return wanted.size === 0;
  };
  const parents = new Set(checklist.map((c) => c.parentId).filter(Boolean));
  const checklistFacts = checklist.filter(named).map((c) => ({ code: c.code, sectors: c.sectors, leaf: !parents.has(c.id) }));

  return { snapshot: { enterprises: enterpriseFacts, inspectors: inspectorFacts, experts: expertFacts, checklist: checklistFacts, history, conflicts }, openings: upper.openings };
}

/**
 * This year's inspections by the jurisdiction itself, as caps and coverage need them: its own
 * double-random picks and its other inspections (卧龙 第二条). The level above is added apart.
 */
async function ownYearHistory(db: Db, jurisdictionId: string, year: number): Promise<Omit<YearHistory, 'upperLevelDrawn'>> {
  const from = new Date(Date.UTC(year, 0, 1));
  const to = new Date(Date.UTC(year + 1, 0, 1));
  const [own, others] = await Promise.all([
    db.drawPick.findMany({
      where: { jurisdictionId, draw: { status: 'DRAWN', task: { inspectionDate: { gte: from, lt: to } } } },
      select: { uscc: true, draw: { select: { task: { select: { inspectionDate: true } } } } },
    }),
    db.otherInspection.findMany({ where: { jurisdictionId, inspectedOn: { gte: from, lt: to } }, select: { uscc: true, inspectedOn: true } }),
  ]);
  const doubleRandomCount: Record<string, number> = {};
  const lastInspected: Record<string, string> = {};
  const seen = (uscc: string, date: string) => {
    if (!lastInspected[uscc] || lastInspected[uscc]! < date) lastInspected[uscc] = date;
  };
  for (const p of own) {
    doubleRandomCount[p.uscc] = (doubleRandomCount[p.uscc] ?? 0) + 1;
    seen(p.uscc, isoDate(p.draw.task.inspectionDate)!);
  }
  for (const o of others) seen(o.uscc, isoDate(o.inspectedOn)!);
  return { doubleRandomCount, lastInspected };
}

import type { Prisma } from '@prisma/client';
import { byRecord } from '../../core/draw/canonical-snapshot.ts';
import type { DrawSnapshot, ExpertFacts } from '../../core/draw/types.ts';
import type { YearHistory } from '../../core/rules/evaluate-pool.ts';
import type { EnterpriseFacts, InspectorFacts, RecordFact } from '../../core/rules/facts.ts';

type Db = Prisma.TransactionClient;
const isoDate = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);

/**
 * The directories of a jurisdiction as a draw sees them at lock time: enterprises with their
 * records, its own inspectors and its neighbours' (for pooling), experts with the enterprises
 * they served, the checklist, recorded conflicts, and this year's inspections. Inspectors and
 * experts appear by their directory ids, which say nothing about the person.
 */
export async function snapshotFromDirectory(db: Db, jurisdictionId: string, options: { year: number; checklistCodes: readonly string[] }): Promise<DrawSnapshot> {
  const neighbours = (await db.jurisdictionNeighbour.findMany({ where: { jurisdictionId }, select: { neighbourId: true } })).map((n) => n.neighbourId);
  const [enterprises, records, inspectors, experts, checklist, conflicts, history] = await Promise.all([
    // In USCC order (its characters sort alike in every collation): the draw's canonical order, so it need not sort.
    db.enterprise.findMany({ where: { jurisdictionId, active: true }, orderBy: { uscc: 'asc' } }),
    db.enterpriseRecord.findMany({ where: { jurisdictionId }, select: { enterpriseId: true, kind: true, occurredOn: true } }),
    db.inspector.findMany({ where: { jurisdictionId: { in: [jurisdictionId, ...neighbours] }, active: true } }),
    db.expert.findMany({ where: { jurisdictionId, active: true }, include: { services: true } }),
    db.checklistItem.findMany({ where: { jurisdictionId, active: true }, select: { id: true, code: true, sectors: true, parentId: true } }),
    db.conflictOfInterest.findMany({ where: { jurisdictionId }, select: { personId: true, uscc: true } }),
    yearHistory(db, jurisdictionId, options.year),
  ]);

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

  return { enterprises: enterpriseFacts, inspectors: inspectorFacts, experts: expertFacts, checklist: checklistFacts, history, conflicts };
}

/**
 * This year's inspections, as caps, coverage and the upper-level exclusion need them: the
 * jurisdiction's own double-random picks, its other inspections (卧龙 第二条), and the picks of
 * the level above.
 */
async function yearHistory(db: Db, jurisdictionId: string, year: number): Promise<YearHistory> {
  const from = new Date(Date.UTC(year, 0, 1));
  const to = new Date(Date.UTC(year + 1, 0, 1));
  const jurisdiction = await db.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId }, select: { parentId: true } });
  const drawnIn = (id: string) =>
    db.drawPick.findMany({
      where: { jurisdictionId: id, draw: { status: 'DRAWN', task: { inspectionDate: { gte: from, lt: to } } } },
      select: { uscc: true, draw: { select: { task: { select: { inspectionDate: true } } } } },
    });
  const [own, upper, others] = await Promise.all([
    drawnIn(jurisdictionId),
    jurisdiction.parentId ? drawnIn(jurisdiction.parentId) : Promise.resolve([]),
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
  const upperLevelDrawn = [...new Set(upper.map((p) => p.uscc))].sort();
  return { doubleRandomCount, upperLevelDrawn, lastInspected };
}

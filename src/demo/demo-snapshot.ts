import { byRecord } from '../core/draw/canonical-snapshot.ts';
import type { DrawSnapshot } from '../core/draw/types.ts';
import type { EnterpriseFacts, InspectorFacts } from '../core/rules/facts.ts';
import { generateCounty, type DemoOptions } from './generate-county.ts';

/**
 * The demo county as a draw snapshot, straight from the generator: the same options always
 * give the same snapshot. Inspectors and experts get pseudonymous ids (I-0001…, E-0001…).
 */
export function demoSnapshot(options: DemoOptions = {}): DrawSnapshot {
  const county = generateCounty(options);
  const recordsOf = new Map<string, EnterpriseFacts['records'][number][]>();
  for (const r of county.records) {
    const list = recordsOf.get(r.uscc) ?? [];
    list.push({ kind: r.kind, occurredOn: r.occurredOn });
    recordsOf.set(r.uscc, list);
  }
  // Each enterprise's records in canonical order, as the server reads them for a draw.
  for (const list of recordsOf.values()) if (list.length > 1) list.sort(byRecord);
  const inspector = (home: InspectorFacts['home'], prefix: string) => (i: (typeof county.inspectors)[number], n: number): InspectorFacts => ({
    id: `${prefix}-${String(n + 1).padStart(4, '0')}`,
    unit: i.unit,
    unitKind: i.unitKind,
    domains: i.domains,
    formalStaff: i.formalStaff,
    certificateValidUntil: i.certificateValidUntil,
    home,
  });
  return {
    enterprises: county.enterprises.map((e) => ({
      uscc: e.uscc, name: e.name, sector: e.sector, subSector: e.subSector, scale: e.scale, riskLevel: e.riskLevel, creditLevel: e.creditLevel,
      blacklisted: e.blacklisted, keyHighDanger: e.keyHighDanger, majorHazardSource: e.majorHazardSource, township: e.township,
      operatingStatus: e.operatingStatus, records: recordsOf.get(e.uscc) ?? [],
    // In USCC order, as the server reads a directory for a draw.
    })).sort((a, b) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0)),
    inspectors: [...county.inspectors.map(inspector('own', 'I')), ...county.neighbourInspectors.map(inspector('neighbour', 'N'))],
    experts: county.experts.map((x, n) => ({ id: `E-${String(n + 1).padStart(4, '0')}`, specialties: x.specialties, served: x.services.map((s) => ({ uscc: s.enterpriseUscc, kind: s.kind })) })),
    checklist: county.checklist.map((c) => ({ code: c.code, sectors: c.sectors, leaf: !county.checklist.some((d) => d.parentCode === c.code) })),
    history: {},
    conflicts: [],
  };
}

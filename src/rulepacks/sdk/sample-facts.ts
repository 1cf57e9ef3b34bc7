import type { EnterpriseFacts, InspectorFacts, TaskFacts } from '../../core/rules/facts.ts';

/** Fixed inputs on which every hook is tried at load time (twice, to catch non-determinism). */
const freeze = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(freeze);
    Object.freeze(value);
  }
  return value;
};

export const SAMPLE_ENTERPRISES: readonly EnterpriseFacts[] = freeze([
  { uscc: '91350100M000100Y43', name: '样例化工有限公司', sector: 'hazardous_chemicals', subSector: null, scale: 'SMALL', riskLevel: 'MAJOR', creditLevel: 'DISHONEST', blacklisted: true, keyHighDanger: true, majorHazardSource: true, township: '某镇', operatingStatus: 'OPERATING', records: [{ kind: 'COMPLAINT', occurredOn: '2026-03-01' }] },
  { uscc: '91110108551385082Q', name: '样例机械有限公司', sector: 'machinery', subSector: '通用设备制造', scale: 'MICRO', riskLevel: 'LOW', creditLevel: 'TRUSTWORTHY', blacklisted: false, keyHighDanger: false, majorHazardSource: false, township: null, operatingStatus: 'OPERATING', records: [] },
  { uscc: '91440300708461136T', name: '样例矿业有限公司', sector: 'non_coal_mine', subSector: '露天矿山', scale: 'MEDIUM', riskLevel: 'HIGH', creditLevel: 'NORMAL', blacklisted: false, keyHighDanger: true, majorHazardSource: false, township: '某乡', operatingStatus: 'SUSPENDED', records: [] },
]);

export const SAMPLE_INSPECTORS: readonly InspectorFacts[] = freeze([
  { id: 'i1', unit: '执法大队', unitKind: 'BRIGADE', domains: ['hazardous_chemicals', 'non_coal_mine'], formalStaff: true, certificateValidUntil: '2028-12-31', home: 'own' },
  { id: 'i2', unit: '某镇安监站', unitKind: 'TOWNSHIP_STATION', domains: ['machinery'], formalStaff: false, certificateValidUntil: '2025-06-30', home: 'own' },
  { id: 'i3', unit: '工贸股', unitKind: 'SECTION', domains: ['machinery', 'light_industry'], formalStaff: true, certificateValidUntil: null, home: 'neighbour' },
]);

export const SAMPLE_TASKS: readonly TaskFacts[] = freeze([
  { year: 2026, inspectionDate: '2026-06-15', sectors: [], covert: false, joint: false, special: false },
  { year: 2026, inspectionDate: '2026-11-02', sectors: ['non_coal_mine'], covert: true, joint: true, special: true },
]);

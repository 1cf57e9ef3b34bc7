import { idNumberCheckDigit } from '../core/identifiers/id-number.ts';
import { usccCheckCharacter } from '../core/identifiers/uscc.ts';
import type { EnterpriseRow, ExpertRow, InspectorRow } from '../core/directory/kinds/index.ts';
import type { ChecklistRow } from '../core/directory/kinds/index.ts';
import { demoChecklist } from './checklist.ts';
import { companyName, mobile, personName } from './names.ts';
import { DemoRandom } from './prng.ts';

export interface DemoJurisdiction {
  readonly code: string;
  readonly name: string;
  readonly level: 'PROVINCE' | 'CITY' | 'COUNTY';
  readonly parentCode: string | null;
  readonly neighbourCodes: readonly string[];
}

export interface DemoRecord {
  readonly uscc: string;
  readonly kind: 'COMPLAINT' | 'ACCIDENT' | 'PENALTY' | 'SERIOUS_VIOLATION';
  readonly occurredOn: string;
  readonly description: string;
}

export interface DemoCounty {
  readonly jurisdictions: readonly DemoJurisdiction[];
  /** The county whose directories are filled. */
  readonly countyCode: string;
  readonly enterprises: readonly EnterpriseRow[];
  readonly records: readonly DemoRecord[];
  /** USCCs the city also supervises (an enterprise under two levels). */
  readonly citySupervised: readonly string[];
  readonly inspectors: readonly InspectorRow[];
  readonly neighbourInspectors: readonly InspectorRow[];
  readonly experts: readonly ExpertRow[];
  readonly checklist: readonly ChecklistRow[];
}

export interface DemoOptions {
  readonly enterprises?: number;
  readonly inspectors?: number;
  readonly experts?: number;
  readonly seed?: number;
}

/** 南阳市卧龙区 and its neighbours: the demo county follows 卧龙's 细则 (pack 002). */
export const DEMO_JURISDICTIONS: readonly DemoJurisdiction[] = [
  { code: '410000', name: '河南省', level: 'PROVINCE', parentCode: null, neighbourCodes: [] },
  { code: '411300', name: '南阳市', level: 'CITY', parentCode: '410000', neighbourCodes: [] },
  { code: '411303', name: '卧龙区', level: 'COUNTY', parentCode: '411300', neighbourCodes: ['411302'] },
  { code: '411302', name: '宛城区', level: 'COUNTY', parentCode: '411300', neighbourCodes: ['411303'] },
];

const TOWNSHIPS = ['七里园乡', '潦河镇', '安皋镇', '蒲山镇', '石桥镇', '陆营镇', '青华镇', '英庄镇', '王村乡', '谢庄镇', '潦河坡镇', '卧龙岗街道', '梅溪街道', '七一街道', '车站街道', '光武街道', '武侯街道', '靳岗街道'];

/** Sector: [weight, trade word for names, sub-sectors]. */
const SECTOR_MIX: readonly (readonly [string, number, string, readonly string[]])[] = [
  ['machinery', 22, '机械', ['通用设备制造', '汽车零部件', '农机制造']],
  ['light_industry', 18, '食品', ['食品加工', '造纸', '家具制造', '酿酒']],
  ['building_materials', 12, '建材', ['水泥制品', '砖瓦', '玻璃', '石材加工']],
  ['textile', 8, '纺织', ['棉纺', '服装', '印染']],
  ['commerce', 12, '商贸', ['商场超市', '仓储物流', '批发零售']],
  ['metallurgy', 4, '冶金', ['炼钢', '铸造', '钢材加工']],
  ['nonferrous', 3, '有色金属', ['铝加工', '铜加工']],
  ['hazardous_chemicals', 10, '化工', ['危化品经营', '危化品生产', '加油站', '危化品储存']],
  ['non_coal_mine', 5, '矿业', ['露天矿山', '尾矿库', '地下矿山']],
  ['fireworks', 2, '烟花', ['烟花爆竹批发', '烟花爆竹零售']],
  ['safety_services', 1, '安全技术', ['安全评价', '检测检验']],
  ['occupational_health', 3, '环保科技', ['粉尘作业', '噪声作业']],
];

const DANGEROUS = new Set(['hazardous_chemicals', 'non_coal_mine', 'fireworks', 'metallurgy']);
const ORG_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function uscc(random: DemoRandom, division: string, used: Set<string>): string {
  for (;;) {
    let org = '';
    for (let i = 0; i < 9; i++) org += ORG_CHARS[random.int(ORG_CHARS.length)];
    const first17 = `91${division}${org}`;
    const code = first17 + usccCheckCharacter(first17);
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
}

function idNumber(random: DemoRandom, division: string, used: Set<string>): string {
  for (;;) {
    const birth = new Date(Date.UTC(1962 + random.int(38), random.int(12), 1 + random.int(28)));
    const first17 = division + birth.toISOString().slice(0, 10).replace(/-/g, '') + String(random.int(1000)).padStart(3, '0');
    const id = first17 + idNumberCheckDigit(first17);
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

const isoDay = (random: DemoRandom, fromYear: number, years: number) =>
  new Date(Date.UTC(fromYear, 0, 1) + random.int(years * 365) * 86_400_000).toISOString().slice(0, 10);

function enterprises(random: DemoRandom, count: number, used: Set<string>): { rows: EnterpriseRow[]; records: DemoRecord[] } {
  const rows: EnterpriseRow[] = [];
  const records: DemoRecord[] = [];
  const mix = SECTOR_MIX.map(([code, weight]) => [code, weight] as const);
  for (let i = 0; i < count; i++) {
    const sector = random.weighted(mix);
    const [, , trade, subSectors] = SECTOR_MIX.find(([code]) => code === sector)!;
    const dangerous = DANGEROUS.has(sector);
    const riskLevel = random.weighted<EnterpriseRow['riskLevel']>(
      dangerous ? [['MAJOR', 15], ['HIGH', 35], ['GENERAL', 35], ['LOW', 15]] : [['MAJOR', 2], ['HIGH', 10], ['GENERAL', 43], ['LOW', 45]],
    );
    const creditLevel = random.weighted<EnterpriseRow['creditLevel']>([['TRUSTWORTHY', 30], ['NORMAL', 60], ['DISHONEST', 8], ['SERIOUSLY_DISHONEST', 2]]);
    const code = uscc(random, '411303', used);
    const township = random.pick(TOWNSHIPS);
    rows.push({
      uscc: code,
      name: companyName(random, random.chance(0.6) ? '南阳' : '卧龙', trade),
      legalRepresentative: personName(random),
      address: `河南省南阳市卧龙区${township}${random.pick(['工业路', '建设路', '光武路', '卧龙路', '车站路', '产业园'])}${1 + random.int(300)}号`,
      contactPerson: personName(random),
      phone: mobile(random),
      sector,
      subSector: random.pick(subSectors),
      scale: random.weighted<EnterpriseRow['scale']>([['LARGE', 3], ['MEDIUM', 12], ['SMALL', 45], ['MICRO', 40]]),
      riskLevel,
      creditLevel,
      blacklisted: creditLevel === 'SERIOUSLY_DISHONEST' ? random.chance(0.6) : random.chance(0.005),
      keyHighDanger: dangerous ? random.chance(0.5) : riskLevel === 'MAJOR',
      majorHazardSource: sector === 'hazardous_chemicals' ? random.chance(0.35) : sector === 'fireworks' ? random.chance(0.3) : false,
      township,
      operatingStatus: random.weighted<EnterpriseRow['operatingStatus']>([['OPERATING', 92], ['SUSPENDED', 6], ['CLOSED', 2]]),
      aboveDesignatedSize: false,
    });
    // 规上 follows the scale, without a draw of the generator: the demo county stays as it was.
    const row = rows[rows.length - 1]!;
    row.aboveDesignatedSize = row.scale === 'LARGE' || row.scale === 'MEDIUM';
    const troubled = riskLevel === 'MAJOR' || creditLevel === 'DISHONEST' || creditLevel === 'SERIOUSLY_DISHONEST';
    const history: [DemoRecord['kind'], number, string][] = [
      ['COMPLAINT', troubled ? 0.5 : 0.08, '群众投诉举报安全隐患'],
      ['ACCIDENT', troubled ? 0.15 : 0.02, '发生一般生产安全事故'],
      ['PENALTY', troubled ? 0.4 : 0.05, '因安全生产违法行为受到行政处罚'],
      ['SERIOUS_VIOLATION', creditLevel === 'SERIOUSLY_DISHONEST' ? 0.7 : 0.005, '存在严重违法违规行为'],
    ];
    for (const [kind, p, description] of history) {
      let n = 0;
      while (n < 3 && random.chance(p)) {
        records.push({ uscc: code, kind, occurredOn: isoDay(random, 2023, 3), description });
        n++;
      }
    }
  }
  return { rows, records };
}

const UNITS: readonly (readonly [string, InspectorRow['unitKind'], readonly string[]])[] = [
  ['危险化学品监管股', 'SECTION', ['hazardous_chemicals', 'fireworks']],
  ['非煤矿山监管股', 'SECTION', ['non_coal_mine']],
  ['工贸监管股', 'SECTION', ['metallurgy', 'nonferrous', 'building_materials', 'machinery', 'light_industry', 'textile', 'commerce']],
  ['法规股', 'SECTION', ['general', 'safety_services']],
  ['职业健康股', 'SECTION', ['occupational_health']],
  ['综合行政执法大队', 'BRIGADE', ['hazardous_chemicals', 'non_coal_mine', 'metallurgy', 'machinery', 'building_materials', 'light_industry', 'commerce', 'general']],
  ['潦河镇安监站', 'TOWNSHIP_STATION', ['machinery', 'light_industry', 'commerce', 'building_materials']],
  ['蒲山镇安监站', 'TOWNSHIP_STATION', ['machinery', 'light_industry', 'commerce', 'building_materials']],
  ['石桥镇安监站', 'TOWNSHIP_STATION', ['machinery', 'textile', 'commerce']],
];

function inspectors(random: DemoRandom, count: number, division: string, prefix: string, used: Set<string>): InspectorRow[] {
  const rows: InspectorRow[] = [];
  for (let i = 0; i < count; i++) {
    const [unit, unitKind, domains] = UNITS[i % UNITS.length]!;
    // Most certificates run to 2027-2029; a few have lapsed or lapse during 2026.
    const validUntil = random.chance(0.1) ? isoDay(random, 2025, 2) : isoDay(random, 2027, 3);
    rows.push({
      certificateNumber: `${prefix}${String(i + 1).padStart(5, '0')}`,
      name: personName(random),
      gender: random.chance(0.7) ? 'MALE' : 'FEMALE',
      phone: mobile(random),
      idNumber: idNumber(random, division, used),
      certificateValidUntil: validUntil,
      unit,
      unitKind,
      domains: [...domains],
      formalStaff: unitKind === 'TOWNSHIP_STATION' ? random.chance(0.6) : random.chance(0.93),
    });
  }
  return rows;
}

const SPECIALTIES = ['危险化学品', '非煤矿山', '烟花爆竹', '冶金', '机械', '建材', '电气安全', '消防', '特种设备', '职业卫生', '粉尘防爆', '有限空间'];
const EMPLOYERS = ['南阳市安全生产技术服务中心', '河南某安全评价有限公司', '南阳理工学院', '南阳市化工设计院', '河南某检测检验有限公司', '南阳某标准化评审中心'];

function experts(random: DemoRandom, count: number, served: readonly EnterpriseRow[], used: Set<string>): ExpertRow[] {
  const rows: ExpertRow[] = [];
  for (let i = 0; i < count; i++) {
    const services = Array.from({ length: random.int(4) }, () => ({
      enterpriseUscc: random.pick(served).uscc,
      kind: random.pick(['EVALUATION', 'TESTING', 'DESIGN', 'STANDARDISATION'] as const),
      servedOn: isoDay(random, 2021, 5),
    }));
    rows.push({
      idNumber: idNumber(random, '411300', used),
      name: personName(random),
      gender: random.chance(0.8) ? 'MALE' : 'FEMALE',
      phone: mobile(random),
      specialties: [random.pick(SPECIALTIES), random.pick(SPECIALTIES)].filter((s, j, a) => a.indexOf(s) === j),
      employer: random.pick(EMPLOYERS),
      title: random.pick(['高级工程师', '正高级工程师', '工程师', '教授', '副教授']),
      services: services.filter((s, j, a) => a.findIndex((t) => t.enterpriseUscc === s.enterpriseUscc && t.kind === s.kind && t.servedOn === s.servedOn) === j),
    });
  }
  return rows;
}

/** A believable county, the same for the same options. */
export function generateCounty(options: DemoOptions = {}): DemoCounty {
  const random = new DemoRandom(options.seed ?? 20261123);
  const usedUscc = new Set<string>();
  const usedIds = new Set<string>();
  const { rows, records } = enterprises(random, options.enterprises ?? 2000, usedUscc);
  const citySupervised = rows.filter((e) => e.keyHighDanger && (e.riskLevel === 'MAJOR' || e.majorHazardSource)).map((e) => e.uscc);
  return {
    jurisdictions: DEMO_JURISDICTIONS,
    countyCode: '411303',
    enterprises: rows,
    records,
    citySupervised,
    inspectors: inspectors(random, options.inspectors ?? 60, '411303', '豫应急执4113', usedIds),
    neighbourInspectors: inspectors(random, 12, '411302', '豫应急执4113W', usedIds),
    experts: experts(random, options.experts ?? 30, rows.filter((e) => DANGEROUS.has(e.sector)), usedIds),
    checklist: demoChecklist(),
  };
}

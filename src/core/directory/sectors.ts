/**
 * The sectors (行业领域) named by the five source documents. Codes are stable identifiers;
 * labels and aliases are what bureaus write in their spreadsheets.
 */
export interface Sector {
  readonly code: string;
  readonly label: string;
  readonly aliases: readonly string[];
  /** 工贸 groups the six industrial sectors of 偃师 二(一) with 商贸. */
  readonly group?: 'industry_trade';
}

export const SECTORS: readonly Sector[] = [
  { code: 'hazardous_chemicals', label: '危险化学品', aliases: ['危化', '危化品', '危险化学品企业'] },
  { code: 'non_coal_mine', label: '非煤矿山', aliases: ['非煤矿山企业', '非煤'] },
  { code: 'fireworks', label: '烟花爆竹', aliases: ['烟花爆竹企业'] },
  { code: 'metallurgy', label: '冶金', aliases: ['冶金企业'], group: 'industry_trade' },
  { code: 'nonferrous', label: '有色', aliases: ['有色金属'], group: 'industry_trade' },
  { code: 'building_materials', label: '建材', aliases: ['建材企业'], group: 'industry_trade' },
  { code: 'machinery', label: '机械', aliases: ['机械制造'], group: 'industry_trade' },
  { code: 'light_industry', label: '轻工', aliases: ['轻工企业'], group: 'industry_trade' },
  { code: 'textile', label: '纺织', aliases: ['纺织企业'], group: 'industry_trade' },
  { code: 'commerce', label: '商贸', aliases: ['商贸企业'], group: 'industry_trade' },
  { code: 'safety_services', label: '安全评价检测检验机构', aliases: ['安评检测机构', '安全评价机构', '检测检验机构'] },
  { code: 'occupational_health', label: '职业卫生', aliases: ['职业卫生监管'] },
  { code: 'general', label: '综合监管', aliases: ['综合', '其他'] },
];

const BY_TEXT = new Map<string, Sector>();
for (const sector of SECTORS) {
  for (const text of [sector.code, sector.label, ...sector.aliases]) BY_TEXT.set(text, sector);
}

/** Finds a sector by code, Chinese label or alias; undefined when unknown. */
export function findSector(text: string): Sector | undefined {
  return BY_TEXT.get(text.trim());
}

export const SECTOR_CODES: readonly string[] = SECTORS.map((s) => s.code);

/**
 * The national base vocabulary of sectors (行业领域): the 应急管理 industry classes a
 * double-random directory is split by, with the Chinese names bureaus write in their spreadsheets
 * and checklists. Codes are stable identifiers (packs, directories and published draws hold
 * them): a code is never renamed or removed, only added. A pack or a jurisdiction extends this
 * list (sector-vocabulary.ts).
 */
export interface Sector {
  readonly code: string;
  readonly label: string;
  readonly aliases: readonly string[];
  /** 工贸 groups the six industrial sectors of 偃师 二(一) with 商贸 and 烟草. */
  readonly group?: 'industry_trade';
  /**
   * The broader class this one belongs to (加油站 → 危险化学品): a rule or a correction naming
   * the parent covers it when text is matched and when the SDK checks and labels. The draw
   * compares sector codes as they are (docs/draw-algorithm.md §5) and never follows a parent.
   */
  readonly parent?: string;
  /** A 工贸 special topic (粉尘涉爆、涉氨制冷、有限空间、金属冶炼): it cuts across the classes. */
  readonly topic?: boolean;
}

export const SECTORS: readonly Sector[] = [
  { code: 'hazardous_chemicals', label: '危险化学品', aliases: ['危化', '危化品', '危险化学品企业'] },
  { code: 'non_coal_mine', label: '非煤矿山', aliases: ['非煤矿山企业', '非煤'] },
  { code: 'fireworks', label: '烟花爆竹', aliases: ['烟花爆竹企业'] },
  { code: 'metallurgy', label: '冶金', aliases: ['冶金企业'], group: 'industry_trade', parent: 'industry_trade' },
  { code: 'nonferrous', label: '有色', aliases: ['有色金属'], group: 'industry_trade', parent: 'industry_trade' },
  { code: 'building_materials', label: '建材', aliases: ['建材企业'], group: 'industry_trade', parent: 'industry_trade' },
  { code: 'machinery', label: '机械', aliases: ['机械制造'], group: 'industry_trade', parent: 'industry_trade' },
  { code: 'light_industry', label: '轻工', aliases: ['轻工企业'], group: 'industry_trade', parent: 'industry_trade' },
  { code: 'textile', label: '纺织', aliases: ['纺织企业'], group: 'industry_trade', parent: 'industry_trade' },
  { code: 'commerce', label: '商贸', aliases: ['商贸企业'], group: 'industry_trade', parent: 'industry_trade' },
  { code: 'safety_services', label: '安全评价检测检验机构', aliases: ['安评检测机构', '安全评价机构', '检测检验机构'] },
  { code: 'occupational_health', label: '职业卫生', aliases: ['职业卫生监管'] },
  { code: 'general', label: '综合监管', aliases: ['综合', '其他'] },
  // Added when the vocabulary opened (issue 20, 4): the classes of the 应急管理 regime the first
  // five documents did not name.
  { code: 'coal_mine', label: '煤矿', aliases: ['煤矿企业', '煤炭', '煤矿山'] },
  { code: 'metal_nonmetal_mine', label: '金属非金属矿山', aliases: ['金属非金属地下矿山', '金属非金属露天矿山', '金属矿山', '非金属矿山'], parent: 'non_coal_mine' },
  { code: 'tailings_pond', label: '尾矿库', aliases: ['尾矿'], parent: 'non_coal_mine' },
  { code: 'hazchem_production', label: '危险化学品生产', aliases: ['危化品生产', '危险化学品生产企业'], parent: 'hazardous_chemicals' },
  { code: 'hazchem_trading', label: '危险化学品经营', aliases: ['危化品经营', '危险化学品经营企业'], parent: 'hazardous_chemicals' },
  { code: 'hazchem_use', label: '危险化学品使用', aliases: ['危化品使用', '危险化学品使用企业'], parent: 'hazardous_chemicals' },
  { code: 'fuel_station', label: '加油加气站', aliases: ['加油站', '加气站', '加油（气）站'], parent: 'hazardous_chemicals' },
  { code: 'fireworks_wholesale', label: '烟花爆竹批发', aliases: ['烟花爆竹批发企业', '烟花爆竹批发经营'], parent: 'fireworks' },
  { code: 'fireworks_retail', label: '烟花爆竹零售', aliases: ['烟花爆竹零售点', '烟花爆竹零售经营'], parent: 'fireworks' },
  { code: 'industry_trade', label: '工贸', aliases: ['工贸企业', '工贸行业', '冶金等工贸'] },
  { code: 'tobacco', label: '烟草', aliases: ['烟草企业'], group: 'industry_trade', parent: 'industry_trade' },
  { code: 'dust_explosion', label: '粉尘涉爆', aliases: ['粉尘防爆', '涉爆粉尘', '粉尘爆炸危险'], parent: 'industry_trade', topic: true },
  { code: 'ammonia_refrigeration', label: '涉氨制冷', aliases: ['液氨制冷', '氨制冷'], parent: 'industry_trade', topic: true },
  { code: 'confined_space', label: '有限空间', aliases: ['有限空间作业'], parent: 'industry_trade', topic: true },
  { code: 'metal_smelting', label: '金属冶炼', aliases: ['金属冶炼企业'], parent: 'industry_trade', topic: true },
  // 消防 is 消防救援's since 2018; bureaus still list it in joint inspections.
  { code: 'fire_safety', label: '消防', aliases: ['消防安全'] },
];

const BY_TEXT = new Map<string, Sector>();
for (const sector of SECTORS) {
  for (const text of [sector.code, sector.label, ...sector.aliases]) if (!BY_TEXT.has(text)) BY_TEXT.set(text, sector);
}

/** Finds a base sector by code, Chinese label or alias; undefined when unknown. */
export function findSector(text: string): Sector | undefined {
  return BY_TEXT.get(text.trim());
}

/** Every code of the base vocabulary. */
export const SECTOR_CODES: readonly string[] = SECTORS.map((s) => s.code);

/**
 * The thirteen codes of the closed list the first five documents named. Packs whose scope is
 * "every sector" as it stood then (黑龙江, 攀枝花) keep listing exactly these, so that their content
 * hash, and the draws made under them, do not change when the base vocabulary grows.
 */
export const FIRST_SECTOR_CODES: readonly string[] = [
  'hazardous_chemicals', 'non_coal_mine', 'fireworks', 'metallurgy', 'nonferrous', 'building_materials', 'machinery',
  'light_industry', 'textile', 'commerce', 'safety_services', 'occupational_health', 'general',
];

/**
 * Enumerations of the directories with the Chinese words bureaus write for them.
 * The first label of each value is the one exports use.
 */
export type Vocabulary<V extends string> = Readonly<Record<V, readonly string[]>>;

export const RISK_LEVELS = {
  MAJOR: ['重大风险', '重大', '红', '红色'],
  HIGH: ['较大风险', '较大', '橙', '橙色'],
  GENERAL: ['一般风险', '一般', '黄', '黄色'],
  LOW: ['低风险', '低', '蓝', '蓝色'],
} as const satisfies Vocabulary<string>;

export const CREDIT_LEVELS = {
  TRUSTWORTHY: ['守信', '诚信', 'A', 'A级'],
  NORMAL: ['一般', 'B', 'B级'],
  DISHONEST: ['失信', 'C', 'C级'],
  SERIOUSLY_DISHONEST: ['严重失信', 'D', 'D级'],
} as const satisfies Vocabulary<string>;

export const SCALES = {
  LARGE: ['大型'],
  MEDIUM: ['中型'],
  SMALL: ['小型'],
  MICRO: ['微型'],
} as const satisfies Vocabulary<string>;

export const OPERATING_STATUSES = {
  OPERATING: ['在业', '正常', '营业', '存续', '在营'],
  SUSPENDED: ['停产', '停业', '歇业'],
  CLOSED: ['关闭', '注销', '吊销'],
} as const satisfies Vocabulary<string>;

export const GENDERS = {
  MALE: ['男'],
  FEMALE: ['女'],
} as const satisfies Vocabulary<string>;

export const UNIT_KINDS = {
  SECTION: ['科室', '股室', '科', '股'],
  BRIGADE: ['执法大队', '大队', '支队', '执法支队'],
  TOWNSHIP_STATION: ['乡镇安监站', '安监站', '乡镇'],
} as const satisfies Vocabulary<string>;

export const EXPERT_SERVICE_KINDS = {
  EVALUATION: ['评价', '安全评价'],
  TESTING: ['检测检验', '检测', '检验'],
  DESIGN: ['设计'],
  STANDARDISATION: ['标准化评审', '标准化'],
} as const satisfies Vocabulary<string>;

export const RECORD_KINDS = {
  COMPLAINT: ['投诉举报', '投诉', '举报'],
  ACCIDENT: ['生产安全事故', '事故'],
  PENALTY: ['行政处罚', '处罚'],
  SERIOUS_VIOLATION: ['严重违法违规', '严重违法'],
} as const satisfies Vocabulary<string>;

export const BOOLEAN_WORDS = {
  true: ['是', 'Y', 'YES', 'TRUE', '1', '√', '有'],
  false: ['否', 'N', 'NO', 'FALSE', '0', '×', '无', ''],
} as const;

// Every word of a vocabulary, upper-cased, to its code: an import looks up several cells per row.
const indexes = new WeakMap<Vocabulary<string>, ReadonlyMap<string, string>>();

function indexOf<V extends string>(vocabulary: Vocabulary<V>): ReadonlyMap<string, V> {
  let index = indexes.get(vocabulary);
  if (!index) {
    const words = new Map<string, string>();
    // In entry order, the first entry to claim a word keeps it.
    for (const [code, labels] of Object.entries(vocabulary) as [V, readonly string[]][]) {
      for (const word of [code, ...labels]) if (!words.has(word.toUpperCase())) words.set(word.toUpperCase(), code);
    }
    index = words;
    indexes.set(vocabulary, index);
  }
  return index as ReadonlyMap<string, V>;
}

/** Looks a word up in a vocabulary: the code itself or any of its labels, case-insensitively. */
export function lookup<V extends string>(vocabulary: Vocabulary<V>, text: string): V | undefined {
  return indexOf(vocabulary).get(text.trim().toUpperCase());
}

export function labelOf<V extends string>(vocabulary: Vocabulary<V>, code: V): string {
  return vocabulary[code][0] ?? code;
}

import { z } from 'zod';
import { SECTOR_CODE_SHAPE } from '../directory/sector-vocabulary.ts';

/**
 * The language of rule packs: everything a bureau's document can say about a double-random
 * regime, as data. Every rule carries the citation of the clause it comes from. The core
 * interprets these rules; it never knows a pack by name.
 */

/** Where a rule comes from: a source document of the pack and its clause. */
export const Citation = z.strictObject({
  /** The `id` of one of the pack's `meta.sources`. */
  doc: z.string().min(1),
  /** The clause, as the document numbers it: 二(六), 第十五条… */
  clause: z.string().min(1),
  /** True when the document leaves this open and the pack supplies a default. */
  default: z.boolean().optional(),
  note: z.string().optional(),
});
export type Citation = z.infer<typeof Citation>;

const cited = <S extends z.ZodRawShape>(shape: S) => z.strictObject({ ...shape, cite: Citation });

const percent = z.number().min(0).max(100);
const days = z.number().int().min(0).max(366);
// A sector code: the SDK checks it against the base vocabulary and the pack's (and its parents') `vocabulary`.
const sector = z.string().regex(SECTOR_CODE_SHAPE, '行业领域代码应为小写字母、数字和下划线（a sector code: lowercase letters, digits and underscores）');

/** A sector a pack adds to the national base vocabulary (sectors.ts). */
const VocabularySectorEntry = z.strictObject({
  code: sector,
  label: z.string().min(1).max(50),
  aliases: z.array(z.string().min(1).max(50)).max(20).optional(),
  /** A base code or one of the pack's: a rule naming the parent covers it when text is matched. */
  parent: sector.optional(),
  /** The clause this sector comes from, when not the vocabulary's own. */
  cite: Citation.optional(),
});

/**
 * Groups of enterprises rules talk about. `complaintHeavy`, `accidentProne`, `penalised` and
 * `seriousViolator` are measured on the dated records by the pack's `definitions`.
 */
export const Selector = z.enum([
  'all',
  'keyHighDanger', // 危险性较大的重点单位
  'blacklisted', // 黑名单
  'majorHazard', // 存在重大事故隐患 / 重大危险源
  'complaintHeavy', // 投诉举报多
  'accidentProne', // 事故多发频发
  'penalised', // 受到过行政处罚
  'seriousViolator', // 严重违法违规记录
  'dishonest', // 失信
  'trustworthy', // 守信
  'highRisk', // 重大、较大风险
  'lowRisk', // 低风险
  'directedSpecial', // 专项整治、特殊事件、上级指令另行部署的定向抽查
]);
export type Selector = z.infer<typeof Selector>;

/** How many dated records within how many months make an enterprise "complaint-heavy" etc. */
const RecordThreshold = cited({ minRecords: z.number().int().min(1), withinMonths: z.number().int().min(1).max(120) });

/** Events deadlines run from. */
export const DeadlineEvent = z.enum([
  'inspection-end', // 检查结束
  'report-done', // 检查报告完成
  'feedback-received', // 被检查对象收到书面反馈
  'result-produced', // 检查结果产生
  'task-end', // 抽查任务结束
  'handling-end', // 查处完毕
  'objection-received', // 收到异议申请材料
  'review-done', // 复核结果作出
]);

export const DeadlineId = z.enum(['report', 'feedback', 'opinion', 'result-entry', 'publication', 'objection-review', 'objection-answer']);

const Matcher = z.strictObject({
  riskLevel: z.array(z.enum(['MAJOR', 'HIGH', 'GENERAL', 'LOW'])).optional(),
  creditLevel: z.array(z.enum(['TRUSTWORTHY', 'NORMAL', 'DISHONEST', 'SERIOUSLY_DISHONEST'])).optional(),
  sector: z.array(sector).optional(),
});

export const Rules = z.strictObject({
  /**
   * Sectors the pack adds to the national base vocabulary (开放的行业目录). A child pack adds to its
   * parent's; neither may redefine a code or a word. The draw compares codes as they are.
   */
  vocabulary: cited({ sectors: z.array(VocabularySectorEntry).min(1).max(200) }).optional(),
  /** 检查对象范围: the sectors the directory covers and how it is split into sub-directories. */
  scope: cited({ sectors: z.array(sector).min(1), subDirectories: z.array(z.enum(['sector', 'scale', 'riskLevel', 'creditLevel'])).optional() }).optional(),
  /** Who must be in the directory, and how often it is refreshed. */
  directory: cited({ mustInclude: z.array(Selector), updateEveryMonths: z.number().int().min(1).optional() }).optional(),
  /**
   * 执法检查人员名录库: at least so many inspectors in it (active), so that a draw is a draw; and
   * reviewed (certificates and posts checked) every so many months.
   */
  inspectorDirectory: cited({ minSize: z.number().int().min(1).optional(), reviewEveryMonths: z.number().int().min(1).max(60).optional() }).optional(),
  /** What counts as complaint-heavy, accident-prone, penalised, a serious violator. */
  definitions: z
    .strictObject({ complaintHeavy: RecordThreshold.optional(), accidentProne: RecordThreshold.optional(), penalised: RecordThreshold.optional(), seriousViolator: RecordThreshold.optional() })
    .optional(),
  shares: z
    .strictObject({
      /** Share of the annual plan's inspections done by double random. */
      planShareMin: cited({ percent }).optional(),
      /** Share of supervised entities drawn at least once a year. */
      entitiesDrawnMin: cited({ percent }).optional(),
      roundsPerYearMin: cited({ rounds: z.number().int().min(1) }).optional(),
      /** 暗查暗访一般采用"双随机"抽查. */
      covertDrawn: cited({ generally: z.boolean() }).optional(),
    })
    .optional(),
  /** Strata of the draw, and ratios or weights per stratum. */
  strata: cited({
    by: z.array(z.enum(['riskLevel', 'creditLevel', 'sector'])),
    /**
     * 分层比例 per-stratum ratios (double-random/v4, docs/draw-algorithm.md §6a): the first
     * matching entry wins; exactly one of `percent` (to two decimals, drawn as basis points) and
     * `count`; `min` at least so many (capped by the stratum's size); `rounding` of the percent
     * (default `up`: bureaus write 不低于, at least).
     */
    ratios: z.array(z.strictObject({
      when: Matcher,
      percent: z.number()
        .min(0, '比例不得小于 0%（a ratio is at least 0 percent）')
        .max(100, '比例不得超过 100%（a ratio is at most 100 percent）')
        .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-9, '比例最多两位小数，如 0.5 或 2.25（at most two decimals）')
        .optional(),
      count: z.number().int('抽取家数须为整数（a whole number）').min(0).max(1_000_000_000).optional(),
      min: z.number().int('最少家数须为整数（a whole number）').min(0).max(1_000_000_000).optional(),
      rounding: z.enum(['up', 'down', 'nearest']).optional(),
    }).refine((r) => (r.percent === undefined) !== (r.count === undefined), '比例条目须且只能有 percent（百分比）与 count（家数）之一（exactly one of percent and count）')).optional(),
    /** Relative chance within the pool (integers, so the draw stays exact); the first matching entry wins. */
    weights: z.array(z.strictObject({ when: Matcher, weight: z.number().int().min(0).max(1000) })).optional(),
  }).optional(),
  /** Mandatory coverage: these units must be inspected at least once per period. */
  frequencies: z.array(cited({ who: Selector, every: z.enum(['year', 'half-year']) })).optional(),
  /** At most so many double-random inspections of one enterprise a year. */
  cap: cited({ perYear: z.number().int().min(1), exceptions: z.array(Selector), scope: z.enum(['jurisdiction', 'bureau']).optional() }).optional(),
  exclusions: z
    .strictObject({
      /** Enterprises the upper-level bureau drew this year. */
      upperLevelDrawnThisYear: cited({ effect: z.enum(['exclude', 'avoid']) }).optional(),
      /**
       * Enterprises the lower-level bureaus (the jurisdictions below) drew this year: excluded, or
       * avoided (一般不重合: drawn only for seats the others cannot fill; docs/draw-algorithm.md §5c).
       */
      lowerLevelDrawnThisYear: cited({ effect: z.enum(['exclude', 'avoid']) }).optional(),
      /** Kinds of inspection that are not double random at all. */
      notDoubleRandom: cited({ kinds: z.array(z.strictObject({ code: z.string().min(1), label: z.string().min(1) })).min(1) }).optional(),
      /** Only enterprises drawn by the plan may be inspected. */
      onlyDrawnMayBeInspected: cited({}).optional(),
    })
    .optional(),
  checklist: z
    .strictObject({
      /** Items drawn at random from the checklist per inspection. */
      drawItems: cited({ min: z.number().int().min(1), max: z.number().int().min(1).optional() }).optional(),
      /** Share of the bureau's enforcement items the checklist must cover, from a year on. */
      coverage: z.array(cited({ fromYear: z.number().int(), percent })).optional(),
      /** One form per inspection (一张表格管检查). */
      oneForm: cited({}).optional(),
      /**
       * 抽查比例 and 抽查频次 the pack gives checklist items, overriding the checklist's for the
       * items it names: by `code`, or by `match`, text found in the item's name or 检查对象.
       */
      items: z.array(cited({
        code: z.string().min(1).max(50).optional(),
        match: z.string().min(1).max(100).optional(),
        ratioMinPercent: z.number().gt(0).max(100).multipleOf(0.01).optional(),
        every: z.enum(['year', 'half-year', 'quarter', 'month']).optional(),
      })).optional(),
    })
    .optional(),
  team: cited({
    minSize: z.number().int().min(1),
    maxSize: z.number().int().min(1).optional(),
    leader: z.boolean(),
    /** Teams per inspector in one draw; unset means no more than needed. */
    maxTeamsPerInspector: z.number().int().min(1).optional(),
    /**
     * 轮换 rotation: an inspector serves in at most so many consecutive draws of the jurisdiction
     * (1: never two draws in a row), counted in the snapshot's `history.consecutiveDraws` (§7a).
     */
    rotation: cited({ maxConsecutiveDraws: z.number().int().min(1).max(100) }).optional(),
  }).optional(),
  /** Sector-specific team shapes: non-coal mines 3 with at least one specialist. */
  specialists: z.array(cited({ sector, teamSize: z.number().int().min(1), minSpecialists: z.number().int().min(1) })).optional(),
  eligibility: cited({
    formalStaff: z.boolean(),
    certificateValidOnInspectionDate: z.boolean(),
    domainMatch: z.boolean(),
  }).optional(),
  experts: cited({ when: z.enum(['as-needed', 'required']), drawnBy: z.literal('specialty'), directHireForComplexCases: z.boolean() }).optional(),
  recusal: cited({
    reasons: z.array(z.enum(['interest', 'same-competent-department', 'served-enterprise'])).min(1),
    serviceKinds: z.array(z.enum(['EVALUATION', 'TESTING', 'DESIGN', 'STANDARDISATION'])).optional(),
    methods: z.array(z.enum(['swap', 'step-out-and-redraw'])).min(1),
  }).optional(),
  replacement: cited({ reasons: z.array(z.enum(['post-change', 'work-conflict', 'health'])).min(1), approval: z.string().min(1) }).optional(),
  pooling: cited({ neighbours: z.boolean(), townshipStations: z.boolean(), directAssignment: z.boolean() }).optional(),
  announcement: cited({ leadDays: days, count: z.enum(['calendar', 'working']), covertStaysSecret: z.boolean(), automatic: z.boolean().optional() }).optional(),
  deadlines: z.array(cited({ id: DeadlineId, days, count: z.enum(['calendar', 'working']), from: DeadlineEvent })).optional(),
  periodicPublication: cited({ every: z.literal('month'), withinWorkingDays: z.number().int().min(1).max(23) }).optional(),
  resultCategories: cited({ categories: z.array(z.strictObject({ code: z.string().min(1), label: z.string().min(1) })).min(1) }).optional(),
  /** Who signs a result before it may be published: the whole team (检查组全体成员签字确认) or its leader. */
  resultSigning: cited({ by: z.enum(['whole-team', 'leader']) }).optional(),
  /** 不予配合情节严重: the result category it leads to and the cases that qualify. */
  nonCooperation: cited({ category: z.string().min(1), cases: z.array(z.strictObject({ code: z.string().min(1), label: z.string().min(1) })).min(1) }).optional(),
  afterPublication: z
    .strictObject({
      changeNeedsPrincipalSignature: cited({}).optional(),
      objection: cited({ reviewWorkingDays: days, answerWorkingDays: days }).optional(),
      blacklistOn: cited({ cases: z.array(z.enum(['concealed-major-hazard', 'unrectified-major-hazard'])).min(1) }).optional(),
      handling: cited({ outcomes: z.array(z.enum(['penalty', 'transfer-authority', 'transfer-judicial', 'credit-record', 'exposure', 'restriction'])).min(1) }).optional(),
    })
    .optional(),
  planning: z
    .strictObject({
      annualPlanDue: cited({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31), plansYear: z.enum(['next', 'current']) }).optional(),
      jointInspectionsMin: cited({ perYear: z.number().int().min(1) }).optional(),
      filedUpwardAndPublished: cited({}).optional(),
    })
    .optional(),
});
export type Rules = z.infer<typeof Rules>;

export const Source = z.strictObject({
  id: z.string().min(1),
  /** 文号, e.g. 攀安监〔2019〕3号 */
  number: z.string().optional(),
  title: z.string().min(1),
  issuedBy: z.string().optional(),
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).optional(),
});

export const Meta = z.strictObject({
  /** Stable identifier, lowercase with dashes. */
  id: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'lowercase letters, digits and dashes'),
  name: z.string().min(1),
  level: z.enum(['PROVINCE', 'CITY', 'COUNTY']),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'semantic version such as 1.0.0'),
  sources: z.array(Source).min(1),
  /** In force from (and until) these dates. */
  inForce: z.strictObject({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
  /** `id@version` of the pack this one extends; its rules apply unless overridden. */
  extends: z.string().regex(/^[a-z][a-z0-9-]*@\d+\.\d+\.\d+$/).optional(),
  description: z.string().optional(),
});
export type Meta = z.infer<typeof Meta>;

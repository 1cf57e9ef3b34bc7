import { ok, err } from '../../result.ts';
import { requiredText, sectorListField, textField, type Field } from '../fields.ts';
import type { DirectorySpec } from './spec.ts';
import { objectMatcher, shapeChecklist } from '../checklist-table.ts';
import { BASE_VOCABULARY } from '../sector-vocabulary.ts';

/**
 * A row of the 抽查事项清单 (卧龙 第五条): sub-items name their parent's code. Each column a
 * published list has goes to a field that means it; columns the spec does not know are kept
 * in `extra` (header → value).
 */
export interface ChecklistRow {
  code: string;
  name: string;
  /** 抽查子项 as read; an import turns an item's sub-item rows into child items. */
  subItem: string | null;
  content: string | null;
  legalBasis: string | null;
  /** 抽查类别: 一般检查 / 重点检查, as published. */
  category: string | null;
  /** 事项类别 (行政检查…), as published. */
  itemKind: string | null;
  /** 检查对象 / 抽查对象, whole and as published (free text). */
  inspectionObject: string | null;
  sectors: string[];
  method: string | null;
  /** 检查主体 / 抽查主体. */
  subject: string | null;
  department: string | null;
  level: string | null;
  /** 检查人员要求. */
  inspectorRequirement: string | null;
  /** 抽查比例 as published ("不低于5%"); its value, when it reads as one, is kept beside it. */
  ratioText: string | null;
  /** 抽查频次 as published ("每年一次"). */
  frequencyText: string | null;
  /** 备注. */
  remarks: string | null;
  parentCode: string | null;
  /** Columns of the file the checklist has no field for, header → value. */
  extra: Record<string, string>;
}

const MAX_EXTRA = 4000;

/** 其他列: the kept columns as a JSON object (what exports write, what an edit may send). */
const extraField: Field<Record<string, string>> = {
  headers: ['其他列'],
  required: false,
  empty: {},
  parse(text) {
    if (text.length > MAX_EXTRA) return err(`超过 ${MAX_EXTRA} 个字（is longer than ${MAX_EXTRA} characters）`);
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string')) return ok(value as Record<string, string>);
    } catch {
      // falls through to the reason below
    }
    return err('应为 JSON 对象，列名→文字（must be a JSON object of header → text）');
  },
  format: (v) => (Object.keys(v).length === 0 ? '' : JSON.stringify(v)),
};

export const checklistSpec: DirectorySpec<ChecklistRow> = {
  kind: 'checklist',
  label: '抽查事项清单',
  key: 'code',
  keepsUnknownColumns: true,
  // 检查对象 → sectors: the jurisdiction's vocabulary and the bureau's corrections when the import
  // knows them (名录库 › 检查对象匹配), else the base vocabulary's names.
  finish: (records, context) => shapeChecklist(records, objectMatcher(context.sectors ?? BASE_VOCABULARY, context.objectCorrections)),
  fields: {
    // Not required: a table without codes gets generated ones (docs/rule-packs.md, 抽查事项清单).
    code: { ...requiredText(['事项编码', '编码', '编号', '序号'], 50), required: false },
    // Not required: a list without names (抽查类别 | 检查对象 | …) is named from its 检查对象.
    name: { ...requiredText(['抽查事项', '抽查事项名称', '事项名称', '检查事项', '名称'], 200), required: false },
    subItem: textField(['抽查子项', '检查子项', '子项'], { max: 200 }),
    content: textField(['检查内容', '抽查内容', '内容'], { max: 4000 }),
    legalBasis: textField(['检查依据', '抽查依据', '法律依据', '依据'], { max: 4000 }),
    category: textField(['抽查类别', '检查类别']),
    itemKind: textField(['事项类别', '事项类型']),
    inspectionObject: textField(['检查对象', '抽查对象'], { max: 1000 }),
    sectors: sectorListField(['适用行业', '行业领域']),
    method: textField(['检查方式', '抽查方式']),
    subject: textField(['检查主体', '抽查主体', '实施主体']),
    department: textField(['检查部门', '实施部门', '部门']),
    level: textField(['实施层级', '层级']),
    inspectorRequirement: textField(['检查人员要求', '抽查人员要求', '人员要求'], { max: 1000 }),
    ratioText: textField(['抽查比例', '检查比例'], { max: 200 }),
    frequencyText: textField(['抽查频次', '检查频次', '频次'], { max: 200 }),
    remarks: textField(['备注'], { max: 2000 }),
    parentCode: textField(['上级事项编码', '上级编码', '父级编码'], { max: 50 }),
    extra: extraField,
  },
};

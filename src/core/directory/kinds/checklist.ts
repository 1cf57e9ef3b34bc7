import { requiredText, sectorListField, textField } from '../fields.ts';
import type { DirectorySpec } from './spec.ts';

/** A row of the 抽查事项清单 (卧龙 第五条): sub-items name their parent's code. */
export interface ChecklistRow {
  code: string;
  name: string;
  content: string | null;
  legalBasis: string | null;
  sectors: string[];
  method: string | null;
  department: string | null;
  level: string | null;
  parentCode: string | null;
}

export const checklistSpec: DirectorySpec<ChecklistRow> = {
  kind: 'checklist',
  label: '抽查事项清单',
  key: 'code',
  fields: {
    code: requiredText(['事项编码', '编码', '编号', '序号'], 50),
    name: requiredText(['抽查事项', '事项名称', '检查事项', '名称'], 200),
    content: textField(['检查内容', '抽查内容', '内容'], { max: 4000 }),
    legalBasis: textField(['检查依据', '抽查依据', '法律依据', '依据'], { max: 4000 }),
    sectors: sectorListField(['检查对象', '适用行业', '行业领域']),
    method: textField(['检查方式', '抽查方式']),
    department: textField(['检查部门', '实施部门', '部门']),
    level: textField(['实施层级', '层级', '事项类别']),
    parentCode: textField(['上级事项编码', '上级编码', '父级编码'], { max: 50 }),
  },
};

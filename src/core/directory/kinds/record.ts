import { dateField, enumField, textField, usccField, type Field } from '../fields.ts';
import { RECORD_KINDS } from '../vocabulary.ts';
import type { DirectorySpec } from './spec.ts';

/**
 * A row of an enterprise-records file: a complaint (投诉举报), accident (事故), penalty (行政处罚)
 * or serious violation (严重违法违规) of an enterprise of the directory, which the half-yearly
 * groups read (攀枝花 二(六)). A record is the same on re-import when its enterprise, kind,
 * date and 文号 are.
 */
export interface RecordRow {
  uscc: string;
  kind: keyof typeof RECORD_KINDS;
  occurredOn: string;
  reference: string | null;
  description: string | null;
}

export const recordSpec: DirectorySpec<RecordRow> = {
  kind: 'records',
  label: '企业记录',
  key: 'uscc',
  keyOf: (r) => [r.uscc, r.kind, r.occurredOn, r.reference ?? ''].join('|'),
  fields: {
    uscc: usccField(['统一社会信用代码', '信用代码', '社会信用代码']),
    kind: { ...enumField(['记录类型', '记录类别', '类型'], RECORD_KINDS, 'COMPLAINT'), required: true } as Field<keyof typeof RECORD_KINDS>,
    occurredOn: { ...dateField(['发生日期', '日期', '发生时间', '立案日期', '处罚日期']), required: true } as Field<string>,
    reference: textField(['文号/编号', '文号', '编号', '案号', '处罚决定书文号'], { max: 200 }),
    description: textField(['摘要', '内容', '简要情况', '事由', '说明'], { max: 2000 }),
  },
};

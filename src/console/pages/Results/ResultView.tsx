import { Descriptions, List, Tag } from 'antd';
import { beijingDateTime } from '../../components/beijing-time.ts';
import type { ConsoleResultFieldsFragment } from '../../gql/graphql.ts';
import { ITEM_OUTCOME_LABELS, RESULT_STATUS_LABELS, TRANSFER_TO_LABELS } from '../../locale/labels.ts';
import type { ChecklistName } from './ResultForm.tsx';

/** One version of a result, read only (a published one never changes), one column on a phone. */
export function ResultView({ result, checklist, id }: { result: ConsoleResultFieldsFragment; checklist: ReadonlyMap<string, ChecklistName>; id?: string }) {
  const h = result.handling;
  const handling = [
    h.rectificationDue ? `责令限期整改，期限 ${h.rectificationDue}` : undefined,
    h.penalty ? `行政处罚 ${h.penalty.decisionNumber}${h.penalty.fineYuan != null ? `，罚款 ${h.penalty.fineYuan} 元` : ''}` : undefined,
    h.transfer ? `${TRANSFER_TO_LABELS[h.transfer.to]}：${h.transfer.recipient}` : undefined,
  ].filter(Boolean);
  return (
    <div id={id}>
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} bordered>
        <Descriptions.Item label="版本">第 {result.version} 版 <Tag color={result.status === 'PUBLISHED' ? 'green' : 'blue'}>{RESULT_STATUS_LABELS[result.status]}</Tag></Descriptions.Item>
        <Descriptions.Item label="检查结果类别">{result.categoryLabel}</Descriptions.Item>
        <Descriptions.Item label="检查日期">{result.inspectedOn}</Descriptions.Item>
        <Descriptions.Item label="公示时间">{result.publishedAt ? beijingDateTime(result.publishedAt) : '未公示'}</Descriptions.Item>
        {result.correctionReason && <Descriptions.Item label="更正理由" span={2}>{result.correctionReason}</Descriptions.Item>}
        <Descriptions.Item label="处理" span={2}>{handling.length ? handling.join('；') : '无'}</Descriptions.Item>
        <Descriptions.Item label="小结" span={2}>{result.summary || '—'}</Descriptions.Item>
      </Descriptions>
      <List
        size="small"
        header="检查事项"
        dataSource={result.items}
        renderItem={(i) => (
          <List.Item>
            <span>{checklist.get(i.code)?.name ?? i.code}{i.note ? `（${i.note}）` : ''}</span>
            <Tag color={i.outcome === 'NONCOMPLIANT' ? 'red' : i.outcome === 'COMPLIANT' ? 'green' : 'default'}>{ITEM_OUTCOME_LABELS[i.outcome]}</Tag>
          </List.Item>
        )}
      />
      {result.hazards.length > 0 && (
        <List
          size="small"
          header="隐患"
          dataSource={result.hazards}
          renderItem={(x) => (
            <List.Item>
              <span>{x.description}</span>
              <span>{x.major && <Tag color="red">重大事故隐患</Tag>}{x.concealed && <Tag color="volcano">隐瞒不报</Tag>}</span>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

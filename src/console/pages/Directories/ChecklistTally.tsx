import { useState } from 'react';
import { Alert, Card, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from 'urql';
import { beijingToday } from '../../components/beijing-time.ts';
import { sessionJurisdiction } from '../../components/jurisdiction.ts';
import { graphql } from '../../gql/index.ts';

export const ChecklistTallyQuery = graphql(`
  query ConsoleChecklistTally($jurisdiction: String!, $year: Int!) {
    jurisdiction(code: $jurisdiction) {
      id
      checklistItemTally(year: $year) {
        code name ratioText frequencyText frequencyLabel objects tasks inspections inspected sharePercent ratioNeeded ratioMet frequencyMet
        ratioCitation { clause } frequencyCitation { clause }
        periods { from to inspections ended }
      }
    }
  }
`);

const met = (value: boolean | null | undefined) => (value === null || value === undefined ? <Typography.Text type="secondary">—</Typography.Text> : value ? <Tag color="green">已达到</Tag> : <Tag color="orange">未达到</Tag>);

/**
 * 抽查比例与频次（本年度）: each checklist item with a 抽查比例 or 抽查频次 (the checklist's, or the
 * pack's with its clause), the tasks and inspections drawn for it this year, the share of its
 * objects inspected, and whether the ratio and the frequency are met so far (Beijing time).
 */
export function ChecklistTally() {
  const [year, setYear] = useState(Number(beijingToday().slice(0, 4)));
  const [{ data, fetching, error }] = useQuery({ query: ChecklistTallyQuery, variables: { jurisdiction: sessionJurisdiction(), year }, requestPolicy: 'cache-and-network' });
  const rows = data?.jurisdiction?.checklistItemTally ?? [];
  return (
    <Card id="checklist-tally" size="small" style={{ marginTop: 16 }}
      title={<Space>抽查比例与频次<InputNumber id="checklist-tally-year" aria-label="年度" size="small" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />年</Space>}>
      {error && <Alert type="error" showIcon title="无法读取本年度抽查比例与频次" />}
      <Table id="checklist-tally-table" size="small" rowKey="code" loading={fetching} dataSource={rows} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '没有规定抽查比例或抽查频次的检查事项' }}
        columns={[
          { title: '事项', key: 'item', render: (_, r) => `${r.code} ${r.name}` },
          { title: '抽查比例', key: 'ratio', render: (_, r) => <>{r.ratioText ?? '—'}{r.ratioCitation && <Typography.Text type="secondary">（规则包 {r.ratioCitation.clause}）</Typography.Text>}</> },
          { title: '抽查频次', key: 'frequency', render: (_, r) => <>{r.frequencyText ?? '—'}{r.frequencyCitation && <Typography.Text type="secondary">（规则包 {r.frequencyCitation.clause}）</Typography.Text>}</> },
          { title: '任务', dataIndex: 'tasks', width: 60 },
          { title: '检查', dataIndex: 'inspections', width: 60 },
          { title: '已检查 / 检查对象', key: 'share', render: (_, r) => `${r.inspected} / ${r.objects}${r.sharePercent === null ? '' : `（${r.sharePercent}%）`}` },
          { title: '比例', key: 'ratioMet', render: (_, r) => <>{met(r.ratioMet)}{r.ratioNeeded !== null && <Typography.Text type="secondary">至少 {r.ratioNeeded} 家</Typography.Text>}</> },
          { title: '频次', key: 'frequencyMet', render: (_, r) => <>{met(r.frequencyMet)}{r.frequencyLabel && <Typography.Text type="secondary">{r.periods.map((p) => `${p.from.slice(5)}–${p.to.slice(5)}：${p.inspections}`).join('；')}</Typography.Text>}</> },
        ]} />
    </Card>
  );
}

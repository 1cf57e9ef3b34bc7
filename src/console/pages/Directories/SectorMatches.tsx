import { useState } from 'react';
import { Alert, Button, Form, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { beijingDateTime } from '../../components/beijing-time.ts';
import { sessionJurisdiction } from '../../components/jurisdiction.ts';
import { Refusal, type RefusalValue } from '../../components/Refusal.tsx';
import { useSectors } from '../../components/sectors.ts';
import { graphql } from '../../gql/index.ts';
import type { SectorMatchHow } from '../../gql/graphql.ts';
import { refusedOf } from './answer.ts';

export const SectorMatchesQuery = graphql(`
  query ConsoleSectorMatches($jurisdiction: String!) {
    jurisdiction(code: $jurisdiction) {
      id
      sectorMatches { text sectors how items matched { sectors how } correction { sectors correctedBy correctedAt } }
    }
  }
`);

const CorrectSectorMatch = graphql(`
  mutation ConsoleCorrectSectorMatch($jurisdiction: String!, $text: String!, $sectors: [String!]!) {
    correctSectorMatch(jurisdiction: $jurisdiction, text: $text, sectors: $sectors) {
      __typename
      ... on SectorMatch { text sectors how }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
    }
  }
`);

const ClearSectorMatch = graphql(`
  mutation ConsoleClearSectorMatch($jurisdiction: String!, $text: String!) {
    clearSectorMatch(jurisdiction: $jurisdiction, text: $text) {
      __typename
      ... on SectorMatch { text sectors how }
      ... on Error { message }
    }
  }
`);

/** SectorMatchHow as the clerk reads it. */
export const MATCH_HOW_LABELS: Record<SectorMatchHow, string> = { EXACT: '名称一致', ALIAS: '别名', CONTAINS: '包含名称', CORRECTION: '本局更正', UNMATCHED: '未匹配' };
const HOW_COLOURS: Record<SectorMatchHow, string> = { EXACT: 'green', ALIAS: 'cyan', CONTAINS: 'gold', CORRECTION: 'blue', UNMATCHED: 'red' };

interface Row { text: string; sectors: readonly string[]; how: SectorMatchHow; items: number; matched: { sectors: readonly string[]; how: SectorMatchHow }; correction?: { sectors: readonly string[]; correctedBy: string; correctedAt: string } | null }

/**
 * 检查对象匹配: every 检查对象 text of the checklist with the sectors it matched and how; an admin
 * corrects a row (the checklist items with that text take the corrected sectors) or clears it.
 */
export function SectorMatches({ canCorrect }: { canCorrect: boolean }) {
  const jurisdiction = sessionJurisdiction();
  const vocabulary = useSectors();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SectorMatchesQuery, variables: { jurisdiction }, requestPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState<Row>();
  const [chosen, setChosen] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<RefusalValue>();
  const [, correct] = useMutation(CorrectSectorMatch);
  const [, clear] = useMutation(ClearSectorMatch);
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const labels = (codes: readonly string[]) => (codes.length ? codes.map(vocabulary.label).join('、') : '—');

  async function save() {
    if (!editing) return;
    const r = await correct({ jurisdiction, text: editing.text, sectors: chosen });
    const refused = refusedOf(r.data?.correctSectorMatch);
    if (refused || r.error) return setRefusal(refused?.refusal ?? { message: r.error!.message });
    setEditing(undefined);
    refresh();
  }
  async function doClear(row: Row) {
    const r = await clear({ jurisdiction, text: row.text });
    const refused = refusedOf(r.data?.clearSectorMatch);
    if (refused || r.error) return setRefusal(refused?.refusal ?? { message: r.error!.message });
    setRefusal(undefined);
    refresh();
  }

  const rows = (data?.jurisdiction?.sectorMatches ?? []) as Row[];
  return (
    <div id="sector-matches">
      <Typography.Paragraph type="secondary">
        抽查事项清单中的“检查对象”按行业目录自动匹配为行业领域；匹配不对的，由本局更正，更正后使用该检查对象的检查事项随之改为更正的行业领域。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title="读取失败" description={error.message} />}
      {!editing && <Refusal refusal={refusal} id="sector-match-refusal" />}
      <Table<Row>
        id="sector-match-table"
        rowKey="text"
        size="small"
        loading={fetching && !data}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '清单中还没有写明检查对象的事项' }}
        columns={[
          { title: '检查对象', dataIndex: 'text' },
          { title: '行业领域', key: 'sectors', render: (_, r) => labels(r.sectors) },
          { title: '匹配方式', key: 'how', render: (_, r) => <Tag color={HOW_COLOURS[r.how]}>{MATCH_HOW_LABELS[r.how]}</Tag> },
          { title: '自动匹配', key: 'matched', render: (_, r) => (r.correction ? `${labels(r.matched.sectors)}（${MATCH_HOW_LABELS[r.matched.how]}）` : '') },
          { title: '事项数', dataIndex: 'items' },
          { title: '更正', key: 'correction', render: (_, r) => (r.correction ? `${r.correction.correctedBy.replace(/^token:(user:)?/, '')} · ${beijingDateTime(r.correction.correctedAt)}` : '') },
          ...(canCorrect
            ? [{
                title: '操作',
                key: 'actions',
                render: (_: unknown, r: Row) => (
                  <Space>
                    <Button size="small" className="correct-match" onClick={() => { setEditing(r); setChosen([...r.sectors]); setRefusal(undefined); }}>更正</Button>
                    {r.correction && (
                      <Popconfirm title="清除更正，恢复自动匹配？" okText="清除" cancelText="取消" okButtonProps={{ id: 'clear-match-confirm' }} onConfirm={() => doClear(r)}>
                        <Button size="small" className="clear-match">清除更正</Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              }]
            : []),
        ]}
      />
      <Modal title={`更正：${editing?.text ?? ''}`} open={editing !== undefined} okText="保存" cancelText="取消" okButtonProps={{ id: 'sector-match-save' }} onOk={save} onCancel={() => setEditing(undefined)} destroyOnHidden>
        <Refusal refusal={refusal} id="sector-match-refusal" />
        <Form layout="vertical" name="sectorMatch">
          <Form.Item label="行业领域">
            <Select id="sectorMatch_sectors" mode="multiple" allowClear showSearch optionFilterProp="label" value={chosen} onChange={setChosen} options={vocabulary.options} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Empty, Popconfirm, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { Refusal, type RefusalValue } from '../../components/Refusal.tsx';
import { beijingDateTime } from '../../components/beijing-time.ts';
import type { ConsoleDirectoryRecordQuery } from '../../gql/graphql.ts';
import { CHANGE_OP_LABELS, ENTERPRISE_RECORD_KIND_LABELS, EXPERT_SERVICE_KIND_LABELS } from '../../locale/labels.ts';
import { refusedOf, type DirectoryAnswer } from './answer.ts';
import { FIELDS_OF, fieldOfColumn, type DirectoryTab } from './fields.ts';
import { DeactivateChecklistItem, DeactivateEnterprise, DeactivateExpert, DeactivateInspector, RecordQuery } from './operations.ts';
import { RecordForm } from './RecordForm.tsx';

type Node = NonNullable<ConsoleDirectoryRecordQuery['node']>;
type Change = { op: string; actor: string; changedAt: string; row: unknown };

/** The record as the form and the details read it: the checklist's parent by its code. */
function valuesOf(node: Node): Record<string, unknown> & { id: string } {
  const values: Record<string, unknown> = { ...node };
  if (node.__typename === 'ChecklistItem') values.parentCode = node.parent?.code ?? null;
  if (node.__typename === 'Expert') values.idNumber = node.expertIdNumber;
  return values as Record<string, unknown> & { id: string };
}

/**
 * What each change did, field by field, against the change before it (for the first, every field
 * it set), in the directory's Chinese names and values; bookkeeping columns are left out.
 */
function changedFields(tab: DirectoryTab, row: Record<string, unknown>, before: Record<string, unknown> | undefined): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  for (const [column, value] of Object.entries(row)) {
    if (before && JSON.stringify(before[column]) === JSON.stringify(value)) continue;
    if (column === 'active') {
      if (before) out.push({ label: '状态', value: value ? '在册' : '已停用' });
      continue;
    }
    const field = fieldOfColumn(tab, column);
    if (!field) continue;
    const text = field.format(value);
    if (!before && text === '') continue;
    out.push({ label: field.label, value: text === '' ? '（清空）' : text });
  }
  return out;
}

/** The history's actor (token:user:zhaolei, token:admin-411303) as a clerk reads it. */
function actorLabel(actor: string): string {
  if (actor.startsWith('token:user:')) return `用户 ${actor.slice('token:user:'.length)}`;
  if (actor.startsWith('token:')) return `令牌 ${actor.slice('token:'.length)}`;
  return actor;
}

export function HistoryTimeline({ tab, history }: { tab: DirectoryTab; history: readonly Change[] }) {
  if (history.length === 0) return <Empty description="没有变更记录（仅本辖区人员可见）" />;
  return (
    <div id="record-history"><Timeline
      items={history.map((change, i) => {
        const row = change.row as Record<string, unknown>;
        const before = i > 0 ? (history[i - 1]!.row as Record<string, unknown>) : undefined;
        const fields = changedFields(tab, row, before);
        return {
          key: `${i}`,
          title: <span><Tag>{CHANGE_OP_LABELS[change.op] ?? change.op}</Tag>{beijingDateTime(change.changedAt)}　{actorLabel(change.actor)}</span>,
          content: fields.length === 0 ? <Typography.Text type="secondary">无字段变化</Typography.Text> : <ul style={{ margin: 0, paddingLeft: 18 }}>{fields.map((f) => <li key={f.label}>{f.label}：{f.value}</li>)}</ul>,
        };
      })}
    /></div>
  );
}

/** One record in a drawer: its fields, its records or services, its history; edit and deactivate for editors. */
export function RecordDrawer({ tab, id, canEdit, onClose, onChanged }: { tab: DirectoryTab; id: string | undefined; canEdit: boolean; onClose: () => void; onChanged: () => void }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: RecordQuery, variables: { id: id ?? '' }, pause: !id, requestPolicy: 'network-only' });
  const [editing, setEditing] = useState(false);
  const [refusal, setRefusal] = useState<RefusalValue>();
  const [mutationError, setMutationError] = useState<CombinedError>();
  const [, deactivateEnterprise] = useMutation(DeactivateEnterprise);
  const [, deactivateInspector] = useMutation(DeactivateInspector);
  const [, deactivateExpert] = useMutation(DeactivateExpert);
  const [, deactivateItem] = useMutation(DeactivateChecklistItem);
  const node = data?.node ?? undefined;
  const fields = FIELDS_OF[tab];

  async function deactivate() {
    if (!id) return;
    setRefusal(undefined);
    const r = tab === 'enterprises' ? await deactivateEnterprise({ id }) : tab === 'inspectors' ? await deactivateInspector({ id }) : tab === 'experts' ? await deactivateExpert({ id }) : await deactivateItem({ id });
    if (r.error) return setMutationError(r.error);
    const answer = Object.values((r.data ?? {}) as Record<string, DirectoryAnswer>)[0];
    const refused = refusedOf(answer);
    if (refused) return setRefusal(refused.refusal);
    refetch({ requestPolicy: 'network-only' });
    onChanged();
  }

  const values = node ? valuesOf(node) : undefined;
  const history = node && 'history' in node ? (node.history as Change[]) : [];
  return (
    <Drawer open={id !== undefined} onClose={onClose} size={720} title={values ? String(values.name ?? '') : '记录'} id="record-drawer"
      extra={canEdit && values?.active ? (
        <Space>
          <Button id="record-edit" type="primary" onClick={() => setEditing(true)}>编辑</Button>
          <Popconfirm title="停用后该记录不再参与抽取，历史保留。确定停用？" okText="停用" cancelText="取消" onConfirm={deactivate} okButtonProps={{ id: 'record-deactivate-confirm' }}>
            <Button id="record-deactivate" danger>停用</Button>
          </Popconfirm>
        </Space>
      ) : undefined}
    >
      {fetching && !data && <Spin />}
      {error && <Refusal error={error} id="record-error" />}
      <Refusal refusal={refusal} error={mutationError} id="record-refusal" />
      {values && (
        <>
          {!values.active && <Alert type="warning" showIcon title="此记录已停用" style={{ marginBottom: 16 }} />}
          <Descriptions id="record-details" bordered size="small" column={2} items={fields.map((f) => ({ key: f.name, label: f.label, children: f.format(values[f.name]) }))} />
          {node?.__typename === 'Enterprise' && node.records.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 24 }}>投诉、事故、处罚记录</Typography.Title>
              <Table size="small" rowKey={(r) => `${r.kind}:${r.occurredOn}:${r.description ?? ''}`} pagination={false} dataSource={node.records}
                columns={[
                  { title: '类别', dataIndex: 'kind', render: (k: keyof typeof ENTERPRISE_RECORD_KIND_LABELS) => ENTERPRISE_RECORD_KIND_LABELS[k] },
                  { title: '日期', dataIndex: 'occurredOn' },
                  { title: '说明', dataIndex: 'description' },
                  { title: '已撤销', dataIndex: 'withdrawnOn' },
                ]} />
            </>
          )}
          {node?.__typename === 'Expert' && node.services.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 24 }}>服务记录（回避依据）</Typography.Title>
              <Table size="small" rowKey={(s) => `${s.enterpriseUscc}:${s.kind}:${s.servedOn}`} pagination={false} dataSource={node.services}
                columns={[
                  { title: '企业统一社会信用代码', dataIndex: 'enterpriseUscc' },
                  { title: '服务类别', dataIndex: 'kind', render: (k: keyof typeof EXPERT_SERVICE_KIND_LABELS) => EXPERT_SERVICE_KIND_LABELS[k] },
                  { title: '日期', dataIndex: 'servedOn' },
                ]} />
            </>
          )}
          <Typography.Title level={5} style={{ marginTop: 24 }}>变更历史</Typography.Title>
          <HistoryTimeline tab={tab} history={history} />
          {editing && (
            <RecordForm tab={tab} record={values} open={editing} onClose={() => setEditing(false)}
              onSaved={() => { setEditing(false); refetch({ requestPolicy: 'network-only' }); onChanged(); }} />
          )}
        </>
      )}
    </Drawer>
  );
}

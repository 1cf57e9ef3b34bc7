import { useState, type ReactNode } from 'react';
import { Button, Card, Space, Table, type TableColumnsType } from 'antd';
import type { CombinedError } from 'urql';
import { Refusal } from '../../components/Refusal.tsx';
import { navigate } from '../../router.ts';
import { ExportButtons } from './ExportButtons.tsx';
import type { DirectoryTab } from './fields.ts';
import { Pager, PAGE_SIZE, type useCursorPages } from './paging.tsx';
import { RecordDrawer } from './RecordDrawer.tsx';
import { RecordForm } from './RecordForm.tsx';

export interface Connection<N> {
  readonly totalCount: number;
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor?: string | null };
  readonly edges: readonly { readonly node: N }[];
}

/**
 * What the four directory lists share: the filters above, one page of the table, the pager, the
 * record's drawer, 新增 / 导入 for editors and 导出 for members.
 */
export function ListFrame<N extends { id: string }>(props: {
  tab: DirectoryTab;
  filters: ReactNode;
  connection: Connection<N> | undefined;
  fetching: boolean;
  error: CombinedError | undefined;
  columns: TableColumnsType<N>;
  pages: ReturnType<typeof useCursorPages>;
  canEdit: boolean;
  refresh: () => void;
}) {
  const { tab, connection, pages, canEdit, refresh } = props;
  const [openId, setOpenId] = useState<string>();
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<N> = [
    ...props.columns,
    { title: '操作', key: 'open', width: 80, fixed: 'right', render: (_, node) => <Button type="link" size="small" className="record-open" onClick={() => setOpenId(node.id)}>查看</Button> },
  ];
  return (
    <Card
      title={props.filters}
      extra={
        <Space>
          {canEdit && <Button id={`${tab}-create`} type="primary" onClick={() => setCreating(true)}>新增</Button>}
          {canEdit && <Button id={`${tab}-import`} onClick={() => navigate(`/directories/import?kind=${tab}`)}>导入</Button>}
          <ExportButtons tab={tab} />
        </Space>
      }
      styles={{ header: { paddingTop: 12, paddingBottom: 12 } }}
    >
      <Refusal error={props.error} id={`${tab}-error`} />
      <Table<N>
        id={`${tab}-table`}
        rowKey="id"
        size="middle"
        loading={props.fetching}
        dataSource={connection?.edges.map((e) => e.node) ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(node) => ({ onDoubleClick: () => setOpenId(node.id) })}
      />
      <Pager id={tab} pages={pages} totalCount={connection?.totalCount ?? 0} hasNextPage={connection?.pageInfo.hasNextPage ?? false} endCursor={connection?.pageInfo.endCursor} />
      <RecordDrawer tab={tab} id={openId} canEdit={canEdit} onClose={() => setOpenId(undefined)} onChanged={refresh} />
      {creating && <RecordForm tab={tab} open={creating} onClose={() => setCreating(false)} onSaved={(id) => { setCreating(false); refresh(); setOpenId(id); }} />}
    </Card>
  );
}

export { PAGE_SIZE };

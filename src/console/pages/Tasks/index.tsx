import { useState } from 'react';
import { Alert, Button, Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from 'urql';
import { access } from '../../access.ts';
import { sessionJurisdiction } from '../../components/jurisdiction.ts';
import { Refusal } from '../../components/Refusal.tsx';
import type { ConsoleTasksQuery, TaskStatus } from '../../gql/graphql.ts';
import { TASK_STATUS_LABELS } from '../../locale/labels.ts';
import { BASE, navigate } from '../../router.ts';
import { readSession } from '../../session.ts';
import { TasksQuery } from './operations.ts';
import { TaskForm } from './TaskForm.tsx';

type Task = NonNullable<ConsoleTasksQuery['jurisdiction']>['tasks']['edges'][number]['node'];

const PAGE = 20;
const STATES = Object.keys(TASK_STATUS_LABELS) as TaskStatus[];
export const STATUS_COLOURS: Record<TaskStatus, string> = { DRAFT: 'default', LOCKED: 'gold', DRAWN: 'blue', DISPATCHED: 'cyan', ANNOUNCED: 'geekblue', INSPECTING: 'purple', CLOSED: 'green', CANCELLED: 'red' };

/** The console's path of a task's detail screen. */
export const taskPath = (id: string) => `/tasks/${encodeURIComponent(id)}`;

/** 抽查任务: the tasks page by page (the server's cursor), filtered by state; planners create drafts. */
export default function TasksPage() {
  const jurisdiction = sessionJurisdiction();
  const may = access(readSession()?.user);
  const [status, setStatus] = useState<TaskStatus[]>([]);
  // The cursors of the pages seen so far: going back needs no offset from the server.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [creating, setCreating] = useState(false);
  const after = cursors[cursors.length - 1] ?? null;
  const [{ data, fetching, error }] = useQuery({ query: TasksQuery, variables: { jurisdiction, status: status.length > 0 ? status : null, first: PAGE, after }, pause: !jurisdiction, requestPolicy: 'cache-and-network' });

  if (!jurisdiction) return <Alert type="info" showIcon title="平台管理员不属于任何辖区，没有抽查任务" />;
  if (error && !data) return <Refusal error={error} id="tasks-error" />;
  const connection = data?.jurisdiction?.tasks;
  const tasks = connection?.edges.map((e) => e.node) ?? [];
  const page = cursors.length;

  return (
    <>
      <Typography.Title level={4}>抽查任务</Typography.Title>
      <Card
        id="tasks"
        title={`抽查任务（共 ${connection?.totalCount ?? 0} 项）`}
        extra={
          <Space>
            <Select<TaskStatus[]>
              id="task-status-filter"
              aria-label="按状态筛选"
              mode="multiple"
              allowClear
              placeholder="全部状态"
              style={{ minWidth: 240 }}
              value={status}
              options={STATES.map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] }))}
              onChange={(next) => {
                setStatus(next);
                setCursors([null]);
              }}
            />
            {may.canPlan && <Button type="primary" id="task-create" onClick={() => setCreating(true)}>新建任务</Button>}
          </Space>
        }
      >
        <Table<Task>
          id="tasks-table"
          rowKey="id"
          loading={fetching}
          dataSource={tasks}
          pagination={false}
          locale={{ emptyText: <Empty description="没有符合条件的抽查任务" /> }}
          columns={[
            {
              title: '任务名称',
              dataIndex: 'title',
              render: (title: string, t) => (
                <a className="task-link" href={`${BASE}${taskPath(t.id)}`} onClick={(e) => { e.preventDefault(); navigate(taskPath(t.id)); }}>{title}</a>
              ),
            },
            { title: '状态', dataIndex: 'status', render: (s: TaskStatus) => <Tag color={STATUS_COLOURS[s]}>{TASK_STATUS_LABELS[s]}</Tag> },
            {
              title: '类型',
              key: 'kind',
              render: (_, t) => (
                <Space size={4} wrap>
                  <Tag>{t.directed ? '定向' : '不定向'}</Tag>
                  {t.covert && <Tag color="volcano">暗查暗访</Tag>}
                  {t.joint && <Tag color="blue">联合检查</Tag>}
                  {t.special && <Tag color="purple">专项</Tag>}
                </Space>
              ),
            },
            // 0 until the lock: the size follows from the pack's per-stratum ratios.
            { title: '抽取家数', dataIndex: 'size', render: (size: number) => (size === 0 ? '按分层比例确定' : size) },
            { title: '检查时间', key: 'window', render: (_, t) => `${t.windowStart} 至 ${t.windowEnd}` },
            { title: '检查日期', dataIndex: 'inspectionDate' },
            { title: '所属计划', key: 'plan', render: (_, t) => (t.plan ? `${t.plan.year} 年度 · ${t.plan.title}` : '—') },
          ]}
        />
        <Space style={{ marginTop: 16 }}>
          <Button id="tasks-prev" disabled={page === 1} onClick={() => setCursors(cursors.slice(0, -1))}>上一页</Button>
          <span id="tasks-page">第 {page} 页</span>
          <Button id="tasks-next" disabled={!connection?.pageInfo.hasNextPage} onClick={() => setCursors([...cursors, connection?.pageInfo.endCursor ?? null])}>下一页</Button>
        </Space>
      </Card>
      {creating && <TaskForm jurisdiction={jurisdiction} onClose={() => setCreating(false)} onDone={(id) => navigate(taskPath(id))} />}
    </>
  );
}

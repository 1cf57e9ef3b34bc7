import { useState } from 'react';
import { Alert, Button, Card, Empty, List, Select, Space, Tag } from 'antd';
import { useQuery } from 'urql';
import { sessionJurisdiction } from '../../components/jurisdiction.ts';
import { RESULT_STATUS_LABELS, TASK_STATUS_LABELS } from '../../locale/labels.ts';
import { ResultTasksQuery, TaskPicksQuery } from './operations.ts';

const PAGE = 50;

/** The team's members besides the leader (the draw lists the leader among the members too). */
const others = (team: { leader: { id: string }; members: readonly { id: string; name: string }[] }) => team.members.filter((m) => m.id !== team.leader.id);

/** A clerk (no inspector of their own) picks a task being inspected or closed, then one of its drawn enterprises. */
export function TaskPicks({ taskId, onTask, onOpen }: { taskId: string | undefined; onTask: (id: string) => void; onOpen: (uscc: string) => void }) {
  const [first, setFirst] = useState(PAGE);
  const [{ data: tasks, error }] = useQuery({ query: ResultTasksQuery, variables: { jurisdiction: sessionJurisdiction(), first }, requestPolicy: 'cache-and-network' });
  const [{ data, fetching }] = useQuery({ query: TaskPicksQuery, variables: { task: taskId ?? '' }, pause: !taskId, requestPolicy: 'cache-and-network' });
  if (error) return <Alert type="error" showIcon title={error.graphQLErrors[0]?.message ?? '无法连接服务器'} />;
  const connection = tasks?.jurisdiction?.tasks;
  const task = data?.node?.__typename === 'Task' ? data.node : undefined;
  const latest = new Map<string, { version: number; status: keyof typeof RESULT_STATUS_LABELS }>();
  for (const r of task?.results ?? []) if ((latest.get(r.uscc)?.version ?? 0) < r.version) latest.set(r.uscc, r);

  return (
    <Card title="选择任务和企业" size="small" id="task-picks">
      <Space direction="vertical" style={{ width: '100%' }}>
        <label htmlFor="results-task">抽查任务（检查中、已结束，共 {connection?.totalCount ?? 0} 项）</label>
        <Select
          id="results-task"
          style={{ width: '100%' }}
          placeholder="请选择任务"
          value={taskId}
          onChange={onTask}
          options={connection?.edges.map(({ node }) => ({ value: node.id, label: `${node.title}（${node.inspectionDate}，${TASK_STATUS_LABELS[node.status]}）` })) ?? []}
          popupRender={(menu) => <>{menu}{connection?.pageInfo.hasNextPage && <Button type="link" block onClick={() => setFirst(first + PAGE)}>加载更多任务</Button>}</>}
        />
        {taskId && (
          <List
            loading={fetching && !data}
            dataSource={task?.draw?.picks ?? []}
            locale={{ emptyText: <Empty description="该任务没有抽取结果" /> }}
            renderItem={(p) => {
              const r = latest.get(p.uscc);
              return (
                <List.Item id={`pick-item-${p.order}`} data-uscc={p.uscc} onClick={() => onOpen(p.uscc)} style={{ cursor: 'pointer' }}
                  actions={[<Button key="open" type="link" onClick={() => onOpen(p.uscc)} id={`pick-open-${p.order}`}>{r?.status === 'PUBLISHED' ? '查看' : '录入'}</Button>]}>
                  <List.Item.Meta
                    title={`${p.order}. ${p.enterpriseName ?? p.uscc}`}
                    description={<span>组长 {p.team.leader.name}{others(p.team).length ? `，组员 ${others(p.team).map((m) => m.name).join('、')}` : ''} {r ? <Tag color={r.status === 'PUBLISHED' ? 'green' : 'blue'}>第 {r.version} 版 {RESULT_STATUS_LABELS[r.status]}</Tag> : <Tag color="orange">未录入</Tag>}</span>}
                  />
                </List.Item>
              );
            }}
          />
        )}
      </Space>
    </Card>
  );
}

import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, List, Row, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from 'urql';
import { sessionJurisdiction } from '../../components/jurisdiction.ts';
import { RESULT_STATUS_LABELS, TASK_STATUS_LABELS } from '../../locale/labels.ts';
import { CorrectionPanel } from './CorrectionPanel.tsx';
import { ResultTasksQuery } from '../Results/operations.ts';
import { CorrectionTaskQuery } from './operations.ts';

const PAGE = 50;

/**
 * 更正与异议: a task's published results; for one enterprise its versions, a correction (更正,
 * with its reason, signed by the principal, then published) and the enterprise's objections (异议:
 * filed as received, reviewed, answered) with their deadlines.
 */
export default function CorrectionsPage() {
  const [first, setFirst] = useState(PAGE);
  const [taskId, setTaskId] = useState<string>();
  const [uscc, setUscc] = useState<string>();
  const [{ data: tasks, error }] = useQuery({ query: ResultTasksQuery, variables: { jurisdiction: sessionJurisdiction(), first }, requestPolicy: 'cache-and-network' });
  const [{ data, fetching }, reload] = useQuery({ query: CorrectionTaskQuery, variables: { task: taskId ?? '' }, pause: !taskId, requestPolicy: 'cache-and-network' });
  if (error) return <Alert type="error" showIcon title={error.graphQLErrors[0]?.message ?? '无法连接服务器'} />;
  const connection = tasks?.jurisdiction?.tasks;
  const task = data?.node?.__typename === 'Task' ? data.node : undefined;
  // One line per enterprise that has a published version: its newest version says where it stands.
  const byUscc = new Map<string, NonNullable<typeof task>['results']>();
  for (const r of task?.results ?? []) byUscc.set(r.uscc, [...(byUscc.get(r.uscc) ?? []), r].sort((a, b) => a.version - b.version));
  const enterprises = [...byUscc.entries()].filter(([, versions]) => versions.some((v) => v.status === 'PUBLISHED'));

  return (
    <>
      <Typography.Title level={4}>更正与异议</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={uscc ? 0 : 24} lg={9}>
          <Card size="small" title="已公示的检查结果" id="corrections-list">
            <Space direction="vertical" style={{ width: '100%' }}>
              <label htmlFor="corrections-task">抽查任务（共 {connection?.totalCount ?? 0} 项）</label>
              <Select
                id="corrections-task"
                style={{ width: '100%' }}
                placeholder="请选择任务"
                value={taskId}
                onChange={(t: string) => { setTaskId(t); setUscc(undefined); }}
                options={connection?.edges.map(({ node }) => ({ value: node.id, label: `${node.title}（${node.inspectionDate}，${TASK_STATUS_LABELS[node.status]}）` })) ?? []}
                popupRender={(menu) => <>{menu}{connection?.pageInfo.hasNextPage && <Button type="link" block onClick={() => setFirst(first + PAGE)}>加载更多任务</Button>}</>}
              />
              {taskId && (
                <List
                  loading={fetching && !data}
                  dataSource={enterprises}
                  locale={{ emptyText: <Empty description="该任务尚无已公示的结果" /> }}
                  renderItem={([code, versions]) => {
                    const latest = versions.at(-1)!;
                    const open = versions.flatMap((v) => v.objections).filter((o) => o.status !== 'ANSWERED').length;
                    return (
                      <List.Item id={`correction-item-${code}`} onClick={() => setUscc(code)} style={{ cursor: 'pointer' }}
                        actions={[<Button key="open" type="link" onClick={() => setUscc(code)} id={`correction-open-${code}`}>处理</Button>]}>
                        <List.Item.Meta
                          title={latest.enterpriseName}
                          description={<span>第 {latest.version} 版 <Tag color={latest.status === 'PUBLISHED' ? 'green' : 'blue'}>{latest.status === 'DRAFT' ? '更正待公示' : RESULT_STATUS_LABELS[latest.status]}</Tag>{open > 0 && <Tag color="orange">异议待办 {open}</Tag>}</span>}
                        />
                      </List.Item>
                    );
                  }}
                />
              )}
            </Space>
          </Card>
        </Col>
        <Col xs={uscc ? 24 : 0} lg={15}>
          {task && uscc && byUscc.get(uscc) ? (
            <CorrectionPanel key={uscc} task={task} versions={byUscc.get(uscc)!} onBack={() => setUscc(undefined)} onChanged={() => reload({ requestPolicy: 'network-only' })} />
          ) : (
            <Typography.Paragraph type="secondary">请选择任务和企业。</Typography.Paragraph>
          )}
        </Col>
      </Row>
    </>
  );
}

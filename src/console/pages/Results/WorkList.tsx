import { useState } from 'react';
import { Alert, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useQuery } from 'urql';
import { RESULT_STATUS_LABELS, TASK_STATUS_LABELS } from '../../locale/labels.ts';
import { WorkListQuery } from './operations.ts';

const PAGE = 20;

/** 我的检查任务: the enterprises whose team the logged-in inspector is on, newest inspection first, a page at a time. */
export function WorkList({ onOpen }: { onOpen: (taskId: string, uscc: string) => void }) {
  const [first, setFirst] = useState(PAGE);
  const [{ data, fetching, error }] = useQuery({ query: WorkListQuery, variables: { first }, requestPolicy: 'cache-and-network' });
  if (error) return <Alert type="error" showIcon title={error.graphQLErrors[0]?.message ?? '无法连接服务器'} />;
  const list = data?.me?.workList;
  return (
    <Card title={`我的检查任务（共 ${list?.totalCount ?? 0} 家）`} size="small" id="work-list">
      <List
        loading={fetching && !data}
        dataSource={list?.edges.map((e) => e.node) ?? []}
        locale={{ emptyText: <Empty description="暂无需要检查的企业" /> }}
        renderItem={(item, index) => (
          <List.Item id={`work-item-${index}`} data-uscc={item.uscc} onClick={() => onOpen(item.task.id, item.uscc)} style={{ cursor: 'pointer' }}
            actions={[<Button key="open" type="link" onClick={() => onOpen(item.task.id, item.uscc)} id={`work-open-${index}`}>{item.result?.status === 'PUBLISHED' ? '查看' : '录入'}</Button>]}>
            <List.Item.Meta
              title={item.pick.enterpriseName ?? item.uscc}
              description={
                <Space direction="vertical" size={2}>
                  <Typography.Text type="secondary">{item.task.title}（{TASK_STATUS_LABELS[item.task.status]}）</Typography.Text>
                  <span>检查日 {item.task.inspectionDate} <Tag>{item.leader ? '组长' : '组员'}</Tag>{item.result ? <Tag color={item.result.status === 'PUBLISHED' ? 'green' : 'blue'}>{RESULT_STATUS_LABELS[item.result.status]}</Tag> : <Tag color="orange">未录入</Tag>}</span>
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {list?.pageInfo.hasNextPage && <Button block onClick={() => setFirst(first + PAGE)} loading={fetching} id="work-more">加载更多</Button>}
    </Card>
  );
}

import { Alert, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSubscription } from 'urql';
import { access } from '../../access.ts';
import type { ConsoleComplianceWarningsSubscription } from '../../gql/graphql.ts';
import { navigate } from '../../router.ts';
import { readSession } from '../../session.ts';
import { taskPath } from '../Tasks/index.tsx';
import { TaskForm, type TaskPrefill } from '../Tasks/TaskForm.tsx';
import { ComplianceWarningsSubscription } from './operations.ts';

type Warning = ConsoleComplianceWarningsSubscription['complianceWarnings'][number];

/** 合规预警: pushed by the server whenever a draw, a result or a task changes; each with the task that would close the gap. */
export function ComplianceWarnings({ jurisdiction }: { jurisdiction: string }) {
  const [live] = useSubscription({ query: ComplianceWarningsSubscription, variables: { jurisdiction } });
  const [prefill, setPrefill] = useState<TaskPrefill | null>(null);
  const may = access(readSession()?.user);
  const warnings = live.data?.complianceWarnings;
  return (
    <Card title="合规预警（本年度尚需完成的义务）" style={{ marginBottom: 16 }} id="compliance-warnings" extra={warnings ? <Tag color="green" id="compliance-live">实时更新</Tag> : null}>
      {live.error && <Alert type="warning" showIcon title={live.error.graphQLErrors[0]?.message ?? '合规预警暂时无法获取'} />}
      <List<Warning>
        loading={!warnings && !live.error}
        dataSource={warnings ?? []}
        locale={{ emptyText: <Empty description="本年度各项义务均无待办" /> }}
        renderItem={(w) => (
          <List.Item
            className="compliance-warning"
            actions={w.suggestedTask && may.canPlan ? [<Button key="task" className="suggested-task" onClick={() => setPrefill(prefillOf(w.suggestedTask!))}>按建议新建任务</Button>] : []}
          >
            <List.Item.Meta
              title={<Space><Tag color={w.daysLeft <= 30 ? 'red' : 'orange'}>剩余 {w.daysLeft} 天</Tag><span>{w.message}</span></Space>}
              description={
                <Typography.Text type="secondary">
                  截止 {w.dueBy}
                  {w.suggestedTask ? `；建议：${w.suggestedTask.title}，${w.suggestedTask.size} 家${w.suggestedTask.usccs.length > 0 ? `（${w.suggestedTask.usccs.slice(0, 5).join('、')}${w.suggestedTask.usccs.length > 5 ? ' 等' : ''}）` : ''}` : ''}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
      {prefill && <TaskForm jurisdiction={jurisdiction} prefill={prefill} onClose={() => setPrefill(null)} onDone={(id) => navigate(taskPath(id))} />}
    </Card>
  );
}

/** The task form's fields from a suggestion: its title, size, joint, and for units of a group their sectors (定向). */
function prefillOf(s: NonNullable<Warning['suggestedTask']>): TaskPrefill {
  return { title: s.title, size: s.size, joint: s.joint, sectors: s.directed ? [...s.sectors] : [] };
}

import { useState } from 'react';
import { Col, Row, Spin, Typography } from 'antd';
import { useQuery } from 'urql';
import { WorkListQuery } from './operations.ts';
import { ResultPanel } from './ResultPanel.tsx';
import { TaskPicks } from './TaskPicks.tsx';
import { WorkList } from './WorkList.tsx';

/**
 * 检查结果: an inspector (a user linked to a directory inspector) works from their own list and
 * signs as themselves; a clerk picks a task, then an enterprise, enters for the team and records
 * paper signatures. On a phone the list and the enterprise take the screen in turn; on a desk
 * they stand side by side.
 */
export default function ResultsPage() {
  const [{ data, fetching }] = useQuery({ query: WorkListQuery, variables: { first: 1 } });
  const [taskId, setTaskId] = useState<string>();
  const [uscc, setUscc] = useState<string>();
  if (fetching && !data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const inspector = data?.me?.inspector ?? undefined;
  const open = (task: string, enterprise: string) => {
    setTaskId(task);
    setUscc(enterprise);
  };

  return (
    <>
      <Typography.Title level={4}>检查结果{inspector ? `（${inspector.name}）` : ''}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={uscc ? 0 : 24} lg={9}>
          {inspector ? <WorkList onOpen={open} /> : <TaskPicks taskId={taskId} onTask={(t) => { setTaskId(t); setUscc(undefined); }} onOpen={(u) => setUscc(u)} />}
        </Col>
        <Col xs={uscc ? 24 : 0} lg={15}>
          {taskId && uscc ? <ResultPanel key={`${taskId}:${uscc}`} taskId={taskId} uscc={uscc} myInspectorId={inspector?.id} onBack={() => setUscc(undefined)} /> : <Typography.Paragraph type="secondary">请从列表中选择一家企业。</Typography.Paragraph>}
        </Col>
      </Row>
    </>
  );
}

import { Alert, Card, Col, Empty, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useQuery, useSubscription } from 'urql';
import { beijingYear } from '../../components/beijing-time.ts';
import type { TaskDeadlineStatus, TaskStatus } from '../../gql/graphql.ts';
import { DEADLINE_KIND_LABELS, DEADLINE_PARTY_LABELS, DEADLINE_STATUS_LABELS, TASK_STATUS_LABELS } from '../../locale/labels.ts';
import { readSession } from '../../session.ts';
import { ComplianceWarnings } from './ComplianceWarnings.tsx';
import { DeadlineAlertsSubscription, HomeQuery } from './operations.ts';
import { SubordinateCompliance } from './SubordinateCompliance.tsx';

const STATUS_COLOURS: Partial<Record<TaskDeadlineStatus, string>> = { OVERDUE: 'red', DUE_SOON: 'orange' };
const TASK_ORDER = Object.keys(TASK_STATUS_LABELS) as TaskStatus[];

/** 首页: the year's compliance warnings, what is late or due soon, a city's subordinates side by side, and how many tasks are in each state. */
export default function HomePage() {
  const session = readSession();
  const variables = { jurisdiction: session?.user.jurisdiction?.code ?? '' };
  const [{ data, fetching, error }, refetch] = useQuery({ query: HomeQuery, variables, pause: !session?.user.jurisdiction });
  // Live deadlines (graphql-ws); until the first push, or if the socket cannot be had, the query's list stands.
  const [live] = useSubscription({ query: DeadlineAlertsSubscription, variables, pause: !session?.user.jurisdiction });
  const pushed = live.data?.deadlineAlerts;
  // Every push after the first (the list as it stands) means a task, result or objection changed: the counts by state may have too.
  const pushes = useRef(0);
  useEffect(() => {
    if (pushed && ++pushes.current > 1) refetch({ requestPolicy: 'network-only' });
  }, [pushed, refetch]);
  // The platform operator belongs to no jurisdiction: it sets jurisdictions up (GraphQL, `double-random jurisdiction create`).
  if (session && !session.user.jurisdiction) return <Alert type="info" showIcon title="平台管理员不属于任何辖区：请在「设置」中建立辖区，并为其设立第一位管理员" />;
  if (error) return <Alert type="error" showIcon title={error.graphQLErrors[0]?.message ?? '无法连接服务器 (the server could not be reached)'} />;
  const jurisdiction = data?.jurisdiction;
  const queried = jurisdiction?.deadlines.__typename === 'JurisdictionDeadlinesSuccess' ? jurisdiction.deadlines.data : [];
  const deadlines = pushed ?? queried;
  const refused = jurisdiction?.deadlines.__typename === 'ForbiddenError' ? jurisdiction.deadlines.message : undefined;
  const counts = new Map<TaskStatus, number>();
  for (const { node } of jurisdiction?.tasks.edges ?? []) counts.set(node.status, (counts.get(node.status) ?? 0) + 1);

  return (
    <>
      <Typography.Title level={4}>{jurisdiction?.name ?? session?.user.jurisdiction?.name} 工作概览</Typography.Title>
      <DirectoryReviewNotice review={jurisdiction?.inspectorDirectoryReview ?? null} />
      {variables.jurisdiction && <ComplianceWarnings jurisdiction={variables.jurisdiction} />}
      {variables.jurisdiction && <SubordinateCompliance jurisdiction={variables.jurisdiction} year={beijingYear()} />}
      <Card title="逾期和即将到期的期限" style={{ marginBottom: 16 }} id="deadlines" extra={pushed ? <Tag color="green" id="deadlines-live">实时更新</Tag> : null}>
        {refused && <Alert type="warning" showIcon title={refused} />}
        <Table
          loading={fetching}
          rowKey={(d) => `${d.kind}:${d.subjectId}:${d.due}`}
          dataSource={deadlines}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description="没有逾期或即将到期的期限" /> }}
          columns={[
            { title: '状态', dataIndex: 'status', render: (s: TaskDeadlineStatus) => <Tag color={STATUS_COLOURS[s]}>{DEADLINE_STATUS_LABELS[s]}</Tag> },
            { title: '事项', dataIndex: 'kind', render: (k: keyof typeof DEADLINE_KIND_LABELS) => DEADLINE_KIND_LABELS[k] },
            { title: '对象', dataIndex: 'subject' },
            { title: '责任方', dataIndex: 'party', render: (p: keyof typeof DEADLINE_PARTY_LABELS) => DEADLINE_PARTY_LABELS[p] },
            { title: '期限', dataIndex: 'due' },
            { title: '依据', key: 'clause', render: (_, d) => d.clause ?? d.note ?? '' },
          ]}
        />
      </Card>
      <Card title={`抽查任务（共 ${jurisdiction?.tasks.totalCount ?? 0} 项）`} id="tasks-by-state" loading={fetching && !data}>
        <Row gutter={[16, 16]}>
          {TASK_ORDER.map((status) => (
            <Col key={status} xs={12} sm={8} md={6} lg={3}>
              <Statistic title={TASK_STATUS_LABELS[status]} value={counts.get(status) ?? 0} />
            </Col>
          ))}
        </Row>
      </Card>
    </>
  );
}

/** The pack's periodic review of the inspector directory (名录核查), when it is due soon or overdue. */
function DirectoryReviewNotice({ review }: { review: { status: string; dueBy: string; lastReviewedOn?: string | null; expiredCertificates: number; citation: { clause: string } } | null }) {
  if (!review || review.status === 'OK') return null;
  const when = review.status === 'OVERDUE' ? `已于 ${review.dueBy} 到期` : `将于 ${review.dueBy} 到期`;
  const last = review.lastReviewedOn ? `上次核查：${review.lastReviewedOn}` : '尚未登记过核查';
  const expired = review.expiredCertificates > 0 ? `；有 ${review.expiredCertificates} 名在册人员的执法证已过期` : '';
  return (
    <div id="directory-review" style={{ marginBottom: 16 }}>
      <Alert type={review.status === 'OVERDUE' ? 'error' : 'warning'} showIcon title={`执法检查人员名录核查${when}（${last}${expired}）`} description={`依据：${review.citation.clause}。核查后由管理员或计划编制人员登记（reviewInspectorDirectory）。`} />
    </div>
  );
}

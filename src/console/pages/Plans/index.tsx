import { useState } from 'react';
import { Alert, Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { access } from '../../access.ts';
import { beijingDateTime } from '../../components/beijing-time.ts';
import { sessionJurisdiction } from '../../components/jurisdiction.ts';
import { Refusal } from '../../components/Refusal.tsx';
import { useAnswer } from '../../components/use-answer.ts';
import type { ConsolePlansQuery, PlanStatus } from '../../gql/graphql.ts';
import { PLAN_FIELD_LABELS, PLAN_STATUS_LABELS } from '../../locale/labels.ts';
import { readSession } from '../../session.ts';
import { PublishPlanMutation, PlansQuery } from './operations.ts';
import { AmendDialog, PlanDialog, WithdrawDialog, type PlanRow } from './PlanDialogs.tsx';

type Plan = NonNullable<ConsolePlansQuery['jurisdiction']>['plans'][number];
type Dialog = { kind: 'create' } | { kind: 'edit' | 'amend' | 'withdraw'; plan: PlanRow };

const STATUS_COLOURS: Record<PlanStatus, string> = { DRAFT: 'default', PUBLISHED: 'green', WITHDRAWN: 'red' };

/** 年度计划: the plans with their progress; planners and admins create, edit, publish, amend and withdraw. */
export default function PlansPage() {
  const jurisdiction = sessionJurisdiction();
  const may = access(readSession()?.user);
  const [{ data, fetching, error }, refetch] = useQuery({ query: PlansQuery, variables: { jurisdiction }, pause: !jurisdiction });
  const [dialog, setDialog] = useState<Dialog>();
  const [{ fetching: publishing }, publish] = useMutation(PublishPlanMutation);
  const published = useAnswer();
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const done = () => {
    setDialog(undefined);
    reload();
  };

  if (!jurisdiction) return <Alert type="info" showIcon title="平台管理员不属于任何辖区，没有年度计划" />;
  if (error && !data) return <Refusal error={error} id="plans-error" />;
  const plans = data?.jurisdiction?.plans ?? [];

  async function publishPlan(plan: Plan) {
    const result = await publish({ id: plan.id });
    if (published.take(result.data?.publishPlan, result.error)) reload();
  }

  return (
    <>
      <Typography.Title level={4}>年度监督检查计划</Typography.Title>
      <Refusal refusal={published.refusal} error={published.failure} id="plan-publish-refusal" />
      <Card
        id="plans"
        title={`年度计划（共 ${plans.length} 份）`}
        extra={may.canPlan && <Button type="primary" id="plan-create" onClick={() => setDialog({ kind: 'create' })}>新建计划</Button>}
      >
        <Table<Plan>
          id="plans-table"
          rowKey="id"
          loading={fetching}
          dataSource={plans}
          pagination={false}
          locale={{ emptyText: <Empty description="尚无年度计划" /> }}
          columns={[
            { title: '年度', dataIndex: 'year' },
            { title: '计划名称', dataIndex: 'title' },
            { title: '状态', dataIndex: 'status', render: (s: PlanStatus) => <Tag color={STATUS_COLOURS[s]}>{PLAN_STATUS_LABELS[s]}</Tag> },
            { title: '计划检查（家次）', key: 'counts', render: (_, p) => <>双随机 {p.doubleRandomCount}<br />其他 {p.otherCount}</> },
            {
              title: '双随机占比',
              key: 'share',
              render: (_, p) => (p.status === 'WITHDRAWN' ? '—' : <Space size={4} wrap>{`${p.progress.sharePercent.toFixed(1)}%`}<Tag color={p.progress.shareOk ? 'green' : 'red'}>{p.progress.shareOk ? '符合要求' : '低于要求'}</Tag></Space>),
            },
            {
              title: '执行进度',
              key: 'progress',
              render: (_, p) => (
                <>
                  <div>已抽取 {p.progress.drawnInspections} / 已安排 {p.progress.scheduledInspections} 家</div>
                  <div>联合检查 {p.progress.jointTasks}{p.progress.jointRequired === null ? '' : ` / 要求 ${p.progress.jointRequired}`} 项</div>
                  <div>其他检查已记录 {p.progress.otherInspections} 家次</div>
                  {p.progress.cancelledTasks > 0 && <div>已取消任务 {p.progress.cancelledTasks} 项</div>}
                </>
              ),
            },
            {
              title: '公布',
              key: 'published',
              render: (_, p) => (p.publishedAt ? beijingDateTime(p.publishedAt) : p.status === 'DRAFT' && p.progress.dueDate ? `应于 ${p.progress.dueDate} 前公布` : '—'),
            },
            ...(may.canPlan
              ? [{
                  title: '操作',
                  key: 'actions',
                  render: (_: unknown, p: Plan) => (
                    <Space wrap>
                      {p.status === 'DRAFT' && <Button size="small" id={`plan-edit-${p.year}`} onClick={() => setDialog({ kind: 'edit', plan: p })}>编辑</Button>}
                      {p.status === 'DRAFT' && (
                        <Popconfirm title={`公布 ${p.year} 年度计划？公布后只能调整`} okText="公布" cancelText="取消" okButtonProps={{ id: `plan-publish-confirm-${p.year}` }} onConfirm={() => publishPlan(p)}>
                          <Button size="small" type="primary" id={`plan-publish-${p.year}`} loading={publishing}>公布</Button>
                        </Popconfirm>
                      )}
                      {p.status === 'DRAFT' && <Button size="small" danger id={`plan-withdraw-${p.year}`} onClick={() => setDialog({ kind: 'withdraw', plan: p })}>撤回</Button>}
                      {p.status === 'PUBLISHED' && <Button size="small" id={`plan-amend-${p.year}`} onClick={() => setDialog({ kind: 'amend', plan: p })}>调整</Button>}
                    </Space>
                  ),
                }]
              : []),
          ]}
        />
      </Card>
      {plans.map((p) => <PlanDetails key={p.id} plan={p} />)}
      {dialog?.kind === 'create' && <PlanDialog jurisdiction={jurisdiction} onClose={() => setDialog(undefined)} onDone={done} />}
      {dialog?.kind === 'edit' && <PlanDialog jurisdiction={jurisdiction} plan={dialog.plan} onClose={() => setDialog(undefined)} onDone={done} />}
      {dialog?.kind === 'amend' && <AmendDialog plan={dialog.plan} onClose={() => setDialog(undefined)} onDone={done} />}
      {dialog?.kind === 'withdraw' && <WithdrawDialog plan={dialog.plan} onClose={() => setDialog(undefined)} onDone={done} />}
    </>
  );
}

/** What the pack still refuses in a plan, its amendments, and why a draft was withdrawn. */
function PlanDetails({ plan }: { plan: Plan }) {
  if (plan.progress.problems.length === 0 && plan.amendments.length === 0 && !plan.withdrawnAt) return null;
  return (
    <Card size="small" title={`${plan.year} 年度 · ${plan.title}`} style={{ marginTop: 16 }} id={`plan-details-${plan.year}-${plan.status.toLowerCase()}`}>
      {plan.status !== 'WITHDRAWN' && plan.progress.problems.map((p) => <Alert key={p} type="warning" showIcon title={p} style={{ marginBottom: 8 }} />)}
      {plan.withdrawnAt && <Alert type="info" showIcon title={`已于 ${beijingDateTime(plan.withdrawnAt)} 撤回：${plan.withdrawalReason ?? ''}`} style={{ marginBottom: 8 }} />}
      {plan.amendments.length > 0 && (
        <Table
          id={`plan-amendments-${plan.year}`}
          size="small"
          rowKey="seq"
          pagination={false}
          dataSource={plan.amendments}
          columns={[
            { title: '次序', dataIndex: 'seq', render: (n: number) => `第 ${n} 次调整` },
            { title: '调整内容', key: 'changes', render: (_, a) => a.changes.map((c) => `${PLAN_FIELD_LABELS[c.field] ?? c.field}：${c.from} → ${c.to}`).join('；') },
            { title: '理由', dataIndex: 'reason' },
            { title: '调整人', dataIndex: 'amendedBy', render: (by: string | null) => by ?? '' },
            { title: '时间', dataIndex: 'amendedAt', render: (at: string) => beijingDateTime(at) },
          ]}
        />
      )}
    </Card>
  );
}

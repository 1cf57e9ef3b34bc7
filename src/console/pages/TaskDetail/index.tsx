import { useMemo, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Result, Space, Spin, Tag, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { STEP_FROM, TASK_STEPS } from '../../../core/tasks/lifecycle.ts';
import { access } from '../../access.ts';
import { beijingDateTime } from '../../components/beijing-time.ts';
import { Refusal } from '../../components/Refusal.tsx';
import { useAnswer } from '../../components/use-answer.ts';
import { matchRoute } from '../../config/routes.ts';
import type { ConsoleTaskDetailQuery, TaskStep } from '../../gql/graphql.ts';
import { DRAW_STATUS_LABELS, TASK_STATUS_LABELS, TASK_STEP_LABELS } from '../../locale/labels.ts';
import { navigate, usePath } from '../../router.ts';
import { readSession } from '../../session.ts';
import { STATUS_COLOURS } from '../Tasks/index.tsx';
import { TaskFormOptionsQuery } from '../Tasks/operations.ts';
import { TaskForm } from '../Tasks/TaskForm.tsx';
import { DrawPanel } from './DrawPanel.tsx';
import { LockPanel } from './LockPanel.tsx';
import { AdvanceTaskMutation, CancelTaskMutation, TaskDetailQuery } from './operations.ts';
import { Picks } from './Picks.tsx';

type Task = Extract<NonNullable<ConsoleTaskDetailQuery['node']>, { __typename: 'Task' }>;

/** Who may take a step: dispatching and announcing are the draw's (canDraw), starting and closing the inspectors' (canInspect). */
const STEP_ACCESS: Record<TaskStep, 'canDraw' | 'canInspect'> = { DISPATCH: 'canDraw', ANNOUNCE: 'canDraw', START_INSPECTION: 'canInspect', CLOSE: 'canInspect' };
const stepId = (step: TaskStep) => `task-step-${step.toLowerCase().replace('_', '-')}`;

/** 任务详情: the task, lock and draw (draw officers), the live room, the picks and teams, the steps after the draw, cancelling. */
export default function TaskDetailPage() {
  const id = matchRoute('/tasks/:id', usePath())?.id ?? '';
  const may = access(readSession()?.user);
  const [{ data, fetching, error }, refetch] = useQuery({ query: TaskDetailQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const task = data?.node?.__typename === 'Task' ? data.node : undefined;
  const [{ data: options }] = useQuery({ query: TaskFormOptionsQuery, variables: { jurisdiction: task?.jurisdiction.code ?? '' }, pause: !task });
  const itemNames = useMemo(() => {
    const names = new Map<string, string>();
    const walk = (items: readonly { code: string; name: string; children?: readonly { code: string; name: string }[] }[]) => {
      for (const i of items) {
        names.set(i.code, i.name);
        if (i.children) walk(i.children);
      }
    };
    walk(options?.jurisdiction?.checklist ?? []);
    return names;
  }, [options]);
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [{ fetching: stepping }, advance] = useMutation(AdvanceTaskMutation);
  const stepped = useAnswer();
  const reload = () => refetch({ requestPolicy: 'network-only' });

  if (error && !data) return <Refusal error={error} id="task-error" />;
  if (!data) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!task) return <Result status="404" title="没有这个抽查任务" extra={<Button onClick={() => navigate('/tasks')}>返回任务列表</Button>} />;

  const draw = task.draw;
  const steps = TASK_STEPS.filter((s) => STEP_FROM[s].includes(task.status) && may[STEP_ACCESS[s]] && !(s === 'ANNOUNCE' && task.covert));

  async function take(step: TaskStep) {
    const result = await advance({ id: task!.id, step });
    if (stepped.take(result.data?.advanceTask, result.error)) reload();
  }

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button onClick={() => navigate('/tasks')} id="task-back">返回任务列表</Button>
      </Space>
      <Typography.Title level={4}>
        {task.title} <Tag color={STATUS_COLOURS[task.status]} id="task-status">{TASK_STATUS_LABELS[task.status]}</Tag>
      </Typography.Title>
      <Refusal refusal={stepped.refusal} error={stepped.failure} id="task-refusal" />
      <Card
        id="task-details"
        title="任务信息"
        extra={
          <Space wrap>
            {task.status === 'DRAFT' && may.canPlan && <Button id="task-edit" onClick={() => setEditing(true)}>编辑</Button>}
            {(task.status === 'DRAFT' || task.status === 'LOCKED') && may.canPlan && <Button danger id="task-cancel" onClick={() => setCancelling(true)}>取消任务</Button>}
            {steps.map((s) => <Button key={s} type="primary" id={stepId(s)} loading={stepping} onClick={() => take(s)}>{TASK_STEP_LABELS[s]}</Button>)}
          </Space>
        }
      >
        <TaskFacts task={task} itemNames={itemNames} />
      </Card>

      {task.status === 'DRAFT' && may.canDraw && <LockPanel taskId={task.id} onLocked={reload} />}
      {draw && <DrawFacts task={task} draw={draw} />}
      {draw && draw.status === 'LOCKED' && task.status === 'LOCKED' && may.canDraw && <DrawPanel taskId={task.id} draw={draw} onDrawn={reload} />}
      {draw && draw.status === 'DRAWN' && <Picks draw={draw} home={task.jurisdiction.code} itemNames={itemNames} mayReplace={may.canDraw && task.status !== 'CLOSED'} onReplaced={reload} />}

      {editing && <TaskForm jurisdiction={task.jurisdiction.code} task={task} onClose={() => setEditing(false)} onDone={() => { setEditing(false); reload(); }} />}
      {cancelling && <CancelDialog taskId={task.id} onClose={() => setCancelling(false)} onDone={() => { setCancelling(false); reload(); }} />}
    </>
  );
}

function TaskFacts({ task, itemNames }: { task: Task; itemNames: ReadonlyMap<string, string> }) {
  const pack = (n: number | null | undefined) => (n == null ? '按规则包' : String(n));
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
      <Descriptions.Item label="所属计划">{task.plan ? `${task.plan.year} 年度 · ${task.plan.title}` : '—'}</Descriptions.Item>
      <Descriptions.Item label="类型">
        <Space size={4} wrap>
          <Tag>{task.directed ? '定向' : '不定向'}</Tag>
          {task.covert && <Tag color="volcano">暗查暗访</Tag>}
          {task.joint && <Tag color="blue">联合检查</Tag>}
          {task.special && <Tag color="purple">专项</Tag>}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label="抽取家数">{task.size}</Descriptions.Item>
      <Descriptions.Item label="检查时间">{task.windowStart} 至 {task.windowEnd}</Descriptions.Item>
      <Descriptions.Item label="检查日期">{task.inspectionDate}</Descriptions.Item>
      {task.directed && <Descriptions.Item label="行业领域">{task.sectors.join('、')}</Descriptions.Item>}
      {task.joint && <Descriptions.Item label="联合检查部门">{task.jointDepartments.join('、')}</Descriptions.Item>}
      <Descriptions.Item label="检查事项" span={2}>{task.checklistCodes.length === 0 ? '整个抽查事项清单' : task.checklistCodes.map((c) => itemNames.get(c) ?? c).join('、')}</Descriptions.Item>
      <Descriptions.Item label="每家检查事项数">{pack(task.itemsPerInspection)}</Descriptions.Item>
      <Descriptions.Item label="检查组人数">{pack(task.teamSize)}</Descriptions.Item>
      <Descriptions.Item label="每组专家数">{pack(task.expertsPerTeam)}</Descriptions.Item>
      <Descriptions.Item label="每组备选人员数">{pack(task.substitutes)}</Descriptions.Item>
      {task.announcedOn && <Descriptions.Item label="公告日">{task.announcedOn}</Descriptions.Item>}
      {task.closedOn && <Descriptions.Item label="结束日">{task.closedOn}</Descriptions.Item>}
      {task.cancelledAt && <Descriptions.Item label="取消">{beijingDateTime(task.cancelledAt)}（自{TASK_STATUS_LABELS[task.cancelledFrom ?? 'DRAFT']}取消）：{task.cancellationReason}</Descriptions.Item>}
      <Descriptions.Item label="创建时间">{beijingDateTime(task.createdAt)}</Descriptions.Item>
    </Descriptions>
  );
}

/** The draw as published: commitment, hashes, seed once drawn, and the live room (公开抽取直播页) in a new tab. */
function DrawFacts({ task, draw }: { task: Task; draw: NonNullable<Task['draw']> }) {
  return (
    <Card
      id="task-draw-record"
      title={`抽取记录（${DRAW_STATUS_LABELS[draw.status]}）`}
      style={{ marginTop: 16 }}
      extra={
        task.covert
          ? <Typography.Text type="secondary">暗查暗访任务不公开直播</Typography.Text>
          : <a id="task-live-link" href={draw.liveUrl} target="_blank" rel="noopener noreferrer">打开抽取直播页（新窗口）</a>
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="承诺值"><Typography.Text code>{draw.commitment}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label="锁定时间">{beijingDateTime(draw.lockedAt)}</Descriptions.Item>
        <Descriptions.Item label="规则包">{draw.packKey}</Descriptions.Item>
        <Descriptions.Item label="名录快照哈希"><Typography.Text code>{draw.snapshotHash}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label="候选企业">{draw.candidates} 家</Descriptions.Item>
        {draw.beacon && <Descriptions.Item label="公共随机源">{draw.beacon}</Descriptions.Item>}
        <Descriptions.Item label="公众随机数">{draw.entropy.length === 0 ? '无' : draw.entropy.map((e) => `${e.seq}. ${e.value}`).join('；')}</Descriptions.Item>
        {draw.drawnAt && <Descriptions.Item label="抽取时间">{beijingDateTime(draw.drawnAt)}</Descriptions.Item>}
        {draw.secret && <Descriptions.Item label="揭示的密钥"><Typography.Text code id="draw-secret">{draw.secret}</Typography.Text></Descriptions.Item>}
        {draw.seed && <Descriptions.Item label="随机种子"><Typography.Text code>{draw.seed}</Typography.Text></Descriptions.Item>}
        {draw.exportUrl && <Descriptions.Item label="抽取导出（供验证）"><a href={draw.exportUrl} target="_blank" rel="noopener noreferrer" id="task-export-link">下载 JSON</a></Descriptions.Item>}
      </Descriptions>
      {draw.status === 'LOCKED' && <Alert type="info" showIcon title="承诺值已公布，抽取前公众可在直播页提交随机数" />}
    </Card>
  );
}

/** 取消任务 (not yet drawn), with a reason; it stays, as 已取消. */
function CancelDialog({ taskId, onClose, onDone }: { taskId: string; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const answer = useAnswer(form);
  const [{ fetching }, cancel] = useMutation(CancelTaskMutation);
  async function submit(v: { reason: string }) {
    const result = await cancel({ id: taskId, reason: v.reason.trim() });
    if (answer.take(result.data?.cancelTask, result.error)) onDone();
  }
  return (
    <Modal open title="取消抽查任务" onCancel={onClose} footer={null} destroyOnHidden>
      <Form<{ reason: string }> form={form} name="cancel" layout="vertical" onFinish={submit}>
        <Form.Item label="取消理由" name="reason" rules={[{ required: true, whitespace: true, message: '请写明取消理由' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Refusal refusal={answer.refusal} error={answer.failure} id="cancel-refusal" />
        <Space>
          <Button danger type="primary" htmlType="submit" loading={fetching} id="cancel-form-submit">取消任务</Button>
          <Button onClick={onClose}>返回</Button>
        </Space>
      </Form>
    </Modal>
  );
}

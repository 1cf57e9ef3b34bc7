import { useState } from 'react';
import { stratumLabel } from '../../../core/rules/messages.ts';
import { Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useMutation } from 'urql';
import { beijingDateTime } from '../../components/beijing-time.ts';
import { Refusal } from '../../components/Refusal.tsx';
import { useAnswer } from '../../components/use-answer.ts';
import type { ConsoleTaskDetailQuery } from '../../gql/graphql.ts';
import { REPLACEMENT_REASON_LABELS, replacementReasonLabel } from '../../locale/labels.ts';
import { RESERVE_LABEL, RESERVE_WHY } from '../../../core/draw/reserve-label.ts';
import { ReplaceInspectorMutation } from './operations.ts';

type TaskNode = Extract<NonNullable<ConsoleTaskDetailQuery['node']>, { __typename: 'Task' }>;
type Draw = NonNullable<TaskNode['draw']>;
type Pick = Draw['picks'][number];
type Person = Pick['team']['leader'];

/** A person as published, with the neighbour they were pooled from (联合抽取) when not of this jurisdiction. */
function PersonTag({ person, home }: { person: Person; home: string }) {
  return (
    <div>
      {person.name}（{person.unit}）
      {person.homeJurisdiction !== home && <Tag color="orange" style={{ marginLeft: 4 }}>来自{person.homeJurisdictionName}</Tag>}
    </div>
  );
}

/**
 * How a pick was drawn: due by the rules, by lot, or by lot from the 一般不重合 reserve (the other
 * level's picks this year, drawn only for the seats the rest of the pool could not fill, §5c).
 */
function DrawnHow({ due, fromReserve }: { due: boolean; fromReserve: boolean }) {
  if (due) return <Tag color="red">依规必查</Tag>;
  if (!fromReserve) return <Tag>随机抽取</Tag>;
  return (
    <Tooltip title={RESERVE_WHY}>
      <Tag color="gold" className="pick-from-reserve">{RESERVE_LABEL}</Tag>
    </Tooltip>
  );
}

/** 抽取结果: each drawn enterprise with its items (by name) and its team as it stands; draw officers replace a member. */
export function Picks({ draw, home, itemNames, mayReplace, onReplaced }: { draw: Draw; home: string; itemNames: ReadonlyMap<string, string>; mayReplace: boolean; onReplaced: () => void }) {
  const [replacing, setReplacing] = useState<Pick>();
  return (
    <Card title={`抽取结果（${draw.picks.length} 家）`} id="task-picks" style={{ marginTop: 16 }}>
      <Table<Pick>
        id="task-picks-table"
        rowKey="order"
        size="small"
        pagination={false}
        dataSource={draw.picks}
        columns={[
          { title: '序号', dataIndex: 'order' },
          { title: '企业名称', dataIndex: 'enterpriseName', render: (n: string | null, p) => <>{n ?? ''}<div style={{ color: '#888' }}>{p.uscc}</div></> },
          { title: '抽取层', dataIndex: 'stratum', render: (s: string) => stratumLabel(s) },
          { title: '方式', dataIndex: 'due', render: (due: boolean, p) => <DrawnHow due={due} fromReserve={p.fromReserve} /> },
          { title: '检查事项', dataIndex: 'items', render: (items: string[]) => (items.length === 0 ? '未抽取检查事项' : items.map((c) => <div key={c}>{itemNames.get(c) ?? c}</div>)) },
          { title: '组长', key: 'leader', render: (_, p) => <PersonTag person={p.team.leader} home={home} /> },
          // Team.members lists the whole team, the leader too: shown once, as 组长.
          { title: '组员', key: 'members', render: (_, p) => p.team.members.filter((m) => m.id !== p.team.leader.id).map((m) => <PersonTag key={m.id} person={m} home={home} />) },
          { title: '专家', key: 'experts', render: (_, p) => p.team.experts.map((m) => <PersonTag key={m.id} person={m} home={home} />) },
          {
            title: '备选人员（未替补）',
            key: 'substitutes',
            // A substitute who has replaced someone is on the team now, not waiting.
            render: (_, p) => p.team.substitutes.filter((s) => s.id !== p.team.leader.id && !p.team.members.some((m) => m.id === s.id)).map((m) => <PersonTag key={m.id} person={m} home={home} />),
          },
          ...(mayReplace ? [{ title: '操作', key: 'replace', render: (_: unknown, p: Pick) => <Button size="small" id={`replace-${p.order}`} onClick={() => setReplacing(p)}>更换人员</Button> }] : []),
        ]}
      />
      {draw.replacements.length > 0 && (
        <Table
          id="task-replacements"
          style={{ marginTop: 16 }}
          title={() => '人员更换记录'}
          rowKey={(r) => `${r.pickOrder}:${r.outgoing.id}:${r.at}`}
          size="small"
          pagination={false}
          dataSource={draw.replacements}
          columns={[
            { title: '序号', dataIndex: 'pickOrder' },
            { title: '更换', key: 'who', render: (_, r) => `${r.outgoing.name} → ${r.incoming.name}（${r.incoming.unit}）` },
            { title: '原因', dataIndex: 'reason', render: (r: string) => replacementReasonLabel(r) },
            { title: '操作人', dataIndex: 'actor' },
            { title: '时间', dataIndex: 'at', render: (at: string) => beijingDateTime(at) },
          ]}
        />
      )}
      {replacing && <ReplaceDialog drawId={draw.id} pick={replacing} onClose={() => setReplacing(undefined)} onDone={() => { setReplacing(undefined); onReplaced(); }} />}
    </Card>
  );
}

interface ReplaceFields {
  inspector: string;
  reason: string;
  approvedBy?: string;
}

/** 更换检查人员 (卧龙 第二十条): the next substitute drawn for the team takes the place; a reason and who approved it. */
function ReplaceDialog({ drawId, pick, onClose, onDone }: { drawId: string; pick: Pick; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<ReplaceFields>();
  const answer = useAnswer(form);
  const [{ fetching }, replace] = useMutation(ReplaceInspectorMutation);
  const people = [pick.team.leader, ...pick.team.members.filter((m) => m.id !== pick.team.leader.id)].filter((p) => p.kind === 'INSPECTOR');

  async function submit(v: ReplaceFields) {
    const result = await replace({ draw: drawId, pickOrder: pick.order, inspector: v.inspector, reason: v.reason.trim(), approvedBy: v.approvedBy?.trim() || null });
    if (answer.take(result.data?.replaceInspector, result.error)) onDone();
  }

  return (
    <Modal open title={`更换检查人员：第 ${pick.order} 家 ${pick.enterpriseName ?? ''}`} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<ReplaceFields> form={form} name="replace" layout="vertical" onFinish={submit}>
        <Form.Item label="被更换的人员" name="inspector" rules={[{ required: true, message: '请选择被更换的人员' }]}>
          <Select options={people.map((p) => ({ value: p.id, label: `${p.name}（${p.unit}）${p.id === pick.team.leader.id ? ' · 组长' : ''}` }))} />
        </Form.Item>
        <Form.Item label="更换原因" name="reason" rules={[{ required: true, whitespace: true, message: '请选择或填写更换原因' }]} extra="由下一位备选人员替补；规则包规定了原因的，只能是其中之一">
          <Select showSearch allowClear options={REPLACEMENT_REASON_LABELS.map((r) => ({ value: r, label: r }))} />
        </Form.Item>
        <Form.Item label="批准人" name="approvedBy" extra="规则包要求批准的，须填写批准人">
          <Input />
        </Form.Item>
        <Refusal refusal={answer.refusal} error={answer.failure} id="replace-refusal" />
        <Space>
          <Button type="primary" htmlType="submit" loading={fetching} id="replace-form-submit">更换</Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      </Form>
    </Modal>
  );
}

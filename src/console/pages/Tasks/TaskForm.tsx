import { useEffect, useMemo } from 'react';
import { Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQuery } from 'urql';
import { Refusal } from '../../components/Refusal.tsx';
import { useAnswer } from '../../components/use-answer.ts';
import type { TaskInput } from '../../gql/graphql.ts';
import { PLAN_STATUS_LABELS } from '../../locale/labels.ts';
import { CreateTaskMutation, TaskFormOptionsQuery, UpdateTaskMutation } from './operations.ts';

/** A task as the form edits it (what TaskDetail reads). */
export interface EditableTask {
  readonly id: string;
  readonly title: string;
  readonly sectors: readonly string[];
  readonly covert: boolean;
  readonly joint: boolean;
  readonly jointDepartments: readonly string[];
  readonly special: boolean;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly inspectionDate: string;
  readonly size: number;
  readonly checklistCodes: readonly string[];
  readonly itemsPerInspection?: number | null;
  readonly teamSize?: number | null;
  readonly expertsPerTeam?: number | null;
  readonly substitutes?: number | null;
  readonly plan?: { readonly id: string } | null;
}

interface TaskFields {
  title: string;
  plan?: string;
  directed: boolean;
  sectors: string[];
  covert: boolean;
  joint: boolean;
  jointDepartments: string[];
  special: boolean;
  windowStart: Dayjs;
  windowEnd: Dayjs;
  inspectionDate: Dayjs;
  size: number;
  checklistCodes: string[];
  itemsPerInspection?: number | null;
  teamSize?: number | null;
  expertsPerTeam?: number | null;
  substitutes?: number | null;
}

/** Fields a new task starts with, e.g. from a compliance warning's suggested task. */
export interface TaskPrefill {
  readonly title: string;
  readonly size: number;
  readonly joint: boolean;
  /** Sectors of a directed task (定向); empty: undirected. */
  readonly sectors: readonly string[];
}

interface ChecklistNode { readonly code: string; readonly name: string; readonly active: boolean; readonly children?: readonly ChecklistNode[] }
interface TreeNode { value: string; title: string; children?: TreeNode[] }
const tree = (items: readonly ChecklistNode[]): TreeNode[] =>
  items.filter((i) => i.active).map((i) => ({ value: i.code, title: `${i.name}（${i.code}）`, ...(i.children && i.children.length > 0 ? { children: tree(i.children) } : {}) }));

const DAY = 'YYYY-MM-DD';
const whole = (min: number, message: string) => [{ type: 'integer' as const, min, message }];

/** 新建 / 编辑抽查任务: createTask as a draft, or updateTask of a draft (a locked task is frozen). */
export function TaskForm({ jurisdiction, task, prefill, onClose, onDone }: { jurisdiction: string; task?: EditableTask | undefined; prefill?: TaskPrefill | undefined; onClose: () => void; onDone: (id: string) => void }) {
  const [form] = Form.useForm<TaskFields>();
  const answer = useAnswer(form);
  const [{ data: options }] = useQuery({ query: TaskFormOptionsQuery, variables: { jurisdiction } });
  const [{ fetching: creating }, create] = useMutation(CreateTaskMutation);
  const [{ fetching: updating }, update] = useMutation(UpdateTaskMutation);
  const directed = Form.useWatch('directed', form);
  const joint = Form.useWatch('joint', form);

  const sectorOptions = useMemo(() => {
    const labels = new Map((options?.sectors ?? []).map((s) => [s.code, s.label]));
    return (options?.sectors ?? []).map((s) => ({ value: s.code, label: s.parent ? `${labels.get(s.parent) ?? s.parent} · ${s.label}` : s.label }));
  }, [options]);
  const checklist = useMemo(() => tree(options?.jurisdiction?.checklist ?? []), [options]);
  const plans = (options?.jurisdiction?.plans ?? []).filter((p) => p.status !== 'WITHDRAWN');

  useEffect(() => {
    if (task) {
      form.setFieldsValue({
        title: task.title, plan: task.plan?.id, directed: task.sectors.length > 0, sectors: [...task.sectors], covert: task.covert, joint: task.joint, jointDepartments: [...task.jointDepartments], special: task.special,
        windowStart: dayjs(task.windowStart, DAY), windowEnd: dayjs(task.windowEnd, DAY), inspectionDate: dayjs(task.inspectionDate, DAY), size: task.size, checklistCodes: [...task.checklistCodes],
        itemsPerInspection: task.itemsPerInspection, teamSize: task.teamSize, expertsPerTeam: task.expertsPerTeam, substitutes: task.substitutes,
      });
    } else {
      form.setFieldsValue({
        directed: (prefill?.sectors.length ?? 0) > 0, sectors: [...(prefill?.sectors ?? [])], covert: false, joint: prefill?.joint ?? false, jointDepartments: [], special: false, checklistCodes: [],
        ...(prefill ? { title: prefill.title, size: prefill.size } : {}),
      });
    }
  }, [form, task, prefill]);

  async function submit(v: TaskFields) {
    const input: TaskInput = {
      title: v.title.trim(),
      sectors: v.directed ? v.sectors : [],
      covert: v.covert,
      joint: v.joint,
      jointDepartments: v.joint ? v.jointDepartments.map((d) => d.trim()).filter((d) => d !== '') : [],
      special: v.special,
      windowStart: v.windowStart.format(DAY),
      windowEnd: v.windowEnd.format(DAY),
      inspectionDate: v.inspectionDate.format(DAY),
      size: v.size,
      checklistCodes: v.checklistCodes,
      // Left empty: the pack's default (an absent field, not zero).
      ...(v.itemsPerInspection != null ? { itemsPerInspection: v.itemsPerInspection } : {}),
      ...(v.teamSize != null ? { teamSize: v.teamSize } : {}),
      ...(v.expertsPerTeam != null ? { expertsPerTeam: v.expertsPerTeam } : {}),
      ...(v.substitutes != null ? { substitutes: v.substitutes } : {}),
    };
    if (task) {
      const result = await update({ id: task.id, changes: input });
      const a = result.data?.updateTask;
      if (answer.take(a, result.error) && a?.__typename === 'Task') onDone(a.id);
    } else {
      const result = await create({ jurisdiction, plan: v.plan ?? null, input });
      const a = result.data?.createTask;
      if (answer.take(a, result.error) && a?.__typename === 'Task') onDone(a.id);
    }
  }

  return (
    <Modal open width={760} title={task ? '编辑抽查任务（草稿）' : '新建抽查任务'} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<TaskFields> form={form} name="task" layout="vertical" onFinish={submit}>
        <Form.Item label="任务名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写任务名称' }]}>
          <Input placeholder="例如：2026年第一批双随机抽查" />
        </Form.Item>
        <Form.Item label="所属年度计划" name="plan" extra={task ? '任务创建后不再更换所属计划' : '可不选'}>
          <Select allowClear disabled={!!task} placeholder="不归入年度计划" options={plans.map((p) => ({ value: p.id, label: `${p.year} 年度 · ${p.title}（${PLAN_STATUS_LABELS[p.status]}）` }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={6}><Form.Item label="定向抽查" name="directed" valuePropName="checked"><Switch checkedChildren="定向" unCheckedChildren="不定向" /></Form.Item></Col>
          <Col span={6}><Form.Item label="暗查暗访" name="covert" valuePropName="checked"><Switch /></Form.Item></Col>
          <Col span={6}><Form.Item label="联合检查" name="joint" valuePropName="checked"><Switch /></Form.Item></Col>
          <Col span={6}><Form.Item label="专项检查" name="special" valuePropName="checked"><Switch /></Form.Item></Col>
        </Row>
        {directed && (
          <Form.Item label="行业领域" name="sectors" rules={[{ required: true, type: 'array', min: 1, message: '定向抽查请选择行业领域' }]}>
            <Select mode="multiple" optionFilterProp="label" options={sectorOptions} placeholder="选择行业领域" />
          </Form.Item>
        )}
        {joint && (
          <Form.Item label="联合检查部门" name="jointDepartments" rules={[{ required: true, type: 'array', min: 1, message: '请填写联合检查的部门' }]} extra="输入部门名称后按回车">
            <Select mode="tags" open={false} tokenSeparators={['，', ',', '、']} placeholder="例如：市场监督管理局" />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={8}><Form.Item label="检查时间起" name="windowStart" rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} format={DAY} /></Form.Item></Col>
          <Col span={8}><Form.Item label="检查时间止" name="windowEnd" rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} format={DAY} /></Form.Item></Col>
          <Col span={8}><Form.Item label="检查日期" name="inspectionDate" rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} format={DAY} /></Form.Item></Col>
        </Row>
        {/* 0: the size follows from the pack's per-stratum ratios at the lock (docs/rule-packs.md §11). */}
        <Form.Item label="抽取企业数（家）" name="size" extra="规则包按分层比例抽查的，可填 0：锁定时按比例确定家数；填得少于比例要求的，锁定时会提示所需家数" rules={[{ required: true, message: '请填写抽取家数' }, ...whole(0, '抽取家数不能为负数')]}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="检查事项" name="checklistCodes" extra="从抽查事项清单中选择；不选则为整个清单（选上级事项即含其下级事项）">
          <TreeSelect treeData={checklist} multiple treeCheckable showCheckedStrategy={TreeSelect.SHOW_PARENT} placeholder="整个抽查事项清单" treeNodeFilterProp="title" showSearch style={{ width: '100%' }} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={6}><Form.Item label="每家检查事项数" name="itemsPerInspection" rules={whole(1, '至少 1 项')}><InputNumber style={{ width: '100%' }} placeholder="按规则包" /></Form.Item></Col>
          <Col span={6}><Form.Item label="检查组人数" name="teamSize" rules={whole(1, '至少 1 人')}><InputNumber style={{ width: '100%' }} placeholder="按规则包" /></Form.Item></Col>
          <Col span={6}><Form.Item label="每组专家数" name="expertsPerTeam" rules={whole(0, '不小于 0')}><InputNumber style={{ width: '100%' }} placeholder="按规则包" /></Form.Item></Col>
          <Col span={6}><Form.Item label="每组备选人员数" name="substitutes" rules={whole(0, '不小于 0')}><InputNumber style={{ width: '100%' }} placeholder="按规则包" /></Form.Item></Col>
        </Row>
        <Refusal refusal={answer.refusal} error={answer.failure} id="task-form-refusal" />
        <Space>
          <Button type="primary" htmlType="submit" loading={creating || updating} id="task-form-submit">{task ? '保存' : '创建草稿'}</Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      </Form>
    </Modal>
  );
}

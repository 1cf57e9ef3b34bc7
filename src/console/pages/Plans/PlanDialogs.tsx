import { useEffect } from 'react';
import { Button, Form, Input, InputNumber, Modal, Space } from 'antd';
import { useMutation } from 'urql';
import { Refusal } from '../../components/Refusal.tsx';
import { useAnswer } from '../../components/use-answer.ts';
import { beijingToday } from '../../components/beijing-time.ts';
import { AmendPlanMutation, CreatePlanMutation, UpdatePlanMutation, WithdrawPlanMutation } from './operations.ts';

/** What the dialogs need of a plan. */
export interface PlanRow {
  readonly id: string;
  readonly year: number;
  readonly title: string;
  readonly doubleRandomCount: number;
  readonly otherCount: number;
}

interface PlanFields {
  year: number;
  title: string;
  doubleRandomCount: number;
  otherCount: number;
}

interface AmendFields {
  title: string;
  doubleRandomCount: number;
  otherCount: number;
  reason: string;
}

const counts = [{ required: true, message: '请填写家次' }, { type: 'integer' as const, min: 0, message: '家次为不小于 0 的整数' }];

/** 新建计划 / 编辑草稿: createPlan, or updatePlan with the fields that changed. */
export function PlanDialog({ jurisdiction, plan, onClose, onDone }: { jurisdiction: string; plan?: PlanRow | undefined; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<PlanFields>();
  const answer = useAnswer(form);
  const [{ fetching: creating }, create] = useMutation(CreatePlanMutation);
  const [{ fetching: updating }, update] = useMutation(UpdatePlanMutation);
  useEffect(() => {
    form.setFieldsValue(plan ?? { year: Number(beijingToday().slice(0, 4)), title: '', doubleRandomCount: 0, otherCount: 0 });
  }, [form, plan]);

  async function submit(values: PlanFields) {
    const fields = { year: values.year, title: values.title.trim(), doubleRandomCount: values.doubleRandomCount, otherCount: values.otherCount };
    if (plan) {
      const changes = Object.fromEntries(Object.entries(fields).filter(([k, v]) => plan[k as keyof PlanFields] !== v));
      const result = await update({ id: plan.id, changes });
      if (answer.take(result.data?.updatePlan, result.error)) onDone();
    } else {
      const result = await create({ jurisdiction, ...fields });
      if (answer.take(result.data?.createPlan, result.error)) onDone();
    }
  }

  return (
    <Modal open title={plan ? `编辑计划草稿（${plan.year} 年度）` : '新建年度计划'} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<PlanFields> form={form} name="plan" layout="vertical" onFinish={submit}>
        <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }, { type: 'integer', min: 2000, max: 2100, message: '年度为四位数字' }]}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="计划名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写计划名称' }]}>
          <Input placeholder="例如：2026年度安全生产监督检查计划" />
        </Form.Item>
        <Form.Item label="双随机抽查（家次）" name="doubleRandomCount" rules={counts} extra="本年度计划以双随机方式抽查的企业家次">
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="其他检查（家次）" name="otherCount" rules={counts} extra="专项整治、投诉举报、转办交办等其他方式的检查家次">
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Refusal refusal={answer.refusal} error={answer.failure} id="plan-refusal" />
        <Space>
          <Button type="primary" htmlType="submit" loading={creating || updating} id="plan-form-submit">{plan ? '保存' : '创建草稿'}</Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      </Form>
    </Modal>
  );
}

/** 计划调整: a published plan's changed figures or title, with the reason; recorded, never an edit. */
export function AmendDialog({ plan, onClose, onDone }: { plan: PlanRow; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<AmendFields>();
  const answer = useAnswer(form);
  const [{ fetching }, amend] = useMutation(AmendPlanMutation);
  useEffect(() => form.setFieldsValue({ title: plan.title, doubleRandomCount: plan.doubleRandomCount, otherCount: plan.otherCount, reason: '' }), [form, plan]);

  async function submit(values: AmendFields) {
    const proposed = { title: values.title.trim(), doubleRandomCount: values.doubleRandomCount, otherCount: values.otherCount };
    // Only what changed: the server refuses an amendment that changes nothing.
    const changes = Object.fromEntries(Object.entries(proposed).filter(([k, v]) => plan[k as keyof typeof proposed] !== v));
    const result = await amend({ id: plan.id, changes, reason: values.reason.trim() });
    if (answer.take(result.data?.amendPlan, result.error)) onDone();
  }

  return (
    <Modal open title={`调整已公布的计划（${plan.year} 年度）`} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<AmendFields> form={form} name="amend" layout="vertical" onFinish={submit}>
        <Form.Item label="计划名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写计划名称' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="双随机抽查（家次）" name="doubleRandomCount" rules={counts}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="其他检查（家次）" name="otherCount" rules={counts}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="调整理由" name="reason" rules={[{ required: true, whitespace: true, message: '请写明调整理由' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Refusal refusal={answer.refusal} error={answer.failure} id="plan-refusal" />
        <Space>
          <Button type="primary" htmlType="submit" loading={fetching} id="amend-form-submit">记录调整</Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      </Form>
    </Modal>
  );
}

/** 撤回草稿, with a reason: another plan may then be made for the year. */
export function WithdrawDialog({ plan, onClose, onDone }: { plan: PlanRow; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const answer = useAnswer(form);
  const [{ fetching }, withdraw] = useMutation(WithdrawPlanMutation);

  async function submit(values: { reason: string }) {
    const result = await withdraw({ id: plan.id, reason: values.reason.trim() });
    if (answer.take(result.data?.withdrawPlan, result.error)) onDone();
  }

  return (
    <Modal open title={`撤回计划草稿（${plan.year} 年度）`} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<{ reason: string }> form={form} name="withdraw" layout="vertical" onFinish={submit}>
        <Form.Item label="撤回理由" name="reason" rules={[{ required: true, whitespace: true, message: '请写明撤回理由' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Refusal refusal={answer.refusal} error={answer.failure} id="plan-refusal" />
        <Space>
          <Button danger type="primary" htmlType="submit" loading={fetching} id="withdraw-form-submit">撤回</Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      </Form>
    </Modal>
  );
}

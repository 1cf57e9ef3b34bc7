import { useMemo, useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Typography } from 'antd';
import { useMutation } from 'urql';
import { beijingDateTime } from '../../components/beijing-time.ts';
import { Refusal } from '../../components/Refusal.tsx';
import { useAnswer } from '../../components/use-answer.ts';
import { DrawTaskMutation } from './operations.ts';
import { commitmentOf, newIdempotencyKey, SECRET_PATTERN, SECRETS_OF_THIS_TAB } from './officer-secret.ts';

interface DrawFields {
  secret?: string;
  beaconValue?: string;
}

export interface LockedDraw {
  readonly id: string;
  readonly commitment: string;
  readonly beacon?: string | null;
  readonly lockedAt: string;
  readonly entropy: readonly unknown[];
}

/**
 * 抽取: the draw officer reveals the secret (theirs, or the server's when left empty) and the
 * beacon's value; the server derives the seed and draws once. The secret is checked against the
 * published commitment here first, so a typo is caught before the request.
 */
export function DrawPanel({ taskId, draw, onDrawn }: { taskId: string; draw: LockedDraw; onDrawn: () => void }) {
  const [form] = Form.useForm<DrawFields>();
  const answer = useAnswer(form);
  const [{ fetching }, run] = useMutation(DrawTaskMutation);
  // One key per visit of this form: a retried click gets the same draw back instead of an error.
  const idempotencyKey = useMemo(newIdempotencyKey, []);
  const [remembered] = useState(() => SECRETS_OF_THIS_TAB.get(taskId));

  async function secretMatches(_: unknown, value: string | undefined) {
    const s = value?.trim().toLowerCase();
    if (!s) return;
    if (!SECRET_PATTERN.test(s)) throw new Error('密钥为 64 位十六进制数字');
    if ((await commitmentOf(s)) !== draw.commitment) throw new Error('密钥的哈希与公布的承诺值不符');
  }

  async function submit(v: DrawFields) {
    const result = await run({ draw: draw.id, secret: v.secret?.trim().toLowerCase() || null, beaconValue: v.beaconValue?.trim() || null, idempotencyKey });
    if (answer.take(result.data?.drawTask, result.error)) {
      SECRETS_OF_THIS_TAB.delete(taskId);
      onDrawn();
    }
  }

  return (
    <Card title="抽取" id="task-draw" style={{ marginTop: 16 }}>
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="承诺值"><Typography.Text code id="draw-commitment">{draw.commitment}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label="锁定时间">{beijingDateTime(draw.lockedAt)}</Descriptions.Item>
        <Descriptions.Item label="公众提交的随机数">{draw.entropy.length} 条</Descriptions.Item>
        {draw.beacon && <Descriptions.Item label="公共随机源">{draw.beacon}</Descriptions.Item>}
      </Descriptions>
      <Form<DrawFields> form={form} name="draw" layout="vertical" initialValues={{ secret: remembered ?? '' }} onFinish={submit}>
        <Form.Item label="密钥" name="secret" rules={[{ validator: secretMatches }]} extra="锁定时使用了您自己的承诺值：请输入其密钥；由服务器保管密钥的，留空">
          <Input.Password visibilityToggle autoComplete="off" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        {draw.beacon && (
          <Form.Item label={`公共随机源的数值（${draw.beacon}）`} name="beaconValue" rules={[{ required: true, whitespace: true, message: '请输入公共随机源公布的数值' }]}>
            <Input />
          </Form.Item>
        )}
        <Refusal refusal={answer.refusal} error={answer.failure} id="draw-refusal" />
        <Button type="primary" htmlType="submit" loading={fetching} id="draw-submit">揭示密钥并抽取</Button>
      </Form>
    </Card>
  );
}

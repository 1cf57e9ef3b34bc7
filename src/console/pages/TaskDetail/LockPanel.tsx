import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Space, Typography } from 'antd';
import { useMutation } from 'urql';
import { Refusal } from '../../components/Refusal.tsx';
import { useAnswer } from '../../components/use-answer.ts';
import { LockTaskMutation } from './operations.ts';
import { commitmentOf, newSecret, SECRETS_OF_THIS_TAB } from './officer-secret.ts';

interface LockFields {
  holder: 'officer' | 'server';
  beacon?: string;
  saved?: boolean;
}

/**
 * 锁定: freezes the pool and publishes the commitment. The officer's own secret (made here, kept by
 * them, revealed at the draw) or one the server makes and keeps; a public beacon may be named now.
 */
export function LockPanel({ taskId, onLocked }: { taskId: string; onLocked: () => void }) {
  const [form] = Form.useForm<LockFields>();
  const answer = useAnswer(form);
  const [{ fetching }, lock] = useMutation(LockTaskMutation);
  const [secret, setSecret] = useState<string>();
  const [commitment, setCommitment] = useState<string>();
  const holder = Form.useWatch('holder', form) ?? 'officer';

  async function generate() {
    const s = newSecret();
    setSecret(s);
    setCommitment(await commitmentOf(s));
    form.setFieldValue('saved', false);
  }

  function download() {
    if (!secret || !commitment) return;
    const text = `抽取密钥（请妥善保管，抽取时输入）\n任务：${taskId}\n密钥：${secret}\n承诺值（SHA-256）：${commitment}\n`;
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: `抽取密钥-${commitment.slice(0, 8)}.txt` });
    a.click();
    URL.revokeObjectURL(url);
  }

  async function submit(v: LockFields) {
    const own = v.holder === 'officer';
    const result = await lock({ task: taskId, commitment: own ? commitment ?? null : null, beacon: v.beacon?.trim() || null });
    if (answer.take(result.data?.lockTask, result.error)) {
      if (own && secret) SECRETS_OF_THIS_TAB.set(taskId, secret);
      onLocked();
    }
  }

  return (
    <Card title="锁定任务并公布承诺值" id="task-lock" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">
        锁定后，任务与抽取范围（企业名录、检查人员名录）冻结，承诺值（密钥的 SHA-256）立即公布，公众可在抽取前提交随机数。抽取时须揭示密钥，任何人可验证其与承诺值一致。
      </Typography.Paragraph>
      <Form<LockFields> form={form} name="lock" layout="vertical" initialValues={{ holder: 'officer', saved: false }} onFinish={submit}>
        <Form.Item label="密钥由谁保管" name="holder">
          <Radio.Group>
            <Radio value="officer" id="lock-holder-officer">由我（抽取人员）生成并保管</Radio>
            <Radio value="server" id="lock-holder-server">由服务器生成并保管至抽取</Radio>
          </Radio.Group>
        </Form.Item>
        {holder === 'officer' && (
          <>
            <Space style={{ marginBottom: 16 }}>
              <Button id="lock-generate-secret" onClick={generate}>{secret ? '重新生成密钥' : '生成密钥'}</Button>
              {secret && <Button id="lock-download-secret" onClick={download}>下载密钥文件</Button>}
            </Space>
            {secret && (
              <>
                <Form.Item label="密钥（32 字节，请抄录或下载保存；抽取时输入）">
                  <Input.TextArea id="lock-secret" value={secret} readOnly autoSize style={{ fontFamily: 'monospace' }} />
                </Form.Item>
                <Form.Item label="承诺值（将公布）">
                  <Input id="lock-commitment" value={commitment} readOnly style={{ fontFamily: 'monospace' }} />
                </Form.Item>
                <Form.Item name="saved" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('请先保存密钥：丢失后无法抽取'))) }]}>
                  <Checkbox>我已妥善保存密钥（丢失后本任务无法抽取，只能取消）</Checkbox>
                </Form.Item>
              </>
            )}
          </>
        )}
        {holder === 'server' && <Alert type="info" showIcon title="服务器生成密钥，公布其承诺值，并在抽取时揭示" style={{ marginBottom: 16 }} />}
        <Form.Item label="公共随机源（可选）" name="beacon" extra="现在指定、将来才公布数值的公共来源，例如：2026年3月10日中国福利彩票双色球开奖号码；抽取时须输入其数值">
          <Input />
        </Form.Item>
        <Refusal refusal={answer.refusal} error={answer.failure} id="lock-refusal" />
        <Button type="primary" htmlType="submit" loading={fetching} disabled={holder === 'officer' && !commitment} id="lock-submit">锁定并公布承诺值</Button>
      </Form>
    </Card>
  );
}

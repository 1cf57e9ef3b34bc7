import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { beijingDateTime } from '../../components/beijing-time.ts';
import { Refusal, type RefusalValue } from '../../components/Refusal.tsx';
import type { Role } from '../../gql/graphql.ts';
import { ASSIGNABLE_ROLES, ROLE_LABELS } from '../../locale/labels.ts';
import { CreateApiTokenMutation, RevokeTokenMutation, SetupTokensQuery } from './operations.ts';
import { setupRefusal } from './refusal.ts';

interface TokenForm {
  name: string;
  role: Exclude<Role, 'OPERATOR'>;
}

const ROLE_OPTIONS = ASSIGNABLE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/**
 * 令牌: the jurisdiction's API tokens and login sessions (never their secrets); a new token's
 * secret is shown once, in a modal with a copy button; revoking ends it at once.
 */
export function TokensPanel({ code }: { code: string }) {
  const [showAll, setShowAll] = useState(false);
  const [{ data, fetching: loading, error }, refetch] = useQuery({ query: SetupTokensQuery, variables: { jurisdiction: code, active: !showAll }, requestPolicy: 'cache-and-network' });
  const answer = data?.tokens;
  const tokens = answer?.__typename === 'QueryTokensSuccess' ? answer.data : [];
  const [form] = Form.useForm<TokenForm>();
  const [{ fetching }, createToken] = useMutation(CreateApiTokenMutation);
  const [, revokeToken] = useMutation(RevokeTokenMutation);
  const [refusal, setRefusal] = useState<RefusalValue>();
  const [rowRefusal, setRowRefusal] = useState<RefusalValue>();
  const [secret, setSecret] = useState<{ token: string; name: string }>();
  const [copied, setCopied] = useState(false);

  async function submit(values: TokenForm) {
    setRefusal(undefined);
    const result = await createToken({ jurisdiction: code, role: values.role, name: values.name.trim() });
    const made = result.data?.createApiToken;
    const refused = setupRefusal(made, result.error);
    if (refused) return setRefusal(refused);
    if (made?.__typename === 'NewApiToken') {
      setCopied(false);
      setSecret({ token: made.token, name: made.apiToken.name });
      form.resetFields();
      refetch({ requestPolicy: 'network-only' });
    }
  }

  async function revoke(id: string) {
    setRowRefusal(undefined);
    const result = await revokeToken({ jurisdiction: code, id });
    const refused = setupRefusal(result.data?.revokeToken, result.error);
    if (refused) return setRowRefusal(refused);
    refetch({ requestPolicy: 'network-only' });
  }

  async function copy() {
    if (!secret) return;
    await navigator.clipboard.writeText(secret.token);
    setCopied(true);
  }

  return (
    <>
      <Card title="新建 API 令牌" size="small" style={{ marginBottom: 16 }}>
        <Form<TokenForm> form={form} name="token-create" layout="inline" onFinish={submit} initialValues={{ role: 'AUDITOR' }}>
          <Form.Item label="用途" name="name" rules={[{ required: true, whitespace: true, message: '请写明令牌的用途，如"法规股看板"' }]}>
            <Input placeholder="如 法规股看板" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
            <Select options={ROLE_OPTIONS} style={{ width: 150 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={fetching} id="token-create-submit">建立令牌</Button>
        </Form>
        <div style={{ marginTop: 16 }}>
          <Refusal refusal={refusal} id="token-create-refusal" />
        </div>
      </Card>
      <Space style={{ marginBottom: 12 }}>
        <Switch id="setup-tokens-all" checked={showAll} onChange={setShowAll} />
        <label htmlFor="setup-tokens-all">显示已吊销和已过期的令牌</label>
      </Space>
      <Refusal refusal={rowRefusal ?? (answer && answer.__typename !== 'QueryTokensSuccess' ? answer : undefined)} error={error} id="setup-tokens-refusal" />
      <Table
        id="setup-tokens"
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={tokens}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类别', dataIndex: 'username', render: (u: string | null) => (u ? `登录会话（${u}）` : 'API 令牌') },
          { title: '角色', dataIndex: 'role', render: (r: Role) => ROLE_LABELS[r] },
          { title: '建立时间', dataIndex: 'createdAt', render: (t: string) => beijingDateTime(t) },
          { title: '到期', dataIndex: 'expiresAt', render: (t: string | null) => (t ? beijingDateTime(t) : '长期有效') },
          { title: '状态', dataIndex: 'revokedAt', render: (t: string | null, k) => (t ? <Tag>已于 {beijingDateTime(t)} 吊销</Tag> : k.expiresAt && new Date(k.expiresAt) <= new Date() ? <Tag>已过期</Tag> : <Tag color="green">有效</Tag>) },
          {
            title: '操作',
            key: 'actions',
            render: (_, k) =>
              k.revokedAt ? null : (
                <Popconfirm title={`吊销“${k.name}”？吊销后立即失效`} okText="吊销" cancelText="取消" okButtonProps={{ danger: true, id: 'token-revoke-confirm' }} onConfirm={() => revoke(k.id)}>
                  <Button size="small" danger id={`token-revoke-${k.id}`}>吊销</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={secret !== undefined}
        // The secret leaves the page when the modal closes: it is shown this once.
        destroyOnHidden
        title={`令牌“${secret?.name ?? ''}”已建立`}
        onCancel={() => setSecret(undefined)}
        footer={[
          <Button key="copy" id="token-secret-copy" onClick={copy}>{copied ? '已复制' : '复制令牌'}</Button>,
          <Button key="close" type="primary" id="token-secret-close" onClick={() => setSecret(undefined)}>我已妥善保存</Button>,
        ]}
      >
        <Alert type="warning" showIcon title="令牌只显示这一次：关闭后无法再次查看，请立即复制并妥善保存" style={{ marginBottom: 16 }} />
        <Typography.Paragraph>
          <Typography.Text code id="token-secret" style={{ wordBreak: 'break-all' }}>{secret?.token}</Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">使用时在请求头中写 Authorization: Bearer 加上令牌。</Typography.Paragraph>
      </Modal>
    </>
  );
}

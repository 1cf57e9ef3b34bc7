import { useState } from 'react';
import { Alert, Button, Card, Form, Input, List } from 'antd';
import { useMutation, useQuery } from 'urql';
import { Refusal, type RefusalValue } from '../../components/Refusal.tsx';
import { CreateUserMutation, SetupUsersQuery } from './operations.ts';
import { setupRefusal } from './refusal.ts';

interface AdminForm {
  username: string;
  name: string;
  password: string;
}

/**
 * 第一位管理员: a jurisdiction without an admin gets its first from whoever created it (the
 * operator, or its parent's admins); after that it manages its own people, and this card shows its admins.
 */
export function FirstAdmin({ code, name }: { code: string; name: string }) {
  const [form] = Form.useForm<AdminForm>();
  const [{ data, fetching: loading }, refetch] = useQuery({ query: SetupUsersQuery, variables: { jurisdiction: code, after: null }, requestPolicy: 'network-only' });
  const [{ fetching }, createUser] = useMutation(CreateUserMutation);
  const [refusal, setRefusal] = useState<RefusalValue>();
  const [created, setCreated] = useState<string>();
  const admins = data?.jurisdiction?.users.edges.map((e) => e.node) ?? [];

  async function submit(values: AdminForm) {
    setRefusal(undefined);
    setCreated(undefined);
    const result = await createUser({ jurisdiction: code, username: values.username.trim(), name: values.name.trim(), password: values.password, role: 'ADMIN', inspector: null });
    const answer = result.data?.createUser;
    const refused = setupRefusal(answer, result.error);
    if (refused) return setRefusal(refused);
    if (answer?.__typename === 'User') {
      setCreated(`已为 ${name} 设立管理员 ${answer.name}（${answer.username}）：请把用户名和密码交给本人，由其登录后设立其他用户和令牌`);
      form.resetFields();
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <Card title={`${name}（${code}）的管理员`} style={{ marginBottom: 16 }} id="first-admin-card" loading={loading && !data}>
      {admins.length > 0 && (
        <List id="first-admin-list" size="small" dataSource={admins} renderItem={(u) => <List.Item>{u.name}（{u.username}）{u.active ? '' : '· 已停用'}</List.Item>} style={{ marginBottom: 16 }} />
      )}
      {created && <div id="first-admin-created" style={{ marginBottom: 16 }}><Alert type="success" showIcon title={created} /></div>}
      {admins.length === 0 && (
        <Form<AdminForm> form={form} name="first-admin" layout="vertical" onFinish={submit}>
          <Alert type="info" showIcon title={`${name} 还没有管理员：设立第一位管理员（角色：管理员）`} style={{ marginBottom: 16 }} />
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="初始密码" name="password" rules={[{ required: true, message: '请输入初始密码' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Refusal refusal={refusal} id="first-admin-refusal" />
          <Button type="primary" htmlType="submit" loading={fetching} id="first-admin-submit">设立管理员</Button>
        </Form>
      )}
    </Card>
  );
}

import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useMutation, useQuery } from 'urql';
import { Refusal, type RefusalValue } from '../../components/Refusal.tsx';
import type { Role } from '../../gql/graphql.ts';
import { ASSIGNABLE_ROLES, ROLE_LABELS } from '../../locale/labels.ts';
import { readSession } from '../../session.ts';
import { CreateUserMutation, DeactivateUserMutation, ReactivateUserMutation, SetupUsersQuery } from './operations.ts';
import { setupRefusal } from './refusal.ts';

interface UserForm {
  username: string;
  name: string;
  password: string;
  role: Exclude<Role, 'OPERATOR'>;
  inspector?: string;
}

const ROLE_OPTIONS = ASSIGNABLE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** 用户: the jurisdiction's users, paged on the server (20 a page); its admins create, deactivate and reactivate them. */
export function UsersPanel({ code }: { code: string }) {
  const me = readSession()?.user.username;
  // cursors[i] is the `after` of page i + 1 (null: the first page).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const [{ data, fetching: loading, error }, refetch] = useQuery({ query: SetupUsersQuery, variables: { jurisdiction: code, after }, requestPolicy: 'cache-and-network' });
  const users = data?.jurisdiction?.users;
  const [form] = Form.useForm<UserForm>();
  const [{ fetching }, createUser] = useMutation(CreateUserMutation);
  const [, deactivate] = useMutation(DeactivateUserMutation);
  const [, reactivate] = useMutation(ReactivateUserMutation);
  const [refusal, setRefusal] = useState<RefusalValue>();
  const [done, setDone] = useState<string>();
  const [rowRefusal, setRowRefusal] = useState<RefusalValue>();

  async function submit(values: UserForm) {
    setRefusal(undefined);
    setDone(undefined);
    const result = await createUser({ jurisdiction: code, username: values.username.trim(), name: values.name.trim(), password: values.password, role: values.role, inspector: values.inspector?.trim() || null });
    const answer = result.data?.createUser;
    const refused = setupRefusal(answer, result.error);
    if (refused) return setRefusal(refused);
    if (answer?.__typename === 'User') {
      setDone(`已建立用户 ${answer.name}（${answer.username}，${ROLE_LABELS[answer.role]}）`);
      form.resetFields();
      refetch({ requestPolicy: 'network-only' });
    }
  }

  async function setActive(username: string, active: boolean) {
    setRowRefusal(undefined);
    const result = active ? await reactivate({ jurisdiction: code, username }) : await deactivate({ jurisdiction: code, username });
    const answer = result.data ? ('reactivateUser' in result.data ? result.data.reactivateUser : result.data.deactivateUser) : undefined;
    const refused = setupRefusal(answer, result.error);
    if (refused) return setRowRefusal(refused);
    refetch({ requestPolicy: 'network-only' });
  }

  return (
    <>
      <Card title="新建用户" size="small" style={{ marginBottom: 16 }}>
        <Form<UserForm> form={form} name="user-create" layout="inline" onFinish={submit} initialValues={{ role: 'PLANNER' }} style={{ rowGap: 12 }}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input autoComplete="off" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
            <Input style={{ width: 120 }} />
          </Form.Item>
          <Form.Item label="初始密码" name="password" rules={[{ required: true, message: '请输入初始密码' }]}>
            <Input.Password autoComplete="new-password" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
            <Select options={ROLE_OPTIONS} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item label="执法证号" name="inspector" tooltip="填写后该用户即执法人员名录中的这位执法人员，以本人身份签字">
            <Input placeholder="可不填" style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={fetching} id="user-create-submit">建立用户</Button>
        </Form>
        <div style={{ marginTop: 16 }}>
          <Refusal refusal={refusal} id="user-create-refusal" />
          {done && <div id="user-created"><Alert type="success" showIcon title={done} /></div>}
        </div>
      </Card>
      <Refusal refusal={rowRefusal} error={error} id="setup-users-refusal" />
      <Table
        id="setup-users"
        size="small"
        rowKey="username"
        loading={loading}
        dataSource={users?.edges.map((e) => e.node) ?? []}
        pagination={false}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'name' },
          { title: '角色', dataIndex: 'role', render: (r: Role) => ROLE_LABELS[r] },
          { title: '执法证号', dataIndex: 'inspectorCertificate', render: (c: string | null) => c ?? '' },
          { title: '状态', dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>) },
          {
            title: '操作',
            key: 'actions',
            render: (_, u) =>
              u.username === me ? null : u.active ? (
                <Button size="small" danger id={`user-deactivate-${u.username}`} onClick={() => setActive(u.username, false)}>停用</Button>
              ) : (
                <Button size="small" id={`user-reactivate-${u.username}`} onClick={() => setActive(u.username, true)}>恢复</Button>
              ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <span id="setup-users-total">共 {users?.totalCount ?? 0} 人，第 {cursors.length} 页</span>
        <Button size="small" id="setup-users-prev" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>上一页</Button>
        <Button size="small" id="setup-users-next" disabled={!users?.pageInfo.hasNextPage} onClick={() => users?.pageInfo.endCursor && setCursors([...cursors, users.pageInfo.endCursor])}>下一页</Button>
      </Space>
    </>
  );
}

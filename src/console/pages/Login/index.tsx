import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useMutation } from 'urql';
import { navigate } from '../../router.ts';
import { saveSession } from '../../session.ts';
import { LoginMutation } from './operations.ts';
import { refusalOf } from './refusal.ts';

interface LoginForm {
  username: string;
  password: string;
}

/** 登录: username and password → a session of 12 hours, kept for this tab. */
export default function LoginPage() {
  const [{ fetching }, login] = useMutation(LoginMutation);
  const [refusal, setRefusal] = useState<string>();

  async function submit(values: LoginForm) {
    setRefusal(undefined);
    const result = await login({ username: values.username.trim(), password: values.password });
    const answer = result.data?.login;
    if (answer?.__typename === 'Session') {
      saveSession(answer);
      navigate('/', { replace: true });
    } else if (answer?.__typename === 'ForbiddenError') {
      setRefusal(answer.message);
    } else if (result.error) {
      setRefusal(refusalOf(result.error));
    }
  }

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>双随机、一公开 工作台</Typography.Title>
        <Form<LoginForm> layout="vertical" onFinish={submit} requiredMark={false} id="login-form">
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" id="login-username" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" id="login-password" />
          </Form.Item>
          {refusal && <div id="login-refusal" style={{ marginBottom: 16 }}><Alert type="error" showIcon title={refusal} /></div>}
          <Button type="primary" htmlType="submit" block loading={fetching} id="login-submit">登录</Button>
        </Form>
      </Card>
    </div>
  );
}

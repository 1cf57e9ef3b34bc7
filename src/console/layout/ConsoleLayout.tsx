import type { ReactNode } from 'react';
import { Button, Grid, Layout, Menu, Space, Typography } from 'antd';
import { useMutation } from 'urql';
import { access } from '../access.ts';
import { ROUTES } from '../config/routes.ts';
import { graphql } from '../gql/index.ts';
import { ROLE_LABELS } from '../locale/labels.ts';
import { navigate } from '../router.ts';
import { clearSession, type ConsoleSession } from '../session.ts';

const LogoutMutation = graphql(`
  mutation ConsoleLogout {
    logout
  }
`);

/** The frame around every screen: the menu from the route table (what the role may see), the user, log out. */
export function ConsoleLayout({ session, path, children }: { session: ConsoleSession; path: string; children: ReactNode }) {
  const [, logout] = useMutation(LogoutMutation);
  // An inspector works from a 390-px phone: narrower margins, and the jurisdiction left out of the header there.
  const wide = Grid.useBreakpoint().sm ?? true;
  const allowed = access(session.user);
  // A screen below another (/tasks/<id>) keeps its parent's menu item lit.
  const items = ROUTES.filter((r) => !r.hideInMenu && !r.public && (!r.access || allowed[r.access])).map((r) => ({ key: r.path, label: r.name }));

  async function leave() {
    // The server ends the token; the tab forgets it either way.
    await logout({});
    clearSession();
    navigate('/login', { replace: true });
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light">
        <Typography.Title level={5} style={{ padding: '16px 24px', margin: 0 }}>双随机、一公开</Typography.Title>
        <Menu mode="inline" selectedKeys={[`/${path.split('/')[1] ?? ''}`]} items={items} onClick={({ key }) => navigate(key)} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', paddingInline: wide ? 50 : 12 }}>
          <Space id="current-user" size={wide ? 'small' : 4}>
            {wide && <span>{session.user.jurisdiction?.name ?? '全平台'}</span>}
            <span>{session.user.name}</span>
            <span>（{ROLE_LABELS[session.user.role]}）</span>
            <Button onClick={leave} id="logout">退出登录</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: wide ? 24 : 12 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}

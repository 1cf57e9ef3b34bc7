import { Suspense, useEffect } from 'react';
import { ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { Provider } from 'urql';
import { access } from './access.ts';
import { client } from './client.ts';
import { routeOf } from './config/routes.ts';
import { ConsoleLayout } from './layout/ConsoleLayout.tsx';
import { navigate, usePath } from './router.ts';
import { readSession } from './session.ts';

/** The console: antd in Chinese, GraphQL through urql, the route table deciding what shows. */
export function App() {
  return (
    <ConfigProvider locale={zhCN}>
      <Provider value={client}>
        <Screen />
      </Provider>
    </ConfigProvider>
  );
}

function Screen() {
  const path = usePath();
  const session = readSession();
  const route = routeOf(path);
  const needsLogin = !route?.public && !session;
  useEffect(() => {
    if (needsLogin) navigate('/login', { replace: true });
  }, [needsLogin]);
  if (needsLogin) return null;
  const loading = <Spin style={{ display: 'block', margin: 48 }} />;
  if (route?.public) {
    return <Suspense fallback={loading}><route.component /></Suspense>;
  }
  const body = !route ? <Result status="404" title="页面不存在" /> : route.access && !access(session!.user)[route.access] ? <Result status="403" title="您的角色无权查看此页面" /> : <Suspense fallback={loading}><route.component /></Suspense>;
  return <ConsoleLayout session={session!} path={path}>{body}</ConsoleLayout>;
}

import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { AccessKey } from '../access.ts';

export interface ConsoleRoute {
  readonly path: string;
  /** The menu's and the page title's Chinese name. */
  readonly name: string;
  /** What the user must be allowed; undefined: any logged-in user. */
  readonly access?: AccessKey;
  /** Login stands outside the layout and needs no session. */
  readonly public?: boolean;
  readonly hideInMenu?: boolean;
  /** Each screen is its own chunk (React.lazy): the login page loads without the home screen. */
  readonly component: LazyExoticComponent<ComponentType>;
}

/** Every screen of the console, with its Chinese name and the access it needs. */
export const ROUTES: readonly ConsoleRoute[] = [
  { path: '/login', name: '登录', public: true, hideInMenu: true, component: lazy(() => import('../pages/Login/index.tsx')) },
  { path: '/', name: '首页', component: lazy(() => import('../pages/Home/index.tsx')) },
  // 名录库: every member reads; the import wizard only for those who change directories (admins, planners).
  { path: '/directories', name: '名录库', component: lazy(() => import('../pages/Directories/index.tsx')) },
  { path: '/directories/import', name: '名录导入', access: 'canEditDirectories', component: lazy(() => import('../pages/DirectoryImport/index.tsx')) },
  // 年度计划 and 抽查任务: members read them; planners (canPlan) and draw officers (canDraw) act on them, buttons hidden otherwise.
  { path: '/plans', name: '年度计划', component: lazy(() => import('../pages/Plans/index.tsx')) },
  { path: '/tasks', name: '抽查任务', component: lazy(() => import('../pages/Tasks/index.tsx')) },
  { path: '/tasks/:id', name: '任务详情', hideInMenu: true, component: lazy(() => import('../pages/TaskDetail/index.tsx')) },
  { path: '/results', name: '检查结果', access: 'canEnterResults', component: lazy(() => import('../pages/Results/index.tsx')) },
  { path: '/corrections', name: '更正与异议', access: 'canEnterResults', component: lazy(() => import('../pages/Corrections/index.tsx')) },
  // 合规: members and the upper levels read the year's compliance (the server decides); every role sees the menu entry.
  { path: '/compliance', name: '合规', component: lazy(() => import('../pages/Compliance/index.tsx')) },
  { path: '/rule-pack', name: '规则包', component: lazy(() => import('../pages/RulePack/index.tsx')) },
  // 规则模拟: for those who choose and write packs (admins, planners), as simulateYear allows.
  { path: '/simulation', name: '规则模拟', access: 'canPlan', component: lazy(() => import('../pages/Simulation/index.tsx')) },
  { path: '/audit', name: '审计', access: 'canAudit', component: lazy(() => import('../pages/Audit/index.tsx')) },
  { path: '/setup', name: '设置', access: 'canSetUp', component: lazy(() => import('../pages/Setup/index.tsx')) },
];

/** The parameters of `path` under a route pattern (`/tasks/:id`), or undefined when it does not match. */
export function matchRoute(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i]!;
    if (part.startsWith(':')) {
      if (value === '') return undefined;
      params[part.slice(1)] = decodeURIComponent(value);
    } else if (part !== value) return undefined;
  }
  return params;
}

export function routeOf(path: string): ConsoleRoute | undefined {
  return ROUTES.find((r) => matchRoute(r.path, path) !== undefined);
}

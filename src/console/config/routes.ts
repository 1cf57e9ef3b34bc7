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
  { path: '/rule-pack', name: '规则包', component: lazy(() => import('../pages/RulePack/index.tsx')) },
  { path: '/audit', name: '审计', access: 'canAudit', component: lazy(() => import('../pages/Audit/index.tsx')) },
  { path: '/setup', name: '设置', access: 'canSetUp', component: lazy(() => import('../pages/Setup/index.tsx')) },
];

export function routeOf(path: string): ConsoleRoute | undefined {
  return ROUTES.find((r) => r.path === path);
}

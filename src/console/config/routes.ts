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
  { path: '/results', name: '检查结果', access: 'canEnterResults', component: lazy(() => import('../pages/Results/index.tsx')) },
  { path: '/corrections', name: '更正与异议', access: 'canEnterResults', component: lazy(() => import('../pages/Corrections/index.tsx')) },
];

export function routeOf(path: string): ConsoleRoute | undefined {
  return ROUTES.find((r) => r.path === path);
}

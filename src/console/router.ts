import { useEffect, useState } from 'react';

/** The console lives under /console; its routes are paths below it (/console/login …). */
export const BASE = '/console';

/** The route path of the current URL: '/' for /console and /console/, '/login' for /console/login. */
export function currentPath(pathname: string = location.pathname): string {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  return rest === '' ? '/' : rest;
}

const listeners = new Set<() => void>();

/** Goes to a route of the console without reloading (history.pushState). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const url = BASE + (path === '/' ? '/' : path);
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  for (const listener of listeners) listener();
}

/** The current route path, following navigate() and the browser's back and forward. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

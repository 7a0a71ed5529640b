// A tiny pathname router: the server serves index.html for every console URL.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const changed = 'stepwise:navigate';

/** Goes to a console path without reloading the page. */
export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(changed));
  window.scrollTo(0, 0);
}

/** The current pathname, updated on navigation and on back/forward. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    window.addEventListener('popstate', update);
    window.addEventListener(changed, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(changed, update);
    };
  }, []);
  return path;
}

/** Encodes an ARN for a path segment, keeping its colons readable. */
export function encodeArn(arn: string): string {
  return encodeURIComponent(arn).replace(/%3A/gi, ':');
}

export const paths = {
  stateMachines: () => '/',
  stateMachine: (arn: string) => `/state-machines/${encodeArn(arn)}`,
  execution: (arn: string) => `/executions/${encodeArn(arn)}`,
  mapRun: (arn: string) => `/map-runs/${encodeArn(arn)}`,
  activities: () => '/activities',
};

export type Route =
  | { page: 'state-machines' }
  | { page: 'state-machine'; arn: string }
  | { page: 'execution'; arn: string }
  | { page: 'map-run'; arn: string }
  | { page: 'activities' }
  | { page: 'not-found' };

/** Matches a pathname to a page. */
export function route(path: string): Route {
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/') return { page: 'state-machines' };
  if (p === '/activities') return { page: 'activities' };
  const m = /^\/(state-machines|executions|map-runs)\/(.+)$/.exec(p);
  if (!m) return { page: 'not-found' };
  let arn: string;
  try {
    arn = decodeURIComponent(m[2]);
  } catch {
    return { page: 'not-found' };
  }
  return { page: pageOf[m[1]], arn };
}

const pageOf: Record<string, 'state-machine' | 'execution' | 'map-run'> = {
  'state-machines': 'state-machine',
  executions: 'execution',
  'map-runs': 'map-run',
};

type LinkProps = JSX.HTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren };

/** An anchor that navigates inside the console (ctrl/cmd-click still opens a new tab). */
export function Link({ href, children, ...rest }: LinkProps) {
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}

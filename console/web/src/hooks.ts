// Small hooks shared by the pages.
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { Client } from './api';
import { firstPages, morePages, type PageReader, type Pages } from './model/paging';

export const ClientContext = createContext<Client | null>(null);

/** The API client of the app. */
export function useClient(): Client {
  const c = useContext(ClientContext);
  if (!c) throw new Error('no API client');
  return c;
}

export interface Async<T> {
  data?: T;
  error?: Error;
  loading: boolean;
  reload: () => void;
}

/** Runs an async load when deps change; stale answers are dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === seq.current && setState({ data, loading: false }),
      (error: Error) => mine === seq.current && setState((s) => ({ data: s.data, error, loading: false })),
    );
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** Calls fn every `ms` while `active`; the callback may be async (calls never overlap). */
export function useInterval(fn: () => Promise<void> | void, ms: number, active: boolean): void {
  const saved = useRef(fn);
  saved.current = fn;
  useEffect(() => {
    if (!active) return undefined;
    let stopped = false;
    let timer = 0;
    const run = async () => {
      try {
        await saved.current();
      } finally {
        if (!stopped) timer = window.setTimeout(run, ms);
      }
    };
    timer = window.setTimeout(run, ms);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [ms, active]);
}

/** A value that re-renders the component every `ms` (for running durations). */
export function useNow(ms: number, active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const t = window.setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms, active]);
  return now;
}

export interface Paged<T> {
  items: T[];
  nextToken?: string;
  error?: Error;
  loading: boolean;
  /** Reads the next page and appends it. */
  more: () => void;
  /** Reads the pages shown again (as many as are shown). */
  reload: () => void;
}

/** A List action read page by page: the first page when deps change, more on demand. */
export function usePaged<T>(read: PageReader<T>, deps: unknown[]): Paged<T> {
  const [state, setState] = useState<{ data: Pages<T>; error?: Error; loading: boolean }>({ data: { items: [], pages: 0 }, loading: true });
  const seq = useRef(0);
  const run = (load: () => Promise<Pages<T>>) => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === seq.current && setState({ data, loading: false }),
      (error: Error) => mine === seq.current && setState((s) => ({ ...s, error, loading: false })),
    );
  };
  useEffect(() => {
    setState({ data: { items: [], pages: 0 }, loading: true });
    run(() => firstPages(read, 1));
  }, deps);
  const { data } = state;
  return {
    items: data.items,
    nextToken: data.nextToken,
    error: state.error,
    loading: state.loading,
    more: () => data.nextToken && run(() => morePages(read, data)),
    reload: () => run(() => firstPages(read, Math.max(1, data.pages))),
  };
}

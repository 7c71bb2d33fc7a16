// A list read a page at a time ({"items", "next"} with ?limit= and ?cursor=,
// docs/architecture.md), for list screens that follow the event stream.
//
// A change of `key` (the filters) loads the first page again; a change of
// `changed` (the seq of the latest event that concerns the list) refreshes
// what is shown, as many rows as are loaded (bounded by the server's limit),
// without a loading state. "More" appends the next page, skipping rows
// already shown. A 401 ends the session.
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../api/client';
import { useSession } from '../app/context';

export const kPageSize = 50;
/** The most a refresh asks for at once (the server's limit). */
export const kMaxPageSize = 200;

export interface Page<T> {
  items: T[];
  next?: string | null;
}

/** Reads one page: `limit` rows after `cursor` (the first page without one). */
export type PageReader<T> = (limit: number, cursor: string | undefined, signal?: AbortSignal) => Promise<Page<T>>;

export interface PagedList<T> {
  items: T[];
  /** More rows to load. */
  hasMore: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  loadMore(): Promise<void>;
}

export function usePagedList<T extends { id: string }>(read: PageReader<T>, key: string, changed: number): PagedList<T> {
  const session = useSession();
  const readRef = useRef(read);
  readRef.current = read;
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const countRef = useRef(0);
  countRef.current = items.length;
  const lastKey = useRef<string | null>(null);

  const fail = useCallback(
    (e: unknown) => {
      if (isApiError(e) && e.status === 401) session.expired();
      setError(e);
    },
    [session],
  );

  useEffect(() => {
    const abort = new AbortController();
    const refresh = lastKey.current === key;
    lastKey.current = key;
    const limit = refresh ? Math.min(kMaxPageSize, Math.max(kPageSize, countRef.current)) : kPageSize;
    if (!refresh) setLoading(true);
    readRef
      .current(limit, undefined, abort.signal)
      .then((page) => {
        setItems(page.items);
        setNext(page.next ?? null);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) fail(e);
      })
      .finally(() => {
        if (!abort.signal.aborted) setLoading(false);
      });
    return () => abort.abort();
  }, [key, changed, fail]);

  const loadMore = useCallback(async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await readRef.current(kPageSize, next);
      setItems((list) => {
        const seen = new Set(list.map((r) => r.id));
        return [...list, ...page.items.filter((r) => !seen.has(r.id))];
      });
      setNext(page.next ?? null);
    } catch (e) {
      fail(e);
    } finally {
      setLoadingMore(false);
    }
  }, [next, fail]);

  return { items, hasMore: next !== null, loading, loadingMore, error, loadMore };
}

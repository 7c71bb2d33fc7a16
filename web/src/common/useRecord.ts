// One record read for its page (a request, an activity, a conflict): read
// again when `key` (its id) changes, when `changed` (the seq of the latest
// event about it) moves, and on `reload()`. A failure is kept until the next
// read succeeds; a 401 ends the session.
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../api/client';
import { useSession } from '../app/context';

export interface LoadedRecord<T> {
  record: T | null;
  /** Replaces the record shown (e.g. by the one an action returned). */
  setRecord(record: T): void;
  loadError: unknown;
  reload(): void;
}

export function useRecord<T>(read: (signal: AbortSignal) => Promise<T>, key: string, changed: number): LoadedRecord<T> {
  const session = useSession();
  const readRef = useRef(read);
  readRef.current = read;
  const [record, setRecord] = useState<T | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    readRef
      .current(abort.signal)
      .then((r) => {
        setRecord(r);
        setLoadError(null);
      })
      .catch((e: unknown) => {
        if (abort.signal.aborted) return;
        if (isApiError(e) && e.status === 401) session.expired();
        setLoadError(e);
      });
    return () => abort.abort();
  }, [key, changed, attempt, session]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { record, setRecord, loadError, reload };
}

// The live dry run of a footprint being drawn: "would this conflict?".
// A moment after the last change of the footprint or the kind, the server
// checks it (POST /deconfliction/check, which stores nothing); typing the
// title or the details does not trigger a check.
import { useEffect, useState } from 'react';
import { isApiError } from '../api/client';
import { checkFootprint, type CheckRequest, type CheckResult } from '../api/deconfliction';
import { useApi, useSession } from '../app/context';

/** Wait this long after the last change before asking the server. */
export const kCheckDelayMs = 400;

export interface DryRun {
  /** A check is waiting or under way (an earlier result stays shown meanwhile). */
  pending: boolean;
  /** The latest result; null before the first, and once the footprint is gone. */
  result: CheckResult | null;
  /** Why the latest check failed; null when it did not. */
  error: unknown;
}

const kIdle: DryRun = { pending: false, result: null, error: null };

/** The dry run of `body`; idle while it is null (nothing complete to check). */
export function useDryRun(body: CheckRequest | null): DryRun {
  const api = useApi();
  const session = useSession();
  const [run, setRun] = useState<DryRun>(kIdle);
  const key = body ? JSON.stringify(body) : null;

  useEffect(() => {
    if (key === null) {
      setRun(kIdle);
      return;
    }
    const abort = new AbortController();
    setRun((r) => ({ ...r, pending: true }));
    const timer = window.setTimeout(() => {
      checkFootprint(api, JSON.parse(key) as CheckRequest, abort.signal)
        .then((result) => setRun({ pending: false, result, error: null }))
        .catch((error: unknown) => {
          if (abort.signal.aborted) return;
          if (isApiError(error) && error.status === 401) session.expired();
          setRun({ pending: false, result: null, error });
        });
    }, kCheckDelayMs);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [api, key, session]);

  return run;
}

// One call at a time from an action form: a pending flag, a 401 ends the
// session, a 409 calls `onStale` (the page is stale and reloads). The error
// goes to `onError` when given (a page that shows errors in one place),
// else it is kept for display by the form.
import { useState } from 'react';
import { isApiError } from '../api/client';
import { useSession } from '../app/context';

export function useCall<R>(onDone: (result: R) => void, onStale?: () => void, onError?: (e: unknown) => void) {
  const session = useSession();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const report = onError ?? setError;
  /** Runs `call`; true when it succeeded. */
  const run = async (call: () => Promise<R>): Promise<boolean> => {
    setPending(true);
    report(null);
    try {
      onDone(await call());
      return true;
    } catch (e) {
      if (isApiError(e) && e.status === 401) session.expired();
      if (isApiError(e) && e.status === 409) onStale?.();
      report(e);
      return false;
    } finally {
      setPending(false);
    }
  };
  return { pending, error, run, clear: () => report(null) };
}

// Top of the console: decides between the login page and the shell from the
// server's answer to GET /api/v1/me, and owns the session state.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client';
import { isApiError } from '../api/client';
import type { Me } from '../api/types';
import { ApiProvider, SessionProvider, type Session } from './context';
import { LoginPage } from '../login/LoginPage';
import { Shell } from '../shell/Shell';
import './app.css';

type AppState =
  | { kind: 'checking' }
  | { kind: 'anonymous'; notice: 'signed_out' | 'expired' | null }
  | { kind: 'unreachable' }
  | { kind: 'signed_in'; me: Me };

export function App({ client }: { client: ApiClient }) {
  const { t } = useTranslation();
  const [state, setState] = useState<AppState>({ kind: 'checking' });

  const check = useCallback(
    async (noticeIfAnonymous: 'expired' | null) => {
      try {
        const me = await client.me();
        setState({ kind: 'signed_in', me });
      } catch (e) {
        if (isApiError(e) && e.status === 401) {
          setState({ kind: 'anonymous', notice: noticeIfAnonymous });
        } else {
          setState({ kind: 'unreachable' });
        }
      }
    },
    [client],
  );

  useEffect(() => {
    void check(null);
  }, [check]);

  const logout = useCallback(async () => {
    try {
      await client.logout();
    } catch {
      // The cookie may already be gone; the login page is right either way.
    }
    setState({ kind: 'anonymous', notice: 'signed_out' });
  }, [client]);

  const session: Session | null = useMemo(
    () =>
      state.kind === 'signed_in'
        ? { me: state.me, logout, expired: () => void check('expired') }
        : null,
    [state, logout, check],
  );

  let content;
  switch (state.kind) {
    case 'checking':
      content = (
        <div className="app-status" role="status">
          {t('app.loading')}
        </div>
      );
      break;
    case 'unreachable':
      content = (
        <div className="app-status" role="alert">
          <p>{t('errors.unavailable')}</p>
          <button type="button" className="button" onClick={() => void check(null)}>
            {t('app.retry')}
          </button>
        </div>
      );
      break;
    case 'anonymous':
      content = (
        <LoginPage
          notice={state.notice}
          onSignedIn={(me) => setState({ kind: 'signed_in', me })}
        />
      );
      break;
    case 'signed_in':
      content = session && (
        <SessionProvider session={session}>
          <Shell />
        </SessionProvider>
      );
      break;
  }

  return <ApiProvider client={client}>{content}</ApiProvider>;
}

// React contexts for the two things every screen needs: the API client and
// the signed-in session. Both are created once in App and passed down; no
// module-level singletons.
import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from '../api/client';
import type { Me } from '../api/types';

const ApiContext = createContext<ApiClient | null>(null);

export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi outside ApiProvider');
  return client;
}

export interface Session {
  me: Me;
  /** Ends the session on the server, then shows the login page. */
  logout(): Promise<void>;
  /**
   * Called when the server says the session is no longer valid (a 401 or a
   * stream close 4001): re-checks /me and shows the login page if needed.
   */
  expired(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

// Test support for the duty desk and figures pages (not bundled: only tests
// import it). Renders a page as the shell does, with i18n, the API client,
// the session and the shell's stream events, and lets a test push events.
import type { ReactElement, ReactNode } from 'react';
import { act, render, type RenderResult } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { ApiError, toProblem, type ApiClient } from '../api/client';
import type { Me, StreamEvent } from '../api/types';
import { ApiProvider, SessionProvider, type Session } from '../app/context';
import { bindDocumentLanguage, createI18n } from '../i18n';
import type { Language } from '../i18n/languages';
import { StreamEventsProvider } from '../shell/routes';
import { fakeApi } from '../test/render';

export const kDutyOfficer: Me = {
  username: 'isf.jenin',
  display_name: 'Maj. Levi',
  party: 'isf',
  party_name: 'ISF',
  unit: 'isf/dco/jenin',
  unit_name: 'DCO Jenin',
  roles: ['liaison', 'duty'],
  is_coordinator: false,
};

type Handler = (path: string, body?: unknown) => unknown;

/** A call the fake API received. */
export interface ApiCall {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

/**
 * An ApiClient whose get/post answer from `routes`, keyed "GET /path" or
 * "POST /path" (the path without its query string). A handler may throw an
 * ApiError; an unrouted call fails with 404. Every call is recorded.
 */
export function routedApi(routes: Record<string, Handler>): { api: ApiClient; calls: ApiCall[] } {
  const calls: ApiCall[] = [];
  const answer = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    calls.push(body === undefined ? { method, path } : { method, path, body });
    const handler = routes[`${method} ${path.split('?')[0]}`];
    if (!handler) throw new ApiError(toProblem(404, { code: 'not_found' }), null);
    return handler(path, body);
  };
  const api = fakeApi({
    get: <T,>(path: string) => answer('GET', path) as Promise<T>,
    post: <T,>(path: string, body?: unknown) => answer('POST', path, body) as Promise<T>,
  });
  return { api, calls };
}

export interface PageHarness extends RenderResult {
  i18n: I18n;
  /** Replaces the shell's events (newest first) as a new stream frame would. */
  setEvents(events: StreamEvent[]): void;
}

export function renderPage(
  ui: ReactElement,
  {
    lang = 'en',
    api,
    me = kDutyOfficer,
    events = [],
    expired = () => undefined,
  }: { lang?: Language; api: ApiClient; me?: Me; events?: StreamEvent[]; expired?: () => void },
): PageHarness {
  const i18n = createI18n(lang);
  bindDocumentLanguage(i18n);
  const session: Session = { me, logout: async () => undefined, expired };
  const tree = (list: StreamEvent[], children: ReactNode) => (
    <I18nextProvider i18n={i18n}>
      <ApiProvider client={api}>
        <SessionProvider session={session}>
          <StreamEventsProvider value={list}>{children}</StreamEventsProvider>
        </SessionProvider>
      </ApiProvider>
    </I18nextProvider>
  );
  const result = render(tree(events, ui));
  return {
    ...result,
    i18n,
    setEvents: (list) => act(() => result.rerender(tree(list, ui))),
  };
}

export function streamEvent(seq: number, type: string, fields: Partial<StreamEvent> = {}): StreamEvent {
  return {
    seq,
    at: '2026-11-21T10:00:00Z',
    actor: 'pasf.jenin',
    party: 'pasf',
    type,
    subject: 'REQ-2026-000001',
    body: {},
    ...fields,
  };
}

// Test fixtures for the request screens: users, parties, a request, a fake
// API routed by method and path, and a render helper with a session. Used by
// *.test.tsx only.
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { ApiError, toProblem, type ApiClient } from '../api/client';
import type { Party, RequestDetail } from '../api/requests';
import type { Me, StreamEvent } from '../api/types';
import { I18nextProvider } from 'react-i18next';
import { ApiProvider, SessionProvider, type Session } from '../app/context';
import { StreamEventsProvider } from '../shell/routes';
import { fakeApi, renderWithProviders } from '../test/render';
import type { Language } from '../i18n/languages';

export function user(party: string, roles: string[], username = `${party}.user`): Me {
  return {
    username,
    display_name: username,
    party,
    party_name: party.toUpperCase(),
    unit: `${party}/unit`,
    unit_name: `${party} unit`,
    roles,
    is_coordinator: party === 'ussc',
  };
}

export const kParties: Party[] = [
  { id: 'isf', name_en: 'ISF', name_ar: 'قوات الأمن الإسرائيلية', name_he: 'כוחות הביטחון', is_coordinator: false },
  { id: 'pasf', name_en: 'PASF', name_ar: 'قوى الأمن الفلسطينية', name_he: 'כוחות הביטחון הפלסטיניים', is_coordinator: false },
  { id: 'ussc', name_en: 'USSC', name_ar: 'المنسق الأمني', name_he: 'המתאם', is_coordinator: true },
];

export function request(patch: Partial<RequestDetail> = {}): RequestDetail {
  return {
    id: 'REQ-2026-000123',
    type: 'movement',
    state: 'submitted',
    open: true,
    precedence: 'PRIORITY',
    title: 'Convoy Jenin to Tubas',
    details: 'Two jeeps.',
    from_party: 'pasf',
    from_unit: 'pasf/dcl/jenin',
    to_party: 'isf',
    to_unit: null,
    district: 'PS0101',
    districts: ['PS0101'],
    footprint: {
      geometry: {
        type: 'LineString',
        coordinates: [
          [35.29, 32.46],
          [35.36, 32.32],
        ],
      },
      buffer_m: 200,
      start: '2026-11-21T08:00:00Z',
      end: '2026-11-21T12:00:00Z',
    },
    movement: {
      personnel: 12,
      vehicles: [{ plate: '12-345-67', description: 'jeep' }],
      weapons: [{ kind: 'rifle', count: 12 }],
    },
    armed: true,
    areas: ['A', 'C'],
    outside: false,
    coordination: [
      {
        party: 'isf',
        requirement: 'approval',
        rules: ['pasf-armed-b-c'],
        basis: ['Interim Agreement 1995, Annex I, Art. V'],
        areas: ['C'],
      },
    ],
    links: [],
    channel: 'network',
    caller: null,
    created_by: 'pasf.jenin',
    created_at: '2026-11-21T06:00:00Z',
    created_seq: 41,
    updated_at: '2026-11-21T06:00:00Z',
    updated_seq: 41,
    acknowledge_by: '2026-11-21T06:30:00Z',
    decide_by: '2026-11-21T14:00:00Z',
    acknowledged_at: null,
    decided_at: null,
    started_at: null,
    completed_at: null,
    closed_at: null,
    next_deadline: { stage: 'acknowledge', at: '2026-11-21T06:30:00Z' },
    overdue: [],
    decision: null,
    comment_count: 0,
    timeline: [
      { seq: 41, at: '2026-11-21T06:00:00Z', actor: 'pasf.jenin', type: 'request.submitted', body: { title: 'x' } },
    ],
    ...patch,
  };
}

export function apiError(status: number, body: Record<string, unknown> = {}): ApiError {
  return new ApiError(toProblem(status, { status, request_id: 'r-1', ...body }), null);
}

type Handler = (path: string, body?: unknown) => unknown;

/**
 * A fake API whose get/post/patch answer from `routes` ("GET /api/v1/parties"
 * -> handler); a handler may return a value or throw an ApiError. Unrouted
 * calls reject, so a test sees calls it did not expect.
 */
export function routedApi(routes: Record<string, Handler>): ApiClient & { calls: { method: string; path: string; body?: unknown }[] } {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  const answer = async (method: string, path: string, body?: unknown) => {
    calls.push({ method, path, body });
    const bare = path.split('?')[0] as string;
    const handler = routes[`${method} ${path}`] ?? routes[`${method} ${bare}`];
    if (!handler) throw new Error(`unexpected ${method} ${path}`);
    return handler(path, body);
  };
  const api = fakeApi({
    get: <T,>(path: string) => answer('GET', path) as Promise<T>,
    post: <T,>(path: string, body?: unknown) => answer('POST', path, body) as Promise<T>,
    patch: <T,>(path: string, body: unknown) => answer('PATCH', path, body) as Promise<T>,
    mapLayers: () => Promise.resolve({ attribution: '', layers: [] }),
  });
  return Object.assign(api, { calls });
}

export function renderAs(
  ui: ReactElement,
  me: Me,
  api: ApiClient,
  { lang = 'en', events = [] }: { lang?: Language; events?: StreamEvent[] } = {},
) {
  const session: Session = { me, logout: vi.fn(async () => undefined), expired: vi.fn() };
  const wrap = (el: ReactElement, evs: StreamEvent[]) => (
    <SessionProvider session={session}>
      <StreamEventsProvider value={evs}>{el}</StreamEventsProvider>
    </SessionProvider>
  );
  const result = renderWithProviders(wrap(ui, events), { lang, api });
  return {
    ...result,
    session,
    /** Re-renders with new stream events (newest first). */
    pushEvents: (evs: StreamEvent[]) =>
      result.rerender(
        <I18nextProvider i18n={result.i18n}>
          <ApiProvider client={api}>{wrap(ui, evs)}</ApiProvider>
        </I18nextProvider>,
      ),
  };
}

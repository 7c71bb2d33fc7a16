import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { normalizeRoster, type QueueItem } from '../api/duty';
import type { RequestRecord } from '../api/requests';
import type { Me } from '../api/types';
import { ApiError, toProblem } from '../api/client';
import enShell from '../i18n/en.json';
import en from '../i18n/parts/duty.en.json';
import { DutyPage } from './DutyPage';
import { defaultDesk, mayHandOver, memberName } from './desk';
import { kDutyOfficer, renderPage, routedApi, streamEvent } from './testing';

const kNow = Date.parse('2026-11-21T10:00:00Z');

function item(id: string, dueAt: string, extra: Partial<RequestRecord> = {}, stage: QueueItem['stage'] = 'acknowledge'): QueueItem {
  return {
    request: {
      id,
      title: `Title ${id}`,
      precedence: 'ROUTINE',
      from_party: 'pasf',
      to_party: 'isf',
      ...extra,
    } as RequestRecord,
    stage,
    due_at: dueAt,
    overdue: false,
    action_party: 'isf',
  };
}

// As the server sends it (src/http/openapi.json, Roster).
const roster = {
  shifts: [
    { index: 0, start_utc: '04:00', hours: 8 },
    { index: 1, start_utc: '12:00', hours: 8 },
    { index: 2, start_utc: '20:00', hours: 8 },
  ],
  current_shift: { index: 0, start: '2026-11-21T04:00:00Z', end: '2026-11-21T12:00:00Z' },
  next_shift: { index: 1, start: '2026-11-21T12:00:00Z', end: '2026-11-21T20:00:00Z' },
  desks: [
    {
      unit: 'isf/dco/jenin',
      unit_name: { en: 'DCO Jenin', ar: 'مكتب التنسيق جنين', he: 'מת"ק ג\'נין' },
      party: 'isf',
      district: 'PS0101',
      on_duty: 'isf.jenin',
      on_duty_name: 'Maj. Levi',
      since: '2026-11-21T04:05:00Z',
      members: [
        { username: 'isf.jenin', display_name: 'Maj. Levi' },
        { username: 'isf.jenin2', display_name: 'Capt. Cohen' },
      ],
      last_handover: {
        seq: 40,
        unit: 'isf/dco/jenin',
        party: 'isf',
        from: 'isf.jenin2',
        to: 'isf.jenin',
        by: 'isf.jenin2',
        note: 'quiet night',
        open_items: [],
        at: '2026-11-21T04:05:00Z',
      },
    },
    {
      unit: 'isf/dco/tubas',
      unit_name: { en: 'DCO Tubas', ar: 'مكتب التنسيق طوباس', he: 'מת"ק טובאס' },
      party: 'isf',
      district: 'PS0105',
      on_duty: null,
      since: null,
      members: [],
      last_handover: null,
    },
  ],
};


function setup(queue: () => QueueItem[], me: Me = kDutyOfficer) {
  const routes = {
    'GET /api/v1/duty/roster': () => roster,
    'GET /api/v1/duty/queue': () => ({ items: queue(), next: null }),
    'GET /api/v1/duty/handovers': () => ({ items: [roster.desks[0]!.last_handover], next: null }),
    'GET /api/v1/parties': () => ({
      items: [
        { id: 'isf', name_en: 'Israeli security forces', name_ar: 'قوات الأمن الإسرائيلية', name_he: 'כוחות הביטחון', is_coordinator: false },
        { id: 'pasf', name_en: 'PA security forces', name_ar: 'قوى الأمن الفلسطينية', name_he: 'כוחות הביטחון של הרש"פ', is_coordinator: false },
      ],
    }),
  };
  const { api, calls } = routedApi(routes);
  const page = renderPage(<DutyPage now={() => Date.now()} />, { api, me });
  return { page, calls };
}

const rowIds = () => screen.getAllByTestId('queue-row').map((r) => r.getAttribute('data-id'));

afterEach(() => vi.useRealTimers());

describe('DutyPage', () => {
  it('shows the queue ordered by deadline with overdue items marked, for the user\'s own desk', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: kNow });
    const { calls } = setup(() => [
      item('REQ-3', '2026-11-21T11:00:00Z'),
      item('REQ-1', '2026-11-21T09:58:00Z', { precedence: 'FLASH' }),
      item('REQ-2', '2026-11-21T10:00:30Z', {}, 'decide'),
    ]);
    await screen.findAllByTestId('queue-row');
    expect(rowIds()).toEqual(['REQ-1', 'REQ-2', 'REQ-3']);
    expect(calls.find((c) => c.path.startsWith('/api/v1/duty/queue'))?.path).toBe('/api/v1/duty/queue?unit=isf%2Fdco%2Fjenin');

    const [first, second] = screen.getAllByTestId('queue-row');
    expect(first?.getAttribute('data-overdue')).toBe('true');
    expect(within(first!).getByText(en.duty.queue.overdue)).toBeTruthy();
    expect(within(first!).getByTestId('countdown').textContent).toContain('2:00');
    expect(within(first!).getByText(en.duty.precedence.FLASH)).toBeTruthy();
    expect(within(first!).getByRole('link').getAttribute('href')).toBe('#/requests/REQ-1');
    expect(second?.getAttribute('data-overdue')).toBe('false');
    expect(within(second!).getByText(en.duty.stage.decide)).toBeTruthy();
    expect(screen.getByTestId('queue-summary').textContent).toBe('3 open, 1 overdue');
    const plain = (el: Element | undefined) => el?.textContent?.replace(/[\u2066-\u2069]/g, '');
    await waitFor(() =>
      expect(plain(first!.querySelector('.duty-queue__parties') ?? undefined)).toBe('PA security forces to Israeli security forces'),
    );
  });

  it('ticks every countdown from one clock and marks an item overdue when its deadline passes', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: false, now: kNow });
    setup(() => [item('REQ-2', '2026-11-21T10:00:02Z')]);
    await vi.waitFor(() => expect(screen.getAllByTestId('queue-row')).toHaveLength(1));
    const row = () => screen.getByTestId('queue-row');
    expect(within(row()).getByTestId('countdown').textContent).toBe('\u20660:02\u2069 left');
    act(() => vi.advanceTimersByTime(1000));
    expect(within(row()).getByTestId('countdown').textContent).toBe('\u20660:01\u2069 left');
    act(() => vi.advanceTimersByTime(2000));
    expect(row().getAttribute('data-overdue')).toBe('true');
    expect(within(row()).getByTestId('countdown').textContent).toBe('\u20660:01\u2069 past the deadline');
  });

  it('reloads and re-sorts the queue on a request event from the stream', async () => {
    let queue = [item('REQ-A', '2026-11-21T12:00:00Z')];
    const { page, calls } = setup(() => queue);
    await screen.findAllByTestId('queue-row');
    const queueCalls = () => calls.filter((c) => c.path.startsWith('/api/v1/duty/queue')).length;
    expect(queueCalls()).toBe(1);

    page.setEvents([streamEvent(50, 'user.created')]);
    expect(queueCalls()).toBe(1);

    queue = [item('REQ-A', '2026-11-21T12:00:00Z'), item('REQ-B', '2026-11-21T10:30:00Z')];
    page.setEvents([streamEvent(51, 'request.submitted'), streamEvent(50, 'user.created')]);
    await waitFor(() => expect(rowIds()).toEqual(['REQ-B', 'REQ-A']));
    expect(queueCalls()).toBe(2);
  });

  it('shows the roster: shift, desks, who is on duty and the last handover; switches desk', async () => {
    const { calls } = setup(() => []);
    const desks = await screen.findAllByTestId('desk');
    const shift = screen.getByTestId('current-shift').textContent ?? '';
    expect(shift).toContain('Shift 1');
    expect(shift).toContain('Shift 2');
    expect(desks.map((d) => d.getAttribute('data-unit'))).toEqual(['isf/dco/jenin', 'isf/dco/tubas']);
    expect(within(desks[0]!).getByTestId('on-duty').textContent).toBe('Maj. Levi');
    expect(within(desks[0]!).getByTestId('last-handover').textContent).toContain('Capt. Cohen');
    expect(desks[0]!.textContent).toContain('Jenin');
    expect(within(desks[1]!).getByTestId('on-duty').textContent).toBe(en.duty.roster.nobody);
    expect(await screen.findByText(en.duty.queue.empty)).toBeTruthy();
    expect(screen.getByTestId('handover-history').textContent).toContain('quiet night');

    fireEvent.click(within(desks[1]!).getByRole('button', { name: 'DCO Tubas' }));
    await waitFor(() =>
      expect(calls.some((c) => c.path === '/api/v1/duty/queue?unit=isf%2Fdco%2Ftubas')).toBe(true),
    );
    expect(calls.some((c) => c.path === '/api/v1/duty/handovers?unit=isf%2Fdco%2Ftubas')).toBe(true);
  });
});

describe('DutyPage failures', () => {
  it('shows what failed and reports a lost session', async () => {
    const expired = vi.fn();
    const { api } = routedApi({
      'GET /api/v1/duty/roster': () => {
        throw new ApiError(toProblem(401, { code: 'unauthenticated' }), null);
      },
      'GET /api/v1/duty/queue': () => {
        throw new ApiError(toProblem(403, { code: 'permission_denied' }), null);
      },
    });
    renderPage(<DutyPage />, { api, expired });
    expect((await screen.findByTestId('roster-error')).textContent).toContain(en.duty.roster.failed);
    expect((await screen.findByTestId('queue-error')).textContent).toContain(enShell.errors.permission_denied);
    expect(expired).toHaveBeenCalled();
  });
});

describe('desk rules', () => {
  const { desks } = normalizeRoster(roster);
  it('shows the own desk first, else one of the own party', () => {
    expect(defaultDesk(desks, kDutyOfficer)).toBe('isf/dco/jenin');
    expect(defaultDesk(desks, { ...kDutyOfficer, unit: 'isf/hq' })).toBe('isf/dco/jenin');
    expect(defaultDesk([], kDutyOfficer)).toBeNull();
  });
  it('lets duty officers of the desk hand it over, not liaison-only users or other units', () => {
    expect(mayHandOver(desks[0]!, kDutyOfficer)).toBe(true);
    expect(mayHandOver(desks[0]!, { ...kDutyOfficer, roles: ['liaison'] })).toBe(false);
    expect(mayHandOver(desks[1]!, kDutyOfficer)).toBe(false);
  });
  it('names users by the desk\'s members, else by username', () => {
    expect(memberName(desks[0]!, 'isf.jenin2')).toBe('Capt. Cohen');
    expect(memberName(desks[0]!, 'isf.gone')).toBe('isf.gone');
    expect(memberName(null, 'x')).toBe('x');
  });
});

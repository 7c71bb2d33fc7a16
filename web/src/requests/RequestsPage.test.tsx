import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { kDefaultFilters, latestRequestEvent, queryFor, RequestsPage } from './RequestsPage';
import { kParties, renderAs, request, routedApi, user } from './testing';

const pasf = user('pasf', ['liaison'], 'pasf.jenin');

describe('queryFor', () => {
  it('sends only the filters that are set', () => {
    expect(queryFor('inbox', kDefaultFilters)).toEqual({ role: 'inbox', limit: 50, state: ['open'] });
    expect(queryFor('outbox', { state: '', type: 'medical', precedence: 'FLASH', q: ' Jenin ' }, 50, 'c2')).toEqual({
      role: 'outbox',
      limit: 50,
      type: ['medical'],
      precedence: ['FLASH'],
      q: 'Jenin',
      cursor: 'c2',
    });
  });
});

describe('latestRequestEvent', () => {
  it('looks at request events only', () => {
    const e = (seq: number, type: string) => ({ seq, type });
    expect(latestRequestEvent([e(9, 'user.created'), e(7, 'request.decided'), e(3, 'request.submitted')])).toBe(7);
    expect(latestRequestEvent([e(9, 'duty.handover')])).toBe(0);
  });
});

describe('RequestsPage', () => {
  const first = request({ id: 'REQ-2026-000002', precedence: 'FLASH', title: 'Medevac Jenin', next_deadline: { stage: 'acknowledge', at: '2000-01-01T00:00:00Z' } });
  const second = request({ id: 'REQ-2026-000001', title: 'Convoy', next_deadline: null });
  const third = request({ id: 'REQ-2026-000000', title: 'Older' });

  function setup() {
    let version = 0;
    const api = routedApi({
      'GET /api/v1/parties': () => ({ items: kParties }),
      'GET /api/v1/requests': (path) => {
        const cursor = new URLSearchParams(path.split('?')[1]).get('cursor');
        if (cursor === 'page2') return { items: [third], next: null };
        return { items: version > 0 ? [request({ id: 'REQ-2026-000003' }), first, second] : [first, second], next: 'page2' };
      },
    });
    const view = renderAs(<RequestsPage box="inbox" />, pasf, api);
    return { api, ...view, bump: () => (version += 1) };
  }

  const rowIds = () => screen.getAllByTestId('request-row').map((r) => r.getAttribute('data-id'));

  it('lists the open requests of the inbox, newest first, with FLASH standing out', async () => {
    const { api } = setup();
    await screen.findByTestId('request-list');
    expect(rowIds()).toEqual(['REQ-2026-000002', 'REQ-2026-000001']);
    const flash = screen.getAllByTestId('request-row')[0] as HTMLElement;
    expect(flash.className).toContain('req-table__row--flash');
    expect(within(flash).getByTestId('request-precedence').textContent).toBe('FLASH');
    expect(within(flash).getByTestId('row-countdown').getAttribute('data-overdue')).toBe('true');
    expect(within(flash).getByText('PASF')).toBeTruthy();
    expect(within(flash).getByTestId('request-link').getAttribute('href')).toBe('#/requests/REQ-2026-000002');
    expect(api.calls[api.calls.length - 1]?.path).toBe('/api/v1/requests?role=inbox&state=open&limit=50');
  });

  it('loads more with the cursor', async () => {
    const { api } = setup();
    fireEvent.click(await screen.findByTestId('load-more'));
    await waitFor(() => expect(rowIds()).toEqual(['REQ-2026-000002', 'REQ-2026-000001', 'REQ-2026-000000']));
    expect(api.calls.some((c) => c.path.includes('cursor=page2'))).toBe(true);
    expect(screen.queryByTestId('load-more')).toBeNull();
  });

  it('filters by type', async () => {
    const { api } = setup();
    await screen.findByTestId('request-list');
    fireEvent.change(screen.getByTestId('filter-type'), { target: { value: 'medical' } });
    await waitFor(() => expect(api.calls.some((c) => c.path.includes('type=medical'))).toBe(true));
  });

  it('refreshes when a request event arrives, not for other events', async () => {
    const { api, pushEvents, bump } = setup();
    await screen.findByTestId('request-list');
    const lists = () => api.calls.filter((c) => c.path.startsWith('/api/v1/requests')).length;
    expect(lists()).toBe(1);
    pushEvents([{ seq: 70, at: '', actor: 'a', party: 'isf', type: 'user.created', subject: 'u', body: {} }]);
    expect(lists()).toBe(1);
    bump();
    pushEvents([{ seq: 71, at: '', actor: 'a', party: 'isf', type: 'request.submitted', subject: 'REQ-2026-000003', body: {} }]);
    await waitFor(() => expect(rowIds()[0]).toBe('REQ-2026-000003'));
    expect(lists()).toBe(2);
  });
});

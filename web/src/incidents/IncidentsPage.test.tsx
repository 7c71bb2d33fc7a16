import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import ar from '../i18n/parts/incidents.ar.json';
import { IncidentsPage } from './IncidentsPage';
import { incident, kParties, renderAs, routedApi, user } from './testing';

const isf = user('isf', ['liaison', 'duty'], 'isf.nablus');
const auditor = user('pasf', ['auditor']);
const kNow = () => Date.parse('2026-11-21T12:00:00Z');

function setup(who = isf, lang: 'en' | 'ar' = 'en') {
  let listed = 0;
  const api = routedApi({
    'GET /api/v1/parties': () => ({ items: kParties }),
    'GET /api/v1/incidents': () => {
      listed += 1;
      return {
        items: [
          incident({
            acknowledgements: [
              { party: 'pasf', due_at: '2026-11-21T08:19:03Z', acknowledged_at: null, acknowledged_by: null, overdue: true },
            ],
          }),
          incident({ id: 'INC-2026-000002', severity: 2, title: 'طريق مغلق', type: 'road_closure', acknowledgements: [] }),
        ],
        next: listed === 1 ? 'c2' : null,
      };
    },
  });
  return { api, ...renderAs(<IncidentsPage now={kNow} />, who, api, { lang }) };
}

describe('IncidentsPage', () => {
  it('lists the active incidents with severity, state and the acknowledgements still owed', async () => {
    const { api } = setup();
    const rows = await screen.findAllByTestId('incident-row');
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['INC-2026-000001', 'INC-2026-000002']);
    expect(api.calls[api.calls.length - 1]?.path).toBe('/api/v1/incidents?state=active&limit=50');
    expect(within(rows[0]!).getByTestId('incident-link').getAttribute('href')).toBe('#/incidents/INC-2026-000001');
    expect(within(rows[0]!).getByTestId('incident-severity').getAttribute('data-severity')).toBe('4');
    expect(rows[0]!.className).toContain('inc-row--grave');
    expect(rows[1]!.className).not.toContain('inc-row--grave');
    expect(rows[0]!.textContent).toContain('Nablus');
    await waitFor(() => expect(within(rows[0]!).getByTestId('row-owed').textContent).toContain('PASF'));
    expect(within(rows[0]!).getByTestId('row-owed').querySelector('[data-overdue="true"]')).not.toBeNull();
    expect(within(rows[1]!).queryByTestId('row-owed')).toBeNull();
    // Free text keeps its own direction.
    expect(within(rows[1]!).getByText('طريق مغلق').getAttribute('dir')).toBe('auto');
    expect(screen.getByTestId('new-incident').getAttribute('href')).toBe('#/incidents/new');
  });

  it('asks the server for what the filters say, and for the next page', async () => {
    const { api } = setup();
    await screen.findAllByTestId('incident-row');
    fireEvent.click(screen.getByTestId('load-more'));
    await waitFor(() => expect(api.calls.map((c) => c.path)).toContain('/api/v1/incidents?state=active&limit=50&cursor=c2'));
    fireEvent.change(screen.getByTestId('filter-state'), { target: { value: 'monitoring' } });
    fireEvent.change(screen.getByTestId('filter-type'), { target: { value: 'clash' } });
    fireEvent.change(screen.getByTestId('filter-severity'), { target: { value: '4' } });
    fireEvent.change(screen.getByTestId('filter-period'), { target: { value: '24h' } });
    await waitFor(() =>
      expect(api.calls.map((c) => c.path)).toContain(
        '/api/v1/incidents?state=monitoring&type=clash&severity_min=4&from=2026-11-20T12%3A00%3A00Z&limit=50',
      ),
    );
    fireEvent.change(screen.getByTestId('filter-state'), { target: { value: '' } });
    await waitFor(() =>
      expect(api.calls[api.calls.length - 1]?.path).toBe(
        '/api/v1/incidents?type=clash&severity_min=4&from=2026-11-20T12%3A00%3A00Z&limit=50',
      ),
    );
  });

  it('reloads when an incident event arrives, and not for other events', async () => {
    const { api, pushEvents } = setup();
    await screen.findAllByTestId('incident-row');
    const lists = () => api.calls.filter((c) => c.path.startsWith('/api/v1/incidents')).length;
    const before = lists();
    pushEvents([{ seq: 50, at: '', actor: 'x', party: 'pasf', type: 'request.submitted', subject: 'REQ-1', body: {} }]);
    await new Promise((r) => setTimeout(r, 20));
    expect(lists()).toBe(before);
    pushEvents([{ seq: 51, at: '', actor: 'x', party: 'pasf', type: 'incident.updated', subject: 'INC-2026-000001', body: {} }]);
    await waitFor(() => expect(lists()).toBe(before + 1));
  });

  it('offers no report to an auditor, and speaks Arabic', async () => {
    setup(auditor, 'ar');
    await screen.findAllByTestId('incident-row');
    expect(screen.queryByTestId('new-incident')).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(ar.incidents.list.title);
    expect(screen.getAllByTestId('incident-state')[0]?.textContent).toBe(ar.incidents.state.open);
  });
});

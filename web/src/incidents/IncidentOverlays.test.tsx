import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { IncidentOverlays } from './IncidentOverlays';
import { incident, kParties, renderAs, routedApi, user } from './testing';

const isf = user('isf', ['liaison', 'duty']);
const hr = user('isf', ['hr']);
const kNow = () => Date.parse('2026-11-21T12:00:00Z');

function setup(who = isf, cells = [
  { lon: 35.2, lat: 32.2, count: 1, max_severity: 2 },
  { lon: 35.3, lat: 32.4, count: 6, max_severity: 5 },
]) {
  const api = routedApi({
    'GET /api/v1/parties': () => ({ items: kParties }),
    'GET /api/v1/incidents': () => ({ items: [incident(), incident({ id: 'INC-2026-000002', severity: 2 })], next: null }),
    'GET /api/v1/incidents/heat': () => ({ cell_m: 2000, cells }),
  });
  return { api, ...renderAs(<IncidentOverlays map={null} now={kNow} />, who, api) };
}

describe('IncidentOverlays', () => {
  it('loads the active incidents of the chosen period when shown, and again on an incident event', async () => {
    const { api, pushEvents } = setup();
    const panel = screen.getByTestId('incident-layers');
    expect(api.calls.some((c) => c.path.startsWith('/api/v1/incidents'))).toBe(false);

    fireEvent.click(within(panel).getByTestId('overlay-toggle-incidents'));
    await waitFor(() => expect(panel.getAttribute('data-overlays-loaded')).toBe('incidents'));
    expect(api.calls.map((c) => c.path)).toContain('/api/v1/incidents?state=active&from=2026-11-14T12%3A00%3A00Z&limit=200');
    expect(within(panel).getByTestId('incident-count').textContent).toBe('2 shown');

    fireEvent.change(within(panel).getByTestId('incident-period'), { target: { value: '' } });
    await waitFor(() => expect(api.calls.map((c) => c.path)).toContain('/api/v1/incidents?state=active&limit=200'));

    const before = api.calls.length;
    pushEvents([{ seq: 70, at: '', actor: 'x', party: 'pasf', type: 'incident.reported', subject: 'INC-2026-000003', body: {} }]);
    await waitFor(() => expect(api.calls.length).toBe(before + 1));
  });

  it('loads the heat view over the chosen period and cell size, with its legend', async () => {
    const { api } = setup();
    fireEvent.click(screen.getByTestId('overlay-toggle-heat'));
    const legend = await screen.findByTestId('heat-legend');
    expect(api.calls.map((c) => c.path)).toContain(
      '/api/v1/incidents/heat?from=2026-10-22T12%3A00%3A00Z&to=2026-11-21T12%3A00%3A00Z&cell_m=2000',
    );
    expect(legend.textContent).toContain('1');
    expect(legend.textContent).toContain('6');
    fireEvent.change(screen.getByTestId('heat-period'), { target: { value: '365' } });
    fireEvent.change(screen.getByTestId('heat-cell'), { target: { value: '5000' } });
    await waitFor(() =>
      expect(api.calls.map((c) => c.path)).toContain(
        '/api/v1/incidents/heat?from=2025-11-21T12%3A00%3A00Z&to=2026-11-21T12%3A00%3A00Z&cell_m=5000',
      ),
    );
  });

  it('says when the period has no incidents, and is not offered to roles that do not read them', async () => {
    const first = setup(isf, []);
    fireEvent.click(screen.getByTestId('overlay-toggle-heat'));
    expect(await screen.findByTestId('heat-empty')).toBeTruthy();
    first.unmount();
    setup(hr);
    expect(screen.queryByTestId('incident-layers')).toBeNull();
  });
});

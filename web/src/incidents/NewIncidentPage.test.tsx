import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { IncidentDraft } from '../api/incidents';
import en from '../i18n/parts/incidents.en.json';
import { NewIncidentPage } from './NewIncidentPage';
import { apiError, incident, kParties, renderAs, routedApi, user } from './testing';

vi.mock('../requests/FootprintMap', async () => ({ FootprintMap: (await import('./testing')).FootprintMapStub }));

const isf = user('isf', ['liaison', 'duty'], 'isf.nablus');
const kNow = () => new Date(2026, 10, 21, 9, 0).getTime();

function setup(create: (path: string, body?: unknown) => unknown = () => ({ ...incident({ id: 'INC-2026-000007' }), seq: 88 })) {
  const api = routedApi({
    'GET /api/v1/parties': () => ({ items: kParties }),
    'POST /api/v1/incidents': create,
  });
  return { api, ...renderAs(<NewIncidentPage now={kNow} />, isf, api) };
}

function fill() {
  fireEvent.change(screen.getByTestId('field-type'), { target: { value: 'joint_accident' } });
  fireEvent.change(screen.getByTestId('field-severity'), { target: { value: '4' } });
  fireEvent.change(screen.getByTestId('field-title'), { target: { value: 'Collision at Huwwara junction' } });
  fireEvent.change(screen.getByTestId('field-description'), { target: { value: 'تصادم بين مركبتين' } });
  fireEvent.change(screen.getByTestId('field-occurred_at'), { target: { value: '2026-11-21T08:10' } });
}

afterEach(() => {
  window.location.hash = '';
});

describe('NewIncidentPage', () => {
  it('checks before sending: type, severity, title and the location', async () => {
    const { api } = setup();
    fireEvent.click(screen.getByTestId('submit'));
    expect((await screen.findByTestId('error-type')).textContent).toBeTruthy();
    expect(screen.getByTestId('error-severity')).toBeTruthy();
    expect(screen.getByTestId('error-title')).toBeTruthy();
    expect(screen.getByTestId('error-location').textContent).toBe(en.incidents.validation.location_required);
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('reports what was typed and drawn, shared with the coordinator always, and opens the incident', async () => {
    const { api } = setup();
    await waitFor(() => expect(screen.getByTestId('share-pasf')).toBeTruthy());
    // The reporter's own party is not offered; the coordinator is ticked for good.
    expect(screen.queryByTestId('share-isf')).toBeNull();
    const ussc = screen.getByTestId('share-ussc') as HTMLInputElement;
    expect(ussc.checked && ussc.disabled).toBe(true);

    fill();
    expect(screen.getByTestId('alert-note').textContent).toBe(en.incidents.new.alert_note);
    fireEvent.click(screen.getByTestId('share-pasf'));
    fireEvent.click(screen.getByTestId('map-click-0'));
    fireEvent.click(screen.getByTestId('with-casualties'));
    fireEvent.change(screen.getByTestId('field-casualties.injured'), { target: { value: '3' } });
    fireEvent.click(screen.getByTestId('add-side'));
    fireEvent.change(screen.getByTestId('field-casualties.by_side.0.side'), { target: { value: 'civilian' } });
    fireEvent.change(screen.getByTestId('field-casualties.by_side.0.injured'), { target: { value: '1' } });
    fireEvent.click(screen.getByTestId('add-link'));
    fireEvent.change(screen.getByTestId('field-links.0'), { target: { value: 'RET-2026-000003' } });
    fireEvent.click(screen.getByTestId('submit'));

    await waitFor(() => expect(window.location.hash).toBe('#/incidents/INC-2026-000007'));
    const body = api.calls.find((c) => c.method === 'POST')?.body as IncidentDraft;
    expect(body).toEqual({
      type: 'joint_accident',
      severity: 4,
      title: 'Collision at Huwwara junction',
      description: 'تصادم بين مركبتين',
      location: { type: 'Point', coordinates: [35.2, 32.22] },
      occurred_at: new Date(2026, 10, 21, 8, 10).toISOString().replace('.000Z', 'Z'),
      shared_with: ['pasf', 'ussc'],
      casualties: { killed: 0, injured: 3, by_side: [{ side: 'civilian', killed: 0, injured: 1 }] },
      links: ['RET-2026-000003'],
    });
  });

  it('draws an area when asked', async () => {
    const { api } = setup();
    fill();
    fireEvent.click(screen.getByTestId('draw-area'));
    for (const i of [0, 1, 2]) fireEvent.click(screen.getByTestId(`map-click-${i}`));
    fireEvent.click(screen.getByTestId('submit'));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST')).toBe(true));
    const body = api.calls.find((c) => c.method === 'POST')?.body as IncidentDraft;
    expect(body.location.type).toBe('Polygon');
  });

  it('places a server problem on the field it names, and shows others as a message', async () => {
    let reply: unknown = apiError(400, { code: 'invalid_argument', field: '/shared_with/1', detail: 'no such party: nato' });
    setup(() => {
      throw reply;
    });
    fill();
    fireEvent.click(screen.getByTestId('map-click-0'));
    fireEvent.click(screen.getByTestId('submit'));
    expect((await screen.findByTestId('error-shared_with')).textContent).toBe('no such party: nato');
    expect(window.location.hash).toBe('');

    reply = apiError(403, { code: 'permission_denied' });
    fireEvent.click(screen.getByTestId('submit'));
    expect((await screen.findByTestId('submit-error')).textContent).toContain(en.incidents.error.forbidden);
  });
});

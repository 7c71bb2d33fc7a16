import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Evaluation, RequestDraft } from '../api/requests';
import ar from '../i18n/parts/requests.ar.json';
import { NewRequestPage } from './NewRequestPage';
import { apiError, kParties, renderAs, request, routedApi, user } from './testing';
import type { FootprintMapProps } from './FootprintMap';

// Leaflet does not run in jsdom: the map is replaced by buttons that "click"
// the map at fixed places across Jenin.
vi.mock('./FootprintMap', () => ({
  FootprintMap: (props: FootprintMapProps) => (
    <div data-testid={props.testId} data-vertices={props.vertices.length} data-mode={props.mode}>
      {[
        { lat: 32.4612, lng: 35.2874 },
        { lat: 32.4489, lng: 35.3051 },
        { lat: 32.4301, lng: 35.3302 },
      ].map((v, i) => (
        <button key={i} type="button" data-testid={`map-click-${i}`} onClick={() => props.onAddVertex?.(v)}>
          click {i}
        </button>
      ))}
    </div>
  ),
}));

const me = user('pasf', ['liaison'], 'pasf.jenin');

const kEvaluation: Evaluation = {
  areas: ['A', 'C'],
  outside: false,
  districts: ['PS0101'],
  district: 'PS0101',
  armed: false,
  coordination: [
    {
      party: 'isf',
      requirement: 'approval',
      rules: ['pasf-armed-b-c'],
      basis: ['Interim Agreement 1995, Annex I, Art. V'],
      areas: ['C'],
    },
  ],
};

function setup(createHandler: (path: string, body?: unknown) => unknown = () => ({ ...request(), seq: 42 })) {
  const api = routedApi({
    'GET /api/v1/parties': () => ({ items: kParties }),
    'POST /api/v1/requests/evaluate': () => kEvaluation,
    'POST /api/v1/requests': createHandler,
  });
  const view = renderAs(<NewRequestPage />, me, api);
  return { api, ...view };
}

async function fillBasics() {
  await screen.findByRole('option', { name: 'ISF' });
  fireEvent.change(screen.getByTestId('field-to_party'), { target: { value: 'isf' } });
  fireEvent.change(screen.getByTestId('field-title'), { target: { value: 'Convoy Jenin' } });
}

function drawRoute(points = 3) {
  for (let i = 0; i < points; i++) fireEvent.click(screen.getByTestId(`map-click-${i}`));
}

describe('NewRequestPage', () => {
  beforeEach(() => {
    window.location.hash = '#/requests/new';
  });
  afterEach(() => {
    window.location.hash = '';
  });

  it('offers every party but the user\'s own', async () => {
    setup();
    await screen.findByRole('option', { name: 'ISF' });
    const options = within(screen.getByTestId('field-to_party')).getAllByRole('option').map((o) => o.getAttribute('value'));
    expect(options).toEqual(['', 'isf', 'ussc']);
  });

  it('shows the Oslo areas and the coordination required before sending', async () => {
    const { api } = setup();
    await fillBasics();
    expect(screen.getByTestId('evaluation').textContent).toContain('draw the footprint');
    drawRoute();
    expect(screen.getByTestId('footprint-map').getAttribute('data-vertices')).toBe('3');

    const areas = await screen.findByTestId('evaluation-areas');
    expect(areas.textContent).toContain('Area A');
    expect(areas.textContent).toContain('Area C');
    const coordination = screen.getByTestId('evaluation-coordination');
    expect(coordination.textContent).toContain('ISF approval required');
    // The rule id is isolated so it reads left-to-right inside Arabic and Hebrew.
    expect(coordination.textContent).toContain('rule \u2068pasf-armed-b-c\u2069');
    expect(coordination.textContent).toContain('Interim Agreement 1995, Annex I, Art. V');

    // Debounced: one evaluation for the finished drawing, with the route as [lon, lat].
    const evaluations = api.calls.filter((c) => c.path === '/api/v1/requests/evaluate');
    expect(evaluations.length).toBeGreaterThanOrEqual(1);
    const draft = evaluations[evaluations.length - 1]?.body as RequestDraft;
    expect(draft.footprint?.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [35.2874, 32.4612],
        [35.3051, 32.4489],
        [35.3302, 32.4301],
      ],
    });
    expect(draft.movement).toEqual({ personnel: 0, vehicles: [], weapons: [] });
    // Nothing was created by evaluating.
    expect(api.calls.some((c) => c.path === '/api/v1/requests')).toBe(false);
  });

  it('places a server validation error on the field its pointer names', async () => {
    setup(() => {
      throw apiError(400, { code: 'invalid_argument', field: '/movement/vehicles/0/plate', detail: 'plate is malformed' });
    });
    await fillBasics();
    drawRoute(2);
    fireEvent.click(screen.getByTestId('add-vehicle'));
    fireEvent.change(screen.getByTestId('field-movement.vehicles.0.plate'), { target: { value: '??' } });
    fireEvent.click(screen.getByTestId('submit-request'));

    const error = await screen.findByTestId('error-movement.vehicles.0.plate');
    expect(error.textContent).toBe('plate is malformed');
    expect(screen.getByTestId('field-movement.vehicles.0.plate').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('submit-error')).toBeNull();
    expect(window.location.hash).toBe('#/requests/new');
  });

  it('shows an error without a known field as a general message', async () => {
    setup(() => {
      throw apiError(403, { code: 'permission_denied', detail: 'not a liaison officer' });
    });
    await fillBasics();
    drawRoute(2);
    fireEvent.click(screen.getByTestId('submit-request'));
    const error = await screen.findByTestId('submit-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('You may not do this');
  });

  it('checks the drawing before sending: a route needs two points', async () => {
    const { api } = setup();
    await fillBasics();
    drawRoute(1);
    fireEvent.click(screen.getByTestId('submit-request'));
    expect((await screen.findByTestId('error-footprint.geometry')).textContent).toBe('A route needs at least 2 points.');
    expect(api.calls.some((c) => c.path === '/api/v1/requests')).toBe(false);
  });

  it('sends the request and goes to its page', async () => {
    const { api } = setup();
    await fillBasics();
    drawRoute();
    fireEvent.click(screen.getByTestId('add-weapon'));
    fireEvent.change(screen.getByTestId('field-movement.weapons.0.kind'), { target: { value: 'rifle' } });
    fireEvent.change(screen.getByTestId('field-movement.weapons.0.count'), { target: { value: '4' } });
    fireEvent.change(screen.getByTestId('field-movement.personnel'), { target: { value: '6' } });
    fireEvent.click(screen.getByTestId('submit-request'));

    await waitFor(() => expect(window.location.hash).toBe('#/requests/REQ-2026-000123'));
    const sent = api.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/requests')?.body as RequestDraft;
    expect(sent.to_party).toBe('isf');
    expect(sent.title).toBe('Convoy Jenin');
    expect(sent.movement).toEqual({ personnel: 6, vehicles: [], weapons: [{ kind: 'rifle', count: 4 }] });
    expect(sent.footprint?.buffer_m).toBe(200);
  });

  it('undo and clear change the drawing', async () => {
    setup();
    await fillBasics();
    drawRoute();
    fireEvent.click(screen.getByTestId('draw-undo'));
    expect(screen.getByTestId('footprint-map').getAttribute('data-vertices')).toBe('2');
    fireEvent.click(screen.getByTestId('draw-area'));
    expect(screen.getByTestId('draw-hint').textContent).toContain('1 more');
    fireEvent.click(screen.getByTestId('draw-clear'));
    expect(screen.getByTestId('footprint-map').getAttribute('data-vertices')).toBe('0');
  });

  it('speaks Arabic', async () => {
    const api = routedApi({ 'GET /api/v1/parties': () => ({ items: kParties }) });
    renderAs(<NewRequestPage />, me, api, { lang: 'ar' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(ar.requests.new.title);
    expect(screen.getByTestId('draw-route').textContent).toBe(ar.requests.draw.route);
    expect(document.documentElement.dir).toBe('rtl');
  });
});

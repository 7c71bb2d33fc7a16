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
const isfDuty = user('isf', ['duty'], 'isf.duty');
const usscDuty = user('ussc', ['duty'], 'ussc.duty');

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

function setup(
  createHandler: (path: string, body?: unknown) => unknown = () => ({ ...request(), seq: 42 }),
  who = me,
) {
  const api = routedApi({
    'GET /api/v1/parties': () => ({ items: kParties }),
    'POST /api/v1/requests/evaluate': () => kEvaluation,
    'POST /api/v1/requests': createHandler,
  });
  const view = renderAs(<NewRequestPage />, who, api);
  return { api, ...view };
}

const optionValues = (testId: string) =>
  within(screen.getByTestId(testId))
    .getAllByRole('option')
    .map((o) => o.getAttribute('value'));

const evaluationsOf = (api: ReturnType<typeof setup>['api']) =>
  api.calls.filter((c) => c.path === '/api/v1/requests/evaluate').map((c) => c.body as RequestDraft);

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

  it('offers the phone or radio section to duty officers only', async () => {
    setup();
    await screen.findByRole('option', { name: 'ISF' });
    expect(screen.queryByTestId('logged-call')).toBeNull();
    expect(screen.queryByTestId('logged-call-fields')).toBeNull();
  });

  it('a duty officer logs a request received by radio: from the caller, to the officer\'s own party', async () => {
    const { api } = setup(undefined, isfDuty);
    await screen.findByRole('option', { name: 'PASF' });
    // Unchecked, the form is the ordinary one: the officer's own party is not a receiver.
    expect(optionValues('field-to_party')).toEqual(['', 'pasf', 'ussc']);
    expect(screen.queryByTestId('logged-call-fields')).toBeNull();

    fireEvent.click(screen.getByTestId('logged-call'));
    expect(screen.getByTestId('logged-call-fields')).toBeTruthy();
    // The receiver defaults to the officer's own party; the caller is any other party.
    expect((screen.getByTestId('field-to_party') as HTMLSelectElement).value).toBe('isf');
    expect(optionValues('field-logged_call.party')).toEqual(['', 'pasf', 'ussc']);
    expect(optionValues('field-logged_call.channel')).toEqual(['phone', 'radio', 'fax', 'in_person']);

    fireEvent.change(screen.getByTestId('field-title'), { target: { value: 'Convoy by radio' } });
    drawRoute();
    // No calling party yet: nothing to evaluate as.
    expect(screen.getByTestId('evaluation').textContent).toContain('Choose the calling party');

    fireEvent.change(screen.getByTestId('field-logged_call.party'), { target: { value: 'pasf' } });
    expect(optionValues('field-to_party')).toEqual(['', 'isf', 'ussc']);
    fireEvent.change(screen.getByTestId('field-logged_call.channel'), { target: { value: 'radio' } });
    fireEvent.change(screen.getByTestId('field-logged_call.caller'), { target: { value: ' Capt. Khalil, DCL Jenin ' } });
    fireEvent.change(screen.getByTestId('field-logged_call.unit'), { target: { value: 'pasf/dcl/jenin' } });

    // The evaluation is the calling party's request to the officer's party.
    await screen.findByTestId('evaluation-areas');
    const evaluations = evaluationsOf(api);
    expect(evaluations.every((d) => d.logged_call?.party === 'pasf')).toBe(true);
    expect(evaluations[evaluations.length - 1]?.to_party).toBe('isf');

    fireEvent.click(screen.getByTestId('submit-request'));
    await waitFor(() => expect(window.location.hash).toBe('#/requests/REQ-2026-000123'));
    const sent = api.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/requests')?.body as RequestDraft;
    expect(sent.to_party).toBe('isf');
    expect(sent.logged_call).toEqual({
      channel: 'radio',
      caller: 'Capt. Khalil, DCL Jenin',
      party: 'pasf',
      unit: 'pasf/dcl/jenin',
    });
  });

  it('a logged call needs the calling party and the caller', async () => {
    const { api } = setup(undefined, isfDuty);
    await screen.findByRole('option', { name: 'PASF' });
    fireEvent.click(screen.getByTestId('logged-call'));
    fireEvent.change(screen.getByTestId('field-title'), { target: { value: 'Convoy by phone' } });
    drawRoute(2);
    fireEvent.click(screen.getByTestId('submit-request'));
    expect((await screen.findByTestId('error-logged_call.party')).textContent).toBe('Required.');
    expect(screen.getByTestId('error-logged_call.caller').textContent).toBe('Required.');
    expect(api.calls.some((c) => c.path === '/api/v1/requests')).toBe(false);

    // Unchecking drops the call: the officer's own party is no longer the receiver.
    fireEvent.click(screen.getByTestId('logged-call'));
    expect(screen.queryByTestId('logged-call-fields')).toBeNull();
    expect((screen.getByTestId('field-to_party') as HTMLSelectElement).value).toBe('');
  });

  it('the coordinator\'s duty officer chooses both the calling and the receiving party', async () => {
    const { api } = setup(undefined, usscDuty);
    await screen.findByRole('option', { name: 'PASF' });
    fireEvent.click(screen.getByTestId('logged-call'));
    expect((screen.getByTestId('field-to_party') as HTMLSelectElement).value).toBe('');
    expect(optionValues('field-logged_call.party')).toEqual(['', 'isf', 'pasf']);
    fireEvent.change(screen.getByTestId('field-logged_call.party'), { target: { value: 'pasf' } });
    expect(optionValues('field-to_party')).toEqual(['', 'isf', 'ussc']);
    fireEvent.change(screen.getByTestId('field-to_party'), { target: { value: 'isf' } });
    // Choosing the receiver as the caller clears the receiver.
    fireEvent.change(screen.getByTestId('field-logged_call.party'), { target: { value: 'isf' } });
    expect((screen.getByTestId('field-to_party') as HTMLSelectElement).value).toBe('');
    fireEvent.change(screen.getByTestId('field-to_party'), { target: { value: 'ussc' } });
    fireEvent.change(screen.getByTestId('field-logged_call.caller'), { target: { value: 'Maj. Cohen, DCO Jenin' } });
    fireEvent.change(screen.getByTestId('field-title'), { target: { value: 'Patrol' } });
    drawRoute(2);
    await waitFor(() => expect(evaluationsOf(api).at(-1)?.logged_call?.party).toBe('isf'));
    // Another calling party is another requester: the draft is evaluated again.
    fireEvent.change(screen.getByTestId('field-logged_call.party'), { target: { value: 'pasf' } });
    expect((screen.getByTestId('field-to_party') as HTMLSelectElement).value).toBe('ussc');
    await waitFor(() => expect(evaluationsOf(api).at(-1)?.logged_call?.party).toBe('pasf'));
    fireEvent.click(screen.getByTestId('submit-request'));
    await waitFor(() => expect(window.location.hash).toBe('#/requests/REQ-2026-000123'));
    const sent = api.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/requests')?.body as RequestDraft;
    expect(sent.to_party).toBe('ussc');
    expect(sent.logged_call).toEqual({ channel: 'phone', caller: 'Maj. Cohen, DCO Jenin', party: 'pasf' });
  });

  it('sends links in order and shows a server error on the row it names', async () => {
    const { api } = setup(() => {
      throw apiError(400, { code: 'invalid_argument', field: '/links/1/id', detail: 'no such request' });
    });
    await fillBasics();
    drawRoute(2);
    fireEvent.click(screen.getByTestId('add-link'));
    fireEvent.click(screen.getByTestId('add-link'));
    fireEvent.click(screen.getByTestId('add-link'));
    fireEvent.change(screen.getByTestId('field-links.0.kind'), { target: { value: 'incident' } });
    fireEvent.change(screen.getByTestId('field-links.0.id'), { target: { value: 'INC-7' } });
    fireEvent.change(screen.getByTestId('field-links.1.id'), { target: { value: ' REQ-2026-999999 ' } });
    fireEvent.change(screen.getByTestId('field-links.2.id'), { target: { value: 'dropped' } });
    fireEvent.click(screen.getByTestId('remove-link-2'));
    expect(screen.queryByTestId('link-2')).toBeNull();
    fireEvent.click(screen.getByTestId('submit-request'));

    const error = await screen.findByTestId('error-links.1.id');
    expect(error.textContent).toBe('no such request');
    expect(screen.getByTestId('field-links.1.id').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('error-links.0.id')).toBeNull();
    expect(screen.getByTestId('field-links.0.id').getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByTestId('submit-error')).toBeNull();
    const sent = api.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/requests')?.body as RequestDraft;
    expect(sent.links).toEqual([
      { kind: 'incident', id: 'INC-7' },
      { kind: 'request', id: 'REQ-2026-999999' },
    ]);

    // Editing the row clears the server's complaint.
    fireEvent.change(screen.getByTestId('field-links.1.id'), { target: { value: 'REQ-2026-000100' } });
    expect(screen.queryByTestId('error-links.1.id')).toBeNull();
  });

  it('an empty link row is an error on that row, not a silent drop', async () => {
    const { api } = setup();
    await fillBasics();
    drawRoute(2);
    fireEvent.click(screen.getByTestId('add-link'));
    fireEvent.click(screen.getByTestId('add-link'));
    fireEvent.change(screen.getByTestId('field-links.0.id'), { target: { value: 'REQ-2026-000100' } });
    fireEvent.click(screen.getByTestId('submit-request'));
    expect((await screen.findByTestId('error-links.1.id')).textContent).toBe('Required.');
    expect(screen.queryByTestId('error-links.0.id')).toBeNull();
    expect(api.calls.some((c) => c.path === '/api/v1/requests')).toBe(false);
  });

  it('speaks Arabic', async () => {
    const api = routedApi({ 'GET /api/v1/parties': () => ({ items: kParties }) });
    renderAs(<NewRequestPage />, me, api, { lang: 'ar' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(ar.requests.new.title);
    expect(screen.getByTestId('draw-route').textContent).toBe(ar.requests.draw.route);
    expect(document.documentElement.dir).toBe('rtl');
  });
});

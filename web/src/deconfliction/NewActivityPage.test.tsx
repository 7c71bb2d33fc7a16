import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ActivityDraft, CheckRequest } from '../api/deconfliction';
import { NewActivityPage } from './NewActivityPage';
import {
  activity,
  apiError,
  checkResult,
  fullConflict,
  kParties,
  pointerConflict,
  renderAs,
  routedApi,
  user,
} from './testing';

vi.mock('../requests/FootprintMap', async () => ({ FootprintMap: (await import('./testing')).FootprintMapStub }));

const pasf = user('pasf', ['liaison', 'duty'], 'pasf.nablus');
const desk = user('ussc', ['duty', 'liaison'], 'ussc.duty');
const kNow = () => Date.parse('2026-11-21T08:20:00');

function setup(
  { check = () => checkResult(), create }: { check?: () => unknown; create?: (path: string, body?: unknown) => unknown } = {},
  who = pasf,
) {
  const api = routedApi({
    'GET /api/v1/parties': () => ({ items: kParties }),
    'POST /api/v1/deconfliction/check': check,
    'POST /api/v1/activities':
      create ??
      (() => ({ ...activity({ id: 'ACT-2026-000002', party: 'pasf' }), conflicts: [pointerConflict()], warnings: [], seq: 42 })),
  });
  return { api, ...renderAs(<NewActivityPage now={kNow} />, who, api) };
}

function drawRoute() {
  fireEvent.click(screen.getByTestId('map-click-0'));
  fireEvent.click(screen.getByTestId('map-click-1'));
}

describe('NewActivityPage', () => {
  it('checks the drawn footprint before sending and shows the pointer and the protected sites', async () => {
    const { api } = setup();
    expect(screen.getByTestId('dry-run').getAttribute('data-state')).toBe('idle');
    fireEvent.change(screen.getByTestId('field-kind'), { target: { value: 'movement' } });
    drawRoute();
    const found = await screen.findByTestId('check-conflict');
    expect(within(found).getByTestId('pointer-summary').textContent).toContain('ISF');
    expect(within(found).getByTestId('pointer-summary').textContent).toContain('Nablus');
    expect(within(found).getByTestId('pointer-contact').textContent).toContain('ussc.duty');
    expect(within(found).queryByTestId('check-conflict-record')).toBeNull();
    expect(screen.getByTestId('check-warnings').textContent).toContain('Rafidia Hospital');
    expect(screen.getByTestId('check-warnings').textContent).toContain('121 m');

    const checks = api.calls.filter((c) => c.path === '/api/v1/deconfliction/check');
    const body = checks[checks.length - 1]?.body as CheckRequest;
    expect(body.kind).toBe('movement');
    expect(body.footprint.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [35.2, 32.22],
        [35.26, 32.21],
      ],
    });
    // Typing the title does not check again.
    const before = checks.length;
    fireEvent.change(screen.getByTestId('field-title'), { target: { value: 'Convoy to Nablus' } });
    await new Promise((r) => setTimeout(r, 500));
    expect(api.calls.filter((c) => c.path === '/api/v1/deconfliction/check')).toHaveLength(before);
  });

  it('shows the coordinator desk the other record of a dry-run conflict', async () => {
    const [bare] = checkResult().conflicts;
    setup(
      {
        check: () =>
          checkResult({ conflicts: [{ ...bare!, ref: 'ACT-2026-000001', type: 'activity', kind: 'patrol', title: 'Route check', party: 'isf', distance_m: 85 }] }),
      },
      desk,
    );
    drawRoute();
    const record = await screen.findByTestId('check-conflict-record');
    expect(record.textContent).toContain('Route check');
    expect(record.textContent).toContain('85 m');
  });

  it('says when the footprint is clear', async () => {
    setup({ check: () => ({ conflicts: [], warnings: [] }) });
    drawRoute();
    await screen.findByTestId('check-clear');
  });

  it('checks the form before sending', async () => {
    const { api } = setup();
    fireEvent.click(screen.getByTestId('submit-activity'));
    expect((await screen.findByTestId('error-title')).textContent).toBe('Required.');
    expect(screen.getByTestId('error-footprint.geometry').textContent).toContain('Draw the activity on the map');
    expect(api.calls.some((c) => c.path === '/api/v1/activities')).toBe(false);
  });

  it('registers and shows the conflicts it created, as pointers', async () => {
    const { api } = setup();
    fireEvent.change(screen.getByTestId('field-title'), { target: { value: ' Convoy to Nablus ' } });
    fireEvent.change(screen.getByTestId('field-confidentiality'), { target: { value: 'secret' } });
    drawRoute();
    fireEvent.click(screen.getByTestId('submit-activity'));
    const receipt = await screen.findByTestId('activity-receipt');
    expect(screen.getByTestId('receipt').textContent).toContain('ACT-2026-000002');
    expect(screen.getByTestId('receipt').textContent).toContain('#42');
    const card = within(receipt).getByTestId('conflict-card');
    expect(card.getAttribute('data-id')).toBe('CFL-2026-000001');
    expect(within(card).getByTestId('pointer-summary').textContent).toContain('ISF');
    expect(screen.getByTestId('open-activity').getAttribute('href')).toBe('#/activities/ACT-2026-000002');

    const sent = api.calls.find((c) => c.path === '/api/v1/activities')?.body as ActivityDraft;
    expect(sent.title).toBe('Convoy to Nablus');
    expect(sent.confidentiality).toBe('secret');
    expect(sent.kind).toBe('patrol');
    expect(sent.footprint.buffer_m).toBe(200);
    expect(sent.footprint.start).toBe(new Date('2026-11-21T09:00').toISOString().replace('.000', ''));

    fireEvent.click(screen.getByTestId('register-another'));
    expect((screen.getByTestId('field-title') as HTMLInputElement).value).toBe('');
  });

  it('shows the coordinator desk both sides of what it created', async () => {
    setup({ create: () => ({ ...activity({ party: 'ussc' }), conflicts: [fullConflict()], warnings: [], seq: 42 }) }, desk);
    fireEvent.change(screen.getByTestId('field-title'), { target: { value: 'Escort' } });
    drawRoute();
    fireEvent.click(screen.getByTestId('submit-activity'));
    const card = await screen.findByTestId('conflict-card');
    expect(card.getAttribute('data-view')).toBe('full');
    expect(within(card).getAllByTestId('conflict-side-title').map((e) => e.textContent)).toEqual([
      'Route check',
      'Convoy to Nablus',
    ]);
  });

  it('puts a server validation error on its field', async () => {
    setup({
      create: () => {
        throw apiError(400, { code: 'invalid_argument', field: '/footprint/end', detail: 'The window is too long.' });
      },
    });
    fireEvent.change(screen.getByTestId('field-title'), { target: { value: 'Convoy' } });
    drawRoute();
    fireEvent.click(screen.getByTestId('submit-activity'));
    expect((await screen.findByTestId('error-footprint.end')).textContent).toBe('The window is too long.');
    await waitFor(() => expect(screen.getByTestId('field-footprint.end').getAttribute('aria-invalid')).toBe('true'));
  });
});

import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Conflict } from '../api/deconfliction';
import ar from '../i18n/parts/deconfliction.ar.json';
import { ConflictPage } from './ConflictPage';
import { apiError, fullConflict, kParties, pointerConflict, renderAs, routedApi, user } from './testing';

vi.mock('../requests/FootprintMap', async () => ({ FootprintMap: (await import('./testing')).FootprintMapStub }));

const pasf = user('pasf', ['liaison', 'duty'], 'pasf.nablus');
const isf = user('isf', ['liaison', 'duty'], 'isf.nablus');
const desk = user('ussc', ['duty', 'liaison'], 'ussc.duty');
const kPath = '/api/v1/conflicts/CFL-2026-000001';

function setup(conflict: Conflict, who = pasf, extra: Record<string, (path: string, body?: unknown) => unknown> = {}) {
  const api = routedApi({
    'GET /api/v1/parties': () => ({ items: kParties }),
    [`GET ${kPath}`]: () => conflict,
    ...extra,
  });
  return { api, ...renderAs(<ConflictPage id="CFL-2026-000001" />, who, api) };
}

describe('ConflictPage as a side', () => {
  it('shows the pointer: with whom, when, where, whom to call, and its own record', async () => {
    setup(pointerConflict());
    const page = await screen.findByTestId('conflict-page');
    expect(page.getAttribute('data-view')).toBe('pointer');
    await screen.findByText('ISF', { selector: '[data-testid=conflict-other] bdi' });
    const summary = screen.getByTestId('pointer-summary').textContent ?? '';
    expect(summary).toContain('ISF');
    expect(summary).toContain('Nablus');
    const contact = screen.getByTestId('pointer-contact');
    expect(contact.getAttribute('data-contact')).toBe('coordinator');
    expect(contact.textContent).toContain("coordinator's duty desk");
    expect(contact.textContent).toContain('USSC duty desk');
    expect(contact.textContent).toContain('ussc.duty');
    const mine = screen.getByTestId('conflict-mine-link');
    expect(mine.getAttribute('href')).toBe('#/activities/ACT-2026-000002');
    // Each side's acknowledgement.
    const acks = screen.getByTestId('acknowledgements');
    expect(acks.querySelector('[data-party=isf]')?.getAttribute('data-acknowledged')).toBe('true');
    expect(acks.querySelector('[data-party=pasf]')?.getAttribute('data-acknowledged')).toBe('false');
    // Nothing of the other record, nor a map or the resolve form.
    expect(screen.queryByText(/Route check/)).toBeNull();
    expect(screen.queryByTestId('conflict-map')).toBeNull();
    expect(screen.queryByTestId('resolve-form')).toBeNull();
  });

  it('acknowledges with a note and shows the receipt', async () => {
    const acknowledged = pointerConflict({
      state: 'acknowledged',
      acknowledged: {
        isf: { at: '2026-11-21T08:05:00Z', by: 'isf.nablus' },
        pasf: { at: '2026-11-21T08:10:00Z', by: 'pasf.nablus', note: 'Calling the desk now' },
      },
    });
    const { api } = setup(pointerConflict(), pasf, {
      [`POST ${kPath}/acknowledge`]: () => ({ ...acknowledged, seq: 44 }),
    });
    fireEvent.change(await screen.findByTestId('acknowledge-note'), { target: { value: ' Calling the desk now ' } });
    fireEvent.click(screen.getByTestId('action-acknowledge'));
    expect((await screen.findByTestId('receipt')).textContent).toContain('#44');
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ note: 'Calling the desk now' });
    expect(screen.getByTestId('conflict-state').getAttribute('data-state')).toBe('acknowledged');
    expect(screen.queryByTestId('acknowledge-form')).toBeNull();
    expect(screen.getByTestId('acknowledgements').textContent).toContain('Calling the desk now');
  });

  it('offers no acknowledgement to a side that has already given it', async () => {
    setup(pointerConflict({ other: { party: 'pasf', name: 'PASF' }, mine: { ref: 'ACT-2026-000001', type: 'activity', title: 'Route check' } }), isf);
    await screen.findByTestId('pointer');
    expect(screen.queryByTestId('acknowledge-form')).toBeNull();
  });

  it('reloads after a 409 and says why', async () => {
    const { api } = setup(pointerConflict(), pasf, {
      [`POST ${kPath}/acknowledge`]: () => {
        throw apiError(409, { code: 'conflict' });
      },
    });
    fireEvent.click(await screen.findByTestId('action-acknowledge'));
    expect((await screen.findByTestId('acknowledge-error')).getAttribute('data-status')).toBe('409');
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'GET' && c.path === kPath)).toHaveLength(2));
  });

  it('reloads when an event about this conflict arrives', async () => {
    const { api, pushEvents } = setup(pointerConflict());
    await screen.findByTestId('pointer');
    const loads = () => api.calls.filter((c) => c.path === kPath).length;
    expect(loads()).toBe(1);
    pushEvents([
      { seq: 50, at: '', actor: 'isf.nablus', party: 'isf', type: 'conflict.updated', subject: 'CFL-2026-000009', body: {} },
    ]);
    pushEvents([
      { seq: 51, at: '', actor: 'isf.nablus', party: 'isf', type: 'conflict.acknowledged', subject: 'CFL-2026-000001', body: {} },
    ]);
    await waitFor(() => expect(loads()).toBe(2));
  });
});

describe('ConflictPage in Arabic', () => {
  it('tells the pointer in Arabic', async () => {
    const api = routedApi({
      'GET /api/v1/parties': () => ({ items: kParties }),
      [`GET ${kPath}`]: () => pointerConflict(),
    });
    renderAs(<ConflictPage id="CFL-2026-000001" />, pasf, api, { lang: 'ar' });
    const contact = await screen.findByTestId('pointer-contact');
    expect(document.documentElement.dir).toBe('rtl');
    expect(contact.textContent).toContain(ar.deconfliction.pointer.call_coordinator.split('،')[0] as string);
    await waitFor(() => expect(screen.getByTestId('pointer-summary').textContent).toContain('نابلس'));
  });
});

describe('ConflictPage as the coordinator duty desk', () => {
  it('shows both sides in full, on one map, with the distance', async () => {
    setup(fullConflict(), desk);
    const page = await screen.findByTestId('conflict-page');
    expect(page.getAttribute('data-view')).toBe('full');
    const titles = screen.getAllByTestId('conflict-side-title').map((e) => e.textContent);
    expect(titles).toEqual(['Route check', 'Convoy to Nablus']);
    const sides = within(screen.getByTestId('conflict-sides')).getAllByTestId('conflict-side');
    expect(sides.map((s) => s.getAttribute('data-ref'))).toEqual(['ACT-2026-000001', 'ACT-2026-000002']);
    expect(screen.getByTestId('conflict-distance').textContent).toBe('85 m');
    const map = screen.getByTestId('conflict-map');
    expect(map.getAttribute('data-vertices')).toBe('2');
    expect(map.getAttribute('data-alternative')).toBe('Point');
    expect(screen.queryByTestId('pointer')).toBeNull();
  });

  it('resolves with an outcome and a note, which is required', async () => {
    const { api } = setup(fullConflict(), desk, {
      [`POST ${kPath}/resolve`]: (_p, body) => ({
        ...fullConflict({ state: 'resolved', outcome: 'joint', note: (body as { note: string }).note }),
        seq: 45,
      }),
    });
    fireEvent.click(await screen.findByTestId('action-resolve'));
    expect(screen.getByTestId('error-note')).toBeTruthy();
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByTestId('resolve-outcome'), { target: { value: 'joint' } });
    fireEvent.change(screen.getByTestId('resolve-note'), { target: { value: 'One convoy, both escorts.' } });
    fireEvent.click(screen.getByTestId('action-resolve'));
    expect((await screen.findByTestId('receipt')).textContent).toContain('#45');
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ outcome: 'joint', note: 'One convoy, both escorts.' });
    expect(screen.getByTestId('resolution-outcome').getAttribute('data-outcome')).toBe('joint');
    expect(screen.queryByTestId('resolve-form')).toBeNull();
  });

  it('says when the conflict is not shared with the user', async () => {
    const api = routedApi({
      'GET /api/v1/parties': () => ({ items: kParties }),
      [`GET ${kPath}`]: () => {
        throw apiError(404, { code: 'not_found' });
      },
    });
    renderAs(<ConflictPage id="CFL-2026-000001" />, pasf, api);
    expect((await screen.findByTestId('load-error')).textContent).toContain('not shared with your party');
  });
});

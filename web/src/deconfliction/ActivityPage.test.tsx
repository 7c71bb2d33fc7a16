import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ActivityPatch, CheckRequest } from '../api/deconfliction';
import { latestActivityEvent, ActivityPage } from './ActivityPage';
import { activity, checkResult, kParties, pointerConflict, renderAs, routedApi, user } from './testing';

vi.mock('../requests/FootprintMap', async () => ({ FootprintMap: (await import('./testing')).FootprintMapStub }));

const isf = user('isf', ['liaison', 'duty'], 'isf.nablus');
const isfAnalyst = user('isf', ['analyst']);
const kPath = '/api/v1/activities/ACT-2026-000001';
const mine = pointerConflict({
  other: { party: 'pasf', name: 'PASF' },
  mine: { ref: 'ACT-2026-000001', type: 'activity', title: 'Route check' },
});

function setup(who = isf, extra: Record<string, (path: string, body?: unknown) => unknown> = {}) {
  const api = routedApi({
    'GET /api/v1/parties': () => ({ items: kParties }),
    [`GET ${kPath}`]: () => activity({ conflicts: [mine] }),
    'POST /api/v1/deconfliction/check': () => checkResult({ conflicts: [] }),
    ...extra,
  });
  return { api, ...renderAs(<ActivityPage id="ACT-2026-000001" />, who, api) };
}

describe('latestActivityEvent', () => {
  it('follows this activity and every conflict', () => {
    const e = (seq: number, type: string, subject: string) => ({ seq, type, subject });
    expect(latestActivityEvent([e(9, 'activity.changed', 'ACT-2'), e(5, 'activity.changed', 'ACT-1')], 'ACT-1')).toBe(5);
    expect(latestActivityEvent([e(9, 'conflict.detected', 'CFL-1'), e(5, 'activity.changed', 'ACT-1')], 'ACT-1')).toBe(9);
  });
});

describe('ActivityPage', () => {
  it('shows the activity, its footprint and its conflicts as pointers', async () => {
    setup();
    expect((await screen.findByTestId('activity-title')).textContent).toBe('Route check');
    expect(screen.getByTestId('activity-state').getAttribute('data-state')).toBe('planned');
    expect(screen.getByTestId('activity-poc').textContent).toBe('Duty officer, 02-555-0100');
    expect(screen.getByTestId('activity-districts').textContent).toBe('Nablus');
    expect(screen.getByTestId('activity-map').getAttribute('data-vertices')).toBe('2');
    const card = within(screen.getByTestId('activity-conflicts')).getByTestId('conflict-card');
    await waitFor(() => expect(within(card).getByTestId('pointer-summary').textContent).toContain('PASF'));
  });

  it('changes only what was edited, checking the new footprint without the activity itself', async () => {
    const { api } = setup(isf, {
      [`PATCH ${kPath}`]: () => ({
        ...activity({ title: 'Route check, north' }),
        conflicts: [{ ...mine, state: 'resolved', outcome: 'changed', auto: true }],
        warnings: [],
        seq: 47,
      }),
    });
    fireEvent.click(await screen.findByTestId('action-edit'));
    const edit = screen.getByTestId('edit-activity');
    expect(screen.getByTestId('footprint-map').getAttribute('data-alternative')).toBe('LineString');

    fireEvent.click(within(edit).getByTestId('save-activity'));
    expect(await screen.findByTestId('edit-unchanged')).toBeTruthy();
    expect(api.calls.some((c) => c.method === 'PATCH')).toBe(false);

    fireEvent.change(within(edit).getByTestId('field-title'), { target: { value: 'Route check, north' } });
    fireEvent.click(within(edit).getByTestId('draw-point'));
    fireEvent.click(within(edit).getByTestId('map-click-2'));
    await waitFor(() => {
      const checks = api.calls.filter((c) => c.path === '/api/v1/deconfliction/check');
      const last = checks[checks.length - 1]?.body as CheckRequest | undefined;
      expect(last?.exclude).toBe('ACT-2026-000001');
      expect(last?.footprint.geometry.type).toBe('Point');
    });
    fireEvent.click(within(edit).getByTestId('save-activity'));

    expect((await screen.findByTestId('receipt')).textContent).toContain('#47');
    const patch = api.calls.find((c) => c.method === 'PATCH')?.body as ActivityPatch;
    expect(Object.keys(patch).sort()).toEqual(['footprint', 'title']);
    expect(patch.footprint?.geometry).toEqual({ type: 'Point', coordinates: [35.23, 32.2] });
    expect(patch.footprint?.start).toBe('2026-11-22T06:00:00Z');
    const resolved = within(screen.getByTestId('activity-receipt')).getByTestId('conflict-card');
    expect(within(resolved).getByTestId('conflict-state').getAttribute('data-state')).toBe('resolved');
    expect(screen.queryByTestId('edit-activity')).toBeNull();
  });

  it('cancels with a reason', async () => {
    const { api } = setup(isf, {
      [`POST ${kPath}/cancel`]: () => ({
        ...activity({ state: 'cancelled', cancel_reason: 'Postponed' }),
        conflicts: [],
        warnings: [],
        seq: 48,
      }),
    });
    fireEvent.click(await screen.findByTestId('action-cancel'));
    fireEvent.change(screen.getByTestId('cancel-reason'), { target: { value: ' Postponed ' } });
    fireEvent.click(screen.getByTestId('confirm-cancel'));
    expect((await screen.findByTestId('receipt')).textContent).toContain('Cancelled');
    expect(api.calls.find((c) => c.path === `${kPath}/cancel`)?.body).toEqual({ reason: 'Postponed' });
  });

  it('offers no change to readers', async () => {
    setup(isfAnalyst);
    await screen.findByTestId('activity-title');
    expect(screen.queryByTestId('activity-actions')).toBeNull();
  });

  it('shows a cancelled activity with its reason and no actions', async () => {
    setup(isf, { [`GET ${kPath}`]: () => activity({ state: 'cancelled', cancel_reason: 'Postponed', conflicts: [] }) });
    expect((await screen.findByTestId('activity-cancel-reason')).textContent).toBe('Postponed');
    expect(screen.getByTestId('activity-state').getAttribute('data-state')).toBe('cancelled');
    expect(screen.getByTestId('activity-no-conflicts')).toBeTruthy();
    expect(screen.queryByTestId('activity-actions')).toBeNull();
  });
});

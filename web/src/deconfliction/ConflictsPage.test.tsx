import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { StreamEvent } from '../api/types';
import { conflictQueryFor, ConflictsPage, kDefaultConflictFilters } from './ConflictsPage';
import { fullConflict, kParties, pointerConflict, renderAs, routedApi, user } from './testing';

const pasf = user('pasf', ['liaison', 'duty'], 'pasf.nablus');
const desk = user('ussc', ['duty', 'liaison'], 'ussc.duty');

function event(seq: number, type: string, subject = 'CFL-2026-000002'): StreamEvent {
  return { seq, at: '2026-11-21T08:00:00Z', actor: 'isf.nablus', party: 'isf', type, subject, body: {} };
}

describe('conflictQueryFor', () => {
  it('asks for the unresolved conflicts by default, and only the filters set', () => {
    expect(conflictQueryFor(kDefaultConflictFilters, 50)).toEqual({ state: 'unresolved', limit: 50 });
    expect(conflictQueryFor({ state: '', party: 'isf' }, 50, 'c2')).toEqual({ party: 'isf', limit: 50, cursor: 'c2' });
  });
});

describe('ConflictsPage', () => {
  it('lists a side\'s conflicts as pointers: the other party and its own record, not the other\'s', async () => {
    const api = routedApi({
      'GET /api/v1/parties': () => ({ items: kParties }),
      'GET /api/v1/conflicts': () => ({ items: [pointerConflict()], next: null }),
    });
    renderAs(<ConflictsPage />, pasf, api);
    const row = await screen.findByTestId('conflict-row');
    expect(row.getAttribute('data-view')).toBe('pointer');
    await waitFor(() => expect(within(row).getByTestId('conflict-other').textContent).toBe('ISF'));
    expect(within(row).getByTestId('conflict-record-title').textContent).toBe('Convoy to Nablus');
    expect(row.textContent).toContain('Nablus');
    expect(within(row).getByTestId('conflict-acks').getAttribute('data-count')).toBe('1');
    expect(row.textContent).not.toContain('Route check');
    expect(api.calls.find((c) => c.path.startsWith('/api/v1/conflicts'))?.path).toBe('/api/v1/conflicts?state=unresolved&limit=50');
    expect(screen.queryByTestId('filter-party')).toBeNull();
  });

  it('refetches when a conflict or activity event arrives, not on others', async () => {
    let items = [pointerConflict()];
    const api = routedApi({
      'GET /api/v1/parties': () => ({ items: kParties }),
      'GET /api/v1/conflicts': () => ({ items, next: null }),
    });
    const { pushEvents } = renderAs(<ConflictsPage />, pasf, api);
    await screen.findByTestId('conflict-row');
    const lists = () => api.calls.filter((c) => c.path.startsWith('/api/v1/conflicts')).length;
    expect(lists()).toBe(1);

    pushEvents([event(60, 'request.submitted', 'REQ-2026-000001')]);
    await new Promise((r) => setTimeout(r, 20));
    expect(lists()).toBe(1);

    items = [pointerConflict({ id: 'CFL-2026-000002' }), pointerConflict()];
    pushEvents([event(61, 'conflict.detected')]);
    await waitFor(() => expect(screen.getAllByTestId('conflict-row')).toHaveLength(2));
    expect(lists()).toBe(2);

    pushEvents([event(62, 'activity.changed', 'ACT-2026-000002'), event(61, 'conflict.detected')]);
    await waitFor(() => expect(lists()).toBe(3));
  });

  it('shows the coordinator desk both records of each conflict, and filters by party', async () => {
    const api = routedApi({
      'GET /api/v1/parties': () => ({ items: kParties }),
      'GET /api/v1/conflicts': () => ({ items: [fullConflict()], next: null }),
    });
    renderAs(<ConflictsPage />, desk, api);
    const row = await screen.findByTestId('conflict-row');
    expect(row.getAttribute('data-view')).toBe('full');
    expect(within(row).getAllByTestId('conflict-record-title').map((e) => e.textContent)).toEqual([
      'Route check',
      'Convoy to Nablus',
    ]);
    await screen.findByRole('option', { name: 'PASF' });
    fireEvent.change(screen.getByTestId('filter-party'), { target: { value: 'pasf' } });
    await waitFor(() =>
      expect(api.calls.map((c) => c.path)).toContain('/api/v1/conflicts?state=unresolved&party=pasf&limit=50'),
    );
  });

  it('says when there is nothing to show', async () => {
    const api = routedApi({
      'GET /api/v1/parties': () => ({ items: kParties }),
      'GET /api/v1/conflicts': () => ({ items: [], next: null }),
    });
    renderAs(<ConflictsPage />, pasf, api);
    expect((await screen.findByTestId('list-empty')).textContent).toBe('No conflicts.');
  });
});

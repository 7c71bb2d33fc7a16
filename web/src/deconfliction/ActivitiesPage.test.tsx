import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { activityQueryFor, ActivitiesPage, kDefaultActivityFilters } from './ActivitiesPage';
import { activity, kParties, renderAs, routedApi, user } from './testing';

const isf = user('isf', ['liaison', 'duty'], 'isf.nablus');
const isfAuditor = user('isf', ['auditor']);
const desk = user('ussc', ['duty'], 'ussc.duty');

function setup(who = isf) {
  const api = routedApi({
    'GET /api/v1/parties': () => ({ items: kParties }),
    'GET /api/v1/activities': () => ({
      items: [activity(), activity({ id: 'ACT-2026-000003', state: 'planned', ended: true, conflict_count: 0 })],
      next: 'c2',
    }),
  });
  return { api, ...renderAs(<ActivitiesPage />, who, api) };
}

describe('activityQueryFor', () => {
  it('asks for planned activities by default, and only the filters set', () => {
    expect(activityQueryFor(kDefaultActivityFilters, 50)).toEqual({ state: 'planned', limit: 50 });
    expect(activityQueryFor({ state: '', kind: 'patrol', party: 'pasf', active: true }, 200, 'c2')).toEqual({
      kind: 'patrol',
      party: 'pasf',
      active: true,
      limit: 200,
      cursor: 'c2',
    });
  });
});

describe('ActivitiesPage', () => {
  it('lists the party\'s activities with their window, district, state and conflicts', async () => {
    const { api } = setup();
    const rows = await screen.findAllByTestId('activity-row');
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['ACT-2026-000001', 'ACT-2026-000003']);
    expect(within(rows[0]!).getByTestId('activity-link').getAttribute('href')).toBe('#/activities/ACT-2026-000001');
    expect(rows[0]!.textContent).toContain('Route check');
    expect(rows[0]!.textContent).toContain('Nablus');
    expect(within(rows[0]!).getByTestId('activity-conflict-count').textContent).toBe('1');
    expect(within(rows[1]!).getByTestId('activity-state').getAttribute('data-state')).toBe('ended');
    expect(screen.getByTestId('new-activity').getAttribute('href')).toBe('#/activities/new');
    expect(screen.queryByTestId('filter-party')).toBeNull();

    fireEvent.click(screen.getByTestId('filter-active'));
    await waitFor(() => expect(api.calls.map((c) => c.path)).toContain('/api/v1/activities?state=planned&active=true&limit=50'));
    fireEvent.click(screen.getByTestId('load-more'));
    await waitFor(() =>
      expect(api.calls.map((c) => c.path)).toContain('/api/v1/activities?state=planned&active=true&limit=50&cursor=c2'),
    );
  });

  it('offers no registration to an auditor', async () => {
    setup(isfAuditor);
    await screen.findAllByTestId('activity-row');
    expect(screen.queryByTestId('new-activity')).toBeNull();
  });

  it('shows the coordinator desk every party, with a party filter', async () => {
    const { api } = setup(desk);
    const rows = await screen.findAllByTestId('activity-row');
    await waitFor(() => expect(rows[0]!.textContent).toContain('ISF'));
    fireEvent.change(screen.getByTestId('filter-party'), { target: { value: 'isf' } });
    await waitFor(() => expect(api.calls.map((c) => c.path)).toContain('/api/v1/activities?state=planned&party=isf&limit=50'));
  });
});

import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import he from '../i18n/parts/returns.he.json';
import { kParties, renderAs, returnCase, returnStats, routedApi, user } from '../incidents/testing';
import { boardQueries, kDefaultBoardFilters, ReturnsBoard } from './ReturnsBoard';

const isf = user('isf', ['liaison', 'duty'], 'isf.jenin');
const auditor = user('isf', ['auditor']);
const desk = user('ussc', ['duty'], 'ussc.duty');
const kNow = () => Date.parse('2026-11-21T10:00:00Z');

function setup(who = isf, lang: 'en' | 'he' = 'en') {
  const api = routedApi({
    'GET /api/v1/parties': () => ({ items: kParties }),
    'GET /api/v1/returns': (path) =>
      path.includes('stage=closed')
        ? { items: [returnCase({ id: 'RET-2026-000001', stage: 'closed', closed_at: '2026-11-20T18:00:00Z' })], next: null }
        : {
            items: [
              returnCase(),
              returnCase({ id: 'RET-2026-000004', stage: 'reported', holding_party: null, overdue: true, medical_status: 'seriously_injured' }),
              returnCase({ id: 'RET-2026-000005', stage: 'secured', stage_since: '2026-11-21T09:30:00Z', stage_due_at: '2026-11-21T11:30:00Z' }),
            ],
            next: null,
          },
    'GET /api/v1/stats/returns': () => returnStats(),
  });
  return { api, ...renderAs(<ReturnsBoard now={kNow} />, who, api, { lang }) };
}

describe('boardQueries', () => {
  it('reads the active cases and the latest closed ones', () => {
    expect(boardQueries(kDefaultBoardFilters)).toEqual([
      { stage: ['active'], limit: 200 },
      { stage: ['closed'], limit: 20 },
    ]);
    expect(boardQueries({ category: 'palestinian', party: 'pasf' })[1]).toEqual({
      category: 'palestinian',
      party: 'pasf',
      stage: ['closed'],
      limit: 20,
    });
  });
});

describe('ReturnsBoard', () => {
  it('puts each case in its stage column, overdue ones marked and first', async () => {
    setup();
    const board = await screen.findByTestId('board');
    const ids = (stage: string) =>
      within(within(board).getByTestId(`column-${stage}`))
        .queryAllByTestId('case-card')
        .map((c) => c.getAttribute('data-id'));
    expect(ids('reported')).toEqual(['RET-2026-000004']);
    expect(ids('secured')).toEqual(['RET-2026-000003', 'RET-2026-000005']);
    expect(ids('closed')).toEqual(['RET-2026-000001']);
    expect(ids('located')).toEqual([]);

    const reported = within(board).getByTestId('column-reported');
    expect(within(reported).getByTestId('case-overdue')).toBeTruthy();
    expect(within(reported).getByTestId('case-medical').getAttribute('data-status')).toBe('seriously_injured');
    expect(within(reported).getByTestId('column-count').textContent).toBe('1');
    // Not overdue: its limit is still ahead.
    const secured = within(board).getByTestId('column-secured');
    expect(secured.querySelector('[data-id="RET-2026-000005"]')?.getAttribute('data-overdue')).toBe('false');
    expect(within(secured).getAllByTestId('case-link')[0]?.getAttribute('href')).toBe('#/returns/RET-2026-000003');
    expect(screen.getByTestId('new-return').getAttribute('href')).toBe('#/returns/new');
  });

  it('reloads on a return event and follows the category filter', async () => {
    const { api, pushEvents } = setup();
    await screen.findByTestId('board');
    const reads = () => api.calls.filter((c) => c.path.startsWith('/api/v1/returns')).length;
    const before = reads();
    pushEvents([{ seq: 60, at: '', actor: 'pasf.jenin', party: 'pasf', type: 'return.advanced', subject: 'RET-2026-000003', body: {} }]);
    await waitFor(() => expect(reads()).toBe(before + 2));
    fireEvent.change(screen.getByTestId('filter-category'), { target: { value: 'palestinian' } });
    await waitFor(() => expect(api.calls.map((c) => c.path)).toContain('/api/v1/returns?stage=active&category=palestinian&limit=200'));
    expect(screen.queryByTestId('filter-party')).toBeNull();
  });

  it('shows the figures to those who may read them', async () => {
    const { api } = setup();
    const figures = await screen.findByTestId('return-figures');
    await waitFor(() => expect(within(figures).getByTestId('tile-cases').textContent).toContain('12'));
    expect(within(figures).getByTestId('tile-p50').textContent).toContain('3.1 hours');
    expect(within(figures).getByTestId('tile-p90').textContent).toContain('10 hours');
    const months = within(figures).getByTestId('chart-per-month').querySelectorAll('tbody tr');
    expect([...months].map((r) => r.getAttribute('data-key'))).toEqual(['2026-10', '2026-11']);
    expect(within(figures).getByTestId('chart-per-district').textContent).toContain('Jenin');
    fireEvent.click(within(figures).getByTestId('period-7'));
    await waitFor(() =>
      expect(api.calls.filter((c) => c.path.startsWith('/api/v1/stats/returns')).map((c) => c.path)).toContain(
        '/api/v1/stats/returns?from=2026-11-14T10%3A00%3A00.000Z&to=2026-11-21T10%3A00%3A00.000Z',
      ),
    );
  });

  it('hides the figures and the report from an auditor', async () => {
    const { api } = setup(auditor);
    await screen.findByTestId('board');
    expect(screen.queryByTestId('return-figures')).toBeNull();
    expect(screen.queryByTestId('new-return')).toBeNull();
    expect(api.calls.some((c) => c.path.startsWith('/api/v1/stats'))).toBe(false);
  });

  it('gives the coordinator desk a party filter, in Hebrew', async () => {
    const { api } = setup(desk, 'he');
    await screen.findByTestId('board');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(he.returns.board.title);
    expect(within(screen.getByTestId('column-handed_over')).getByRole('heading').textContent).toContain(he.returns.stage.handed_over);
    await waitFor(() => expect(screen.getByTestId('filter-party').querySelectorAll('option').length).toBeGreaterThan(1));
    fireEvent.change(screen.getByTestId('filter-party'), { target: { value: 'pasf' } });
    await waitFor(() => expect(api.calls.map((c) => c.path)).toContain('/api/v1/returns?stage=closed&party=pasf&limit=20'));
  });
});

import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import en from '../i18n/parts/vetting.en.json';
import type { Me } from '../api/types';
import { kUsers, renderAs, routedApi, vettingRequest } from '../training/testing';
import { isOverdue, queueOrder } from './model';
import { kDefaultQueueFilters, queueQuery, VettingQueuePage } from './VettingQueuePage';

const kNow = () => Date.parse('2026-11-21T10:00:00Z');

// As a server might send them: not in deadline order, one past its
// deadline without the server's flag (it passed since), one flagged.
const kQueue = [
  vettingRequest({ id: 'VET-2026-000003', due_at: '2026-11-28T09:00:00Z' }),
  vettingRequest({ id: 'VET-2026-000001', due_at: '2026-11-20T09:00:00Z', overdue: true, subject_label: 'NSF Jenin, 2nd company', subject: { kind: 'unit', id: 'NSF-PS0101-2' } }),
  vettingRequest({ id: 'VET-2026-000002', due_at: '2026-11-21T09:30:00Z' }),
  vettingRequest({ id: 'VET-2026-000004', due_at: '2026-11-24T09:00:00Z', purpose: 'equipment', purpose_ref: null }),
];

function setup(who: Me = kUsers.ussc_vetting, expiring: unknown[] = []) {
  const api = routedApi({
    'GET /api/v1/vetting': () => ({ items: kQueue, next: null }),
    'GET /api/v1/vetting/expiring': () => ({ items: expiring, next: null }),
  });
  return { api, ...renderAs(<VettingQueuePage now={kNow} />, who, api) };
}

describe('queue rules', () => {
  it('orders pending requests by deadline, then the decided newest first', () => {
    const decidedOld = vettingRequest({ id: 'D-OLD', state: 'decided', submitted_at: '2026-10-01T00:00:00Z', due_at: '2026-10-05T00:00:00Z' });
    const decidedNew = vettingRequest({ id: 'D-NEW', state: 'decided', submitted_at: '2026-11-01T00:00:00Z', due_at: '2026-11-05T00:00:00Z' });
    const order = queueOrder([decidedOld, ...kQueue, decidedNew]).map((r) => r.id);
    expect(order).toEqual(['VET-2026-000001', 'VET-2026-000002', 'VET-2026-000004', 'VET-2026-000003', 'D-NEW', 'D-OLD']);
  });

  it('is overdue once the deadline passes while pending, whatever the flag says', () => {
    const now = kNow();
    expect(isOverdue(vettingRequest({ due_at: '2026-11-21T09:59:59Z' }), now)).toBe(true);
    expect(isOverdue(vettingRequest({ due_at: '2026-11-21T10:00:01Z' }), now)).toBe(false);
    expect(isOverdue(vettingRequest({ due_at: '2026-11-30T00:00:00Z', overdue: true }), now)).toBe(true);
    expect(isOverdue(vettingRequest({ due_at: '2026-11-01T00:00:00Z', state: 'decided', overdue: true }), now)).toBe(false);
  });

  it('queries by the filters', () => {
    expect(queueQuery(kDefaultQueueFilters, 50)).toEqual({ state: 'pending', limit: 50 });
    expect(queueQuery({ state: '', subject_kind: 'unit', purpose: 'course', overdue: true }, 20, 'c1')).toEqual({
      state: 'all',
      subject_kind: 'unit',
      purpose: 'course',
      overdue: true,
      limit: 20,
      cursor: 'c1',
    });
  });
});

describe('VettingQueuePage', () => {
  it('lists pending requests by deadline with the overdue ones marked', async () => {
    const { api } = setup();
    const table = await screen.findByTestId('vetting-list');
    const rows = within(table).getAllByTestId('vetting-row');
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual([
      'VET-2026-000001',
      'VET-2026-000002',
      'VET-2026-000004',
      'VET-2026-000003',
    ]);
    expect(rows.map((r) => r.getAttribute('data-overdue'))).toEqual(['true', 'true', 'false', 'false']);
    expect(within(rows[0] as HTMLElement).getByTestId('vetting-due').getAttribute('data-overdue')).toBe('true');
    expect(within(rows[2] as HTMLElement).getByTestId('vetting-due').getAttribute('data-overdue')).toBe('false');
    expect(within(rows[0] as HTMLElement).getByTestId('vetting-due').textContent).toBe('days overdue: 1');
    expect(within(rows[1] as HTMLElement).getByTestId('vetting-due').textContent).toBe(en.vetting.due.overdue_today);
    expect(within(rows[2] as HTMLElement).getByTestId('vetting-due').textContent).toBe('days left: 2');
    expect(rows[0]?.className).toContain('vet-row--overdue');
    expect(within(rows[0] as HTMLElement).getByTestId('vetting-subject').getAttribute('data-kind')).toBe('unit');
    expect(within(rows[0] as HTMLElement).getByTestId('vetting-link').getAttribute('href')).toBe('#/vetting/VET-2026-000001');
    expect(api.calls.map((c) => c.path)).toContain('/api/v1/vetting?state=pending&limit=50');
  });

  it('follows the filters', async () => {
    const { api } = setup();
    await screen.findByTestId('vetting-list');
    fireEvent.click(screen.getByTestId('filter-overdue'));
    await waitFor(() => expect(api.calls.map((c) => c.path)).toContain('/api/v1/vetting?state=pending&overdue=true&limit=50'));
    fireEvent.change(screen.getByTestId('filter-kind'), { target: { value: 'unit' } });
    fireEvent.change(screen.getByTestId('filter-state'), { target: { value: '' } });
    await waitFor(() =>
      expect(api.calls.map((c) => c.path)).toContain('/api/v1/vetting?state=all&subject_kind=unit&overdue=true&limit=50'),
    );
  });

  it('lists the clearances ending within 30 days, with a renewal link for requesters', async () => {
    const { api } = setup(kUsers.pasf_hr, [
      {
        subject: { kind: 'person', id: 'PER-0000042' },
        subject_label: 'Omar Khalil (SYN-10042)',
        status: 'cleared',
        valid_from: '2025-12-01T00:00:00Z',
        valid_until: '2026-12-01T00:00:00Z',
      },
    ]);
    const row = await screen.findByTestId('expiring-row');
    expect(within(row).getByTestId('expiring-left').textContent).toBe('Days left: 9');
    expect(within(row).getByTestId('renew').getAttribute('href')).toBe('#/vetting/new?kind=person&id=PER-0000042&purpose=review');
    expect(api.calls.map((c) => c.path)).toContain('/api/v1/vetting/expiring?days=30');
    expect(screen.getByTestId('new-vetting')).toBeTruthy();
  });

  it('says when no clearance is about to end', async () => {
    setup(kUsers.ussc_trainer);
    expect((await screen.findByTestId('expiring-empty')).textContent).toBe('No clearance ends within 30 days.');
  });

  it('shows nothing of the queue to a user outside the programme, and reads nothing', async () => {
    const { api } = setup(kUsers.pasf_liaison);
    expect((await screen.findByTestId('not-allowed')).textContent).toBe(en.vetting.error.forbidden);
    expect(screen.queryByTestId('vetting-list')).toBeNull();
    expect(api.calls).toEqual([]);
  });
});

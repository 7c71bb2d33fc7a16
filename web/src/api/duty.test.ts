import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test/render';
import {
  dutyMembers,
  getFigures,
  getQueue,
  getRoster,
  handOver,
  listHandovers,
  normalizeMember,
  normalizeOpenItem,
  normalizeRoster,
} from './duty';

describe('duty API calls', () => {
  it('build the contract paths and bodies', async () => {
    const get = vi.fn(async (path: string) => {
      void path;
      return { items: [], next: null } as never;
    });
    const post = vi.fn(async () => ({ unit: 'u', to: 'b', note: '', open_items: [], seq: 1, at: 'x' }) as never);
    const api = fakeApi({ get, post });
    await getRoster(api);
    await getQueue(api, 'pasf/dcl/jenin');
    await getQueue(api);
    await listHandovers(api, 'ussc/ops/duty');
    await getFigures(api, { from: '2026-11-01T00:00:00.000Z', to: '2026-11-08T00:00:00.000Z' });
    await getFigures(api);
    expect(get.mock.calls.map((c) => c[0])).toEqual([
      '/api/v1/duty/roster',
      '/api/v1/duty/queue?unit=pasf%2Fdcl%2Fjenin',
      '/api/v1/duty/queue',
      '/api/v1/duty/handovers?unit=ussc%2Fops%2Fduty',
      '/api/v1/stats/requests?from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-08T00%3A00%3A00.000Z',
      '/api/v1/stats/requests',
    ]);
    await handOver(api, { unit: 'u', to: 'b', note: 'n' });
    expect(post).toHaveBeenCalledWith('/api/v1/duty/handover', { unit: 'u', to: 'b', note: 'n' });
  });

  it('rejects a handover reply without the contract fields', async () => {
    const api = fakeApi({ post: async () => ({}) as never });
    await expect(handOver(api, { to: 'b', note: '' })).rejects.toThrow();
  });
});

describe('normalisers', () => {
  it('accept members as usernames or objects, roles as a list or a joined string', () => {
    expect(normalizeMember('a')).toEqual({ username: 'a', display_name: 'a', roles: null });
    expect(normalizeMember({ username: 'b', display_name: 'B', roles: ['duty'] })).toEqual({
      username: 'b',
      display_name: 'B',
      roles: ['duty'],
    });
    expect(normalizeMember({ username: 'c', roles: 'liaison, duty' })?.roles).toEqual(['liaison', 'duty']);
    expect(normalizeMember({})).toBeNull();
  });

  it('accept open items as ids, requests or queue items', () => {
    const none = { title: null, precedence: null, stage: null, due_at: null, overdue: false };
    expect(normalizeOpenItem('REQ-1')).toEqual({ id: 'REQ-1', ...none });
    expect(
      normalizeOpenItem({
        id: 'REQ-2',
        title: 'T',
        precedence: 'FLASH',
        state: 'submitted',
        stage: 'acknowledge',
        due_at: '2026-11-21T10:02:00Z',
        overdue: true,
      }),
    ).toEqual({
      id: 'REQ-2',
      title: 'T',
      precedence: 'FLASH',
      stage: 'acknowledge',
      due_at: '2026-11-21T10:02:00Z',
      overdue: true,
    });
    expect(normalizeOpenItem({ request: { id: 'REQ-3', title: 'U' }, stage: 'decide' })).toEqual({
      id: 'REQ-3',
      ...none,
      title: 'U',
      stage: 'decide',
    });
    expect(normalizeOpenItem(3)).toBeNull();
  });

  it('read a roster, dropping malformed desks and keeping duty members', () => {
    const roster = normalizeRoster({
      shifts: [{ index: 0, start_utc: '04:00', hours: 8 }, { index: 1 }],
      current_shift: { index: 1, start: '2026-11-21T12:00:00Z', end: '2026-11-21T20:00:00Z' },
      desks: [
        {
          unit: 'ussc/ops/duty',
          unit_name: { en: 'Coordinator duty desk', ar: 'مكتب مناوبة المنسق', he: '' },
          party: 'ussc',
          district: null,
          on_duty: null,
          since: null,
          members: [
            { username: 'ussc.duty', roles: ['duty', 'liaison'] },
            { username: 'ussc.analyst', roles: ['analyst'] },
            'ussc.other',
          ],
          last_handover: null,
        },
        { unit_name: 'no unit' },
      ],
    });
    expect(roster.shifts).toHaveLength(1);
    expect(roster.shifts).toEqual([{ index: 0, start_utc: '04:00', hours: 8 }]);
    expect(roster.current_shift?.index).toBe(1);
    expect(roster.next_shift).toBeNull();
    expect(roster.desks[0]?.unit_name).toEqual({
      en: 'Coordinator duty desk',
      ar: 'مكتب مناوبة المنسق',
      he: 'Coordinator duty desk',
    });
    expect(roster.desks.map((d) => d.unit)).toEqual(['ussc/ops/duty']);
    expect(dutyMembers(roster.desks[0]!).map((m) => m.username)).toEqual(['ussc.duty', 'ussc.other']);
    expect(normalizeRoster(null)).toEqual({ shifts: [], current_shift: null, next_shift: null, desks: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { fakeApi } from '../test/render';
import {
  acknowledgeConflict,
  activityQueryString,
  cancelActivity,
  changeActivity,
  conflictQueryString,
  listProtectedSites,
  queryString,
  resolveConflict,
} from './deconfliction';

function recording() {
  const calls: [string, string, unknown][] = [];
  const api = fakeApi({
    get: async <T,>(path: string) => {
      calls.push(['GET', path, undefined]);
      return { items: [], next: null } as T;
    },
    post: async <T,>(path: string, body?: unknown) => {
      calls.push(['POST', path, body]);
      return {} as T;
    },
    patch: async <T,>(path: string, body: unknown) => {
      calls.push(['PATCH', path, body]);
      return {} as T;
    },
  });
  return { api, calls };
}

describe('deconfliction query strings', () => {
  it('leave out what is not set', () => {
    expect(queryString({ a: undefined, b: '', c: false })).toBe('');
    expect(activityQueryString({ state: 'planned', active: true, limit: 50, bbox: [35, 32, 35.5, 32.5] })).toBe(
      '?state=planned&active=true&bbox=35%2C32%2C35.5%2C32.5&limit=50',
    );
    expect(conflictQueryString({ state: 'unresolved', cursor: 'c/2' })).toBe('?state=unresolved&cursor=c%2F2');
  });
});

describe('deconfliction calls', () => {
  it('build the paths and bodies of the contract', async () => {
    const { api, calls } = recording();
    await changeActivity(api, 'ACT-2026-000001', { title: 'x' });
    await cancelActivity(api, 'ACT-2026-000001');
    await cancelActivity(api, 'ACT-2026-000001', 'Postponed');
    await acknowledgeConflict(api, 'CFL-2026-000001');
    await resolveConflict(api, 'CFL-2026-000001', { outcome: 'joint', note: 'One convoy' });
    await listProtectedSites(api, { kind: 'hospital' });
    expect(calls).toEqual([
      ['PATCH', '/api/v1/activities/ACT-2026-000001', { title: 'x' }],
      ['POST', '/api/v1/activities/ACT-2026-000001/cancel', {}],
      ['POST', '/api/v1/activities/ACT-2026-000001/cancel', { reason: 'Postponed' }],
      ['POST', '/api/v1/conflicts/CFL-2026-000001/acknowledge', {}],
      ['POST', '/api/v1/conflicts/CFL-2026-000001/resolve', { outcome: 'joint', note: 'One convoy' }],
      ['GET', '/api/v1/protected-sites?kind=hospital', undefined],
    ]);
  });
});

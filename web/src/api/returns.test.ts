import { describe, expect, it } from 'vitest';
import { fakeApi } from '../test/render';
import {
  advanceReturn,
  getReturn,
  listHandoverPoints,
  listReturns,
  recordReturnName,
  reportReturn,
  returnQueryString,
  returnStats,
} from './returns';

function recording(reply: unknown = { items: [], next: null }) {
  const calls: [string, string, unknown][] = [];
  const api = fakeApi({
    get: async <T,>(path: string) => {
      calls.push(['GET', path, undefined]);
      return reply as T;
    },
    post: async <T,>(path: string, body?: unknown) => {
      calls.push(['POST', path, body]);
      return {} as T;
    },
  });
  return { api, calls };
}

describe('return query strings', () => {
  it('join stages with commas and leave out what is not set', () => {
    expect(returnQueryString({})).toBe('');
    expect(returnQueryString({ stage: ['active'], category: 'palestinian', party: 'pasf', limit: 200 })).toBe(
      '?stage=active&category=palestinian&party=pasf&limit=200',
    );
    expect(returnQueryString({ stage: ['located', 'secured'], cursor: 'x y' })).toBe('?stage=located%2Csecured&cursor=x+y');
  });
});

describe('return calls', () => {
  it('build the paths and bodies of the contract', async () => {
    const { api, calls } = recording();
    await listReturns(api, { stage: ['closed'], limit: 20 });
    await getReturn(api, 'RET-2026-000003');
    await reportReturn(api, {
      category: 'palestinian',
      count: 2,
      location: { type: 'Point', coordinates: [35.2, 31.9] },
      receiving_party: 'pasf',
      circumstances: 'Crossed the Barrier near Qalqilya',
    });
    await advanceReturn(api, 'RET-2026-000003', { stage: 'closed', summary: 'Home' });
    await recordReturnName(api, 'RET-2026-000003', 'Dana');
    await returnStats(api, { from: 'a', to: 'b', district: 'PS0101' });
    expect(calls.map(([m, p]) => `${m} ${p}`)).toEqual([
      'GET /api/v1/returns?stage=closed&limit=20',
      'GET /api/v1/returns/RET-2026-000003',
      'POST /api/v1/returns',
      'POST /api/v1/returns/RET-2026-000003/advance',
      'POST /api/v1/returns/RET-2026-000003/name',
      'GET /api/v1/stats/returns?from=a&to=b&district=PS0101',
    ]);
    expect(calls[3]?.[2]).toEqual({ stage: 'closed', summary: 'Home' });
    expect(calls[4]?.[2]).toEqual({ name: 'Dana' });
  });

  it('reads the handover points from {"items"} or a bare list', async () => {
    const point = { id: 'cp-x', name: 'X', kind: 'checkpoint', governorate: 'Jenin', location: { type: 'Point', coordinates: [35, 32] } };
    expect(await listHandoverPoints(recording({ items: [point] }).api)).toEqual([point]);
    const bare = recording([point]);
    expect(await listHandoverPoints(bare.api)).toEqual([point]);
    expect(bare.calls[0]?.[1]).toBe('/api/v1/handover-points');
  });
});

import { describe, expect, it } from 'vitest';
import { fakeApi } from '../test/render';
import {
  acknowledgeIncident,
  closeIncident,
  getIncident,
  heatQueryString,
  incidentHeat,
  incidentQueryString,
  listIncidents,
  reportIncident,
  updateIncident,
} from './incidents';

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
  });
  return { api, calls };
}

describe('incident query strings', () => {
  it('join lists with commas and leave out what is not set', () => {
    expect(incidentQueryString({})).toBe('');
    expect(
      incidentQueryString({
        state: ['active'],
        type: ['clash', 'riot'],
        severity_min: 4,
        from: '2026-11-20T00:00:00Z',
        bbox: [35, 32, 35.5, 32.5],
        limit: 50,
        cursor: 'c/2',
      }),
    ).toBe(
      '?state=active&type=clash%2Criot&severity_min=4&from=2026-11-20T00%3A00%3A00Z&bbox=35%2C32%2C35.5%2C32.5&limit=50&cursor=c%2F2',
    );
    expect(heatQueryString({ from: 'a', to: 'b', cell_m: 1000, severity_min: 3 })).toBe('?from=a&to=b&cell_m=1000&severity_min=3');
  });
});

describe('incident calls', () => {
  it('build the paths and bodies of the contract', async () => {
    const { api, calls } = recording();
    await listIncidents(api, { state: ['open', 'monitoring'] });
    await getIncident(api, 'INC-2026-000001');
    await reportIncident(api, {
      type: 'clash',
      severity: 3,
      title: 't',
      description: '',
      location: { type: 'Point', coordinates: [35, 32] },
      occurred_at: '2026-11-21T08:00:00Z',
      shared_with: ['pasf', 'ussc'],
    });
    await updateIncident(api, 'INC-2026-000001', { state: 'monitoring' });
    await acknowledgeIncident(api, 'INC-2026-000001');
    await acknowledgeIncident(api, 'INC-2026-000001', 'Seen by the desk');
    await closeIncident(api, 'INC/odd', 'Cleared');
    await incidentHeat(api, { from: 'a', to: 'b' });
    expect(calls.map(([m, p]) => `${m} ${p}`)).toEqual([
      'GET /api/v1/incidents?state=open%2Cmonitoring',
      'GET /api/v1/incidents/INC-2026-000001',
      'POST /api/v1/incidents',
      'POST /api/v1/incidents/INC-2026-000001/updates',
      'POST /api/v1/incidents/INC-2026-000001/acknowledge',
      'POST /api/v1/incidents/INC-2026-000001/acknowledge',
      'POST /api/v1/incidents/INC%2Fodd/close',
      'GET /api/v1/incidents/heat?from=a&to=b',
    ]);
    expect(calls[3]?.[2]).toEqual({ state: 'monitoring' });
    expect(calls[4]?.[2]).toEqual({});
    expect(calls[5]?.[2]).toEqual({ note: 'Seen by the desk' });
    expect(calls[6]?.[2]).toEqual({ summary: 'Cleared' });
  });
});

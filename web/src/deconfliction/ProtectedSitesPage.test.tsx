import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { ProtectedSiteDraft } from '../api/deconfliction';
import he from '../i18n/parts/deconfliction.he.json';
import { ProtectedSitesPage } from './ProtectedSitesPage';
import { kParties, renderAs, routedApi, site, user } from './testing';

vi.mock('../requests/FootprintMap', async () => ({ FootprintMap: (await import('./testing')).FootprintMapStub }));

const pasf = user('pasf', ['liaison'], 'pasf.nablus');
const desk = user('ussc', ['duty'], 'ussc.duty');

function setup(who = pasf) {
  let sites = [site(), site({ id: 'SITE-000002', kind: 'humanitarian_movement', name: 'WFP convoy', start: '2026-11-22T06:00:00Z', end: '2026-11-22T09:00:00Z' })];
  const api = routedApi({
    'GET /api/v1/parties': () => ({ items: kParties }),
    'GET /api/v1/protected-sites': () => ({ items: sites, next: null }),
    'POST /api/v1/protected-sites': (_p, body) => {
      const created = { ...site({ id: 'SITE-000003' }), ...(body as ProtectedSiteDraft), seq: 70 };
      sites = [created, ...sites];
      return created;
    },
  });
  return { api, ...renderAs(<ProtectedSitesPage />, who, api) };
}

describe('ProtectedSitesPage', () => {
  it('lists the sites for every party, permanent or with a window', async () => {
    setup();
    const rows = await screen.findAllByTestId('site-row');
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['SITE-000001', 'SITE-000002']);
    expect(rows[0]!.textContent).toContain('Rafidia Hospital');
    expect(rows[0]!.textContent).toContain('Permanent');
    expect(rows[1]!.textContent).toContain('Humanitarian movement');
    expect(screen.queryByTestId('site-form')).toBeNull();
  });

  it('lets the coordinator desk register a site drawn on the map', async () => {
    const { api } = setup(desk);
    await screen.findAllByTestId('site-row');
    fireEvent.click(screen.getByTestId('submit-site'));
    expect(screen.getByTestId('error-name').textContent).toBe('Required.');
    expect(screen.getByTestId('error-geometry').textContent).toContain('Draw the site');

    fireEvent.change(screen.getByTestId('field-kind'), { target: { value: 'school' } });
    fireEvent.change(screen.getByTestId('field-name'), { target: { value: 'Nablus Boys School' } });
    fireEvent.change(screen.getByTestId('field-buffer_m'), { target: { value: '100' } });
    fireEvent.click(screen.getByTestId('map-click-2'));
    fireEvent.click(screen.getByTestId('submit-site'));

    expect((await screen.findByTestId('receipt')).textContent).toContain('SITE-000003');
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
      kind: 'school',
      name: 'Nablus Boys School',
      geometry: { type: 'Point', coordinates: [35.23, 32.2] },
      buffer_m: 100,
    });
    await waitFor(() => expect(screen.getAllByTestId('site-row')).toHaveLength(3));
    expect((screen.getByTestId('field-name') as HTMLInputElement).value).toBe('');
  });

  it('asks for the window of a humanitarian movement, in Hebrew', async () => {
    renderAs(<ProtectedSitesPage />, desk, routedApi({
      'GET /api/v1/parties': () => ({ items: kParties }),
      'GET /api/v1/protected-sites': () => ({ items: [], next: null }),
    }), { lang: 'he' });
    await screen.findByTestId('list-empty');
    fireEvent.change(screen.getByTestId('field-kind'), { target: { value: 'humanitarian_movement' } });
    expect(screen.getByText(he.deconfliction.sites.window_required)).toBeTruthy();
    expect(document.documentElement.dir).toBe('rtl');
  });
});

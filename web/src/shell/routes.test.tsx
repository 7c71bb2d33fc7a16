import { describe, expect, it } from 'vitest';
import type { Me } from '../api/types';
import { screen } from '@testing-library/react';
import incidentsHe from '../i18n/parts/incidents.he.json';
import he from '../i18n/parts/requests.he.json';
import returnsHe from '../i18n/parts/returns.he.json';
import { renderWithProviders } from '../test/render';
import { Header } from './Header';
import { navItemsFor, parseRoute, routeHash, type Route } from './routes';

describe('parseRoute', () => {
  it('reads every page', () => {
    expect(parseRoute('')).toEqual({ page: 'map' });
    expect(parseRoute('#/')).toEqual({ page: 'map' });
    expect(parseRoute('#/map')).toEqual({ page: 'map' });
    expect(parseRoute('#/requests')).toEqual({ page: 'requests', box: 'inbox' });
    expect(parseRoute('#/requests?box=outbox')).toEqual({ page: 'requests', box: 'outbox' });
    expect(parseRoute('#/requests?box=junk')).toEqual({ page: 'requests', box: 'inbox' });
    expect(parseRoute('#/requests/new')).toEqual({ page: 'new_request' });
    expect(parseRoute('#/requests/REQ-2026-000123')).toEqual({ page: 'request', id: 'REQ-2026-000123' });
    expect(parseRoute('#/duty')).toEqual({ page: 'duty' });
    expect(parseRoute('#/figures')).toEqual({ page: 'figures' });
    expect(parseRoute('#/activities')).toEqual({ page: 'activities' });
    expect(parseRoute('#/activities/new')).toEqual({ page: 'new_activity' });
    expect(parseRoute('#/activities/ACT-2026-000001')).toEqual({ page: 'activity', id: 'ACT-2026-000001' });
    expect(parseRoute('#/conflicts')).toEqual({ page: 'conflicts' });
    expect(parseRoute('#/conflicts/CFL-2026-000001')).toEqual({ page: 'conflict', id: 'CFL-2026-000001' });
    expect(parseRoute('#/protected-sites')).toEqual({ page: 'protected_sites' });
    expect(parseRoute('#/incidents')).toEqual({ page: 'incidents' });
    expect(parseRoute('#/incidents/new')).toEqual({ page: 'new_incident' });
    expect(parseRoute('#/incidents/INC-2026-000001')).toEqual({ page: 'incident', id: 'INC-2026-000001' });
    expect(parseRoute('#/returns')).toEqual({ page: 'returns' });
    expect(parseRoute('#/returns/new')).toEqual({ page: 'new_return' });
    expect(parseRoute('#/returns/RET-2026-000003')).toEqual({ page: 'return_case', id: 'RET-2026-000003' });
  });

  it('does not guess at unknown paths', () => {
    expect(parseRoute('#/nowhere')).toEqual({ page: 'not_found' });
    expect(parseRoute('#/requests/a/b')).toEqual({ page: 'not_found' });
    expect(parseRoute('#/requests/%E0%A4%A')).toEqual({ page: 'not_found' });
    expect(parseRoute('#/activities/%E0%A4%A')).toEqual({ page: 'not_found' });
    expect(parseRoute('#/conflicts/a/b')).toEqual({ page: 'not_found' });
    expect(parseRoute('#/protected-sites/x')).toEqual({ page: 'not_found' });
    expect(parseRoute('#/incidents/a/b')).toEqual({ page: 'not_found' });
    expect(parseRoute('#/returns/%E0%A4%A')).toEqual({ page: 'not_found' });
    expect(parseRoute('#/map/x')).toEqual({ page: 'not_found' });
  });

  it('is the inverse of routeHash', () => {
    const routes: Route[] = [
      { page: 'map' },
      { page: 'requests', box: 'outbox' },
      { page: 'new_request' },
      { page: 'request', id: 'REQ-2026-000001' },
      { page: 'request', id: 'odd/id?x' },
      { page: 'duty' },
      { page: 'figures' },
      { page: 'activities' },
      { page: 'new_activity' },
      { page: 'activity', id: 'ACT-2026-000001' },
      { page: 'conflicts' },
      { page: 'conflict', id: 'CFL/2026?x' },
      { page: 'protected_sites' },
      { page: 'incidents' },
      { page: 'new_incident' },
      { page: 'incident', id: 'INC/2026?x' },
      { page: 'returns' },
      { page: 'new_return' },
      { page: 'return_case', id: 'RET-2026-000003' },
    ];
    for (const r of routes) expect(parseRoute(routeHash(r))).toEqual(r);
  });
});

describe('navItemsFor', () => {
  const me: Me = {
    username: 'u',
    display_name: 'U',
    party: 'pasf',
    party_name: 'PASF',
    unit: 'pasf/dcl/jenin',
    unit_name: 'DCL Jenin',
    roles: ['liaison'],
    is_coordinator: false,
  };

  it('shows the request pages to liaison officers', () => {
    const keys = navItemsFor(me).map((i) => i.key);
    expect(keys).toContain('map');
    expect(keys).toContain('requests');
    expect(keys).toContain('new_request');
  });

  it('shows activities and conflicts to the roles that read requests, protected sites to everyone', () => {
    for (const roles of [['liaison'], ['duty'], ['commander'], ['analyst'], ['auditor']]) {
      const keys = navItemsFor({ ...me, roles }).map((i) => i.key);
      expect(keys).toEqual(expect.arrayContaining(['activities', 'conflicts', 'protected_sites']));
    }
  });

  it('shows incidents and returns to the roles that read requests', () => {
    for (const roles of [['liaison'], ['duty'], ['commander'], ['analyst'], ['auditor']]) {
      const keys = navItemsFor({ ...me, roles }).map((i) => i.key);
      expect(keys).toEqual(expect.arrayContaining(['incidents', 'returns']));
    }
  });

  it('hides them from roles without access to requests', () => {
    const hr = navItemsFor({ ...me, roles: ['hr'] }).map((i) => i.key);
    expect(hr).toEqual(expect.arrayContaining(['map', 'protected_sites']));
    for (const key of ['requests', 'new_request', 'duty', 'figures', 'activities', 'conflicts', 'incidents', 'returns', 'messages']) {
      expect(hr).not.toContain(key);
    }
    expect(navItemsFor({ ...me, roles: ['auditor'] }).map((i) => i.key)).not.toContain('new_request');
  });
});

describe('the navigation bar', () => {
  const me: Me = {
    username: 'u',
    display_name: 'U',
    party: 'isf',
    party_name: 'ISF',
    unit: 'isf/dco',
    unit_name: 'DCO',
    roles: ['duty'],
    is_coordinator: false,
  };

  it('links the pages and marks the current one', () => {
    renderWithProviders(<Header me={me} onLogout={async () => undefined} route={{ page: 'request', id: 'REQ-1' }} />, {
      lang: 'he',
    });
    const link = screen.getByTestId('nav-requests');
    expect(link.getAttribute('href')).toBe('#/requests?box=inbox');
    expect(link.getAttribute('aria-current')).toBe('page');
    expect(link.textContent).toBe(he.nav.requests);
    expect(screen.getByTestId('nav-map').getAttribute('aria-current')).toBeNull();
  });

  it('labels the incidents and returns from their own translation files', () => {
    renderWithProviders(<Header me={me} onLogout={async () => undefined} route={{ page: 'return_case', id: 'RET-1' }} />, {
      lang: 'he',
    });
    expect(screen.getByTestId('nav-incidents').textContent).toBe(incidentsHe.incidents.nav);
    expect(screen.getByTestId('nav-incidents').getAttribute('href')).toBe('#/incidents');
    expect(screen.getByTestId('nav-returns').textContent).toBe(returnsHe.returns.nav);
    expect(screen.getByTestId('nav-returns').getAttribute('aria-current')).toBe('page');
  });

  it('is absent without a route', () => {
    renderWithProviders(<Header me={me} onLogout={async () => undefined} />);
    expect(screen.queryByTestId('nav')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import he from '../i18n/parts/personnel.he.json';
import { Header } from '../shell/Header';
import { navItemsFor, parseRoute, routeHash, type Route } from '../shell/routes';
import { renderWithProviders } from '../test/render';
import { user } from './testing';

const kPersonnelNav = ['personnel', 'establishment', 'personnel_analytics'];
const personnelKeys = (roles: string[], party = 'pasf') =>
  navItemsFor(user(party, roles))
    .map((i) => i.key)
    .filter((k) => kPersonnelNav.includes(k));

describe('the personnel routes', () => {
  it('read the search, the import, a person, the analytics and the establishment', () => {
    expect(parseRoute('#/personnel')).toEqual({ page: 'personnel' });
    // The search keeps its filters in the query; the route does not carry them.
    expect(parseRoute('#/personnel?q=Ahmad&service=CP')).toEqual({ page: 'personnel' });
    expect(parseRoute('#/personnel/import')).toEqual({ page: 'personnel_import' });
    expect(parseRoute('#/personnel/PER-0000042')).toEqual({ page: 'person', id: 'PER-0000042' });
    expect(parseRoute('#/analytics/personnel')).toEqual({ page: 'personnel_analytics' });
    expect(parseRoute('#/establishment')).toEqual({ page: 'establishment' });
    for (const bad of ['#/analytics', '#/analytics/requests', '#/establishment/x', '#/personnel/a/b', '#/personnel/%E0%A4%A']) {
      expect(parseRoute(bad)).toEqual({ page: 'not_found' });
    }
  });

  it('are the inverse of routeHash', () => {
    const routes: Route[] = [
      { page: 'personnel' },
      { page: 'personnel_import' },
      { page: 'person', id: 'PER-0000042' },
      { page: 'person', id: 'odd/id?x' },
      { page: 'personnel_analytics' },
      { page: 'establishment' },
    ];
    for (const r of routes) expect(parseRoute(routeHash(r))).toEqual(r);
  });
});

describe('the personnel navigation entries', () => {
  it('show the registry and the establishment to HR and the coordinator vetting officers and trainers', () => {
    expect(personnelKeys(['hr'])).toEqual(kPersonnelNav);
    expect(personnelKeys(['hr'], 'ussc')).toEqual(kPersonnelNav);
    expect(personnelKeys(['vetting'], 'ussc')).toEqual(['personnel', 'establishment']);
    expect(personnelKeys(['trainer'], 'ussc')).toEqual(['personnel', 'establishment']);
  });

  it('show the analytics to analysts and commanders, and nothing to the others', () => {
    expect(personnelKeys(['analyst'])).toEqual(['personnel_analytics']);
    expect(personnelKeys(['commander'], 'ussc')).toEqual(['personnel_analytics']);
    for (const roles of [['liaison'], ['duty'], ['auditor'], ['admin']]) expect(personnelKeys(roles)).toEqual([]);
    // A party's own trainer is not the coordinator's.
    expect(personnelKeys(['trainer'], 'pasf')).toEqual([]);
  });

  it('are labelled in the user language and current on their pages', () => {
    renderWithProviders(
      <Header me={user('pasf', ['hr'], 'pasf.hr')} onLogout={async () => undefined} route={{ page: 'person', id: 'PER-0000042' }} />,
      { lang: 'he' },
    );
    const registry = screen.getByTestId('nav-personnel');
    expect(registry.getAttribute('href')).toBe('#/personnel');
    expect(registry.textContent).toBe(he.personnel.nav.registry);
    expect(registry.getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('nav-personnel_analytics').getAttribute('href')).toBe('#/analytics/personnel');
    expect(screen.getByTestId('nav-personnel_analytics').textContent).toBe(he.personnel.nav.analytics);
    expect(screen.getByTestId('nav-establishment').textContent).toBe(he.personnel.nav.establishment);
    expect(screen.getByTestId('nav-establishment').getAttribute('aria-current')).toBeNull();
  });
});

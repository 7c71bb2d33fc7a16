import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import he from '../i18n/parts/messaging.he.json';
import { Header } from '../shell/Header';
import { navItemsFor, parseRoute, routeHash, type Route } from '../shell/routes';
import { renderWithProviders } from '../test/render';
import { user } from './testing';

describe('the messaging routes', () => {
  it('read the list, a channel (its id percent-encoded) and the search', () => {
    expect(parseRoute('#/messages')).toEqual({ page: 'messages' });
    expect(parseRoute('#/messages/incident%3AINC-2026-000001')).toEqual({ page: 'channel', id: 'incident:INC-2026-000001' });
    expect(parseRoute('#/messages/coordinator')).toEqual({ page: 'channel', id: 'coordinator' });
    expect(parseRoute('#/messages/search?q=convoy&channel=desk%3APS0101')).toEqual({
      page: 'message_search',
      q: 'convoy',
      channel: 'desk:PS0101',
    });
    expect(parseRoute('#/messages/search')).toEqual({ page: 'message_search', q: '', channel: '' });
    expect(parseRoute('#/messages/a/b')).toEqual({ page: 'not_found' });
    expect(parseRoute('#/messages/%E0%A4%A')).toEqual({ page: 'not_found' });
  });

  it('are the inverse of routeHash', () => {
    const routes: Route[] = [
      { page: 'messages' },
      { page: 'channel', id: 'incident:INC-2026-000001' },
      { page: 'channel', id: 'dm:isf.jenin:pasf.jenin' },
      { page: 'message_search', q: '"road 60" convoy*', channel: 'desk:PS0101' },
      { page: 'message_search', q: '', channel: '' },
    ];
    for (const r of routes) expect(parseRoute(routeHash(r))).toEqual(r);
    expect(routeHash({ page: 'channel', id: 'dm:isf.jenin:pasf.jenin' })).toBe('#/messages/dm%3Aisf.jenin%3Apasf.jenin');
  });
});

describe('the Messages navigation entry', () => {
  it('shows to the roles that read channels only', () => {
    for (const roles of [['liaison'], ['duty'], ['commander'], ['auditor']]) {
      expect(navItemsFor(user('pasf', roles)).map((i) => i.key)).toContain('messages');
    }
    for (const roles of [['analyst'], ['hr'], ['admin']]) {
      expect(navItemsFor(user('pasf', roles)).map((i) => i.key)).not.toContain('messages');
    }
  });

  it('links the list, in the user language, and is current on a channel', () => {
    renderWithProviders(
      <Header me={user('isf', ['liaison'])} onLogout={async () => undefined} route={{ page: 'channel', id: 'coordinator' }} />,
      { lang: 'he' },
    );
    const link = screen.getByTestId('nav-messages');
    expect(link.getAttribute('href')).toBe('#/messages');
    expect(link.textContent).toBe(he.messaging.nav);
    expect(link.getAttribute('aria-current')).toBe('page');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MessageSearchPage } from './MessageSearchPage';
import { channel, fetchRoutes, kChannelId, kCommonRoutes, message, renderAs, user } from './testing';

const pasf = user('pasf', ['liaison'], 'pasf.jenin');

const hit = {
  ...message({ id: 'MSG-2026-000042', sender: 'isf.jenin', sender_name: 'DCO Jenin', priority: 'flash' as const }),
  snippet: '…**convoy** delayed at Za’tara…',
};

function setup(q: string, scope = '', items = [hit]) {
  const { api, calls } = fetchRoutes({
    ...kCommonRoutes,
    'GET /api/v1/channels': () => ({ items: [channel()], next: null }),
    'GET /api/v1/search/messages': () => ({ items, next: null }),
  });
  return { calls, ...renderAs(<MessageSearchPage q={q} channel={scope} />, pasf, api) };
}

afterEach(() => {
  window.location.hash = '';
});

describe('MessageSearchPage', () => {
  it('searches in the user language and shows the snippet the server returns', async () => {
    const { calls } = setup('convoy', kChannelId);
    const result = await screen.findByTestId('search-hit');
    const snippet = within(result).getByTestId('hit-snippet');
    expect(snippet.textContent).toBe('…convoy delayed at Za’tara…');
    expect(Array.from(snippet.querySelectorAll('mark')).map((m) => m.textContent)).toEqual(['convoy']);
    expect(snippet.getAttribute('dir')).toBe('auto');
    expect(within(result).getByTestId('flash-badge')).toBeTruthy();
    const link = within(result).getByTestId('hit-channel');
    expect(link.getAttribute('href')).toBe('#/messages/incident%3AINC-2026-000001');
    await waitFor(() => expect(link.textContent).toBe('Collision at Huwwara junction'));
    const search = calls.find((c) => c.path === '/api/v1/search/messages');
    expect(search?.query.get('q')).toBe('convoy');
    expect(search?.query.get('channel')).toBe(kChannelId);
    expect(search?.query.get('lang')).toBe('en');
  });

  it('asks nothing without words, and puts the query in the address', async () => {
    const { calls } = setup('');
    await screen.findByTestId('search-form');
    fireEvent.change(screen.getByTestId('search-q'), { target: { value: ' "road 60" ' } });
    fireEvent.click(screen.getByTestId('search-submit'));
    expect(window.location.hash).toBe('#/messages/search?q=%22road+60%22');
    expect(calls.filter((c) => c.path === '/api/v1/search/messages')).toEqual([]);
  });

  it('says when nothing matches', async () => {
    setup('nothing', '', []);
    expect(await screen.findByTestId('search-empty')).toBeTruthy();
  });
});

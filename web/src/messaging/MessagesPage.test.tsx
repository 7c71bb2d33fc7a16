import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import ar from '../i18n/parts/messaging.ar.json';
import { MessagesPage } from './MessagesPage';
import { channel, fetchRoutes, kCommonRoutes, messageEvent, renderAs, user } from './testing';

const isf = user('isf', ['liaison', 'duty'], 'isf.jenin');

const kChannels = [
  channel({ unread: 2, unacknowledged_flash: 1 }),
  channel({
    id: 'desk:PS0101',
    kind: 'desk',
    title: null,
    incident: null,
    district: 'PS0101',
    unread: 0,
    unacknowledged_flash: 0,
    last_at: null,
  }),
  channel({
    id: 'dm:isf.jenin:pasf.jenin',
    kind: 'direct',
    title: null,
    incident: null,
    parties: ['isf', 'pasf'],
    participants: ['isf.jenin', 'pasf.jenin'],
    unread: 5,
    unacknowledged_flash: 0,
  }),
];

function setup(lang: 'en' | 'ar' = 'en', who = isf) {
  const { api, calls } = fetchRoutes({ ...kCommonRoutes, 'GET /api/v1/channels': () => ({ items: kChannels, next: null }) });
  return { calls, ...renderAs(<MessagesPage />, who, api, { lang }) };
}

afterEach(() => {
  window.location.hash = '';
});

describe('MessagesPage', () => {
  it('lists the channels with their names, unread counts and FLASH marks', async () => {
    const { calls } = setup();
    const rows = await screen.findAllByTestId('channel-row');
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['incident:INC-2026-000001', 'desk:PS0101', 'dm:isf.jenin:pasf.jenin']);
    const [incident, desk, direct] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(incident).getByTestId('channel-link').textContent).toBe('Collision at Huwwara junction');
    expect(within(incident).getByTestId('channel-link').getAttribute('href')).toBe('#/messages/incident%3AINC-2026-000001');
    expect(within(incident).getByTestId('channel-unread').getAttribute('data-count')).toBe('2');
    expect(within(incident).getByTestId('channel-flash')).toBeTruthy();
    expect(within(desk).getByTestId('channel-link').textContent).toBe('Jenin district desk');
    expect(within(desk).getByTestId('channel-unread').getAttribute('data-count')).toBe('0');
    expect(within(desk).queryByTestId('channel-flash')).toBeNull();
    expect(within(direct).getByTestId('channel-link').textContent).toBe('Conversation with pasf.jenin');
    expect(within(direct).getByTestId('channel-unread').textContent).toBe('5');
    expect(calls.find((c) => c.path === '/api/v1/channels')?.query.get('lang')).toBe('en');
  });

  it('reads the list again when a message or incident event arrives', async () => {
    const { calls, pushEvents } = setup();
    await screen.findAllByTestId('channel-row');
    const reads = () => calls.filter((c) => c.path === '/api/v1/channels').length;
    expect(reads()).toBe(1);
    pushEvents([{ seq: 60, at: '', actor: 'x', party: 'isf', type: 'request.submitted', subject: 'REQ-1', body: {} }]);
    pushEvents([messageEvent(61, 'message.posted', 'desk:PS0101')]);
    await waitFor(() => expect(reads()).toBe(2));
  });

  it('opens a direct conversation with a user, and refuses oneself', async () => {
    setup();
    const field = await screen.findByTestId('direct-username');
    fireEvent.change(field, { target: { value: 'isf.jenin' } });
    fireEvent.click(screen.getByTestId('direct-open'));
    expect(screen.getByTestId('direct-error')).toBeTruthy();
    expect(window.location.hash).toBe('');
    fireEvent.change(field, { target: { value: 'PASF.jenin' } });
    fireEvent.click(screen.getByTestId('direct-open'));
    expect(window.location.hash).toBe('#/messages/dm%3Aisf.jenin%3Apasf.jenin');
  });

  it('speaks Arabic, right to left, and offers an auditor no new conversation', async () => {
    setup('ar', user('isf', ['auditor'], 'isf.auditor'));
    const rows = await screen.findAllByTestId('channel-row');
    expect(document.documentElement.dir).toBe('rtl');
    expect(within(rows[1] as HTMLElement).getByTestId('channel-link').textContent).toBe('مكتب محافظة جنين');
    expect(within(rows[0] as HTMLElement).getByTestId('channel-kind').textContent).toBe(ar.messaging.kind.incident);
    expect(screen.queryByTestId('direct-form')).toBeNull();
  });
});

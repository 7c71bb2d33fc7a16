import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Message } from '../api/messaging';
import ar from '../i18n/parts/messaging.ar.json';
import he from '../i18n/parts/messaging.he.json';
import { ChatRoom } from './ChatRoom';
import {
  channel,
  fetchRoutes,
  kChannelId,
  kChannelPath,
  kCommonRoutes,
  kPhrasebook,
  message,
  messageEvent,
  problem,
  renderAs,
  user,
  type FetchCall,
  type FetchHandler,
} from './testing';

const isf = user('isf', ['liaison', 'duty'], 'isf.jenin');
const auditor = user('isf', ['auditor'], 'isf.auditor');

const m40 = message({ id: 'MSG-2026-000040', seq: 40, sender: 'isf.jenin', sender_party: 'isf', sender_name: 'DCO Jenin', text: 'First, from ISF' });
const m41 = message({ id: 'MSG-2026-000041', seq: 41, text: 'Second, from PASF' });
const m42 = message({ id: 'MSG-2026-000042', seq: 42, text: 'Third, from PASF' });

/** The history route: the newest page (newest first), older pages by cursor, newer ones by `after`. */
function history(pages: { first: Message[]; next?: string; older?: Message[]; after?: Message[] }): FetchHandler {
  return (call: FetchCall) => {
    if (call.query.get('after') !== null) {
      const after = Number(call.query.get('after'));
      return { items: (pages.after ?? []).filter((m) => m.seq > after), next: null };
    }
    if (call.query.get('cursor')) return { items: pages.older ?? [], next: null };
    return { items: pages.first, next: pages.next ?? null };
  };
}

function setup({
  who = isf,
  first = [m42, m41, m40],
  routes = {},
  lang = 'en',
}: {
  who?: typeof isf;
  first?: Message[];
  routes?: Record<string, FetchHandler>;
  lang?: 'en' | 'ar' | 'he';
} = {}) {
  const { api, calls } = fetchRoutes({
    ...kCommonRoutes,
    [`GET ${kChannelPath}`]: () => channel(),
    [`GET ${kChannelPath}/messages`]: history({ first }),
    'GET /api/v1/phrasebook': () => kPhrasebook,
    [`POST ${kChannelPath}/read`]: (c) => ({ read_seq: (c.body as { seq: number }).seq }),
    ...routes,
  });
  const view = renderAs(<ChatRoom channelId={kChannelId} />, who, api, { lang });
  const historyCalls = () => calls.filter((c) => c.method === 'GET' && c.path === `${kChannelPath}/messages`);
  return { api, calls, historyCalls, ...view };
}

const texts = () => screen.getAllByTestId('message-text').map((e) => e.textContent);

describe('ChatRoom history', () => {
  it('shows the newest page oldest first, free text with dir=auto, read in the UI language', async () => {
    const { calls } = setup();
    await waitFor(() => expect(texts()).toEqual(['First, from ISF', 'Second, from PASF', 'Third, from PASF']));
    for (const el of screen.getAllByTestId('message-text')) expect(el.getAttribute('dir')).toBe('auto');
    const first = calls.find((c) => c.path === `${kChannelPath}/messages`);
    expect(first?.query.get('lang')).toBe('en');
    expect(first?.query.get('limit')).toBe('50');
    expect(first?.query.get('after')).toBeNull();
    expect(await screen.findByTestId('chat-title')).toHaveProperty('textContent', 'Collision at Huwwara junction');
    // One's own message is marked as such.
    expect(screen.getAllByTestId('message')[0]?.getAttribute('data-mine')).toBe('true');
  });

  it('marks where the unread messages start', async () => {
    setup();
    await screen.findByTestId('unread-line');
    const items = Array.from(screen.getByTestId('message-list').children).map(
      (li) => `${li.getAttribute('data-testid')}:${li.getAttribute('data-seq') ?? ''}`,
    );
    // Read up to 40: the line goes before 41, the first later message of someone else.
    expect(items).toEqual(['message:40', 'unread-line:', 'message:41', 'message:42']);
  });

  it('loads older messages with the cursor and puts them on top', async () => {
    const m30 = message({ id: 'MSG-2026-000030', seq: 30, text: 'Older one' });
    const { historyCalls } = setup({
      routes: { [`GET ${kChannelPath}/messages`]: history({ first: [m42, m41], next: 'c/41', older: [m40, m30] }) },
    });
    fireEvent.click(await screen.findByTestId('load-older'));
    await waitFor(() => expect(texts()).toEqual(['Older one', 'First, from ISF', 'Second, from PASF', 'Third, from PASF']));
    expect(historyCalls()[1]?.query.get('cursor')).toBe('c/41');
    expect(screen.queryByTestId('load-older')).toBeNull();
  });

  it('says so when the caller is not a member', async () => {
    setup({
      routes: {
        [`GET ${kChannelPath}`]: () => problem(404, { code: 'not_found' }),
        [`GET ${kChannelPath}/messages`]: () => problem(404, { code: 'not_found' }),
      },
    });
    expect((await screen.findByTestId('chat-error')).getAttribute('data-status')).toBe('404');
    expect(screen.queryByTestId('composer')).toBeNull();
  });
});

describe('ChatRoom live', () => {
  it('catches up with `after` when a message of this channel is posted, and only this channel', async () => {
    const m45 = message({ id: 'MSG-2026-000045', seq: 45, text: 'Live from PASF' });
    const { historyCalls, pushEvents } = setup({
      routes: { [`GET ${kChannelPath}/messages`]: history({ first: [m42, m41, m40], after: [m45] }) },
    });
    await waitFor(() => expect(texts()).toHaveLength(3));
    pushEvents([messageEvent(44, 'message.posted', 'desk:PS0101')]);
    pushEvents([messageEvent(45), messageEvent(44, 'message.posted', 'desk:PS0101')]);
    await waitFor(() => expect(texts()).toContain('Live from PASF'));
    const catchUps = historyCalls().filter((c) => c.query.get('after') !== null);
    expect(catchUps).toHaveLength(1);
    expect(catchUps[0]?.query.get('after')).toBe('42');
    expect(catchUps[0]?.query.get('lang')).toBe('en');
    expect(texts().at(-1)).toBe('Live from PASF');
  });

  it('reads the window again when a message is acknowledged or edited', async () => {
    let acked = false;
    const flash = message({ id: 'MSG-2026-000043', seq: 43, sender: 'isf.jenin', sender_party: 'isf', priority: 'flash', text: 'Stop all movement' });
    const { historyCalls, pushEvents } = setup({
      routes: {
        [`GET ${kChannelPath}/messages`]: () => ({
          items: [
            acked ? { ...flash, acknowledgements: [{ username: 'pasf.jenin', party: 'pasf', at: '2026-11-21T08:31:00Z' }] } : flash,
          ],
          next: null,
        }),
      },
    });
    expect((await screen.findByTestId('acknowledgements')).getAttribute('data-count')).toBe('0');
    acked = true;
    pushEvents([messageEvent(46, 'message.acknowledged', kChannelId, { id: flash.id, username: 'pasf.jenin' })]);
    await waitFor(() => expect(screen.getByTestId('acknowledgements').getAttribute('data-count')).toBe('1'));
    expect(historyCalls()).toHaveLength(2);
    expect(historyCalls()[1]?.query.get('after')).toBeNull();
  });

  it('reads the messages again in the new language when the UI language changes', async () => {
    const phrase = message({
      id: 'MSG-2026-000043',
      seq: 43,
      sender: 'isf.jenin',
      text: null,
      phrase: 'received_stand_by',
      params: {},
      rendered: 'Received, stand by.',
      rendered_lang: 'en',
    });
    const { i18n } = setup({
      routes: {
        [`GET ${kChannelPath}/messages`]: (c) => ({
          items: [
            c.query.get('lang') === 'ar' ? { ...phrase, rendered: 'تم الاستلام، انتظر.', rendered_lang: 'ar' } : phrase,
          ],
          next: null,
        }),
      },
    });
    await waitFor(() => expect(texts()).toEqual(['Received, stand by.']));
    await act(async () => {
      await i18n.changeLanguage('ar');
    });
    await waitFor(() => expect(texts()).toEqual(['تم الاستلام، انتظر.']));
    expect(screen.getByTestId('message-text').getAttribute('lang')).toBe('ar');
    expect(screen.getByTestId('phrase-tag').textContent).toBe(ar.messaging.message.phrase);
  });

  it('moves the read position to the newest message seen', async () => {
    const { calls } = setup();
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === `${kChannelPath}/read`)).toBe(true));
    const reads = calls.filter((c) => c.path === `${kChannelPath}/read`);
    expect(reads).toHaveLength(1);
    expect(reads[0]?.body).toEqual({ seq: 42 });
  });

  it('sends what was seen at once when the chat closes', async () => {
    const { calls, unmount } = setup();
    await waitFor(() => expect(texts()).toHaveLength(3));
    // The channel's own position must be known before anything is sent.
    await screen.findByTestId('unread-line');
    expect(calls.filter((c) => c.path === `${kChannelPath}/read`)).toEqual([]);
    unmount();
    await waitFor(() => expect(calls.filter((c) => c.path === `${kChannelPath}/read`)).toHaveLength(1));
    expect(calls.find((c) => c.path === `${kChannelPath}/read`)?.body).toEqual({ seq: 42 });
  });

  it('does not send a read position the server already has', async () => {
    const { calls } = setup({ routes: { [`GET ${kChannelPath}`]: () => channel({ read_seq: 42, unread: 0 }) } });
    await waitFor(() => expect(texts()).toHaveLength(3));
    await new Promise((r) => setTimeout(r, 600));
    expect(calls.filter((c) => c.path === `${kChannelPath}/read`)).toEqual([]);
    expect(screen.queryByTestId('unread-line')).toBeNull();
  });
});

describe('ChatRoom composer', () => {
  it('sends free text with its priority and shows the stored message', async () => {
    const sent = message({ id: 'MSG-2026-000050', seq: 50, sender: 'isf.jenin', sender_party: 'isf', priority: 'flash', text: 'Road 60 closed' });
    const { calls } = setup({ routes: { [`POST ${kChannelPath}/messages`]: () => sent } });
    const box = await screen.findByTestId('composer-text');
    expect(box.getAttribute('dir')).toBe('auto');
    fireEvent.change(box, { target: { value: '  Road 60 closed  ' } });
    fireEvent.click(screen.getByTestId('priority-flash'));
    fireEvent.click(screen.getByTestId('composer-send'));
    await waitFor(() => expect(texts()).toContain('Road 60 closed'));
    const post = calls.find((c) => c.method === 'POST' && c.path === `${kChannelPath}/messages`);
    expect(post?.body).toEqual({ text: 'Road 60 closed', priority: 'flash' });
    expect(post?.query.get('lang')).toBe('en');
    expect((screen.getByTestId('composer-text') as HTMLTextAreaElement).value).toBe('');
    expect((screen.getByTestId('priority-routine') as HTMLInputElement).checked).toBe(true);
  });

  it('sends with Enter, keeps Shift+Enter for a new line, and refuses an empty message', async () => {
    const { calls } = setup({ routes: { [`POST ${kChannelPath}/messages`]: () => message({ id: 'MSG-2026-000051', seq: 51, text: 'ok' }) } });
    const box = await screen.findByTestId('composer-text');
    fireEvent.click(screen.getByTestId('composer-send'));
    expect(await screen.findByTestId('error-text')).toBeTruthy();
    fireEvent.change(box, { target: { value: 'line one' } });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(calls.filter((c) => c.method === 'POST' && c.path.endsWith('/messages'))).toHaveLength(0);
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST' && c.path.endsWith('/messages'))).toHaveLength(1));
  });

  it('answers a message: the reply names it and is sent with reply_to', async () => {
    const { calls } = setup({
      routes: { [`POST ${kChannelPath}/messages`]: () => message({ id: 'MSG-2026-000052', seq: 52, sender: 'isf.jenin', text: 'Copy', reply_to: m42.id }) },
    });
    await waitFor(() => expect(texts()).toHaveLength(3));
    fireEvent.click(within(screen.getAllByTestId('message')[2] as HTMLElement).getByTestId('reply'));
    expect(screen.getByTestId('replying-to').textContent).toContain('Third, from PASF');
    fireEvent.change(screen.getByTestId('composer-text'), { target: { value: 'Copy' } });
    fireEvent.click(screen.getByTestId('composer-send'));
    await waitFor(() => expect(screen.getByTestId('reply-to').textContent).toContain('Third, from PASF'));
    expect(calls.find((c) => c.method === 'POST' && c.path.endsWith('/messages'))?.body).toEqual({
      text: 'Copy',
      priority: 'routine',
      reply_to: m42.id,
    });
    expect(screen.queryByTestId('replying-to')).toBeNull();
  });

  it('offers the phrasebook by category in the user language and sends a phrase with typed parameters', async () => {
    const { calls } = setup({
      lang: 'he',
      routes: { [`POST ${kChannelPath}/messages`]: () => message({ id: 'MSG-2026-000053', seq: 53, text: null, phrase: 'movement_delayed', rendered: 'x' }) },
    });
    fireEvent.click(await screen.findByTestId('composer-mode-phrase'));
    const select = screen.getByTestId('phrase-select') as HTMLSelectElement;
    const groups = Array.from(select.querySelectorAll('optgroup')).map((g) => g.label);
    expect(groups).toEqual([he.messaging.category.acknowledgement, he.messaging.category.movement, he.messaging.category.decision]);
    expect(Array.from(select.options).map((o) => o.textContent)).toContain('התקבל, המתן.');
    fireEvent.change(select, { target: { value: 'movement_delayed' } });
    fireEvent.change(screen.getByTestId('phrase-param-minutes'), { target: { value: '2x' } });
    fireEvent.change(screen.getByTestId('phrase-param-time'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('composer-send'));
    expect(screen.getByTestId('error-param-minutes').textContent).toBe(he.messaging.param_error.integer);
    expect(screen.getByTestId('error-param-time').textContent).toBe(he.messaging.param_error.required);
    expect(calls.filter((c) => c.method === 'POST' && c.path.endsWith('/messages'))).toHaveLength(0);
    fireEvent.change(screen.getByTestId('phrase-param-minutes'), { target: { value: '20' } });
    fireEvent.change(screen.getByTestId('phrase-param-time'), { target: { value: '08:30' } });
    expect(screen.getByTestId('phrase-preview').textContent).toBe('התנועה נדחתה ב־20 דקות; יציאה חדשה 08:30.');
    expect(screen.getByTestId('phrase-preview').getAttribute('dir')).toBe('auto');
    fireEvent.click(screen.getByTestId('composer-send'));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST' && c.path.endsWith('/messages'))).toHaveLength(1));
    const post = calls.find((c) => c.method === 'POST' && c.path.endsWith('/messages'));
    expect(post?.body).toEqual({ phrase: 'movement_delayed', params: { minutes: 20, time: '08:30' }, priority: 'routine' });
    expect(post?.query.get('lang')).toBe('he');
  });

  it('puts the server objection to a parameter on it', async () => {
    setup({
      routes: {
        [`POST ${kChannelPath}/messages`]: () =>
          problem(400, { code: 'invalid_argument', field: '/params/ref', detail: 'no such request' }),
      },
    });
    fireEvent.click(await screen.findByTestId('composer-mode-phrase'));
    fireEvent.change(screen.getByTestId('phrase-select'), { target: { value: 'request_received' } });
    fireEvent.change(screen.getByTestId('phrase-param-ref'), { target: { value: 'req-2026-000999' } });
    fireEvent.click(screen.getByTestId('composer-send'));
    expect((await screen.findByTestId('error-param-ref')).textContent).toBe('no such request');
    expect(screen.queryByTestId('composer-error')).toBeNull();
  });

  it('offers no composer to an auditor', async () => {
    setup({ who: auditor });
    await waitFor(() => expect(texts()).toHaveLength(3));
    expect(screen.queryByTestId('composer')).toBeNull();
    expect(screen.queryAllByTestId('reply')).toEqual([]);
  });
});

describe('ChatRoom FLASH and edits', () => {
  it('highlights a FLASH the user owes and acknowledges it', async () => {
    const flash = message({ id: 'MSG-2026-000043', seq: 43, priority: 'flash', text: 'Shots heard near Qabatiya' });
    const { calls } = setup({
      first: [flash],
      routes: {
        'POST /api/v1/messages/MSG-2026-000043/ack': () => ({
          ...flash,
          acknowledged_by_me: true,
          acknowledgements: [{ username: 'isf.jenin', party: 'isf', at: '2026-11-21T08:21:00Z' }],
        }),
      },
    });
    const item = await screen.findByTestId('message');
    expect(item.className).toContain('msg--unacknowledged');
    expect(within(item).getByTestId('flash-badge')).toBeTruthy();
    fireEvent.click(within(item).getByTestId('acknowledge'));
    await screen.findByTestId('acknowledged-by-me');
    expect(screen.getByTestId('message').className).not.toContain('msg--unacknowledged');
    expect(screen.queryByTestId('acknowledge')).toBeNull();
    const ack = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/messages/MSG-2026-000043/ack');
    expect(ack?.query.get('lang')).toBe('en');
  });

  it('shows the sender who has acknowledged and which parties have not', async () => {
    setup({
      first: [
        message({
          id: 'MSG-2026-000043',
          seq: 43,
          sender: 'isf.jenin',
          sender_party: 'isf',
          priority: 'flash',
          text: 'Stop all movement',
          acknowledgements: [{ username: 'pasf.jenin', party: 'pasf', at: '2026-11-21T08:21:00Z' }],
        }),
      ],
    });
    const acks = await screen.findByTestId('acknowledgements');
    await waitFor(() => expect(within(acks).getByTestId('acks-pending').textContent).toContain('USSC'));
    expect(within(acks).getByTestId('acks-pending').textContent).not.toContain('PASF');
    expect(within(acks).getByTestId('acknowledgement').textContent).toContain('pasf.jenin');
    expect(screen.queryByTestId('acknowledge')).toBeNull();
  });

  it('edits one\u2019s own free text and shows the mark and the earlier text', async () => {
    const edited = {
      ...m40,
      text: 'First, corrected',
      rendered: 'First, corrected',
      edited: true,
      edits: [{ text: 'First, from ISF', at: '2026-11-21T08:25:00Z' }],
    };
    const { calls } = setup({ routes: { 'PATCH /api/v1/messages/MSG-2026-000040': () => edited } });
    await waitFor(() => expect(texts()).toHaveLength(3));
    const [mine, theirs] = screen.getAllByTestId('message') as HTMLElement[];
    expect(within(theirs as HTMLElement).queryByTestId('edit')).toBeNull();
    fireEvent.click(within(mine as HTMLElement).getByTestId('edit'));
    const box = screen.getByTestId('edit-text');
    expect(box.getAttribute('dir')).toBe('auto');
    fireEvent.change(box, { target: { value: 'First, corrected' } });
    fireEvent.click(screen.getByTestId('edit-save'));
    await waitFor(() => expect(texts()[0]).toBe('First, corrected'));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ text: 'First, corrected' });
    fireEvent.click(screen.getByTestId('edited'));
    expect(screen.getByTestId('edit-history').textContent).toContain('First, from ISF');
  });

  it('offers no edit of a phrase message', async () => {
    setup({
      first: [message({ id: 'MSG-2026-000043', seq: 43, sender: 'isf.jenin', text: null, phrase: 'received_stand_by', rendered: 'Received, stand by.' })],
    });
    await screen.findByTestId('message');
    expect(screen.queryByTestId('edit')).toBeNull();
  });
});

describe('ChatRoom for a direct conversation', () => {
  const dmId = 'dm:isf.jenin:pasf.jenin';
  const dmPath = '/api/v1/channels/dm%3Aisf.jenin%3Apasf.jenin';

  it('opens an empty room before the first message and reloads once it is sent', async () => {
    let started = false;
    const first = message({ id: 'MSG-2026-000060', seq: 60, channel_id: dmId, sender: 'isf.jenin', text: 'Hello Jenin' });
    const { api, calls } = fetchRoutes({
      ...kCommonRoutes,
      'GET /api/v1/phrasebook': () => kPhrasebook,
      [`GET ${dmPath}`]: () =>
        started
          ? channel({ id: dmId, kind: 'direct', title: null, incident: null, parties: ['isf', 'pasf'], participants: ['isf.jenin', 'pasf.jenin'], read_seq: 60 })
          : problem(404, { code: 'not_found' }),
      [`GET ${dmPath}/messages`]: () => (started ? { items: [first], next: null } : problem(404, { code: 'not_found' })),
      [`POST ${dmPath}/messages`]: () => {
        started = true;
        return first;
      },
    });
    renderAs(<ChatRoom channelId={dmId} />, isf, api);
    expect(await screen.findByTestId('chat-empty')).toBeTruthy();
    expect(screen.getByTestId('chat-title').textContent).toBe('Conversation with pasf.jenin');
    expect(screen.queryByTestId('history-error')).toBeNull();
    fireEvent.change(screen.getByTestId('composer-text'), { target: { value: 'Hello Jenin' } });
    fireEvent.click(screen.getByTestId('composer-send'));
    await waitFor(() => expect(texts()).toEqual(['Hello Jenin']));
    await waitFor(() => expect(calls.filter((c) => c.path === dmPath)).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId('channel-kind').getAttribute('data-kind')).toBe('direct'));
  });

  it('is not found for a third user', async () => {
    const { api } = fetchRoutes({
      ...kCommonRoutes,
      [`GET ${dmPath}`]: () => problem(404, { code: 'not_found' }),
      [`GET ${dmPath}/messages`]: () => problem(404, { code: 'not_found' }),
    });
    renderAs(<ChatRoom channelId={dmId} />, user('ussc', ['duty'], 'ussc.duty'), api);
    expect(await screen.findByTestId('chat-error')).toBeTruthy();
    expect(screen.queryByTestId('composer')).toBeNull();
  });
});

// Test fixtures for the messaging screens: a channel, messages, a small
// phrasebook, stream events, and an API client over a mocked fetch routed
// by method and path (as sent: percent-encoded, without the query), so the
// tests see the real paths, query strings and bodies. Used by *.test.tsx only.
import { vi } from 'vitest';
import { createApiClient, type ApiClient } from '../api/client';
import type { Channel, Message, Phrasebook } from '../api/messaging';
import type { StreamEvent } from '../api/types';
import { kParties } from '../requests/testing';

export { renderAs, user } from '../requests/testing';

export const kChannelId = 'incident:INC-2026-000001';
export const kChannelPath = '/api/v1/channels/incident%3AINC-2026-000001';

export function channel(patch: Partial<Channel> = {}): Channel {
  return {
    id: kChannelId,
    kind: 'incident',
    title: 'Collision at Huwwara junction',
    incident: 'INC-2026-000001',
    district: null,
    parties: ['isf', 'pasf', 'ussc'],
    participants: null,
    last_seq: 44,
    last_at: '2026-11-21T08:20:00Z',
    read_seq: 40,
    unread: 2,
    unacknowledged_flash: 0,
    ...patch,
  };
}

export function message(patch: Partial<Message> = {}): Message {
  const text = patch.text === undefined ? 'Convoy delayed 20 minutes at Za\u2019tara' : patch.text;
  return {
    id: 'MSG-2026-000042',
    channel_id: kChannelId,
    seq: 42,
    sender: 'pasf.jenin',
    sender_party: 'pasf',
    sender_name: 'DCL Jenin duty officer',
    sent_at: '2026-11-21T08:19:40Z',
    priority: 'routine',
    text,
    phrase: null,
    params: null,
    lang: null,
    rendered: text ?? '',
    rendered_lang: null,
    reply_to: null,
    edited: false,
    edits: [],
    acknowledgements: [],
    acknowledged_by_me: false,
    ...patch,
  };
}

export const kPhrasebook: Phrasebook = {
  languages: ['en', 'ar', 'he'],
  items: [
    {
      key: 'received_stand_by',
      category: 'acknowledgement',
      params: [],
      en: 'Received, stand by.',
      ar: 'تم الاستلام، انتظر.',
      he: 'התקבל, המתן.',
    },
    {
      key: 'movement_completed',
      category: 'movement',
      params: [{ name: 'unit', kind: 'text' }],
      en: 'Movement completed ({unit}).',
      ar: 'اكتملت الحركة ({unit}).',
      he: 'התנועה הושלמה ({unit}).',
    },
    {
      key: 'movement_delayed',
      category: 'movement',
      params: [
        { name: 'minutes', kind: 'minutes' },
        { name: 'time', kind: 'time' },
      ],
      en: 'Movement delayed {minutes} minutes; new start {time}.',
      ar: 'تأخرت الحركة {minutes} دقيقة؛ موعد الانطلاق الجديد {time}.',
      he: 'התנועה נדחתה ב־{minutes} דקות; יציאה חדשה {time}.',
    },
    {
      key: 'request_received',
      category: 'decision',
      params: [{ name: 'ref', kind: 'ref' }],
      en: 'Request {ref} received; answer to follow.',
      ar: 'تم استلام الطلب {ref}، والرد لاحقاً.',
      he: 'בקשה {ref} התקבלה, תשובה בהמשך.',
    },
  ],
};

/** A message event of the channel on the stream. */
export function messageEvent(seq: number, type = 'message.posted', channelId = kChannelId, body: Record<string, unknown> = {}): StreamEvent {
  return { seq, at: '2026-11-21T08:30:00Z', actor: 'pasf.jenin', party: 'pasf', type, subject: `channel/${channelId}`, body };
}

export interface FetchCall {
  method: string;
  /** The path as sent, without the query. */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** A reply other than 200 with JSON. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

export type FetchHandler = (call: FetchCall) => unknown;

/**
 * A client over a mocked fetch: "GET /api/v1/phrasebook" -> handler. A
 * handler returns the JSON body (200) or a Reply; unrouted calls answer 599
 * so a test sees calls it did not expect in `calls` and in the page.
 */
export function fetchRoutes(routes: Record<string, FetchHandler>): { api: ApiClient; calls: FetchCall[] } {
  const calls: FetchCall[] = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const q = url.indexOf('?');
    const call: FetchCall = {
      method: init?.method ?? 'GET',
      path: q < 0 ? url : url.slice(0, q),
      query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    const handler = routes[`${call.method} ${call.path}`];
    const answer = handler ? handler(call) : new Reply(599, { code: 'internal', title: 'unrouted' });
    const reply = answer instanceof Reply ? answer : new Reply(200, answer);
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'Content-Type': reply.status < 300 ? 'application/json' : 'application/problem+json' },
    });
  });
  return { api: createApiClient({ fetch: fetchFn as unknown as typeof fetch }), calls };
}

/** The routes every messaging screen reads besides its own: the parties directory. */
export const kCommonRoutes: Record<string, FetchHandler> = {
  'GET /api/v1/parties': () => ({ items: kParties }),
};

/** A problem+json reply. */
export function problem(status: number, body: Record<string, unknown> = {}): Reply {
  return new Reply(status, { status, request_id: 'r-1', title: 'problem', ...body });
}

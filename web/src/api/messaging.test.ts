import { describe, expect, it, vi } from 'vitest';
import { createApiClient, kCsrfHeader } from './client';
import {
  acknowledgeMessage,
  directChannelId,
  directParticipants,
  editMessage,
  getChannel,
  getPhrasebook,
  listChannels,
  listMessages,
  markRead,
  normalizePhrasebook,
  postMessage,
  searchMessages,
} from './messaging';

function recordingFetch() {
  const calls: { method: string; url: string; body: unknown; headers: Record<string, string> }[] = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({
      method: init?.method ?? 'GET',
      url: String(input),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      headers: (init?.headers ?? {}) as Record<string, string>,
    });
    return new Response(JSON.stringify({ items: [], next: null }), { status: 200 });
  });
  return { calls, api: createApiClient({ fetch: fetchFn as unknown as typeof fetch }) };
}

describe('messaging calls', () => {
  it('encode channel ids into the path and name the reader language', async () => {
    const { api, calls } = recordingFetch();
    await listChannels(api, 'ar');
    await getChannel(api, 'incident:INC-2026-000001', 'he');
    await listMessages(api, 'desk:PS0101', { limit: 50 }, 'en');
    await listMessages(api, 'desk:PS0101', { cursor: 'c/2', limit: 50 }, 'ar');
    await listMessages(api, 'dm:isf.jenin:pasf.jenin', { after: 41, limit: 200 }, 'he');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/v1/channels?lang=ar',
      'GET /api/v1/channels/incident%3AINC-2026-000001?lang=he',
      'GET /api/v1/channels/desk%3APS0101/messages?limit=50&lang=en',
      'GET /api/v1/channels/desk%3APS0101/messages?limit=50&cursor=c%2F2&lang=ar',
      'GET /api/v1/channels/dm%3Aisf.jenin%3Apasf.jenin/messages?after=41&limit=200&lang=he',
    ]);
  });

  it('post, read, edit, acknowledge and search with the bodies of the contract', async () => {
    const { api, calls } = recordingFetch();
    await postMessage(api, 'coordinator', { text: 'Hello', priority: 'flash' }, 'en');
    await postMessage(api, 'coordinator', { phrase: 'movement_completed', params: { unit: 'DCL Jenin' } }, 'ar');
    await markRead(api, 'coordinator', 44);
    await editMessage(api, 'MSG-2026-000042', 'Fixed', 'he');
    await acknowledgeMessage(api, 'MSG-2026-000042', 'ar');
    await searchMessages(api, { q: 'convoy "road 60"', channel: 'desk:PS0101', limit: 20 }, 'en');
    await searchMessages(api, { q: 'قافلة' }, 'ar');
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['POST', '/api/v1/channels/coordinator/messages?lang=en', { text: 'Hello', priority: 'flash' }],
      ['POST', '/api/v1/channels/coordinator/messages?lang=ar', { phrase: 'movement_completed', params: { unit: 'DCL Jenin' } }],
      ['POST', '/api/v1/channels/coordinator/read', { seq: 44 }],
      ['PATCH', '/api/v1/messages/MSG-2026-000042?lang=he', { text: 'Fixed' }],
      ['POST', '/api/v1/messages/MSG-2026-000042/ack?lang=ar', {}],
      ['GET', '/api/v1/search/messages?q=convoy+%22road+60%22&channel=desk%3APS0101&limit=20&lang=en', undefined],
      ['GET', `/api/v1/search/messages?q=${encodeURIComponent('قافلة')}&lang=ar`, undefined],
    ]);
    for (const c of calls) expect(c.headers[kCsrfHeader]).toBe('1');
  });

  it('read the phrasebook whether its list is called items or phrases', async () => {
    const phrase = { key: 'approved', category: 'decision', params: [], en: 'Approved.', ar: 'تمت الموافقة.', he: 'מאושר.' };
    expect(normalizePhrasebook({ languages: ['en', 'ar', 'he'], items: [phrase] }).items).toEqual([phrase]);
    expect(normalizePhrasebook({ phrases: [phrase, { key: 3 }, null] }).items).toEqual([phrase]);
    expect(normalizePhrasebook('nonsense')).toEqual({ languages: ['en', 'ar', 'he'], items: [] });
    const fetchFn = vi.fn(async () => new Response(JSON.stringify({ items: [{ ...phrase, he: '' }] }), { status: 200 }));
    const book = await getPhrasebook(createApiClient({ fetch: fetchFn as unknown as typeof fetch }));
    expect(book.items[0]?.he).toBe('Approved.');
  });
});

describe('direct conversation ids', () => {
  it('sort the two usernames and read them back', () => {
    expect(directChannelId('pasf.jenin', 'isf.jenin')).toBe('dm:isf.jenin:pasf.jenin');
    expect(directChannelId('isf.jenin', 'pasf.jenin')).toBe('dm:isf.jenin:pasf.jenin');
    expect(directParticipants('dm:isf.jenin:pasf.jenin')).toEqual(['isf.jenin', 'pasf.jenin']);
    expect(directParticipants('desk:PS0101')).toBeNull();
  });
});

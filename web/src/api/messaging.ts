// Wire types and calls of crisis rooms and messaging (docs/messaging.md).
//
// The types mirror the contract field for field; the functions are thin
// wrappers over ApiClient.get/post/patch that build paths and query strings.
// Channel ids hold ':' ("incident:INC-2026-000001"), so every id goes into a
// path percent-encoded. Every call whose reply carries messages names the
// reader's language (`lang`): the client sends no Accept-Language of its own
// and the browser's may differ from the language the console shows, while
// phrases come back rendered in the language asked for. No state; every
// function takes the client so screens and tests inject it.
import type { Language } from '../i18n/languages';
import type { ApiClient } from './client';

export const kChannelKinds = ['incident', 'desk', 'coordinator', 'direct'] as const;
export type ChannelKind = (typeof kChannelKinds)[number];

export const kPriorities = ['routine', 'flash'] as const;
export type Priority = (typeof kPriorities)[number];

/** The longest free text a message may carry. */
export const kMaxTextLength = 4000;
/** The longest a `text` parameter of a phrase may be. */
export const kMaxParamTextLength = 100;
/** The most messages one page may hold. */
export const kMaxMessagePage = 200;
/** The length limits of a search. */
export const kMaxQueryLength = 200;

export interface Channel {
  id: string;
  kind: ChannelKind;
  title: string | null;
  /** The incident of a crisis room. */
  incident: string | null;
  /** The governorate (P-code) of a district desk. */
  district: string | null;
  parties: string[];
  /** The two usernames of a direct conversation. */
  participants: string[] | null;
  last_seq: number | null;
  last_at: string | null;
  /** The caller's read position. */
  read_seq: number;
  /** Other people's messages after the read position. */
  unread: number;
  unacknowledged_flash: number;
}

export interface ChannelList {
  items: Channel[];
  next: string | null;
}

export interface Acknowledgement {
  username: string;
  party: string;
  at: string;
}

/** An earlier text of an edited message: when it was written and when it was replaced. */
export interface MessageEdit {
  text: string;
  at: string;
  replaced_at?: string;
}

export type ParamValue = string | number;

export interface Message {
  id: string;
  channel_id: string;
  seq: number;
  sender: string;
  sender_party: string;
  sender_name: string | null;
  sent_at: string;
  priority: Priority;
  /** Free text as written; null for a phrase. */
  text: string | null;
  phrase: string | null;
  params: Record<string, ParamValue> | null;
  lang: string | null;
  /** The message in the reader's language (free text as written). */
  rendered: string;
  rendered_lang: string | null;
  reply_to: string | null;
  edited: boolean;
  edited_at?: string | null;
  /** Earlier texts, oldest first. */
  edits: MessageEdit[];
  acknowledgements: Acknowledgement[];
  acknowledged_by_me: boolean;
}

export interface MessagePage {
  items: Message[];
  next: string | null;
}

/** A search result: a message with the matching passage. */
export type SearchHit = Message & { snippet: string };

export interface SearchPage {
  items: SearchHit[];
  next: string | null;
}

export const kParamKinds = ['text', 'count', 'time', 'minutes', 'ref'] as const;
export type ParamKind = (typeof kParamKinds)[number];

export interface PhraseParam {
  name: string;
  kind: ParamKind;
}

/** One phrase: its text in each language with {name} placeholders. */
export interface Phrase {
  key: string;
  category: string;
  params: PhraseParam[];
  en: string;
  ar: string;
  he: string;
}

export interface Phrasebook {
  languages: Language[];
  items: Phrase[];
}

interface PostCommon {
  priority?: Priority;
  reply_to?: string;
}

export type TextPost = PostCommon & { text: string };
export type PhrasePost = PostCommon & { phrase: string; params: Record<string, ParamValue> };
export type MessagePost = TextPost | PhrasePost;

export interface MessageQuery {
  limit?: number | undefined;
  cursor?: string | undefined;
  /** Only messages after this seq, oldest first. */
  after?: number | undefined;
}

export interface SearchQuery {
  q: string;
  /** A channel id; all the caller's channels when absent. */
  channel?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** The id of the direct conversation between two users: "dm:" and the two names, sorted. */
export function directChannelId(a: string, b: string): string {
  const [first, second] = [a, b].sort();
  return `dm:${first}:${second}`;
}

/** The two usernames of a direct channel id, or null when it is not one. */
export function directParticipants(channelId: string): [string, string] | null {
  const m = /^dm:([^:]+):([^:]+)$/.exec(channelId);
  return m ? [m[1] as string, m[2] as string] : null;
}

/** "?a=1&b=x" from the values that are set (none: ""). */
export function queryString(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

const channelPath = (id: string) => `/api/v1/channels/${encodeURIComponent(id)}`;
const messagePath = (id: string) => `/api/v1/messages/${encodeURIComponent(id)}`;

export function listChannels(api: ApiClient, lang: Language, signal?: AbortSignal): Promise<ChannelList> {
  return api.get<ChannelList>(`/api/v1/channels${queryString({ lang })}`, signal);
}

export function getChannel(api: ApiClient, id: string, lang: Language, signal?: AbortSignal): Promise<Channel> {
  return api.get<Channel>(`${channelPath(id)}${queryString({ lang })}`, signal);
}

/** History, newest first; with `after`, only newer messages, oldest first. */
export function listMessages(
  api: ApiClient,
  channelId: string,
  query: MessageQuery,
  lang: Language,
  signal?: AbortSignal,
): Promise<MessagePage> {
  const qs = queryString({ after: query.after, limit: query.limit, cursor: query.cursor, lang });
  return api.get<MessagePage>(`${channelPath(channelId)}/messages${qs}`, signal);
}

export function postMessage(api: ApiClient, channelId: string, body: MessagePost, lang: Language): Promise<Message> {
  return api.post<Message>(`${channelPath(channelId)}/messages${queryString({ lang })}`, body);
}

/** Moves the caller's read position forward to `seq` (never back). */
export function markRead(api: ApiClient, channelId: string, seq: number): Promise<{ read_seq: number }> {
  return api.post<{ read_seq: number }>(`${channelPath(channelId)}/read`, { seq });
}

export function editMessage(api: ApiClient, id: string, text: string, lang: Language): Promise<Message> {
  return api.patch<Message>(`${messagePath(id)}${queryString({ lang })}`, { text });
}

export function acknowledgeMessage(api: ApiClient, id: string, lang: Language): Promise<Message> {
  return api.post<Message>(`${messagePath(id)}/ack${queryString({ lang })}`);
}

export function searchMessages(
  api: ApiClient,
  query: SearchQuery,
  lang: Language,
  signal?: AbortSignal,
): Promise<SearchPage> {
  const qs = queryString({ q: query.q, channel: query.channel, limit: query.limit, cursor: query.cursor, lang });
  return api.get<SearchPage>(`/api/v1/search/messages${qs}`, signal);
}

/**
 * The phrasebook as the screens use it: the reply's `items` (or `phrases`,
 * the name data/phrasebook.json gives them), without malformed entries.
 */
export function normalizePhrasebook(v: unknown): Phrasebook {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const list = Array.isArray(o['items']) ? o['items'] : Array.isArray(o['phrases']) ? o['phrases'] : [];
  const items = (list as unknown[]).filter((p): p is Phrase => {
    if (typeof p !== 'object' || p === null) return false;
    const r = p as Record<string, unknown>;
    return typeof r['key'] === 'string' && typeof r['en'] === 'string' && Array.isArray(r['params']);
  });
  const languages: Language[] = Array.isArray(o['languages']) ? (o['languages'] as Language[]) : ['en', 'ar', 'he'];
  return {
    languages,
    items: items.map((p) => ({ ...p, category: p.category || 'other', ar: p.ar || p.en, he: p.he || p.en })),
  };
}

export async function getPhrasebook(api: ApiClient, signal?: AbortSignal): Promise<Phrasebook> {
  return normalizePhrasebook(await api.get<unknown>('/api/v1/phrasebook', signal));
}

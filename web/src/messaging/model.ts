// The messaging screens' rules, kept pure: merging pages of history, which
// stream events concern a channel, the phrasebook (grouping, filling in,
// checking typed parameters), who still owes a FLASH acknowledgement, how
// far the reader has seen, and what a channel is called.
import type { Channel, Message, ParamKind, ParamValue, Phrase, Phrasebook } from '../api/messaging';
import { directParticipants, kMaxParamTextLength } from '../api/messaging';
import type { Me } from '../api/types';
import type { Language } from '../i18n/languages';

/** The stream subject of a channel's events (docs/messaging.md, "Events"). */
export function channelSubject(channelId: string): string {
  return `channel/${channelId}`;
}

/**
 * `incoming` merged into `list`: one entry per id (the incoming copy wins,
 * it is the newer read), oldest first by seq.
 */
export function mergeMessages(list: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return list as Message[];
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** The seq of the newest message shown; 0 when none. */
export function newestSeq(list: readonly Message[]): number {
  return list.reduce((max, m) => Math.max(max, m.seq), 0);
}

/** Roles that may post, edit their own messages and acknowledge (docs/messaging.md). */
export const kMessageWriterRoles: readonly string[] = ['liaison', 'duty', 'commander'];
/** Roles that may read channels: the writers and the auditors. */
export const kMessageReaderRoles: readonly string[] = [...kMessageWriterRoles, 'auditor'];

export function canWriteMessages(me: Me): boolean {
  return me.roles.some((r) => kMessageWriterRoles.includes(r));
}

export function canReadMessages(me: Me): boolean {
  return me.roles.some((r) => kMessageReaderRoles.includes(r));
}

/** May `me` acknowledge this FLASH message? Not their own, and once. */
export function canAcknowledge(message: Message, me: Me): boolean {
  return (
    message.priority === 'flash' &&
    message.sender !== me.username &&
    !message.acknowledged_by_me &&
    canWriteMessages(me)
  );
}

/** May `me` edit this message? Their own free text only. */
export function canEdit(message: Message, me: Me): boolean {
  return message.sender === me.username && message.text !== null && canWriteMessages(me);
}

/**
 * The member parties that have not yet acknowledged a FLASH message: every
 * party of the channel but the sender's, less those with an acknowledgement.
 */
export function pendingParties(message: Message, parties: readonly string[]): string[] {
  const done = new Set(message.acknowledgements.map((a) => a.party));
  return parties.filter((p) => p !== message.sender_party && !done.has(p));
}

/**
 * The highest seq the reader has seen: of the messages (oldest first, each
 * with the bottom edge of its element), those whose bottom is inside the
 * view (at or above `viewBottom`, with a pixel of slack for rounding).
 */
export function seenUpTo(items: readonly { seq: number; bottom: number }[], viewBottom: number): number {
  let seen = 0;
  for (const item of items) {
    if (item.bottom <= viewBottom + 1) seen = Math.max(seen, item.seq);
  }
  return seen;
}

/** A category and its phrases, in the phrasebook's order. */
export interface PhraseCategory {
  category: string;
  phrases: Phrase[];
}

export function phraseCategories(book: Phrasebook | null): PhraseCategory[] {
  const out: PhraseCategory[] = [];
  for (const p of book?.items ?? []) {
    let group = out.find((g) => g.category === p.category);
    if (!group) {
      group = { category: p.category, phrases: [] };
      out.push(group);
    }
    group.phrases.push(p);
  }
  return out;
}

/** The phrase's text in `lang` (English when that language is missing). */
export function phraseTemplate(phrase: Phrase, lang: Language): string {
  return phrase[lang] || phrase.en;
}

/**
 * A phrase template with its {name} placeholders filled from `values`; a
 * placeholder without a value is left as it is, so a preview shows what is
 * still to fill in.
 */
export function fillPhrase(template: string, values: Readonly<Record<string, ParamValue | undefined>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = values[name];
    return v === undefined || v === '' ? whole : String(v);
  });
}

/** i18n key of what is wrong with a parameter's value (under "messaging.param_error."). */
export type ParamError = 'required' | 'too_long' | 'integer' | 'time' | 'ref' | 'choose';

const kTime = /^([01]\d|2[0-3]):[0-5]\d$/;
// A record id such as REQ-2026-000012: letters, a dash, then the number.
const kRef = /^[A-Z]{2,8}-[0-9][0-9-]{0,30}$/;
const kMaxInteger = 1_000_000;

/** A parameter's typed value from what was typed, or what is wrong with it. */
export function parseParam(kind: ParamKind, raw: string): { value: ParamValue } | { error: ParamError } {
  const s = raw.trim();
  if (s === '') return { error: 'required' };
  switch (kind) {
    case 'text':
      return s.length > kMaxParamTextLength ? { error: 'too_long' } : { value: s };
    case 'count':
    case 'minutes': {
      if (!/^\d+$/.test(s)) return { error: 'integer' };
      const n = Number.parseInt(s, 10);
      return n > kMaxInteger ? { error: 'integer' } : { value: n };
    }
    case 'time':
      return kTime.test(s) ? { value: s } : { error: 'time' };
    case 'ref':
      return kRef.test(s.toUpperCase()) ? { value: s.toUpperCase() } : { error: 'ref' };
  }
}

/** Every parameter of a phrase checked: the params to send, or the errors by name. */
export function parsePhraseParams(
  phrase: Phrase,
  raw: Readonly<Record<string, string>>,
): { params: Record<string, ParamValue>; errors: Record<string, ParamError> } {
  const params: Record<string, ParamValue> = {};
  const errors: Record<string, ParamError> = {};
  for (const p of phrase.params) {
    const r = parseParam(p.kind, raw[p.name] ?? '');
    if ('error' in r) errors[p.name] = r.error;
    else params[p.name] = r.value;
  }
  return { params, errors };
}

/** The parameter a problem's JSON Pointer names ("/params/time" -> "time"), or null. */
export function paramOfPointer(pointer: string | undefined): string | null {
  const m = /^\/params\/([^/]+)$/.exec(pointer ?? '');
  return m ? (m[1] as string).replace(/~1/g, '/').replace(/~0/g, '~') : null;
}

/** The other user of a direct conversation, seen by `me` (the first when neither is me). */
export function otherParticipant(channel: Pick<Channel, 'id' | 'participants'>, me: string): string | null {
  const pair = channel.participants ?? directParticipants(channel.id);
  if (!pair || pair.length < 2) return null;
  return pair.find((u) => u !== me) ?? pair[0] ?? null;
}

/** What to call a channel when the server gives it no title, as an i18n key with values. */
export type ChannelName =
  | { kind: 'title'; title: string }
  | { kind: 'key'; key: string; values: Record<string, string> };

/**
 * The channel's name: a crisis room by its incident's title, a desk by its
 * governorate, a direct conversation by the other user (the display name
 * the server gives, else the username), the coordinator's channel by what
 * it is. The server's own titles of desks and of the coordinator's channel
 * are in English only.
 */
export function channelName(channel: Channel, me: string, governorate: (pcode: string) => string): ChannelName {
  switch (channel.kind) {
    case 'direct': {
      // The server titles a conversation with the other user's display name.
      const other = channel.title || otherParticipant(channel, me);
      return other ? { kind: 'key', key: 'messaging.channel.direct_with', values: { user: other } } : fallback(channel);
    }
    case 'desk':
      return channel.district
        ? { kind: 'key', key: 'messaging.channel.desk_of', values: { district: governorate(channel.district) } }
        : fallback(channel);
    case 'coordinator':
      return { kind: 'key', key: 'messaging.channel.coordinator', values: {} };
    case 'incident':
      return fallback(channel);
  }
}

function fallback(channel: Channel): ChannelName {
  return { kind: 'title', title: channel.title || channel.incident || channel.id };
}

/**
 * The username a direct conversation may be started with (the server's
 * identifier rule: a lower-case letter, then a-z, 0-9, '.', '-', '_', '/'),
 * or what is wrong with it.
 */
export function checkDirectUser(raw: string, me: string): { username: string } | { error: 'required' | 'self' | 'invalid' } {
  const username = raw.trim().toLowerCase();
  if (!username) return { error: 'required' };
  if (!/^[a-z][a-z0-9._/-]{0,63}$/.test(username)) return { error: 'invalid' };
  if (username === me.toLowerCase()) return { error: 'self' };
  return { username };
}

/**
 * A search snippet cut into plain and matched parts: the server marks the
 * matched terms with "**" on each side. Unbalanced marks are left as text.
 */
export function snippetParts(snippet: string): { text: string; match: boolean }[] {
  const pieces = snippet.split('**');
  if (pieces.length % 2 === 0) return [{ text: snippet, match: false }];
  return pieces.map((text, i) => ({ text, match: i % 2 === 1 })).filter((p) => p.text !== '');
}

// Formatting for the request screens: dates, deadlines, the datetime-local
// inputs, party names and where a server validation error belongs. Pure.
import type { Party } from '../api/requests';
import type { Language } from '../i18n/languages';

const pad = (n: number) => String(n).padStart(2, '0');

/** A Date as the value of <input type="datetime-local"> in local time ("2026-11-21T08:00"). */
export function toInputValue(date: Date): string {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** A datetime-local value (local time) as RFC 3339 UTC, or null when empty or invalid. */
export function fromInputValue(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A party's name in the language, falling back to English, then its id. */
export function partyName(id: string, parties: readonly Party[], lang: Language): string {
  const p = parties.find((x) => x.id === id);
  if (!p) return id;
  const byLang = { en: p.name_en, ar: p.name_ar, he: p.name_he }[lang];
  return byLang || p.name_en || id;
}

/**
 * Where a problem's JSON Pointer belongs on a form: the longest prefix of
 * the pointer that names a known field ("/movement/vehicles/1/plate" ->
 * "movement.vehicles.1.plate", else "movement.vehicles", else "movement").
 * Null when the pointer names no known field.
 */
export function fieldForPointer(pointer: string | undefined, known: ReadonlySet<string>): string | null {
  if (!pointer || !pointer.startsWith('/')) return null;
  const tokens = pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (let n = tokens.length; n > 0; n--) {
    const key = tokens.slice(0, n).join('.');
    if (known.has(key)) return key;
  }
  return null;
}

/** A value for display: text of a timeline body field, or "" when not a scalar. */
export function scalarText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

/** Body fields of a timeline entry worth showing, in display order. */
export const kTimelineFields = [
  'outcome',
  'reason',
  'conditions',
  'note',
  'text',
  'kind',
  'channel',
  'caller',
  'on_behalf_of',
  'summary',
  'action',
  'stage',
  'due_at',
  'escalate_to',
] as const;
export type TimelineField = (typeof kTimelineFields)[number];

/**
 * The fields of a timeline entry's body to show, as [field, raw value]
 * pairs. A submission's body is the whole request (shown in the page head),
 * so only its channel and caller are picked, and only for a logged call.
 */
export function timelineFields(type: string, body: Record<string, unknown>): [TimelineField, string][] {
  const out: [TimelineField, string][] = [];
  const pick: readonly TimelineField[] = type === 'request.submitted' ? ['channel', 'caller'] : kTimelineFields;
  for (const k of pick) {
    const v = body[k];
    const text = Array.isArray(v) ? v.map(scalarText).filter(Boolean).join(', ') : scalarText(v);
    if (!text || (k === 'channel' && text === 'network')) continue;
    out.push([k, text]);
  }
  return out;
}

// The ticker's event list: newest first, at most kMaxEvents, one entry per
// seq (a reconnect may replay events already shown). Pure.
import type { StreamEvent } from '../api/types';

export const kMaxEvents = 50;

export function addEvent(list: readonly StreamEvent[], event: StreamEvent, max = kMaxEvents): StreamEvent[] {
  if (list.some((e) => e.seq === event.seq)) return list as StreamEvent[];
  const next = [...list, event].sort((a, b) => b.seq - a.seq);
  return next.length > max ? next.slice(0, max) : next;
}

// Event families labelled in an area's translation file (i18n/parts) rather
// than under "ticker.type".
const kAreaLabelPrefixes: Readonly<Record<string, string>> = {
  request: 'duty.event',
  duty: 'duty.event',
  activity: 'deconfliction.event',
  conflict: 'deconfliction.event',
  protected_site: 'deconfliction.event',
  incident: 'incidents.event',
  return: 'returns.event',
  message: 'messaging.event',
};

/**
 * i18n key of an event type: "incident.created" -> "ticker.type.incident_created",
 * "request.overdue" -> "duty.event.request_overdue".
 */
export function eventTypeKey(type: string): string {
  const prefix = kAreaLabelPrefixes[type.split('.')[0] ?? ''] ?? 'ticker.type';
  return `${prefix}.${type.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** Local wall-clock time of an event ("14:05:09"), or the raw value if unreadable. */
export function formatEventTime(at: string, locale: string, timeZone?: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return at;
  const options: Intl.DateTimeFormatOptions = {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  };
  if (timeZone) options.timeZone = timeZone;
  return new Intl.DateTimeFormat(locale, options).format(ms);
}

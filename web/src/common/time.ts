// Deadline countdowns and time formats shared by the request screens and the
// duty desk, built on countdown.ts. Pure: the caller passes "now" (one timer
// per page drives every countdown).
import { formatCountdown } from './countdown';

export interface DeadlineView {
  /** True once the deadline has passed (now at or after due). */
  overdue: boolean;
  /** Time left, or time since the deadline when overdue: m:ss or h:mm:ss. */
  text: string;
  /** Whole seconds left; negative when overdue. */
  seconds: number;
}

/**
 * The countdown to an RFC 3339 deadline at `now` (ms since the epoch), or
 * null when there is no deadline or it is unreadable.
 */
export function deadlineView(dueAt: string | null | undefined, now: number): DeadlineView | null {
  if (!dueAt) return null;
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return null;
  const diffMs = due - now;
  const overdue = diffMs <= 0;
  // Left: round up (0:01 until the last moment). Past: round down, so the
  // first second after the deadline reads "0:00 overdue", not "0:01".
  const seconds = overdue ? 0 - Math.floor(-diffMs / 1000) : Math.ceil(diffMs / 1000);
  return { overdue, text: formatCountdown(Math.abs(seconds)), seconds };
}

/** Local wall-clock "HH:MM" of an RFC 3339 time, or the raw value when it is not one. */
export function formatClock(at: string, locale: string, timeZone?: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(at)) return at;
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return at;
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  if (timeZone) options.timeZone = timeZone;
  return new Intl.DateTimeFormat(locale, options).format(ms);
}

/** Local date and time "21/11/2026, 14:05" of an RFC 3339 time, the raw value, or '' for none. */
export function formatDateTime(at: string | null | undefined, locale: string, timeZone?: string): string {
  if (!at) return '';
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return at;
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
  if (timeZone) options.timeZone = timeZone;
  return new Intl.DateTimeFormat(locale, options).format(ms);
}

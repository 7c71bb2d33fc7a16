// Date formats of the programme screens (vetting, training, allegations).
// Pure. Calendar dates (a course's days, a target's due date, an
// allegation's date received) are YYYY-MM-DD strings with no time zone:
// they are shown as written, never shifted by the reader's zone. Instants
// (a deadline, a clearance's end) are RFC 3339 and shown in the reader's.

const kCalendarDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date or an instant as a local date ("21/11/2026"); the raw value when unreadable, '' for none. */
export function formatDay(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
  const calendar = kCalendarDate.exec(value);
  if (calendar) {
    const ms = Date.UTC(Number(calendar[1]), Number(calendar[2]) - 1, Number(calendar[3]));
    return Number.isNaN(ms) ? value : new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(ms);
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Intl.DateTimeFormat(locale, options).format(ms);
}

/** Today's calendar date in the reader's zone, YYYY-MM-DD. */
export function todayIso(nowMs: number): string {
  const d = new Date(nowMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const m = kCalendarDate.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

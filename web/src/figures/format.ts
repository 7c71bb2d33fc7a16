// Number formatting of the figures page: Latin digits in every language (the
// locales of i18n/languages.ts), units from Intl so no unit strings need
// translating. Pure.

const kMinute = 60;
const kHour = 3600;
const kDay = 86_400;

export type Period = 7 | 30 | 90;
export const kPeriods: readonly Period[] = [7, 30, 90];
export const kDefaultPeriod: Period = 30;
const kDayMs = kDay * 1000;

/** The from/to of "the last `days` days" ending at `now` (ms), as RFC 3339. */
export function periodRange(days: Period, now: number): { from: string; to: string } {
  return { from: new Date(now - days * kDayMs).toISOString(), to: new Date(now).toISOString() };
}

/**
 * A response time in the largest fitting unit: "45 seconds", "12 minutes", "3.5 hours",
 * "2 days"; null (no sample) as an empty string.
 */
export function formatDuration(seconds: number | null, locale: string): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  const s = Math.max(0, seconds);
  let unit: 'second' | 'minute' | 'hour' | 'day';
  let value: number;
  if (s < kMinute) {
    unit = 'second';
    value = Math.round(s);
  } else if (s < kHour) {
    unit = 'minute';
    value = Math.round(s / kMinute);
  } else if (s < kDay) {
    unit = 'hour';
    value = s / kHour;
  } else {
    unit = 'day';
    value = s / kDay;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'long',
    maximumFractionDigits: unit === 'hour' || unit === 'day' ? 1 : 0,
  }).format(value);
}

/** A share 0..1 as a whole percentage; null (no sample) as an empty string. */
export function formatShare(share: number | null, locale: string): string {
  if (share === null || !Number.isFinite(share)) return '';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** A calendar date "21/11/2026" of an RFC 3339 time, or the raw value when unreadable. */
export function formatDate(at: string, locale: string, timeZone?: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return at;
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
  if (timeZone) options.timeZone = timeZone;
  return new Intl.DateTimeFormat(locale, options).format(ms);
}

export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

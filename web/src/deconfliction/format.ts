// Formatting for the deconfliction screens: a time window, a distance, and
// the parts of a conflict pointer ("conflicts with PASF, 21/11/2026, 06:00 –
// 10:00, in Nablus; call the coordinator's duty desk, USSC duty desk, on
// duty ussc.duty"). Pure: the caller passes the language, the locale and,
// in tests, a time zone.
import type { Contact, OtherParty } from '../api/deconfliction';
import type { Party } from '../api/requests';
import { governorateName } from '../common/governorates';
import { formatClock, formatDateTime } from '../common/time';
import type { Language } from '../i18n/languages';
import { partyName } from '../requests/format';

export interface FormatContext {
  language: Language;
  locale: string;
  /** The parties directory, for names in the user's language; may be empty. */
  parties: readonly Party[];
  /** IANA zone; the browser's own when absent. */
  timeZone?: string;
}

function localDate(at: string, locale: string, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
  if (timeZone) options.timeZone = timeZone;
  return new Intl.DateTimeFormat(locale, options).format(Date.parse(at));
}

/**
 * A window as the other screens show times: "21/11/2026, 06:00 – 10:00"
 * when it starts and ends on the same local day, else both dates in full.
 */
export function formatWindow(start: string, end: string, locale: string, timeZone?: string): string {
  const from = formatDateTime(start, locale, timeZone);
  if (Number.isNaN(Date.parse(start)) || Number.isNaN(Date.parse(end))) {
    return `${from} – ${formatDateTime(end, locale, timeZone)}`;
  }
  const sameDay = localDate(start, locale, timeZone) === localDate(end, locale, timeZone);
  return `${from} – ${sameDay ? formatClock(end, locale, timeZone) : formatDateTime(end, locale, timeZone)}`;
}

const kMetresPerKilometre = 1000;

/** "85 m" below a kilometre, "1.2 km" above, as numbers in the locale. */
export function formatDistance(metres: number, locale: string): { value: string; unit: 'm' | 'km' } {
  if (metres < kMetresPerKilometre) {
    return { value: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(metres), unit: 'm' };
  }
  return {
    value: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(metres / kMetresPerKilometre),
    unit: 'km',
  };
}

/** A party's name in the user's language from the directory, else the name the server sent, else its id. */
export function displayPartyName(other: OtherParty, ctx: Pick<FormatContext, 'language' | 'parties'>): string {
  if (ctx.parties.some((p) => p.id === other.party)) return partyName(other.party, ctx.parties, ctx.language);
  return other.name || other.party;
}

/** The fields a pointer is made of, everything a side is told. */
export interface PointerFacts {
  other: OtherParty;
  start: string;
  end: string;
  district: string | null;
  contact: Contact;
}

/** The pointer's parts as text, for the i18n sentences of deconfliction.pointer.*. */
export interface PointerText {
  party: string;
  window: string;
  /** The governorate's name; null when the server gave none. */
  district: string | null;
  /** Which sentence: call the coordinator's desk, or the other party's. */
  contact: Contact['kind'];
  /** The party whose desk to call. */
  contactParty: string;
  desk: string;
  /** The officer on duty at that desk; null when nobody is. */
  onDuty: string | null;
}

export function pointerText(p: PointerFacts, ctx: FormatContext): PointerText {
  const contactParty =
    p.contact.party === p.other.party
      ? displayPartyName(p.other, ctx)
      : displayPartyName({ party: p.contact.party, name: '' }, ctx);
  return {
    party: displayPartyName(p.other, ctx),
    window: formatWindow(p.start, p.end, ctx.locale, ctx.timeZone),
    district: p.district ? governorateName(p.district, ctx.language) : null,
    contact: p.contact.kind,
    contactParty,
    desk: p.contact.desk_name || p.contact.desk,
    onDuty: p.contact.on_duty || null,
  };
}

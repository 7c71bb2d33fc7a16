// Who may do what to an incident, what an incident looks like on screen
// (its severity's colour, its state's tone), and the list's query (docs/
// incidents.md, "Who sees an incident", "States", "Acknowledgements").
// Pure. The server decides; this only chooses what to show and which forms
// to offer, so a stale page may still get a 403 or 409, which the page
// reports.
import type {
  Incident,
  IncidentQuery,
  IncidentState,
  IncidentType,
  Severity,
} from '../api/incidents';
import { canWrite, type Actor } from '../requests/state';

/** The event family of incidents. */
export const kIncidentEvents: readonly string[] = ['incident.'];

/** Liaison, duty and command staff report incidents, for their own party. */
export function canReport(actor: Actor): boolean {
  return canWrite(actor);
}

export function isClosed(i: Pick<Incident, 'state'>): boolean {
  return i.state === 'closed';
}

/** Staff of any party that sees an incident add updates until it is closed. */
export function canUpdate(actor: Actor, i: Pick<Incident, 'state'>): boolean {
  return canWrite(actor) && !isClosed(i);
}

/** The acknowledgement the actor's party still owes, if any. */
export function owedAcknowledgement(actor: Actor, i: Pick<Incident, 'acknowledgements'>) {
  return i.acknowledgements.find((a) => a.party === actor.party && a.acknowledged_at === null) ?? null;
}

/** Staff of a party that must acknowledge, once, while the incident is open. */
export function canAcknowledge(actor: Actor, i: Pick<Incident, 'state' | 'acknowledgements'>): boolean {
  return canWrite(actor) && !isClosed(i) && owedAcknowledgement(actor, i) !== null;
}

/** The reporting party's staff or the coordinator's duty desk close an incident. */
export function canClose(actor: Actor, i: Pick<Incident, 'state' | 'party'>): boolean {
  if (!canWrite(actor) || isClosed(i)) return false;
  return actor.party === i.party || (actor.is_coordinator && actor.roles.includes('duty'));
}

// A ramp from green to a dark red, readable as a border on white and
// distinct from the Oslo areas' fills.
const kSeverityColors: Record<Severity, string> = {
  1: '#2e7d32',
  2: '#9e8600',
  3: '#e65100',
  4: '#c62828',
  5: '#5d0a0a',
};

export function severityColor(severity: number): string {
  return kSeverityColors[Math.min(5, Math.max(1, Math.round(severity))) as Severity];
}

/** A coarse tone for the state badge (the request screens' tones). */
export function stateTone(state: IncidentState): 'bad' | 'waiting' | 'active' | 'closed' {
  switch (state) {
    case 'open':
      return 'bad';
    case 'monitoring':
      return 'waiting';
    case 'de-escalating':
      return 'active';
    case 'closed':
      return 'closed';
  }
}

/** The periods a list or a layer may look back over, on occurred_at. */
export const kPeriods = ['24h', '7d', '30d', '90d'] as const;
export type Period = (typeof kPeriods)[number];

const kHourMs = 3_600_000;
const kPeriodMs: Record<Period, number> = {
  '24h': 24 * kHourMs,
  '7d': 7 * 24 * kHourMs,
  '30d': 30 * 24 * kHourMs,
  '90d': 90 * 24 * kHourMs,
};

/** RFC 3339 (whole seconds) of `ms`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The start of "the last `period`" before `now`, RFC 3339. */
export function periodStart(period: Period, now: number): string {
  return isoSeconds(now - kPeriodMs[period]);
}

export interface IncidentFilters {
  /** A state, "active" (not closed), or "" for all. */
  state: '' | 'active' | IncidentState;
  type: '' | IncidentType;
  /** The least severity shown, "" for all. */
  severity: '' | `${Severity}`;
  /** How far back on occurred_at, "" for all time. */
  period: '' | Period;
}

export const kDefaultIncidentFilters: IncidentFilters = { state: 'active', type: '', severity: '', period: '' };

/** The list query for the filters at `now`. */
export function incidentQueryFor(f: IncidentFilters, now: number, limit: number, cursor?: string): IncidentQuery {
  const q: IncidentQuery = { limit };
  if (f.state) q.state = [f.state];
  if (f.type) q.type = [f.type];
  if (f.severity) q.severity_min = Number(f.severity);
  if (f.period) q.from = periodStart(f.period, now);
  if (cursor) q.cursor = cursor;
  return q;
}

/** Killed and injured in total, or null when nothing was counted. */
export function casualtyTotals(i: Pick<Incident, 'casualties'>): { killed: number; injured: number } | null {
  const c = i.casualties;
  if (!c || (c.killed === 0 && c.injured === 0 && (c.by_side ?? []).length === 0)) return null;
  return { killed: c.killed, injured: c.injured };
}

/** The console page of a linked record (INC-, REQ-, RET-), or null when the console has none. */
export function linkedRecordHref(id: string): string | null {
  const encoded = encodeURIComponent(id);
  if (id.startsWith('INC-')) return `#/incidents/${encoded}`;
  if (id.startsWith('REQ-')) return `#/requests/${encoded}`;
  if (id.startsWith('RET-')) return `#/returns/${encoded}`;
  return null;
}

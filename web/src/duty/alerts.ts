// Which stream events raise a duty alert, for whom, and the list of alerts
// waiting to be seen. Pure: no audio, no DOM, no clock.
//
// Requests (docs/requests.md, "Deadlines" and "Events"):
//  - only users who act on requests (liaison, duty, commander) are alerted;
//    analysts and auditors read the same events without an alarm;
//  - never for an event the user caused themselves;
//  - `request.submitted` with precedence FLASH addressed to the user's party
//    (the user may have to acknowledge within two minutes), and every FLASH
//    for the coordinator, whose duty desk watches every open request;
//  - every `request.overdue` the user receives: the server shares it only
//    with the coordinator and the receiving party, who must chase it.
//
// Incidents (docs/incidents.md, "Acknowledgements"): an `incident.reported`
// or `incident.updated` carrying `"alert": true` (severity 4 or 5) alerts
// duty officers only, of every party the event reaches (the server scopes
// it to the parties involved). It stays up until the officer opens the
// incident.
import type { StreamEvent } from '../api/types';

export type AlertKind = 'incident' | 'flash' | 'overdue';

export interface DutyAlert {
  /** The event's seq; one alert per event. */
  seq: number;
  kind: AlertKind;
  /** The request's id, or the incident's for kind "incident". */
  recordId: string;
  title: string | null;
  /** The stage whose deadline passed (overdue only). */
  stage: string | null;
  /** The incident's severity (incident only), when the event tells it. */
  severity: number | null;
  at: string;
}

/** The user as the decision needs them (a subset of Me). */
export interface AlertViewer {
  username: string;
  party: string;
  roles: readonly string[];
  is_coordinator?: boolean;
}

export const kAlertedRoles: readonly string[] = ['liaison', 'duty', 'commander'];

/** At most this many alerts wait to be seen; older ones drop off. */
export const kMaxPendingAlerts = 20;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (o: Json, k: string): string | null => (typeof o[k] === 'string' && o[k] !== '' ? (o[k] as string) : null);

/** The request inside an event body: the body itself, or its `request` member. */
function requestOf(body: Json): Json {
  return isObject(body['request']) ? body['request'] : body;
}

/** Incident events that may carry `"alert": true`. */
const kIncidentAlertEvents: readonly string[] = ['incident.reported', 'incident.updated'];

/** The severity an incident event states: its own, or the one an update changed to. */
function severityOf(body: Json): number | null {
  const changes = isObject(body['changes']) ? body['changes'] : {};
  const v = body['severity'] ?? changes['severity'];
  return typeof v === 'number' ? v : null;
}

function incidentAlertFor(event: StreamEvent, viewer: AlertViewer): DutyAlert | null {
  if (!viewer.roles.includes('duty') || event.body['alert'] !== true) return null;
  return {
    seq: event.seq,
    kind: 'incident',
    recordId: event.subject || str(event.body, 'id') || '',
    title: str(event.body, 'title'),
    stage: null,
    severity: severityOf(event.body),
    at: event.at,
  };
}

/** The alert `event` raises for `viewer`, or null. */
export function alertFor(event: StreamEvent, viewer: AlertViewer): DutyAlert | null {
  if (!viewer.roles.some((r) => kAlertedRoles.includes(r))) return null;
  if (event.actor !== '' && event.actor === viewer.username) return null;
  if (kIncidentAlertEvents.includes(event.type)) return incidentAlertFor(event, viewer);
  const request = requestOf(event.body);
  const recordId = event.subject || str(request, 'id') || '';
  const base = { seq: event.seq, recordId, title: str(request, 'title'), severity: null, at: event.at };
  switch (event.type) {
    case 'request.submitted':
      if (str(request, 'precedence') !== 'FLASH') return null;
      if (str(request, 'to_party') !== viewer.party && !viewer.is_coordinator) return null;
      return { ...base, kind: 'flash', stage: null };
    case 'request.overdue':
      return { ...base, kind: 'overdue', stage: str(event.body, 'stage') };
    default:
      return null;
  }
}

/** Adds an alert unless its event was already raised; newest first, capped. */
export function raiseAlert(pending: readonly DutyAlert[], alert: DutyAlert, max = kMaxPendingAlerts): DutyAlert[] {
  if (pending.some((a) => a.seq === alert.seq)) return pending as DutyAlert[];
  const next = [alert, ...pending].sort((a, b) => b.seq - a.seq);
  return next.length > max ? next.slice(0, max) : next;
}

export function dismissAlert(pending: readonly DutyAlert[], seq: number): DutyAlert[] {
  return pending.filter((a) => a.seq !== seq);
}

/** The incident alerts about incident `id`: opening the incident sees them all. */
export function incidentAlertsOf(pending: readonly DutyAlert[], id: string): DutyAlert[] {
  return pending.filter((a) => a.kind === 'incident' && a.recordId === id);
}

/** Kinds, loudest first: a grave incident, then FLASH, then an overdue deadline. */
const kLoudness: readonly AlertKind[] = ['incident', 'flash', 'overdue'];

/** The kind to sound for a batch of alerts. */
export function loudest(alerts: readonly DutyAlert[]): AlertKind | null {
  return kLoudness.find((k) => alerts.some((a) => a.kind === k)) ?? null;
}

// Which stream events raise a duty alert, for whom, and the list of alerts
// waiting to be seen. Pure: no audio, no DOM, no clock.
//
// Decision (docs/requests.md, "Deadlines" and "Events"):
//  - only users who act on requests (liaison, duty, commander) are alerted;
//    analysts and auditors read the same events without an alarm;
//  - never for an event the user caused themselves;
//  - `request.submitted` with precedence FLASH addressed to the user's party
//    (the user may have to acknowledge within two minutes), and every FLASH
//    for the coordinator, whose duty desk watches every open request;
//  - every `request.overdue` the user receives: the server shares it only
//    with the coordinator and the receiving party, who must chase it.
import type { StreamEvent } from '../api/types';

export type AlertKind = 'flash' | 'overdue';

export interface DutyAlert {
  /** The event's seq; one alert per event. */
  seq: number;
  kind: AlertKind;
  requestId: string;
  title: string | null;
  /** The stage whose deadline passed (overdue only). */
  stage: string | null;
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

/** The alert `event` raises for `viewer`, or null. */
export function alertFor(event: StreamEvent, viewer: AlertViewer): DutyAlert | null {
  if (!viewer.roles.some((r) => kAlertedRoles.includes(r))) return null;
  if (event.actor !== '' && event.actor === viewer.username) return null;
  const request = requestOf(event.body);
  const requestId = event.subject || str(request, 'id') || '';
  const base = { seq: event.seq, requestId, title: str(request, 'title'), at: event.at };
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

/** The kind to sound for a batch of new alerts: FLASH outranks overdue. */
export function loudest(alerts: readonly DutyAlert[]): AlertKind | null {
  if (alerts.length === 0) return null;
  return alerts.some((a) => a.kind === 'flash') ? 'flash' : 'overdue';
}

// Pure rules of the vetting screens: who reads the queue, who requests and
// who decides (the server's policy, src/authz/policy.cpp, kReadVetting,
// kRequestVetting, kDecideVetting: the console only hides what the server
// would refuse), the queue's order and when a request is overdue.
import { isApiError } from '../api/client';
import type { Me } from '../api/types';
import type { StandingStatus, VettingRequest } from '../api/vetting';

/** Stream events that make vetting pages stale. */
export const kVettingEvents: readonly string[] = ['vetting.'];

/** The expiring list's window, in days (docs/vetting.md, "Expiry"). */
export const kExpiringDays = 30;

/** A clearance's default validity when the officer gives none (the server's default). */
export const kDefaultValidityMonths = 12;

const has = (me: Me, role: string) => me.roles.includes(role);

/** HR of any party; the coordinator's vetting officers and trainers. */
export function canReadVetting(me: Me): boolean {
  return has(me, 'hr') || (me.is_coordinator && (has(me, 'vetting') || has(me, 'trainer')));
}

/** HR (for their own party's subjects); the coordinator's trainers and vetting officers. */
export function canRequestVetting(me: Me): boolean {
  return has(me, 'hr') || (me.is_coordinator && (has(me, 'trainer') || has(me, 'vetting')));
}

/** The party that asked withdraws its pending request; the coordinator any. */
export function canWithdrawVetting(me: Me, r: { submitted_party?: string; state: string }): boolean {
  return r.state === 'pending' && canRequestVetting(me) && (me.is_coordinator || r.submitted_party === me.party);
}

/** Only the coordinator's vetting officers decide. */
export function canDecideVetting(me: Me): boolean {
  return me.is_coordinator && has(me, 'vetting');
}

/** Past its deadline and still waiting for a decision, at `nowMs`. */
export function isOverdue(r: Pick<VettingRequest, 'state' | 'due_at' | 'overdue'>, nowMs: number): boolean {
  if (r.state !== 'pending') return false;
  const due = Date.parse(r.due_at);
  return r.overdue || (!Number.isNaN(due) && due <= nowMs);
}

/**
 * The queue's order: pending requests by deadline (the earliest, so the
 * overdue, first), then the others newest first. Stable; returns a copy.
 */
export function queueOrder<T extends Pick<VettingRequest, 'state' | 'due_at' | 'submitted_at'>>(items: readonly T[]): T[] {
  const time = (s: string) => {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
  };
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const pa = a.item.state === 'pending';
      const pb = b.item.state === 'pending';
      if (pa !== pb) return pa ? -1 : 1;
      const d = pa ? time(a.item.due_at) - time(b.item.due_at) : time(b.item.submitted_at) - time(a.item.submitted_at);
      return d !== 0 && !Number.isNaN(d) ? d : a.index - b.index;
    })
    .map((x) => x.item);
}

/** Whole days from `nowMs` until `until` (negative once past), or null when unreadable. */
export function daysLeft(until: string | null | undefined, nowMs: number): number | null {
  if (!until) return null;
  const ms = Date.parse(until);
  if (Number.isNaN(ms)) return null;
  return Math.floor((ms - nowMs) / 86_400_000);
}

/** The colour of a standing or decision: good, bad or waiting. */
export function standingTone(status: StandingStatus | string): 'good' | 'bad' | 'waiting' | 'closed' {
  switch (status) {
    case 'cleared':
      return 'good';
    case 'denied':
    case 'suspended':
      return 'bad';
    case 'expired':
      return 'waiting';
    default:
      return 'closed';
  }
}

/**
 * True when a failed decision is the server's refusal to clear a person
 * whose unit (or a unit above it) is denied or suspended: a 409 on /status.
 */
export function isUnitBarred(error: unknown): boolean {
  return isApiError(error) && error.status === 409 && error.problem.field === '/status';
}

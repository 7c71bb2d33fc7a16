// Which actions a user may take on a request, from its state, its type and
// the user's party and roles (docs/requests.md, "Who sees a request" and
// "States"). Pure. The server decides; this only chooses which buttons to
// show, so a stale page may still get a 403 or 409, which the page reports.
import type { CallAction, Outcome, RequestRecord, RequestState, RequestType } from '../api/requests';

/** The parts of the signed-in user the rules look at. */
export interface Actor {
  party: string;
  roles: readonly string[];
  is_coordinator: boolean;
}

/** The parts of a request the rules look at. */
export type RequestFacts = Pick<RequestRecord, 'state' | 'type' | 'from_party' | 'to_party'>;

export type RequestAction =
  | 'acknowledge'
  | 'decide'
  | 'start'
  | 'complete'
  | 'withdraw'
  | 'comment'
  | 'log_call';

const kWriterRoles: readonly string[] = ['liaison', 'duty', 'commander'];

const kTerminal: readonly RequestState[] = ['denied', 'completed', 'withdrawn', 'expired'];
const kStartable: readonly RequestState[] = ['approved', 'approved_with_conditions', 'counter_proposed'];
const kWithdrawable: readonly RequestState[] = ['submitted', 'acknowledged', 'counter_proposed'];

/** No further transition is possible. A notification ends with its acknowledgement. */
const kOutcomes: readonly RequestState[] = ['approved', 'approved_with_conditions', 'denied', 'counter_proposed'];

/** Closed: a final state, a notification once acknowledged, an information request once answered. */
export function isTerminal(state: RequestState, type: RequestType): boolean {
  return (
    kTerminal.includes(state) ||
    (type === 'notification' && state === 'acknowledged') ||
    (type === 'information' && kOutcomes.includes(state))
  );
}

export function canWrite(actor: Actor): boolean {
  return actor.roles.some((r) => kWriterRoles.includes(r));
}

export function isDutyOfficer(actor: Actor): boolean {
  return actor.roles.includes('duty');
}

/** The user's party is the requester, the receiver, or the coordinator. */
export function isInvolved(actor: Actor, r: RequestFacts): boolean {
  return actor.is_coordinator || actor.party === r.from_party || actor.party === r.to_party;
}

/**
 * The transition `action` would make on behalf of `party`, if the state
 * allows it ('receiver' acts for acknowledge/decide, 'requester' for the rest).
 */
function stateAllows(action: CallAction, r: RequestFacts): boolean {
  const notification = r.type === 'notification';
  switch (action) {
    case 'note':
      return true;
    case 'acknowledge':
      return r.state === 'submitted';
    case 'decide':
      return r.state === 'acknowledged' && !notification;
    case 'start':
      return kStartable.includes(r.state) && !notification;
    case 'complete':
      return r.state === 'in_progress';
    case 'withdraw':
      return kWithdrawable.includes(r.state) && !isTerminal(r.state, r.type);
  }
}

/** The party that must take `action`: the receiver answers, the requester progresses. */
export function partyFor(action: Exclude<CallAction, 'note'>, r: RequestFacts): string {
  return action === 'acknowledge' || action === 'decide' ? r.to_party : r.from_party;
}

/** The actions the page offers this user, in display order. */
export function availableActions(actor: Actor, r: RequestFacts): RequestAction[] {
  if (!canWrite(actor) || !isInvolved(actor, r)) return [];
  const out: RequestAction[] = [];
  for (const action of ['acknowledge', 'decide', 'start', 'complete', 'withdraw'] as const) {
    if (actor.party === partyFor(action, r) && stateAllows(action, r)) out.push(action);
  }
  out.push('comment');
  if (callActions(actor, r).length > 0) out.push('log_call');
  return out;
}

/**
 * What a duty officer may log from a call: a note, and each transition the
 * state allows that another involved party must take (an officer never logs
 * on behalf of their own party; they act directly).
 */
export function callActions(actor: Actor, r: RequestFacts): CallAction[] {
  if (!isDutyOfficer(actor) || !isInvolved(actor, r)) return [];
  const out: CallAction[] = ['note'];
  for (const action of ['acknowledge', 'decide', 'start', 'complete', 'withdraw'] as const) {
    if (actor.party !== partyFor(action, r) && stateAllows(action, r)) out.push(action);
  }
  return out;
}

/** A coarse tone for the state badge. */
export type StateTone = 'waiting' | 'good' | 'bad' | 'active' | 'closed';

export function stateTone(state: RequestState): StateTone {
  switch (state) {
    case 'submitted':
    case 'acknowledged':
    case 'counter_proposed':
      return 'waiting';
    case 'approved':
    case 'approved_with_conditions':
    case 'completed':
      return 'good';
    case 'denied':
    case 'expired':
      return 'bad';
    case 'in_progress':
      return 'active';
    case 'withdrawn':
      return 'closed';
  }
}

/** The decision field an outcome requires and lacks, or null when complete. */
export function missingDecisionField(
  outcome: Outcome,
  reason: string,
  conditions: string,
): 'reason' | 'conditions' | null {
  switch (outcome) {
    case 'approved':
      return null;
    case 'denied':
      return reason.trim() ? null : 'reason';
    case 'approved_with_conditions':
    case 'counter_proposed':
      return conditions.trim() ? null : 'conditions';
  }
}

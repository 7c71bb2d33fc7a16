// Who may do what in the deconfliction screens, and which view of a conflict
// a reply carries (docs/deconfliction.md, "Disclosure: who sees what").
// Pure. The server decides; this only chooses what to show and which
// buttons to offer, so a stale page may still get a 403 or 409, which the
// page reports.
import type {
  Activity,
  CheckConflict,
  Conflict,
  ConflictFull,
  RecordType,
} from '../api/deconfliction';
import { canWrite, type Actor } from '../requests/state';
import { routeHash } from '../shell/routes';

/** The event families that may change an activity, a conflict or a list of them. */
export const kDeconflictionEvents: readonly string[] = ['activity.', 'conflict.'];

/** The event family of protected sites. */
export const kSiteEvents: readonly string[] = ['protected_site.'];

const kDeskRoles: readonly string[] = ['duty', 'commander'];

/** The coordinator's duty desk: a user of a coordinator party with the duty or commander role. */
export function isCoordinatorDesk(actor: Actor): boolean {
  return actor.is_coordinator && actor.roles.some((r) => kDeskRoles.includes(r));
}

/** Liaison, duty and command staff register and change their own party's activities. */
export function canRegisterActivities(actor: Actor): boolean {
  return canWrite(actor);
}

/** The coordinator's duty desk and administrators register protected sites. */
export function canRegisterSites(actor: Actor): boolean {
  return isCoordinatorDesk(actor) || actor.roles.includes('admin');
}

/** An activity may be changed or cancelled by its own party's staff while it is planned and not over. */
export function canChangeActivity(actor: Actor, a: Pick<Activity, 'party' | 'state' | 'ended'>): boolean {
  return canWrite(actor) && actor.party === a.party && a.state === 'planned' && !a.ended;
}

/**
 * The full view (both sides, the distance) of the coordinator's duty desk.
 * A reply without a `view` is read by its shape, so a pointer is never
 * mistaken for the full view.
 */
export function isFullView(c: Conflict): c is ConflictFull {
  const sides = (c as Partial<ConflictFull>).sides;
  return c.view === 'full' && Array.isArray(sides) && sides.length === 2;
}

/** A dry-run conflict that names the other record (the coordinator's desk sees it). */
export function namesOtherRecord(c: CheckConflict): c is CheckConflict & { ref: string; title: string } {
  return typeof c.ref === 'string' && typeof c.title === 'string';
}

/** A side of the conflict that has not said it has seen it may acknowledge it. */
export function canAcknowledge(actor: Actor, c: Conflict): boolean {
  return (
    c.state !== 'resolved' &&
    canWrite(actor) &&
    c.parties.includes(actor.party) &&
    !c.acknowledged[actor.party]
  );
}

/** The coordinator's duty desk resolves a conflict that is not resolved yet. */
export function canResolve(actor: Actor, c: Conflict): boolean {
  return isCoordinatorDesk(actor) && c.state !== 'resolved';
}

/** The console page of a conflict's record: an activity or a coordination request. */
export function recordHref(ref: string, type: RecordType): string {
  return routeHash(type === 'request' ? { page: 'request', id: ref } : { page: 'activity', id: ref });
}

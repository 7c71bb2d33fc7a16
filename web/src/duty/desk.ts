// Rules about desks the duty page applies before asking the server. Pure.
import type { Desk } from '../api/duty';
import type { Me } from '../api/types';

/** The desk shown first: the user's own, else the first of their party, else the first. */
export function defaultDesk(desks: readonly Desk[], me: Me): string | null {
  return (
    desks.find((d) => d.unit === me.unit)?.unit ??
    desks.find((d) => d.party === me.party)?.unit ??
    desks[0]?.unit ??
    null
  );
}

/** Whether the user may hand this desk over (the server has the last word). */
export function mayHandOver(desk: Desk, me: Me): boolean {
  if (!me.roles.includes('duty')) return false;
  return desk.unit === me.unit || desk.on_duty === me.username || desk.members.some((m) => m.username === me.username);
}

/** Display name of a user on a desk (its members, or who is on duty); the username when unknown. */
export function memberName(desk: Desk | null, username: string): string {
  if (!desk) return username;
  if (username === desk.on_duty && desk.on_duty_name) return desk.on_duty_name;
  return desk.members.find((m) => m.username === username)?.display_name || username;
}

// Pure rules of the allegations register: who reads and who keeps it (the
// server's policy, kReadAllegations and kManageAllegations: the
// coordinator's vetting officers, and its auditors for reading), and the
// status changes the form offers.
import type { AllegationStatus, Allegation } from '../api/allegations';
import type { Me } from '../api/types';

/** Stream events that make the register's pages stale. */
export const kAllegationEvents: readonly string[] = ['allegation.'];

const has = (me: Me, role: string) => me.roles.includes(role);

/** The coordinator's vetting officers and auditors; nobody of another party. */
export function canReadAllegations(me: Me): boolean {
  return me.is_coordinator && (has(me, 'vetting') || has(me, 'auditor'));
}

/** The coordinator's vetting officers. */
export function canManageAllegations(me: Me): boolean {
  return me.is_coordinator && has(me, 'vetting');
}

/**
 * The register's workflow (docs/vetting.md, "Allegations"): a received
 * allegation is reviewed, may be referred to another body, and ends
 * substantiated or not; a substantiated one is remediated; one found not
 * substantiated may be reviewed again on new information.
 */
export const kTransitions: Readonly<Record<AllegationStatus, readonly AllegationStatus[]>> = {
  received: ['under_review', 'referred', 'not_substantiated'],
  under_review: ['referred', 'substantiated', 'not_substantiated'],
  referred: ['under_review', 'substantiated', 'not_substantiated'],
  substantiated: ['remediated'],
  not_substantiated: ['under_review'],
  remediated: [],
};

/** The statuses `a` may move to: the server's list when it sends one, else the workflow's. */
export function allowedTransitions(a: Pick<Allegation, 'status' | 'transitions'>): readonly AllegationStatus[] {
  return a.transitions ?? kTransitions[a.status] ?? [];
}

/** The colour of a status badge. */
export function statusTone(status: AllegationStatus): 'good' | 'bad' | 'waiting' | 'active' | 'closed' {
  switch (status) {
    case 'substantiated':
      return 'bad';
    case 'received':
    case 'referred':
      return 'waiting';
    case 'under_review':
      return 'active';
    case 'remediated':
    case 'not_substantiated':
      return 'closed';
  }
}

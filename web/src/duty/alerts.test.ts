import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../api/types';
import { alertFor, dismissAlert, incidentAlertsOf, loudest, raiseAlert, type AlertViewer, type DutyAlert } from './alerts';

const isfDuty: AlertViewer = { username: 'isf.jenin', party: 'isf', roles: ['liaison', 'duty'] };
const isfCommander: AlertViewer = { username: 'isf.cmd', party: 'isf', roles: ['commander'] };
const isfAnalyst: AlertViewer = { username: 'isf.analyst', party: 'isf', roles: ['analyst'] };
const pasfDuty: AlertViewer = { username: 'pasf.jenin', party: 'pasf', roles: ['duty'] };
const usscDuty: AlertViewer = { username: 'ussc.duty', party: 'ussc', roles: ['duty', 'liaison'], is_coordinator: true };

function event(type: string, body: Record<string, unknown>, actor = 'pasf.jenin'): StreamEvent {
  return { seq: 7, at: '2026-11-21T10:00:00Z', actor, party: 'pasf', type, subject: 'REQ-2026-000007', body };
}

const flashToIsf = event('request.submitted', {
  id: 'REQ-2026-000007',
  precedence: 'FLASH',
  to_party: 'isf',
  from_party: 'pasf',
  title: 'Medevac Jenin',
});
const flashNested = event('request.submitted', { request: { precedence: 'FLASH', to_party: 'isf', title: 'Nested' } });
const priorityToIsf = event('request.submitted', { precedence: 'PRIORITY', to_party: 'isf' });
const overdue = event('request.overdue', { stage: 'acknowledge', due_at: '2026-11-21T10:02:00Z' }, 'system');
const acknowledged = event('request.acknowledged', {}, 'isf.other');
const graveIncident: StreamEvent = {
  ...event('incident.reported', { id: 'INC-2026-000004', severity: 5, title: 'Exchange of fire', alert: true }),
  subject: 'INC-2026-000004',
};
const minorIncident = event('incident.reported', { severity: 2, title: 'Road closed', alert: false });
const raisedIncident = event('incident.updated', { changes: { severity: 4 }, alert: true });
const graveUpdateNoAlert = event('incident.updated', { changes: { state: 'monitoring' } });

describe('alertFor: which events alert whom', () => {
  // [case, event, viewer, expected kind or null]
  const table: [string, StreamEvent, AlertViewer, DutyAlert['kind'] | null][] = [
    ['FLASH to my party alerts the duty officer', flashToIsf, isfDuty, 'flash'],
    ['FLASH to my party alerts a commander', flashToIsf, isfCommander, 'flash'],
    ['FLASH with the request nested in the body', flashNested, isfDuty, 'flash'],
    ['FLASH to my party does not alert an analyst', flashToIsf, isfAnalyst, null],
    ['FLASH to another party does not alert me', flashToIsf, pasfDuty, null],
    ['FLASH between the parties alerts the coordinator desk', flashToIsf, usscDuty, 'flash'],
    ['a ROUTINE request between the parties does not alert the coordinator', event('request.submitted', { ...flashToIsf.body, precedence: 'ROUTINE' }), usscDuty, null],
    ['FLASH I submitted myself (a logged call) does not alert me', event('request.submitted', flashToIsf.body, 'isf.jenin'), isfDuty, null],
    ['PRIORITY to my party does not alert', priorityToIsf, isfDuty, null],
    ['overdue alerts the receiving party', overdue, isfDuty, 'overdue'],
    ['overdue alerts the coordinator', overdue, usscDuty, 'overdue'],
    ['overdue does not alert an analyst', overdue, isfAnalyst, null],
    ['other request events never alert', acknowledged, isfDuty, null],
    ['a duty handover never alerts', event('duty.handover', {}, 'isf.other'), isfDuty, null],
    ['a grave incident alerts a duty officer', graveIncident, isfDuty, 'incident'],
    ['a grave incident alerts the coordinator desk', graveIncident, usscDuty, 'incident'],
    ['a grave incident does not alert a commander without the duty role', graveIncident, isfCommander, null],
    ['a grave incident does not alert an analyst', graveIncident, isfAnalyst, null],
    ['a grave incident I reported myself does not alert me', { ...graveIncident, actor: 'pasf.jenin' }, pasfDuty, null],
    ['a minor incident does not alert', minorIncident, isfDuty, null],
    ['an update that raises the severity to 4 alerts', raisedIncident, isfDuty, 'incident'],
    ['an update without alert does not', graveUpdateNoAlert, isfDuty, null],
  ];
  for (const [name, e, viewer, kind] of table) {
    it(name, () => {
      expect(alertFor(e, viewer)?.kind ?? null).toBe(kind);
    });
  }

  it('carries the request id, title and overdue stage', () => {
    expect(alertFor(flashToIsf, isfDuty)).toEqual({
      seq: 7,
      kind: 'flash',
      recordId: 'REQ-2026-000007',
      title: 'Medevac Jenin',
      stage: null,
      severity: null,
      at: '2026-11-21T10:00:00Z',
    });
    expect(alertFor(overdue, usscDuty)).toMatchObject({ kind: 'overdue', stage: 'acknowledge', title: null });
  });

  it('carries the incident id, title and severity, from an update\'s changes too', () => {
    expect(alertFor(graveIncident, isfDuty)).toMatchObject({
      kind: 'incident',
      recordId: 'INC-2026-000004',
      title: 'Exchange of fire',
      severity: 5,
    });
    expect(alertFor(raisedIncident, isfDuty)).toMatchObject({ kind: 'incident', severity: 4, title: null });
  });
});

describe('pending alerts', () => {
  const a = (seq: number, kind: DutyAlert['kind'] = 'overdue', recordId = `R${seq}`): DutyAlert => ({
    seq,
    kind,
    recordId,
    title: null,
    stage: null,
    severity: null,
    at: '',
  });

  it('raises each event once, newest first, capped', () => {
    let list: DutyAlert[] = [];
    for (const seq of [1, 3, 2, 3]) list = raiseAlert(list, a(seq), 2);
    expect(list.map((x) => x.seq)).toEqual([3, 2]);
  });

  it('dismisses by seq', () => {
    expect(dismissAlert([a(1), a(2)], 1).map((x) => x.seq)).toEqual([2]);
  });

  it('sounds a grave incident over FLASH, and FLASH over overdue', () => {
    expect(loudest([])).toBeNull();
    expect(loudest([a(1)])).toBe('overdue');
    expect(loudest([a(1), a(2, 'flash')])).toBe('flash');
    expect(loudest([a(1), a(2, 'flash'), a(3, 'incident')])).toBe('incident');
  });

  it('finds the incident alerts about one incident', () => {
    const list = [a(1, 'incident', 'INC-1'), a(2, 'incident', 'INC-2'), a(3, 'flash', 'INC-1'), a(4, 'incident', 'INC-1')];
    expect(incidentAlertsOf(list, 'INC-1').map((x) => x.seq)).toEqual([1, 4]);
  });
});

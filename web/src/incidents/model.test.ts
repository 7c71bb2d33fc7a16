import { describe, expect, it } from 'vitest';
import type { Incident } from '../api/incidents';
import {
  canAcknowledge,
  canClose,
  canReport,
  canUpdate,
  casualtyTotals,
  incidentQueryFor,
  kDefaultIncidentFilters,
  linkedRecordHref,
  periodStart,
  severityColor,
} from './model';
import { incident, user } from './testing';

const isf = user('isf', ['liaison', 'duty']);
const pasf = user('pasf', ['liaison']);
const pasfAnalyst = user('pasf', ['analyst']);
const usscDesk = user('ussc', ['duty']);
const usscLiaison = user('ussc', ['liaison']);

describe('who may do what to an incident', () => {
  const open = incident();
  const closed = incident({ state: 'closed' });
  const acked = incident({
    acknowledgements: [
      { party: 'pasf', due_at: '2026-11-21T08:19:03Z', acknowledged_at: '2026-11-21T08:18:00Z', acknowledged_by: 'pasf.nablus', overdue: false },
    ],
  });
  // [case, actor, incident, report, update, acknowledge, close]
  const table: [string, typeof isf, Incident, boolean, boolean, boolean, boolean][] = [
    ['the reporting party updates and closes, owes nothing', isf, open, true, true, false, true],
    ['the other party updates and acknowledges, may not close', pasf, open, true, true, true, false],
    ['an analyst reads only', pasfAnalyst, open, false, false, false, false],
    ['the coordinator desk updates and closes', usscDesk, open, true, true, false, true],
    ['a coordinator liaison officer updates but does not close', usscLiaison, open, true, true, false, false],
    ['once acknowledged, no second acknowledgement', pasf, acked, true, true, false, false],
    ['a closed incident takes nothing more', pasf, closed, true, false, false, false],
    ['a closed incident is not closed twice', isf, closed, true, false, false, false],
  ];
  for (const [name, actor, i, report, update, ack, close] of table) {
    it(name, () => {
      expect([canReport(actor), canUpdate(actor, i), canAcknowledge(actor, i), canClose(actor, i)]).toEqual([
        report,
        update,
        ack,
        close,
      ]);
    });
  }
});

describe('incidentQueryFor', () => {
  const now = Date.parse('2026-11-21T12:00:00Z');
  it('asks for the active incidents by default', () => {
    expect(incidentQueryFor(kDefaultIncidentFilters, now, 50)).toEqual({ state: ['active'], limit: 50 });
  });
  it('turns the filters into the contract parameters', () => {
    expect(incidentQueryFor({ state: '', type: 'riot', severity: '4', period: '24h' }, now, 200, 'c2')).toEqual({
      type: ['riot'],
      severity_min: 4,
      from: '2026-11-20T12:00:00Z',
      limit: 200,
      cursor: 'c2',
    });
  });
  it('reads periods back from now', () => {
    expect(periodStart('7d', now)).toBe('2026-11-14T12:00:00Z');
    expect(periodStart('90d', now)).toBe('2026-08-23T12:00:00Z');
  });
});

describe('display helpers', () => {
  it('colours severities from 1 to 5, clamping the rest', () => {
    const colors = [1, 2, 3, 4, 5].map(severityColor);
    expect(new Set(colors).size).toBe(5);
    expect(severityColor(0)).toBe(colors[0]);
    expect(severityColor(9)).toBe(colors[4]);
  });
  it('counts casualties only when some were reported', () => {
    expect(casualtyTotals(incident())).toEqual({ killed: 0, injured: 3 });
    expect(casualtyTotals(incident({ casualties: null }))).toBeNull();
    expect(casualtyTotals(incident({ casualties: { killed: 0, injured: 0 } }))).toBeNull();
  });
  it('opens the linked records the console has pages for', () => {
    expect(linkedRecordHref('INC-2026-000002')).toBe('#/incidents/INC-2026-000002');
    expect(linkedRecordHref('REQ-2026-000012')).toBe('#/requests/REQ-2026-000012');
    expect(linkedRecordHref('RET-2026-000003')).toBe('#/returns/RET-2026-000003');
    expect(linkedRecordHref('OP-1')).toBeNull();
  });
});

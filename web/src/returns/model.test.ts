import { describe, expect, it } from 'vitest';
import type { AdvanceStage, ReturnCase } from '../api/returns';
import { kHandoverPoints, returnCase, user } from '../incidents/testing';
import {
  advanceFor,
  boardOrder,
  groupByStage,
  isOverdue,
  mayKnowName,
  mayRecordName,
  mayTake,
  nextStage,
  pointGovernorate,
  pointName,
  pointsFor,
} from './model';

const isf = user('isf', ['liaison', 'duty']);
const pasf = user('pasf', ['duty']);
const pasfAnalyst = user('pasf', ['analyst']);
const ussc = user('ussc', ['duty']);
const other = user('nato', ['liaison']);

describe('the stages', () => {
  it('go one at a time, and end with closed', () => {
    expect(nextStage('reported')).toBe('located');
    expect(nextStage('handover_arranged')).toBe('handed_over');
    expect(nextStage('closed')).toBeNull();
  });
});

describe('who takes which stage', () => {
  // Case reported by ISF, held by PASF, received by ISF.
  const held = returnCase();
  const unheld = returnCase({ holding_party: null, holding_unit: null });
  // [case, actor, case, stage, may]
  const table: [string, typeof isf, ReturnCase, AdvanceStage, boolean][] = [
    ['any party of the case locates while nobody holds the person', isf, unheld, 'located', true],
    ['the holding party locates', pasf, held, 'located', true],
    ['the receiving party does not locate once someone holds the person', isf, held, 'located', false],
    ['a party outside the case never locates', other, unheld, 'located', false],
    ['the holding party secures', pasf, held, 'secured', true],
    ['the receiving party does not secure', isf, held, 'secured', false],
    ['the holding party arranges the handover', pasf, held, 'handover_arranged', true],
    ['the receiving party arranges the handover', isf, held, 'handover_arranged', true],
    ['only the receiving party confirms the handover', pasf, held, 'handed_over', false],
    ['the receiving party confirms the handover', isf, held, 'handed_over', true],
    ['the receiving party closes', isf, held, 'closed', true],
    ['the holding party does not close', pasf, held, 'closed', false],
    ['the coordinator takes any stage', ussc, held, 'closed', true],
    ['an analyst takes none', pasfAnalyst, held, 'secured', false],
  ];
  for (const [name, actor, c, stage, may] of table) {
    it(name, () => expect(mayTake(actor, c, stage)).toBe(may));
  }

  it('offers the next stage only to those who take it', () => {
    expect(advanceFor(pasf, returnCase({ stage: 'located' }))).toBe('secured');
    expect(advanceFor(isf, returnCase({ stage: 'located' }))).toBeNull();
    expect(advanceFor(ussc, returnCase({ stage: 'closed' }))).toBeNull();
  });
});

describe('the name', () => {
  it('is shown and corrected only where the server sent it', () => {
    const { name: _name, ...withoutName } = returnCase();
    expect(mayKnowName(withoutName)).toBe(false);
    expect(mayKnowName(returnCase({ name: null }))).toBe(true);
    expect(mayRecordName(pasf, returnCase())).toBe(true);
    expect(mayRecordName(pasf, withoutName)).toBe(false);
    expect(mayRecordName(pasfAnalyst, returnCase())).toBe(false);
    expect(mayRecordName(pasf, returnCase({ stage: 'closed' }))).toBe(false);
  });
});

describe('the board', () => {
  const now = Date.parse('2026-11-21T12:00:00Z');

  it('marks a case overdue by the server or once its limit passed', () => {
    expect(isOverdue(returnCase({ stage_due_at: '2026-11-21T13:00:00Z' }), now)).toBe(false);
    expect(isOverdue(returnCase({ stage_due_at: '2026-11-21T11:59:00Z' }), now)).toBe(true);
    expect(isOverdue(returnCase({ overdue: true, stage_due_at: '2026-11-21T13:00:00Z' }), now)).toBe(true);
    expect(isOverdue(returnCase({ stage: 'closed', overdue: true }), now)).toBe(false);
    expect(isOverdue(returnCase({ stage_due_at: null }), now)).toBe(false);
  });

  it('puts each case in its stage once, overdue first then the longest waiting', () => {
    const a = returnCase({ id: 'A', stage: 'secured', stage_since: '2026-11-21T10:00:00Z', stage_due_at: '2026-11-21T14:00:00Z' });
    const b = returnCase({ id: 'B', stage: 'secured', stage_since: '2026-11-21T09:00:00Z', stage_due_at: '2026-11-21T14:00:00Z' });
    const c = returnCase({ id: 'C', stage: 'secured', stage_since: '2026-11-21T11:00:00Z', overdue: true });
    const d = returnCase({ id: 'D', stage: 'closed' });
    const columns = groupByStage([a, b, c, d, a]);
    expect(columns.secured.map((x) => x.id)).toEqual(['A', 'B', 'C']);
    expect(columns.closed.map((x) => x.id)).toEqual(['D']);
    expect(columns.reported).toEqual([]);
    expect(boardOrder(columns.secured, now).map((x) => x.id)).toEqual(['C', 'B', 'A']);
  });
});

describe('handover points', () => {
  it('offers the points of the case\'s governorate first, by name, in the language', () => {
    const { near, other: rest } = pointsFor(kHandoverPoints, 'PS0101', 'en');
    expect(near.map((p) => p.id)).toEqual(['cp-jalama', 'lp-jenin-dco']);
    expect(rest.map((p) => p.id)).toEqual(['cp-huwwara']);
    expect(pointsFor(kHandoverPoints, null, 'en').near).toEqual([]);
    expect(pointName(kHandoverPoints[0]!, 'ar')).toBe('الجلمة');
    expect(pointName(kHandoverPoints[1]!, 'he')).toBe('Huwwara');
    expect(pointGovernorate(kHandoverPoints[1]!, 'he')).toBe('שכם');
  });
});

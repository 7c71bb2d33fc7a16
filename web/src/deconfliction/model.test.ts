import { describe, expect, it } from 'vitest';
import type { Conflict } from '../api/deconfliction';
import {
  canAcknowledge,
  canChangeActivity,
  canRegisterActivities,
  canRegisterSites,
  canResolve,
  isCoordinatorDesk,
  isFullView,
  namesOtherRecord,
  recordHref,
} from './model';
import { activity, checkResult, fullConflict, pointerConflict, user } from './testing';

const isfLiaison = user('isf', ['liaison'], 'isf.nablus');
const pasfDuty = user('pasf', ['liaison', 'duty'], 'pasf.nablus');
const pasfAnalyst = user('pasf', ['analyst']);
const usscDuty = user('ussc', ['duty', 'liaison'], 'ussc.duty');
const usscLiaison = user('ussc', ['liaison']);
const usscAdmin = user('ussc', ['admin']);

describe('the view of a conflict', () => {
  it('is the full view only when the server says so and sends both sides', () => {
    expect(isFullView(fullConflict())).toBe(true);
    expect(isFullView(pointerConflict())).toBe(false);
  });

  it('never takes a pointer for the full view, whatever it claims', () => {
    const claims = { ...pointerConflict(), view: 'full' } as unknown as Conflict;
    expect(isFullView(claims)).toBe(false);
    const oneSide = { ...fullConflict(), sides: [fullConflict().sides[0]] } as unknown as Conflict;
    expect(isFullView(oneSide)).toBe(false);
  });

  it('tells a dry run that names the other record from a bare pointer', () => {
    const [bare] = checkResult().conflicts;
    expect(namesOtherRecord(bare!)).toBe(false);
    expect(namesOtherRecord({ ...bare!, ref: 'ACT-2026-000001', title: 'Route check', kind: 'patrol' })).toBe(true);
  });
});

describe('who may do what', () => {
  it('the coordinator duty desk is a coordinator user with the duty or commander role', () => {
    expect(isCoordinatorDesk(usscDuty)).toBe(true);
    expect(isCoordinatorDesk(user('ussc', ['commander']))).toBe(true);
    expect(isCoordinatorDesk(usscLiaison)).toBe(false);
    expect(isCoordinatorDesk(pasfDuty)).toBe(false);
  });

  it('liaison, duty and command staff register activities; analysts do not', () => {
    expect(canRegisterActivities(isfLiaison)).toBe(true);
    expect(canRegisterActivities(pasfDuty)).toBe(true);
    expect(canRegisterActivities(pasfAnalyst)).toBe(false);
  });

  it('the coordinator desk and administrators register protected sites', () => {
    expect(canRegisterSites(usscDuty)).toBe(true);
    expect(canRegisterSites(usscAdmin)).toBe(true);
    expect(canRegisterSites(usscLiaison)).toBe(false);
    expect(canRegisterSites(pasfDuty)).toBe(false);
  });

  it('only the owner party changes a planned activity that is not over', () => {
    const a = activity();
    expect(canChangeActivity(isfLiaison, a)).toBe(true);
    expect(canChangeActivity(pasfDuty, a)).toBe(false);
    expect(canChangeActivity(usscDuty, a)).toBe(false);
    expect(canChangeActivity(isfLiaison, { ...a, ended: true })).toBe(false);
    expect(canChangeActivity(isfLiaison, { ...a, state: 'cancelled' })).toBe(false);
    expect(canChangeActivity(user('isf', ['auditor']), a)).toBe(false);
  });

  it('a side acknowledges once; the other side, readers and the coordinator do not', () => {
    const c = pointerConflict();
    expect(canAcknowledge(pasfDuty, c)).toBe(true);
    expect(canAcknowledge(isfLiaison, c)).toBe(false);
    expect(canAcknowledge(pasfAnalyst, c)).toBe(false);
    expect(canAcknowledge(usscDuty, fullConflict())).toBe(false);
    expect(canAcknowledge(pasfDuty, { ...c, state: 'resolved' })).toBe(false);
  });

  it('the coordinator desk resolves what is not resolved', () => {
    expect(canResolve(usscDuty, fullConflict())).toBe(true);
    expect(canResolve(usscDuty, fullConflict({ state: 'acknowledged' }))).toBe(true);
    expect(canResolve(usscDuty, fullConflict({ state: 'resolved' }))).toBe(false);
    expect(canResolve(usscLiaison, fullConflict())).toBe(false);
    expect(canResolve(pasfDuty, pointerConflict())).toBe(false);
  });
});

describe('recordHref', () => {
  it('opens an activity or a request page', () => {
    expect(recordHref('ACT-2026-000001', 'activity')).toBe('#/activities/ACT-2026-000001');
    expect(recordHref('REQ-2026-000007', 'request')).toBe('#/requests/REQ-2026-000007');
  });
});

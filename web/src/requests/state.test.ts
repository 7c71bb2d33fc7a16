import { describe, expect, it } from 'vitest';
import type { RequestState, RequestType } from '../api/requests';
import {
  availableActions,
  callActions,
  isTerminal,
  missingDecisionField,
  type Actor,
  type RequestFacts,
} from './state';

const pasfLiaison: Actor = { party: 'pasf', roles: ['liaison'], is_coordinator: false };
const isfLiaison: Actor = { party: 'isf', roles: ['liaison'], is_coordinator: false };
const isfDuty: Actor = { party: 'isf', roles: ['duty'], is_coordinator: false };
const usscDuty: Actor = { party: 'ussc', roles: ['duty'], is_coordinator: true };
const usscLiaison: Actor = { party: 'ussc', roles: ['liaison'], is_coordinator: true };
const pasfAnalyst: Actor = { party: 'pasf', roles: ['analyst'], is_coordinator: false };
const otherLiaison: Actor = { party: 'jor', roles: ['liaison'], is_coordinator: false };

function req(state: RequestState, type: RequestType = 'movement'): RequestFacts {
  return { state, type, from_party: 'pasf', to_party: 'isf' };
}

describe('availableActions', () => {
  // [actor, state, type, expected]
  const table: [string, Actor, RequestState, RequestType, string[]][] = [
    ['receiver acknowledges a submitted request', isfLiaison, 'submitted', 'movement', ['acknowledge', 'comment']],
    ['requester may withdraw a submitted request', pasfLiaison, 'submitted', 'movement', ['withdraw', 'comment']],
    ['receiver decides an acknowledged request', isfLiaison, 'acknowledged', 'movement', ['decide', 'comment']],
    ['an acknowledged notification is closed', isfLiaison, 'acknowledged', 'notification', ['comment']],
    ['requester cannot withdraw a closed notification', pasfLiaison, 'acknowledged', 'notification', ['comment']],
    ['requester starts an approved request', pasfLiaison, 'approved', 'movement', ['start', 'comment']],
    ['requester starts with conditions', pasfLiaison, 'approved_with_conditions', 'activity', ['start', 'comment']],
    ['requester starts or declines a counter-proposal', pasfLiaison, 'counter_proposed', 'movement', ['start', 'withdraw', 'comment']],
    ['receiver has nothing to do on an approved request', isfLiaison, 'approved', 'movement', ['comment']],
    ['requester completes', pasfLiaison, 'in_progress', 'movement', ['complete', 'comment']],
    ['nothing but comments when denied', pasfLiaison, 'denied', 'movement', ['comment']],
    ['the coordinator never decides for a party', usscLiaison, 'acknowledged', 'movement', ['comment']],
    ['an analyst reads only', pasfAnalyst, 'submitted', 'movement', []],
    ['an uninvolved party gets nothing', otherLiaison, 'submitted', 'movement', []],
    ['a receiving duty officer acknowledges and may log the requester\'s call', isfDuty, 'submitted', 'movement', ['acknowledge', 'comment', 'log_call']],
    ['the coordinator\'s duty officer logs calls', usscDuty, 'acknowledged', 'movement', ['comment', 'log_call']],
  ];
  for (const [name, actor, state, type, expected] of table) {
    it(name, () => {
      expect(availableActions(actor, req(state, type))).toEqual(expected);
    });
  }
});

describe('callActions', () => {
  it('lets the coordinator log either side\'s transitions', () => {
    expect(callActions(usscDuty, req('submitted'))).toEqual(['note', 'acknowledge', 'withdraw']);
    expect(callActions(usscDuty, req('acknowledged'))).toEqual(['note', 'decide', 'withdraw']);
    expect(callActions(usscDuty, req('in_progress'))).toEqual(['note', 'complete']);
  });

  it('never lets a party log on its own behalf', () => {
    // isf answers; it may only log the requester's steps.
    expect(callActions(isfDuty, req('acknowledged'))).toEqual(['note', 'withdraw']);
    expect(callActions(isfDuty, req('approved'))).toEqual(['note', 'start']);
  });

  it('is empty without the duty role', () => {
    expect(callActions(isfLiaison, req('submitted'))).toEqual([]);
  });

  it('offers no decision on a notification', () => {
    expect(callActions(usscDuty, req('acknowledged', 'notification'))).toEqual(['note']);
  });
});

describe('isTerminal', () => {
  it('knows the terminal states', () => {
    expect(isTerminal('denied', 'movement')).toBe(true);
    expect(isTerminal('expired', 'movement')).toBe(true);
    expect(isTerminal('acknowledged', 'movement')).toBe(false);
    expect(isTerminal('acknowledged', 'notification')).toBe(true);
    expect(isTerminal('counter_proposed', 'movement')).toBe(false);
    expect(isTerminal('approved', 'information')).toBe(true);
    expect(isTerminal('approved', 'movement')).toBe(false);
    expect(isTerminal('acknowledged', 'information')).toBe(false);
  });
});

describe('missingDecisionField', () => {
  it('requires a reason to deny and conditions to approve with conditions or counter-propose', () => {
    expect(missingDecisionField('approved', '', '')).toBeNull();
    expect(missingDecisionField('denied', ' ', '')).toBe('reason');
    expect(missingDecisionField('denied', 'no', '')).toBeNull();
    expect(missingDecisionField('approved_with_conditions', 'x', '')).toBe('conditions');
    expect(missingDecisionField('counter_proposed', '', 'after 10:00')).toBeNull();
  });
});

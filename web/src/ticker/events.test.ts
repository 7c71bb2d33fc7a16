import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../api/types';
import dutyAr from '../i18n/parts/duty.ar.json';
import dutyEn from '../i18n/parts/duty.en.json';
import dutyHe from '../i18n/parts/duty.he.json';
import incidentsEn from '../i18n/parts/incidents.en.json';
import incidentsAr from '../i18n/parts/incidents.ar.json';
import incidentsHe from '../i18n/parts/incidents.he.json';
import returnsEn from '../i18n/parts/returns.en.json';
import returnsAr from '../i18n/parts/returns.ar.json';
import returnsHe from '../i18n/parts/returns.he.json';
import { addEvent, eventTypeKey, formatEventTime } from './events';

const ev = (seq: number): StreamEvent => ({
  seq,
  at: '2026-11-21T10:00:00Z',
  actor: 'a',
  party: 'p',
  type: 'user.created',
  subject: 's',
  body: {},
});

describe('addEvent', () => {
  it('keeps newest first, drops duplicates and caps the list', () => {
    let list: StreamEvent[] = [];
    for (const seq of [1, 3, 2, 3, 4]) list = addEvent(list, ev(seq), 3);
    expect(list.map((e) => e.seq)).toEqual([4, 3, 2]);
  });
});

describe('eventTypeKey', () => {
  it('turns dotted types into flat keys', () => {
    expect(eventTypeKey('user.totp_enabled')).toBe('ticker.type.user_totp_enabled');
    expect(eventTypeKey('weird type/x')).toBe('ticker.type.weird_type_x');
  });
  it('labels request and duty events from the duty area file, in every language', () => {
    expect(eventTypeKey('request.overdue')).toBe('duty.event.request_overdue');
    expect(eventTypeKey('duty.handover')).toBe('duty.event.duty_handover');
    expect(eventTypeKey('requester.x')).toBe('ticker.type.requester_x');
    for (const type of ['request.submitted', 'request.call_logged', 'duty.handover']) {
      const [, group, name] = eventTypeKey(type).split('.') as [string, string, string];
      for (const tree of [dutyEn, dutyAr, dutyHe]) {
        expect((tree.duty as unknown as Record<string, Record<string, string>>)[group]?.[name]).toBeTruthy();
      }
    }
  });
  it('labels incident and return events from their area files, in every language', () => {
    const areas = {
      incidents: [incidentsEn, incidentsAr, incidentsHe],
      returns: [returnsEn, returnsAr, returnsHe],
    } as const;
    for (const type of [
      'incident.reported', 'incident.updated', 'incident.acknowledged', 'incident.ack_overdue',
      'incident.closed', 'return.reported', 'return.advanced', 'return.name_recorded',
      'return.overdue',
    ]) {
      const [area, group, name] = eventTypeKey(type).split('.') as [keyof typeof areas, string, string];
      expect(areas[area]).toBeDefined();
      for (const tree of areas[area]) {
        const root = (tree as unknown as Record<string, Record<string, Record<string, string>>>)[area];
        expect(root?.[group]?.[name]).toBeTruthy();
      }
    }
  });
});

describe('formatEventTime', () => {
  it('formats a 24-hour clock with Latin digits, also in Arabic', () => {
    expect(formatEventTime('2026-11-21T14:05:09Z', 'en-GB', 'UTC')).toBe('14:05:09');
    expect(formatEventTime('2026-11-21T14:05:09Z', 'ar-u-nu-latn', 'UTC')).toBe('14:05:09');
  });
  it('returns an unreadable value unchanged', () => {
    expect(formatEventTime('yesterday', 'en-GB')).toBe('yesterday');
  });
});

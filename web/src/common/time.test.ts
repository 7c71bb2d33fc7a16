import { describe, expect, it } from 'vitest';
import { deadlineView, formatClock, formatDateTime } from './time';

const due = '2026-11-21T10:00:00Z';
const at = (iso: string) => Date.parse(iso);

describe('deadlineView', () => {
  it('counts down m:ss and h:mm:ss, rounding up', () => {
    expect(deadlineView(due, at('2026-11-21T09:58:30Z'))).toEqual({ overdue: false, text: '1:30', seconds: 90 });
    expect(deadlineView(due, at('2026-11-21T09:59:59.200Z'))).toEqual({ overdue: false, text: '0:01', seconds: 1 });
    expect(deadlineView(due, at('2026-11-21T07:59:55Z'))?.text).toBe('2:00:05');
    expect(deadlineView(due, at('2026-11-20T08:00:00Z'))?.text).toBe('26:00:00');
  });

  it('is overdue from the deadline on and counts up', () => {
    expect(deadlineView(due, at(due))).toEqual({ overdue: true, text: '0:00', seconds: 0 });
    expect(deadlineView(due, at('2026-11-21T10:00:00.900Z'))?.text).toBe('0:00');
    expect(deadlineView(due, at('2026-11-21T10:03:05Z'))).toEqual({ overdue: true, text: '3:05', seconds: -185 });
  });

  it('has no view without a readable deadline', () => {
    expect(deadlineView(null, 0)).toBeNull();
    expect(deadlineView('soon', 0)).toBeNull();
  });
});

describe('formatClock and formatDateTime', () => {
  it('format RFC 3339 times with Latin digits, also in Arabic', () => {
    expect(formatClock('2026-11-21T04:00:00Z', 'ar-u-nu-latn', 'UTC')).toBe('04:00');
    expect(formatDateTime('2026-11-21T14:05:00Z', 'en-GB', 'UTC')).toBe('21/11/2026, 14:05');
  });

  it('return a wall-clock or unreadable value unchanged', () => {
    expect(formatClock('04:00', 'en-GB')).toBe('04:00');
    expect(formatDateTime('later', 'en-GB')).toBe('later');
  });
});

describe('deadlineView (request screens)', () => {
  const at = '2026-11-21T08:00:00Z';
  const ms = Date.parse(at);

  it('counts down to the deadline', () => {
    expect(deadlineView(at, ms - 90_000)).toEqual({ overdue: false, seconds: 90, text: '1:30' });
  });

  it('counts up once overdue', () => {
    const v = deadlineView(at, ms + 3_725_000);
    expect(v?.overdue).toBe(true);
    expect(v?.text).toBe('1:02:05');
  });

  it('is overdue at the deadline itself, and null for junk', () => {
    expect(deadlineView(at, ms)?.overdue).toBe(true);
    expect(deadlineView('soon', ms)).toBeNull();
  });
});

describe('formatDateTime without a time', () => {
  it('formats in the given zone with a 24-hour clock', () => {
    expect(formatDateTime('2026-11-21T14:05:00Z', 'en-GB', 'UTC')).toBe('21/11/2026, 14:05');
    expect(formatDateTime(null, 'en-GB')).toBe('');
    expect(formatDateTime('later', 'en-GB')).toBe('later');
  });
});

import { describe, expect, it } from 'vitest';
import { latestEventSeq } from './events';

const events = [
  { seq: 12, type: 'activity.changed', subject: 'ACT-2026-000002' },
  { seq: 11, type: 'conflict.detected', subject: 'CFL-2026-000001' },
  { seq: 10, type: 'request.submitted', subject: 'REQ-2026-000001' },
  { seq: 9, type: 'session.opened', subject: 'pasf.jenin' },
];

describe('latestEventSeq', () => {
  it('takes the highest seq among the families named', () => {
    expect(latestEventSeq(events, ['request.'])).toBe(10);
    expect(latestEventSeq(events, ['conflict.', 'activity.'])).toBe(12);
    expect(latestEventSeq(events, ['incident.'])).toBe(0);
  });

  it('narrows to one subject when given', () => {
    expect(latestEventSeq(events, ['conflict.', 'activity.'], 'CFL-2026-000001')).toBe(11);
    expect(latestEventSeq(events, ['request.'], 'REQ-2026-000009')).toBe(0);
  });

  it('does not mistake a family for a longer one', () => {
    expect(latestEventSeq([{ seq: 3, type: 'activityx.y', subject: 's' }], ['activity.'])).toBe(0);
  });
});

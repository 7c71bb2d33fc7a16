import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../api/duty';
import type { Precedence, RequestRecord } from '../api/requests';
import type { StreamEvent } from '../api/types';
import { affectsQueue, affectsRoster, latestSeq, overdueCount, queueRows } from './queue';

function item(id: string, dueAt: string | null, precedence: Precedence = 'ROUTINE', overdue = false): QueueItem {
  return {
    request: { id, precedence, title: id, from_party: 'pasf', to_party: 'isf' } as RequestRecord,
    stage: 'acknowledge',
    due_at: dueAt,
    overdue,
    action_party: 'isf',
  };
}

const now = Date.parse('2026-11-21T10:00:00Z');

describe('queueRows', () => {
  it('orders by deadline, items without one last', () => {
    const rows = queueRows(
      [
        item('c', '2026-11-21T12:00:00Z'),
        item('none', null),
        item('a', '2026-11-21T09:00:00Z'),
        item('b', '2026-11-21T10:30:00Z'),
      ],
      now,
    );
    expect(rows.map((r) => r.item.request.id)).toEqual(['a', 'b', 'c', 'none']);
  });

  it('breaks ties by precedence, then id', () => {
    const t = '2026-11-21T11:00:00Z';
    const rows = queueRows([item('r2', t), item('f', t, 'FLASH'), item('r1', t), item('i', t, 'IMMEDIATE')], now);
    expect(rows.map((r) => r.item.request.id)).toEqual(['f', 'i', 'r1', 'r2']);
  });

  it('marks overdue by the clock or by the server', () => {
    const rows = queueRows(
      [
        item('past', '2026-11-21T09:59:59Z'),
        item('exact', '2026-11-21T10:00:00Z'),
        item('future', '2026-11-21T10:00:01Z'),
        item('server-says', '2026-11-21T10:05:00Z', 'ROUTINE', true),
        item('none', null),
      ],
      now,
    );
    expect(Object.fromEntries(rows.map((r) => [r.item.request.id, r.overdue]))).toEqual({
      past: true,
      exact: true,
      future: false,
      'server-says': true,
      none: false,
    });
    expect(overdueCount(rows)).toBe(3);
  });

  it('re-marks as the clock moves', () => {
    const items = [item('x', '2026-11-21T10:00:05Z')];
    expect(queueRows(items, now)[0]?.overdue).toBe(false);
    expect(queueRows(items, now + 5_000)[0]?.overdue).toBe(true);
  });
});

describe('reload triggers', () => {
  const ev = (seq: number, type: string): StreamEvent => ({
    seq,
    at: '',
    actor: '',
    party: '',
    type,
    subject: '',
    body: {},
  });

  it('keys the queue on the newest request event and the roster on handovers', () => {
    const events = [ev(9, 'user.created'), ev(8, 'duty.handover'), ev(7, 'request.overdue'), ev(3, 'request.submitted')];
    expect(latestSeq(events, affectsQueue)).toBe(7);
    expect(latestSeq(events, affectsRoster)).toBe(8);
    expect(latestSeq([], affectsQueue)).toBe(0);
    expect(affectsQueue('requests.x')).toBe(false);
    expect(affectsQueue('incident.created')).toBe(false);
  });
});

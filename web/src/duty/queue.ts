// The desk queue as the page shows it: ordered by deadline, overdue items
// marked against the page's clock, and which stream events make it stale.
// Pure.
import type { QueueItem } from '../api/duty';
import { kPrecedences } from '../api/requests';
import type { StreamEvent } from '../api/types';

export interface QueueRow {
  item: QueueItem;
  /** Due time in ms since the epoch; null when the item has no deadline. */
  due: number | null;
  /** Overdue by the server's account or by the page's clock. */
  overdue: boolean;
}

function dueMs(item: QueueItem): number | null {
  if (!item.due_at) return null;
  const ms = Date.parse(item.due_at);
  return Number.isNaN(ms) ? null : ms;
}

function precedenceRank(item: QueueItem): number {
  // Higher precedence first on equal deadlines; unknown values last.
  const i = kPrecedences.indexOf(item.request.precedence);
  return i < 0 ? kPrecedences.length : kPrecedences.length - 1 - i;
}

/**
 * The rows of the queue at `now`: earliest deadline first, items without one
 * last; equal deadlines by precedence (FLASH first), then by request id so the
 * order is stable between refreshes.
 */
export function queueRows(items: readonly QueueItem[], now: number): QueueRow[] {
  const rows = items.map((item) => {
    const due = dueMs(item);
    return { item, due, overdue: item.overdue || (due !== null && due <= now) };
  });
  return rows.sort((a, b) => {
    if (a.due !== b.due) {
      if (a.due === null) return 1;
      if (b.due === null) return -1;
      return a.due - b.due;
    }
    const p = precedenceRank(a.item) - precedenceRank(b.item);
    if (p !== 0) return p;
    return a.item.request.id < b.item.request.id ? -1 : a.item.request.id > b.item.request.id ? 1 : 0;
  });
}

export function overdueCount(rows: readonly QueueRow[]): number {
  return rows.filter((r) => r.overdue).length;
}

/** Events after which the queue may have changed: every request event. */
export function affectsQueue(type: string): boolean {
  return type.startsWith('request.');
}

/** Events after which the roster and the handover history may have changed. */
export function affectsRoster(type: string): boolean {
  return type === 'duty.handover';
}

/**
 * The highest seq among `events` whose type passes `test`, or 0. A page keys
 * its reload on this value: it changes exactly when such an event arrives.
 */
export function latestSeq(events: readonly StreamEvent[], test: (type: string) => boolean): number {
  let max = 0;
  for (const e of events) if (e.seq > max && test(e.type)) max = e.seq;
  return max;
}

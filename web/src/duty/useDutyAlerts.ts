// Turns the shell's stream events into duty alerts for the signed-in user:
// raises each alert once, beeps, repeats the beep while anything waits to be
// seen, and remembers what was seen for the browser tab (sessionStorage) so
// navigating away and back does not raise it again.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StreamEvent } from '../api/types';
import { alertFor, dismissAlert, loudest, raiseAlert, type AlertViewer, type DutyAlert } from './alerts';
import { createBeeper, type Beeper } from './beep';

/** A reminder beep this often while an alert waits to be seen. */
export const kReminderMs = 60_000;
/** Seen event seqs kept per user; older ones are forgotten (their events are long gone). */
export const kMaxSeen = 200;
const kSeenKeyPrefix = 'liaison.duty.alerts_seen.';

export type SeenStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface DutyAlertsOptions {
  /** Injected for tests; defaults to WebAudio. */
  beeper?: Beeper;
  /** Injected for tests; defaults to sessionStorage (null: remember nothing). */
  storage?: SeenStorage | null;
  reminderMs?: number;
}

export interface DutyAlertsView {
  pending: DutyAlert[];
  /** Marks alerts seen: they leave the banner and are not raised again. */
  dismiss(...seqs: number[]): void;
}

function defaultStorage(): SeenStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled by policy
  }
}

export function readSeen(storage: SeenStorage | null, username: string): Set<number> {
  try {
    const raw = storage?.getItem(kSeenKeyPrefix + username);
    const list: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(list) ? list.filter((n): n is number => typeof n === 'number') : []);
  } catch {
    return new Set();
  }
}

export function writeSeen(storage: SeenStorage | null, username: string, seen: ReadonlySet<number>): void {
  try {
    const list = [...seen].sort((a, b) => a - b).slice(-kMaxSeen);
    storage?.setItem(kSeenKeyPrefix + username, JSON.stringify(list));
  } catch {
    // Not remembering is acceptable: a seen alert may show again after a reload.
  }
}

export function useDutyAlerts(
  events: readonly StreamEvent[],
  viewer: AlertViewer,
  options: DutyAlertsOptions = {},
): DutyAlertsView {
  const [beeper] = useState<Beeper>(() => options.beeper ?? createBeeper());
  const [storage] = useState<SeenStorage | null>(() =>
    options.storage === undefined ? defaultStorage() : options.storage,
  );
  const reminderMs = options.reminderMs ?? kReminderMs;
  const seenRef = useRef<Set<number> | null>(null);
  seenRef.current ??= readSeen(storage, viewer.username);
  const processedRef = useRef(0);
  const viewerRef = useRef(viewer);
  viewerRef.current = viewer;
  const [pending, setPending] = useState<DutyAlert[]>([]);

  useEffect(() => {
    const seen = seenRef.current ?? new Set<number>();
    const fresh: DutyAlert[] = [];
    let max = processedRef.current;
    for (const e of events) {
      if (e.seq <= processedRef.current) continue;
      max = Math.max(max, e.seq);
      const alert = alertFor(e, viewerRef.current);
      if (alert && !seen.has(alert.seq)) fresh.push(alert);
    }
    processedRef.current = max;
    if (fresh.length === 0) return;
    setPending((list) => fresh.reduce((acc, a) => raiseAlert(acc, a), list));
    const kind = loudest(fresh);
    if (kind) beeper.beep(kind);
  }, [events, beeper]);

  const waiting = loudest(pending);
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(() => beeper.beep(waiting), reminderMs);
    return () => window.clearInterval(timer);
  }, [waiting, beeper, reminderMs]);

  // Browsers start audio suspended until the user interacts with the page.
  useEffect(() => {
    const unlock = () => beeper.unlock();
    document.addEventListener('pointerdown', unlock);
    document.addEventListener('keydown', unlock);
    return () => {
      document.removeEventListener('pointerdown', unlock);
      document.removeEventListener('keydown', unlock);
    };
  }, [beeper]);

  const username = viewer.username;
  const dismiss = useCallback(
    (...seqs: number[]) => {
      if (seqs.length === 0) return;
      const seen = seenRef.current ?? new Set<number>();
      for (const seq of seqs) seen.add(seq);
      writeSeen(storage, username, seen);
      setPending((list) => seqs.reduce(dismissAlert, list));
    },
    [storage, username],
  );

  return { pending, dismiss };
}

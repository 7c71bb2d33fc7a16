// Moves the reader's position in a channel forward as messages are seen.
// What is seen is measured when the history changes, when the log scrolls
// (once it rests) and when the page becomes visible again: the newest
// message whose bottom edge is inside the log's view. The position is sent
// a moment later (POST /channels/{id}/read), one call at a time, and at
// once when the chat closes, so that leaving right after a message arrives
// still counts it as read. Never backwards; nothing while the page is
// hidden or before the channel's own position is known.
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { markRead } from '../api/messaging';
import { useApi } from '../app/context';
import { seenUpTo } from './model';

/** How long the position waits before it is sent (more messages may be seen meanwhile). */
export const kReadDelayMs = 400;
/** How long the log must rest after a scroll before it is measured. */
const kScrollRestMs = 150;

/**
 * `readSeq`: the channel's read position from the server, null until known.
 * `version`: changes when the messages shown change. Returns the handler
 * for the log's scroll events.
 */
export function useReadPosition(
  channelId: string,
  readSeq: number | null,
  logRef: RefObject<HTMLElement | null>,
  version: unknown,
): () => void {
  const api = useApi();
  /** The position the server has (or is being sent). */
  const position = useRef(0);
  /** The newest message seen, not yet sent. */
  const pending = useRef(0);
  /** The channel the refs describe; null between two channels. */
  const shownChannel = useRef<string | null>(channelId);
  const inFlight = useRef(false);
  const sendTimer = useRef<number | null>(null);
  const scrollTimer = useRef<number | null>(null);
  if (readSeq !== null && shownChannel.current === channelId) {
    position.current = Math.max(position.current, readSeq);
  }
  const known = readSeq !== null;

  const send = useCallback(() => {
    sendTimer.current = null;
    const seq = pending.current;
    if (seq <= position.current || inFlight.current) return;
    const before = position.current;
    position.current = seq;
    inFlight.current = true;
    markRead(api, channelId, seq)
      .then((r) => {
        if (shownChannel.current === channelId) position.current = Math.max(position.current, r.read_seq);
      })
      .catch(() => {
        // Sent again with the next message or scroll.
        if (shownChannel.current === channelId && position.current === seq) position.current = before;
      })
      .finally(() => {
        inFlight.current = false;
      });
  }, [api, channelId]);

  const measure = useCallback(() => {
    const log = logRef.current;
    if (!known || !log || document.visibilityState === 'hidden') return;
    const viewBottom = log.getBoundingClientRect().bottom;
    const items = Array.from(log.querySelectorAll<HTMLElement>('[data-testid="message"][data-seq]')).map((el) => ({
      seq: Number(el.dataset['seq']),
      bottom: el.getBoundingClientRect().bottom,
    }));
    const seen = seenUpTo(items, viewBottom);
    if (seen <= Math.max(position.current, pending.current)) return;
    pending.current = seen;
    if (sendTimer.current === null) sendTimer.current = window.setTimeout(send, kReadDelayMs);
  }, [known, logRef, send]);

  useEffect(() => {
    measure();
  }, [version, measure]);

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') measure();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [measure]);

  // On leaving the chat (or showing another channel in it), what was seen
  // is sent now, and the next channel starts from nothing.
  useEffect(() => {
    shownChannel.current = channelId;
    return () => {
      if (sendTimer.current !== null) window.clearTimeout(sendTimer.current);
      if (scrollTimer.current !== null) window.clearTimeout(scrollTimer.current);
      sendTimer.current = null;
      scrollTimer.current = null;
      if (pending.current > position.current) {
        void markRead(api, channelId, pending.current).catch(() => undefined);
      }
      shownChannel.current = null;
      position.current = 0;
      pending.current = 0;
    };
  }, [api, channelId]);

  return useCallback(() => {
    if (scrollTimer.current !== null) window.clearTimeout(scrollTimer.current);
    scrollTimer.current = window.setTimeout(() => {
      scrollTimer.current = null;
      measure();
    }, kScrollRestMs);
  }, [measure]);
}

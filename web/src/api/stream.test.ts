import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  defaultStreamUrl,
  EventStream,
  kBackoffMaxMs,
  parseFrame,
  type SocketLike,
  type StreamState,
} from './stream';
import type { StreamEvent } from './types';

class FakeSocket implements SocketLike {
  onopen: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  closed: number | null = null;
  constructor(readonly url: string) {}
  close(code?: number) {
    this.closed = code ?? 1000;
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }
  serverClose(code: number) {
    this.onclose?.({ code } as CloseEvent);
  }
}

function harness() {
  const sockets: FakeSocket[] = [];
  const states: StreamState[] = [];
  const events: StreamEvent[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const stream = new EventStream(
    { onState: (s) => states.push(s), onEvent: (e) => events.push(e) },
    {
      url: 'ws://console.test/api/v1/stream',
      createSocket: (u) => {
        const s = new FakeSocket(u);
        sockets.push(s);
        return s;
      },
      random: () => 0.5,
      now: () => 1_000,
      setTimer: (fn, ms) => {
        timers.push({ fn, ms });
        return timers.length;
      },
      clearTimer: () => undefined,
    },
  );
  return { stream, sockets, states, events, timers };
}

const event = { seq: 7, at: '2026-11-21T10:00:00Z', actor: 'coord', party: 'ussc', type: 'user.created', subject: 'user/x', body: {} };

describe('backoffDelayMs', () => {
  it('doubles per attempt within [half, full] and caps', () => {
    expect(backoffDelayMs(1, () => 0)).toBe(500);
    expect(backoffDelayMs(1, () => 0.999999)).toBe(1000);
    expect(backoffDelayMs(3, () => 0)).toBe(2000);
    expect(backoffDelayMs(20, () => 0.999999)).toBe(kBackoffMaxMs);
    expect(backoffDelayMs(20, () => 0)).toBe(kBackoffMaxMs / 2);
  });
});

describe('parseFrame', () => {
  it('accepts hello and event frames', () => {
    expect(parseFrame('{"type":"hello","seq":12}')).toEqual({ type: 'hello', seq: 12 });
    expect(parseFrame(JSON.stringify({ type: 'event', event }))).toEqual({ type: 'event', event });
  });
  it('rejects anything else', () => {
    expect(parseFrame('not json')).toBeNull();
    expect(parseFrame('{"type":"event","event":{"seq":"x"}}')).toBeNull();
    expect(parseFrame('{"type":"other"}')).toBeNull();
    expect(parseFrame(new ArrayBuffer(2))).toBeNull();
  });
});

describe('defaultStreamUrl', () => {
  it('uses ws or wss on the page origin', () => {
    expect(defaultStreamUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/api/v1/stream');
    expect(defaultStreamUrl({ protocol: 'https:', host: 'liaison.example' })).toBe('wss://liaison.example/api/v1/stream');
  });
});

describe('EventStream', () => {
  it('is open after hello and passes events on', () => {
    const h = harness();
    h.stream.start();
    h.sockets[0]?.receive({ type: 'hello', seq: 6 });
    h.sockets[0]?.receive({ type: 'event', event });
    expect(h.states.at(-1)).toEqual({ kind: 'open', lastSeq: 6 });
    expect(h.events).toEqual([event]);
  });

  it('reconnects with backoff after a close, including 4008 (too slow)', () => {
    const h = harness();
    h.stream.start();
    h.sockets[0]?.receive({ type: 'hello', seq: 1 });
    h.sockets[0]?.serverClose(4008);
    expect(h.states.at(-1)).toMatchObject({ kind: 'waiting' });
    expect(h.timers).toHaveLength(1);
    h.timers[0]?.fn();
    expect(h.sockets).toHaveLength(2);
    // A second failure before any hello waits longer.
    h.sockets[1]?.serverClose(1006);
    expect(h.timers[1]?.ms).toBeGreaterThan(h.timers[0]?.ms ?? Infinity);
  });

  it('asks for a replay after the last seen seq on reconnect and drops repeats', () => {
    const h = harness();
    h.stream.start();
    h.sockets[0]?.receive({ type: 'hello', seq: 6 });
    h.sockets[0]?.receive({ type: 'event', event });
    h.sockets[0]?.serverClose(1006);
    h.timers[0]?.fn();
    expect(h.sockets[1]?.url).toBe('ws://console.test/api/v1/stream?after=7');
    h.sockets[1]?.receive({ type: 'hello', seq: 9 });
    h.sockets[1]?.receive({ type: 'event', event });  // replayed twice: dropped
    h.sockets[1]?.receive({ type: 'event', event: { ...event, seq: 8 } });
    expect(h.events.map((e) => e.seq)).toEqual([7, 8]);
  });

  it('stops for good on 4001 (unauthenticated)', () => {
    const h = harness();
    h.stream.start();
    h.sockets[0]?.serverClose(4001);
    expect(h.states.at(-1)).toEqual({ kind: 'unauthenticated' });
    expect(h.timers).toHaveLength(0);
  });

  it('closes the socket and ignores it after stop()', () => {
    const h = harness();
    h.stream.start();
    h.stream.stop();
    expect(h.sockets[0]?.closed).toBe(1000);
    expect(h.states.at(-1)).toEqual({ kind: 'stopped' });
  });
});

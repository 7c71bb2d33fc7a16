// Client for the live event stream, GET /api/v1/stream (WebSocket, same
// origin, authenticated by the session cookie).
//
// The server sends {"type":"hello","seq":N} once, then
// {"type":"event","event":{...}} frames. It may close with 4001
// (unauthenticated: the session is gone, do not reconnect) or 4008 (this
// client read too slowly: reconnect). Any other close or error reconnects
// with exponential backoff and jitter; the backoff resets once a hello
// arrives.
//
// Not thread-aware (browsers have one). Owns one WebSocket at a time; call
// stop() to close it and cancel any pending reconnect.
import { kCloseUnauthenticated, type ServerFrame, type StreamEvent } from './types';

export type StreamState =
  | { kind: 'connecting'; attempt: number }
  | { kind: 'open'; lastSeq: number }
  | { kind: 'waiting'; attempt: number; retryAt: number }
  | { kind: 'unauthenticated' }
  | { kind: 'stopped' };

export interface StreamHandlers {
  onState(state: StreamState): void;
  onEvent(event: StreamEvent): void;
}

/** Minimal WebSocket surface the stream needs; the browser's satisfies it. */
export interface SocketLike {
  onopen: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  close(code?: number, reason?: string): void;
}

export interface StreamOptions {
  url?: string;
  createSocket?: (url: string) => SocketLike;
  /** Uniform random in [0, 1); injected for tests. */
  random?: () => number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export const kBackoffBaseMs = 1000;
export const kBackoffMaxMs = 30_000;

/**
 * Delay before reconnect attempt `attempt` (1-based): base * 2^(attempt-1),
 * capped, with "equal jitter" so a restarted server is not hit by every
 * console at once. Result is in [cap/2, cap].
 */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(kBackoffMaxMs, kBackoffBaseMs * 2 ** Math.max(0, attempt - 1));
  const half = exp / 2;
  return Math.round(half + random() * half);
}

/** Same-origin ws:// or wss:// URL of the stream for the current page. */
export function defaultStreamUrl(loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}/api/v1/stream`;
}

/** Parses one text frame; returns null for anything not in the contract. */
export function parseFrame(data: unknown): ServerFrame | null {
  if (typeof data !== 'string') return null;
  let v: unknown;
  try {
    v = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (o['type'] === 'hello' && typeof o['seq'] === 'number') {
    return { type: 'hello', seq: o['seq'] };
  }
  if (o['type'] === 'event' && typeof o['event'] === 'object' && o['event'] !== null) {
    const e = o['event'] as Record<string, unknown>;
    if (typeof e['seq'] !== 'number' || typeof e['type'] !== 'string') return null;
    const str = (k: string): string => (typeof e[k] === 'string' ? (e[k] as string) : '');
    const body = typeof e['body'] === 'object' && e['body'] !== null ? (e['body'] as Record<string, unknown>) : {};
    return {
      type: 'event',
      event: {
        seq: e['seq'],
        at: str('at'),
        actor: str('actor'),
        party: str('party'),
        type: e['type'],
        subject: str('subject'),
        body,
      },
    };
  }
  return null;
}

export class EventStream {
  private readonly url: string;
  private readonly handlers: StreamHandlers;
  private readonly createSocket: (url: string) => SocketLike;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private socket: SocketLike | null = null;
  private timer: unknown = null;
  /** Connections closed since the last hello; drives the backoff. */
  private failures = 0;
  private stopped = false;
  /** Highest event seq seen; a reconnect asks the server to replay after it. */
  private lastSeq: number | null = null;

  constructor(handlers: StreamHandlers, options: StreamOptions = {}) {
    this.handlers = handlers;
    this.url = options.url ?? defaultStreamUrl();
    this.createSocket = options.createSocket ?? ((u) => new WebSocket(u));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? ((fn, ms) => window.setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => window.clearTimeout(h as number));
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onopen = s.onmessage = s.onerror = s.onclose = null;
      s.close(1000, 'client stopped');
    }
    this.handlers.onState({ kind: 'stopped' });
  }

  private connect(): void {
    this.handlers.onState({ kind: 'connecting', attempt: this.failures + 1 });
    let socket: SocketLike;
    try {
      const url = this.lastSeq === null ? this.url : `${this.url}?after=${this.lastSeq}`;
      socket = this.createSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onmessage = (ev) => {
      const frame = parseFrame(ev.data);
      if (frame === null) return;
      if (frame.type === 'hello') {
        this.failures = 0;
        if (this.lastSeq === null) this.lastSeq = frame.seq;
        this.handlers.onState({ kind: 'open', lastSeq: frame.seq });
      } else {
        // Replayed and live frames may overlap after a reconnect.
        if (this.lastSeq !== null && frame.event.seq <= this.lastSeq) return;
        this.lastSeq = frame.event.seq;
        this.handlers.onEvent(frame.event);
      }
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (ev.code === kCloseUnauthenticated) {
        this.stopped = true;
        this.handlers.onState({ kind: 'unauthenticated' });
        return;
      }
      this.scheduleReconnect();
    };
    // An error is always followed by a close event; reconnect happens there.
    socket.onerror = () => undefined;
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.failures += 1;
    const delay = backoffDelayMs(this.failures, this.random);
    this.handlers.onState({ kind: 'waiting', attempt: this.failures, retryAt: this.now() + delay });
    this.timer = this.setTimer(() => {
      this.timer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }
}

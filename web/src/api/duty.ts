// Wire types and calls of the duty desk and the request figures
// (docs/requests.md, "The duty desk" and "Figures"; schemas in
// src/http/openapi.json).
//
// The types mirror the contract. Replies pass through the normalisers below,
// which also accept the shorter forms docs/requests.md allows (a member or an
// open item as a bare id, a unit name as one string) and drop malformed
// entries, so the screens handle one shape. No state; every function takes
// the client so screens and tests inject it.
import type { Language } from '../i18n/languages';
import type { ApiClient } from './client';
import type { Outcome, Precedence, RequestRecord, RequestType } from './requests';

/** The desk's next action on a queued request. */
export const kDutyStages = ['acknowledge', 'decide', 'respond', 'start', 'complete'] as const;
export type DutyStage = (typeof kDutyStages)[number];

/** One shift of the daily pattern (`[duty] shift_hours`, `first_shift_start_utc`). */
export interface ShiftPattern {
  /** Which shift of the day, from 0. */
  index: number;
  /** "HH:MM", UTC. */
  start_utc: string;
  hours: number;
}

/** A dated shift: the current or the next one. */
export interface Shift {
  index: number;
  /** RFC 3339. */
  start: string;
  end: string;
}

export type LocalizedName = Record<Language, string>;

export interface DeskMember {
  username: string;
  display_name: string;
  /** Null when the server names members without their roles. */
  roles: string[] | null;
}

/** One request carried over by a handover (the desk's queue at that moment). */
export interface OpenItem {
  id: string;
  title: string | null;
  precedence: string | null;
  stage: string | null;
  due_at: string | null;
  overdue: boolean;
}

export interface Handover {
  unit: string;
  /** Null when an officer took an empty desk. */
  from: string | null;
  to: string;
  /** Who recorded it (null when the reply does not say). */
  by: string | null;
  note: string;
  open_items: OpenItem[];
  seq: number;
  at: string;
}

export interface Desk {
  unit: string;
  unit_name: LocalizedName;
  party: string;
  district: string | null;
  /** The user who last took the desk by handover; null for an empty desk. */
  on_duty: string | null;
  /** Display name of `on_duty` while still an active duty member of the desk. */
  on_duty_name: string | null;
  since: string | null;
  members: DeskMember[];
  last_handover: Handover | null;
}

export interface Roster {
  shifts: ShiftPattern[];
  current_shift: Shift | null;
  next_shift: Shift | null;
  desks: Desk[];
}

export interface HandoverBody {
  /** The desk; the server takes the user's own unit when absent. */
  unit?: string;
  /** Username of a member of the desk with the duty role (or oneself). */
  to: string;
  /** Multi-line, any language. */
  note: string;
}

export interface QueueItem {
  request: RequestRecord;
  stage: DutyStage;
  due_at: string | null;
  overdue: boolean;
  action_party: string;
}

export interface Page<T> {
  items: T[];
  /** Always null today: one page. */
  next: string | null;
}

/** The measures of one group of requests (the contract's `M`). */
export interface Measures {
  count: number;
  acknowledged: number;
  decided: number;
  /** Seconds from submission; null with no sample. */
  acknowledge_p50_s: number | null;
  acknowledge_p90_s: number | null;
  decide_p50_s: number | null;
  decide_p90_s: number | null;
  /** Share 0..1 answered within the deadline; null with no sample. */
  acknowledged_in_time: number | null;
  decided_in_time: number | null;
  /** By outcome: a decision, else withdrawn, expired, acknowledged (a notification) or pending. */
  outcomes: Partial<Record<Outcome | 'withdrawn' | 'expired' | 'acknowledged' | 'pending', number>>;
}

/** A group's measures; `key` is null for requests without a value (a district). */
export type KeyedMeasures<K extends string = string> = Measures & { key: K | null };

export interface Figures {
  period: { from: string; to: string };
  overall: Measures;
  /** By receiving party. */
  by_party: KeyedMeasures[];
  by_requesting_party: KeyedMeasures[];
  /** By governorate P-code. */
  by_district: KeyedMeasures[];
  by_type: KeyedMeasures<RequestType>[];
  by_precedence: KeyedMeasures<Precedence>[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (o: Json, k: string): string | null => (typeof o[k] === 'string' ? (o[k] as string) : null);

/** A member given as a username or as {username, display_name?, roles?}; the server sends no roles. */
export function normalizeMember(v: unknown): DeskMember | null {
  if (typeof v === 'string') return { username: v, display_name: v, roles: null };
  if (!isObject(v)) return null;
  const username = str(v, 'username');
  if (!username) return null;
  const roles = Array.isArray(v['roles'])
    ? v['roles'].filter((r): r is string => typeof r === 'string')
    : typeof v['roles'] === 'string'
      ? (v['roles'] as string).split(',').map((r) => r.trim()).filter(Boolean)
      : null;
  return { username, display_name: str(v, 'display_name') || username, roles };
}

/** An open item given as a request id, the contract's OpenItem, or a queue item. */
export function normalizeOpenItem(v: unknown): OpenItem | null {
  if (typeof v === 'string') return { id: v, title: null, precedence: null, stage: null, due_at: null, overdue: false };
  if (!isObject(v)) return null;
  const request = isObject(v['request']) ? v['request'] : v;
  const id = str(request, 'id');
  if (!id) return null;
  return {
    id,
    title: str(request, 'title'),
    precedence: str(request, 'precedence'),
    stage: str(v, 'stage'),
    due_at: str(v, 'due_at'),
    overdue: v['overdue'] === true,
  };
}

/** A unit name given as a string or as {en, ar, he}; empty languages fall back to English, then the id. */
export function normalizeName(v: unknown, fallback: string): LocalizedName {
  if (typeof v === 'string' && v) return { en: v, ar: v, he: v };
  const o = isObject(v) ? v : {};
  const en = str(o, 'en') || fallback;
  return { en, ar: str(o, 'ar') || en, he: str(o, 'he') || en };
}

export function normalizeHandover(v: unknown): Handover | null {
  if (!isObject(v)) return null;
  const unit = str(v, 'unit');
  const to = str(v, 'to');
  if (!unit || !to) return null;
  const items = Array.isArray(v['open_items']) ? v['open_items'] : [];
  return {
    unit,
    from: str(v, 'from'),
    to,
    by: str(v, 'by'),
    note: str(v, 'note') ?? '',
    open_items: items.map(normalizeOpenItem).filter((i): i is OpenItem => i !== null),
    seq: typeof v['seq'] === 'number' ? v['seq'] : 0,
    at: str(v, 'at') ?? '',
  };
}

const int = (o: Json, k: string): number | null =>
  typeof o[k] === 'number' && Number.isInteger(o[k]) ? (o[k] as number) : null;

function normalizeShift(v: unknown): Shift | null {
  if (!isObject(v)) return null;
  const start = str(v, 'start');
  const end = str(v, 'end');
  if (!start || !end) return null;
  return { index: int(v, 'index') ?? 0, start, end };
}

function normalizePattern(v: unknown): ShiftPattern | null {
  if (!isObject(v)) return null;
  const start = str(v, 'start_utc');
  const hours = int(v, 'hours');
  if (!start || hours === null) return null;
  return { index: int(v, 'index') ?? 0, start_utc: start, hours };
}

function normalizeDesk(v: unknown): Desk | null {
  if (!isObject(v)) return null;
  const unit = str(v, 'unit');
  if (!unit) return null;
  const members = Array.isArray(v['members']) ? v['members'] : [];
  return {
    unit,
    unit_name: normalizeName(v['unit_name'], unit),
    party: str(v, 'party') ?? '',
    district: str(v, 'district'),
    on_duty: str(v, 'on_duty'),
    on_duty_name: str(v, 'on_duty_name'),
    since: str(v, 'since'),
    members: members.map(normalizeMember).filter((m): m is DeskMember => m !== null),
    last_handover: normalizeHandover(v['last_handover']),
  };
}

export function normalizeRoster(v: unknown): Roster {
  const o = isObject(v) ? v : {};
  const shifts = Array.isArray(o['shifts']) ? o['shifts'] : [];
  const desks = Array.isArray(o['desks']) ? o['desks'] : [];
  return {
    shifts: shifts.map(normalizePattern).filter((s): s is ShiftPattern => s !== null),
    current_shift: normalizeShift(o['current_shift']),
    next_shift: normalizeShift(o['next_shift']),
    desks: desks.map(normalizeDesk).filter((d): d is Desk => d !== null),
  };
}

/** Members who may take the desk: those with the duty role (all, when roles are unknown). */
export function dutyMembers(desk: Desk): DeskMember[] {
  return desk.members.filter((m) => m.roles === null || m.roles.includes('duty'));
}

const kDuty = '/api/v1/duty';

function unitQuery(unit: string | undefined): string {
  return unit ? `?unit=${encodeURIComponent(unit)}` : '';
}

export async function getRoster(api: ApiClient, signal?: AbortSignal): Promise<Roster> {
  return normalizeRoster(await api.get<unknown>(`${kDuty}/roster`, signal));
}

export async function handOver(api: ApiClient, body: HandoverBody): Promise<Handover> {
  const reply = normalizeHandover(await api.post<unknown>(`${kDuty}/handover`, body));
  // A 201 without the contract's fields is the server's fault, not the user's.
  if (!reply) throw new Error('handover reply without unit or to');
  return reply;
}

export async function listHandovers(api: ApiClient, unit?: string, signal?: AbortSignal): Promise<Page<Handover>> {
  const page = await api.get<{ items?: unknown[]; next?: string | null }>(`${kDuty}/handovers${unitQuery(unit)}`, signal);
  return {
    items: (page.items ?? []).map(normalizeHandover).filter((h): h is Handover => h !== null),
    next: page.next ?? null,
  };
}

export function getQueue(api: ApiClient, unit?: string, signal?: AbortSignal): Promise<Page<QueueItem>> {
  return api.get<Page<QueueItem>>(`${kDuty}/queue${unitQuery(unit)}`, signal);
}

export interface FiguresQuery {
  /** RFC 3339; the server defaults to the last 30 days. */
  from?: string;
  to?: string;
}

export function getFigures(api: ApiClient, query: FiguresQuery = {}, signal?: AbortSignal): Promise<Figures> {
  const params = new URLSearchParams();
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  const qs = params.toString();
  return api.get<Figures>(`/api/v1/stats/requests${qs ? `?${qs}` : ''}`, signal);
}

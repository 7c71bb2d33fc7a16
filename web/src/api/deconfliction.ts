// Wire types and calls of the deconfliction API (docs/deconfliction.md):
// planned activities, the conflicts between the parties' footprints, the
// dry run, and protected sites.
//
// The types mirror the contract field for field. A conflict comes in one of
// two views: the pointer a side sees (`view: "pointer"`: the other party,
// the overlap window, the district, the contact to call and the side's own
// record) or the full view of the coordinator's duty desk (`view: "full"`:
// both sides and the distance). The functions are thin wrappers over
// ApiClient that build paths and query strings. No state; every function
// takes the client so screens and tests inject it.
import type { ApiClient } from './client';
import type { Footprint, FootprintGeometry } from './requests';

export const kActivityKinds = [
  'operation',
  'patrol',
  'movement',
  'exercise',
  'checkpoint',
  'static_site',
  'other',
] as const;
export type ActivityKind = (typeof kActivityKinds)[number];

export const kConfidentialities = ['restricted', 'confidential', 'secret'] as const;
export type Confidentiality = (typeof kConfidentialities)[number];

export const kActivityStates = ['planned', 'cancelled'] as const;
export type ActivityState = (typeof kActivityStates)[number];

export const kConflictStates = ['open', 'acknowledged', 'resolved'] as const;
export type ConflictState = (typeof kConflictStates)[number];

export const kConflictOutcomes = ['proceed', 'joint', 'delayed', 'cancelled', 'changed'] as const;
export type ConflictOutcome = (typeof kConflictOutcomes)[number];

export const kSiteKinds = [
  'hospital',
  'school',
  'un_facility',
  'humanitarian_facility',
  'humanitarian_movement',
  'other',
] as const;
export type SiteKind = (typeof kSiteKinds)[number];

/** What a conflict's side is: a planned activity or an open coordination request. */
export type RecordType = 'activity' | 'request';

/** A protected site near an activity's footprint. */
export interface SiteWarning {
  site: string;
  name: string;
  kind: SiteKind;
  distance_m: number;
}

/** Whom a side calls about a conflict: the coordinator's duty desk or the other party's. */
export interface Contact {
  kind: 'coordinator' | 'counterpart';
  party: string;
  /** The desk's unit id ("ussc/ops/duty"). */
  desk: string;
  desk_name: string;
  /** Username of the officer on duty, null when the desk is unstaffed. */
  on_duty: string | null;
}

export interface OtherParty {
  party: string;
  name: string;
}

/** A side's own record in a conflict. */
export interface OwnRecord {
  ref: string;
  type: RecordType;
  title: string;
}

/** One side of a conflict, as the coordinator's duty desk sees it. */
export interface ConflictSide {
  party: string;
  ref: string;
  type: RecordType;
  kind: ActivityKind;
  title: string;
  unit: string | null;
  poc: string | null;
  footprint: Footprint;
}

export interface Acknowledgement {
  at: string;
  by: string;
  note?: string | null;
}

interface ConflictBase {
  id: string;
  state: ConflictState;
  /** The two parties, first side first. */
  parties: [string, string];
  /** The overlap window. */
  start: string;
  end: string;
  /** Governorate P-code; null when neither footprint is in one. */
  district: string | null;
  /** By party; null until that side acknowledges. */
  acknowledged: Record<string, Acknowledgement | null>;
  outcome: ConflictOutcome | null;
  note: string | null;
  /** Resolved by a change or a cancellation rather than by the coordinator. */
  auto: boolean;
  resolved_at: string | null;
  created_at: string;
  created_seq: number;
  updated_seq: number;
}

/** A conflict as a side sees it. */
export interface ConflictPointer extends ConflictBase {
  view: 'pointer';
  other: OtherParty;
  mine: OwnRecord;
  contact: Contact;
}

/** A conflict as the coordinator's duty desk sees it. */
export interface ConflictFull extends ConflictBase {
  view: 'full';
  sides: [ConflictSide, ConflictSide];
  distance_m: number;
}

export type Conflict = ConflictPointer | ConflictFull;

/** The reply of acknowledge and resolve: the conflict plus the seq of its event. */
export type ConflictReceipt = Conflict & { seq: number };

export interface ConflictList {
  items: Conflict[];
  next: string | null;
}

export interface Activity {
  id: string;
  party: string;
  kind: ActivityKind;
  state: ActivityState;
  /** The window has ended: the activity no longer takes part in checks. */
  ended: boolean;
  title: string;
  details: string;
  unit: string | null;
  poc: string | null;
  confidentiality: Confidentiality;
  footprint: Footprint;
  district: string | null;
  districts: string[];
  created_by: string;
  created_at: string;
  updated_at: string;
  created_seq: number;
  conflict_count: number;
  warnings?: SiteWarning[];
  cancel_reason?: string | null;
}

/** GET /activities/{id}: the activity with its conflicts. */
export type ActivityDetail = Activity & { conflicts: Conflict[] };

/**
 * The reply of create, change and cancel: the activity, the conflicts the
 * call created, updated or resolved, the protected sites nearby, and the seq.
 */
export type ActivityReceipt = Activity & { conflicts: Conflict[]; warnings: SiteWarning[]; seq: number };

export interface ActivityList {
  items: Activity[];
  next: string | null;
}

export interface ActivityDraft {
  kind: ActivityKind;
  title: string;
  footprint: Footprint;
  details?: string;
  unit?: string;
  poc?: string;
  confidentiality?: Confidentiality;
}

/** PATCH /activities/{id}: only the fields that change. */
export type ActivityPatch = Partial<ActivityDraft>;

export interface ActivityQuery {
  state?: ActivityState;
  party?: string;
  kind?: ActivityKind;
  /** Only activities whose window has not ended. */
  active?: boolean;
  from?: string;
  to?: string;
  /** west, south, east, north. */
  bbox?: [number, number, number, number];
  limit?: number;
  cursor?: string;
}

export interface ConflictQuery {
  /** A state, or "unresolved" for open and acknowledged. */
  state?: ConflictState | 'unresolved';
  party?: string;
  district?: string;
  limit?: number;
  cursor?: string;
}

/** One conflict of a dry run: the pointer, plus the other record for the coordinator's desk. */
export interface CheckConflict {
  parties: [string, string];
  start: string;
  end: string;
  district: string | null;
  other: OtherParty;
  contact: Contact;
  ref?: string;
  type?: RecordType;
  kind?: ActivityKind;
  title?: string;
  party?: string;
  distance_m?: number;
}

export interface CheckRequest {
  footprint: Footprint;
  kind?: ActivityKind;
  /** The user's own activity being changed. */
  exclude?: string;
}

export interface CheckResult {
  conflicts: CheckConflict[];
  warnings: SiteWarning[];
}

export interface ProtectedSite {
  id: string;
  kind: SiteKind;
  name: string;
  geometry: FootprintGeometry;
  buffer_m: number;
  /** A window only for a movement; null for a permanent site. */
  start: string | null;
  end: string | null;
  notes: string;
  created_by: string;
  created_at: string;
}

export type ProtectedSiteReceipt = ProtectedSite & { seq: number };

export interface ProtectedSiteList {
  items: ProtectedSite[];
  next?: string | null;
}

export interface ProtectedSiteDraft {
  kind: SiteKind;
  name: string;
  geometry: FootprintGeometry;
  buffer_m?: number;
  start?: string;
  end?: string;
  notes?: string;
}

/** A query string from parameters, leaving out the empty ones ("" when none). */
export function queryString(params: Record<string, string | number | boolean | undefined>): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '' || v === false) continue;
    out.set(k, String(v));
  }
  const s = out.toString();
  return s ? `?${s}` : '';
}

export function activityQueryString(q: ActivityQuery): string {
  return queryString({
    state: q.state,
    party: q.party,
    kind: q.kind,
    active: q.active,
    from: q.from,
    to: q.to,
    bbox: q.bbox?.join(','),
    limit: q.limit,
    cursor: q.cursor,
  });
}

export function conflictQueryString(q: ConflictQuery): string {
  return queryString({ state: q.state, party: q.party, district: q.district, limit: q.limit, cursor: q.cursor });
}

const kActivities = '/api/v1/activities';
const kConflicts = '/api/v1/conflicts';
const kSites = '/api/v1/protected-sites';

function itemPath(base: string, id: string, action?: string): string {
  const path = `${base}/${encodeURIComponent(id)}`;
  return action ? `${path}/${action}` : path;
}

export function listActivities(api: ApiClient, q: ActivityQuery, signal?: AbortSignal): Promise<ActivityList> {
  return api.get<ActivityList>(kActivities + activityQueryString(q), signal);
}

export function getActivity(api: ApiClient, id: string, signal?: AbortSignal): Promise<ActivityDetail> {
  return api.get<ActivityDetail>(itemPath(kActivities, id), signal);
}

export function createActivity(api: ApiClient, draft: ActivityDraft): Promise<ActivityReceipt> {
  return api.post<ActivityReceipt>(kActivities, draft);
}

export function changeActivity(api: ApiClient, id: string, patch: ActivityPatch): Promise<ActivityReceipt> {
  return api.patch<ActivityReceipt>(itemPath(kActivities, id), patch);
}

export function cancelActivity(api: ApiClient, id: string, reason?: string): Promise<ActivityReceipt> {
  return api.post<ActivityReceipt>(itemPath(kActivities, id, 'cancel'), reason ? { reason } : {});
}

export function listConflicts(api: ApiClient, q: ConflictQuery, signal?: AbortSignal): Promise<ConflictList> {
  return api.get<ConflictList>(kConflicts + conflictQueryString(q), signal);
}

export function getConflict(api: ApiClient, id: string, signal?: AbortSignal): Promise<Conflict> {
  return api.get<Conflict>(itemPath(kConflicts, id), signal);
}

export function acknowledgeConflict(api: ApiClient, id: string, note?: string): Promise<ConflictReceipt> {
  return api.post<ConflictReceipt>(itemPath(kConflicts, id, 'acknowledge'), note ? { note } : {});
}

export function resolveConflict(
  api: ApiClient,
  id: string,
  body: { outcome: ConflictOutcome; note: string },
): Promise<ConflictReceipt> {
  return api.post<ConflictReceipt>(itemPath(kConflicts, id, 'resolve'), body);
}

export function checkFootprint(api: ApiClient, body: CheckRequest, signal?: AbortSignal): Promise<CheckResult> {
  return api.post<CheckResult>('/api/v1/deconfliction/check', body, signal);
}

export function listProtectedSites(
  api: ApiClient,
  q: { kind?: SiteKind; limit?: number; cursor?: string } = {},
  signal?: AbortSignal,
): Promise<ProtectedSiteList> {
  return api.get<ProtectedSiteList>(kSites + queryString(q), signal);
}

export function createProtectedSite(api: ApiClient, draft: ProtectedSiteDraft): Promise<ProtectedSiteReceipt> {
  return api.post<ProtectedSiteReceipt>(kSites, draft);
}

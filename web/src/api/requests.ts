// Wire types and calls of the coordination request API (docs/requests.md).
//
// The types mirror the contract field for field; the functions are thin
// wrappers over ApiClient.get/post that build paths and query strings. No
// state; every function takes the client so screens and tests inject it.
import type { Geometry, LineString, Point, Polygon } from 'geojson';
import type { ApiClient } from './client';

export const kRequestTypes = [
  'movement',
  'activity',
  'medical',
  'joint',
  'notification',
  'information',
  'other',
] as const;
export type RequestType = (typeof kRequestTypes)[number];

export const kRequestStates = [
  'submitted',
  'acknowledged',
  'approved',
  'approved_with_conditions',
  'denied',
  'counter_proposed',
  'in_progress',
  'completed',
  'withdrawn',
  'expired',
] as const;
export type RequestState = (typeof kRequestStates)[number];

/** Precedences, lowest first. */
export const kPrecedences = ['ROUTINE', 'PRIORITY', 'IMMEDIATE', 'FLASH'] as const;
export type Precedence = (typeof kPrecedences)[number];

export const kOutcomes = ['approved', 'approved_with_conditions', 'denied', 'counter_proposed'] as const;
export type Outcome = (typeof kOutcomes)[number];

export const kChannels = ['network', 'phone', 'radio', 'fax', 'in_person'] as const;
export type Channel = (typeof kChannels)[number];
/** The channels a call can be logged on (every channel but the network). */
export type CallChannel = Exclude<Channel, 'network'>;
export const kCallChannels: readonly CallChannel[] = ['phone', 'radio', 'fax', 'in_person'];

export type DeadlineStage = 'acknowledge' | 'decide';

/** Oslo area codes reported by the evaluation. */
export type OsloArea = 'A' | 'B' | 'C' | 'H1' | 'H2' | 'EJ' | 'NML';

export type FootprintGeometry = Point | LineString | Polygon;

export interface Footprint {
  geometry: FootprintGeometry;
  /** Metres, 0..50000. */
  buffer_m: number;
  /** RFC 3339. */
  start: string;
  end: string;
}

export interface Vehicle {
  plate: string;
  description?: string;
}

export interface Weapon {
  kind: string;
  count: number;
}

export interface Movement {
  personnel: number;
  vehicles: Vehicle[];
  weapons: Weapon[];
  return_at?: string;
  duration_minutes?: number;
  route_description?: string;
}

export interface Coordination {
  party: string;
  /** "approval" today; kept open for rules that only need notification. */
  requirement: 'approval' | 'notification' | (string & {});
  rules: string[];
  basis: string[];
  /** The areas that call for it. */
  areas: OsloArea[];
}

export const kLinkKinds = ['request', 'incident', 'operation', 'case'] as const;
export type LinkKind = (typeof kLinkKinds)[number];
/** The most links a request or comment may carry. */
export const kMaxLinks = 20;

export interface Link {
  kind: LinkKind;
  id: string;
}

export interface Decision {
  outcome: Outcome;
  reason: string | null;
  conditions: string | null;
  /** The footprint a condition or counter-proposal proposes. */
  footprint: Footprint | null;
  /** Present with a proposed footprint. */
  areas?: OsloArea[];
  districts?: string[];
  district?: string;
  by: string;
  at: string;
  seq: number;
}

export interface NextDeadline {
  stage: DeadlineStage;
  at: string;
}

export interface RequestRecord {
  id: string;
  type: RequestType;
  state: RequestState;
  /** Not in a terminal state. */
  open: boolean;
  precedence: Precedence;
  title: string;
  details: string;
  from_party: string;
  from_unit: string | null;
  to_party: string;
  to_unit: string | null;
  district: string | null;
  districts: string[];
  footprint: Footprint | null;
  movement: Movement | null;
  armed: boolean;
  areas: OsloArea[];
  outside: boolean;
  coordination: Coordination[];
  links: Link[];
  channel: Channel;
  caller: string | null;
  created_by: string;
  created_at: string;
  created_seq: number;
  updated_at: string;
  updated_seq: number;
  acknowledge_by: string | null;
  decide_by: string | null;
  acknowledged_at: string | null;
  decided_at: string | null;
  started_at: string | null;
  completed_at: string | null;
  closed_at: string | null;
  next_deadline: NextDeadline | null;
  overdue: DeadlineStage[];
  decision: Decision | null;
  comment_count: number;
}

/** The reply of a transition: the request plus the seq of its event (the receipt). */
export type RequestReceipt = RequestRecord & { seq: number };

export interface TimelineEntry {
  seq: number;
  at: string;
  actor: string;
  /** Event type, e.g. "request.acknowledged". */
  type: string;
  body: Record<string, unknown>;
}

/** GET /requests/{id}: the request plus its timeline, oldest first. */
export type RequestDetail = RequestRecord & { timeline: TimelineEntry[] };

export interface RequestList {
  items: RequestRecord[];
  next: string | null;
}

/** A call logged by a duty officer when a request arrives by phone or radio. */
export interface LoggedCall {
  channel: CallChannel;
  caller: string;
  party: string;
  unit?: string;
}

export interface RequestDraft {
  type: RequestType;
  to_party: string;
  precedence: Precedence;
  title: string;
  details: string;
  footprint?: Footprint;
  movement?: Movement;
  links?: Link[];
  from_unit?: string;
  to_unit?: string;
  logged_call?: LoggedCall;
}

/**
 * Reply of POST /requests/evaluate. The server reads only the draft's type,
 * to_party, footprint, movement and logged_call.party.
 */
export interface Evaluation {
  areas: OsloArea[];
  outside: boolean;
  districts: string[];
  district: string | null;
  armed: boolean;
  /** Empty when the server has no map data (and so no rules) loaded. */
  coordination: Coordination[];
}

export type RequestRole = 'inbox' | 'outbox';

export interface RequestQuery {
  role?: RequestRole;
  /** States, or "open" for every non-terminal state. */
  state?: (RequestState | 'open')[];
  type?: RequestType[];
  precedence?: Precedence[];
  party?: string;
  district?: string;
  from?: string;
  to?: string;
  q?: string;
  /** west, south, east, north. */
  bbox?: [number, number, number, number];
  limit?: number;
  cursor?: string;
}

export interface DecideBody {
  outcome: Outcome;
  reason?: string;
  conditions?: string;
  footprint?: Footprint;
}

export type CommentKind = 'comment' | 'reminder';

export interface CommentBody {
  text: string;
  kind?: CommentKind;
  links?: Link[];
}

export type CallAction = 'note' | 'acknowledge' | 'decide' | 'start' | 'complete' | 'withdraw';
export const kCallActions: readonly CallAction[] = [
  'note',
  'acknowledge',
  'decide',
  'start',
  'complete',
  'withdraw',
];

export interface LogCallBody extends Partial<DecideBody> {
  channel: CallChannel;
  caller: string;
  summary: string;
  action?: CallAction;
}

/** One party of GET /api/v1/parties. */
export interface Party {
  id: string;
  name_en: string;
  name_ar: string;
  name_he: string;
  is_coordinator: boolean;
}

export interface PartyList {
  items: Party[];
}

/** GET /api/v1/audit/proof/inclusion: an RFC 9162 audit path. */
export interface InclusionProof {
  seq: number;
  leaf_index: number;
  tree_size: number;
  leaf_hash: string;
  audit_path: string[];
}

/** Builds the query string of GET /requests; omits empty parameters. */
export function requestQueryString(query: RequestQuery): string {
  const params = new URLSearchParams();
  const list = (k: string, v: readonly string[] | undefined) => {
    if (v && v.length > 0) params.set(k, v.join(','));
  };
  const one = (k: string, v: string | undefined) => {
    if (v) params.set(k, v);
  };
  one('role', query.role);
  list('state', query.state);
  list('type', query.type);
  list('precedence', query.precedence);
  one('party', query.party);
  one('district', query.district);
  one('from', query.from);
  one('to', query.to);
  one('q', query.q?.trim());
  if (query.bbox) params.set('bbox', query.bbox.join(','));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  one('cursor', query.cursor);
  const s = params.toString();
  return s ? `?${s}` : '';
}

const kBase = '/api/v1/requests';

function requestPath(id: string, action?: string): string {
  const base = `${kBase}/${encodeURIComponent(id)}`;
  return action ? `${base}/${action}` : base;
}

export function listRequests(api: ApiClient, query: RequestQuery, signal?: AbortSignal): Promise<RequestList> {
  return api.get<RequestList>(kBase + requestQueryString(query), signal);
}

export function getRequest(api: ApiClient, id: string, signal?: AbortSignal): Promise<RequestDetail> {
  return api.get<RequestDetail>(requestPath(id), signal);
}

export function evaluateRequest(api: ApiClient, draft: RequestDraft, signal?: AbortSignal): Promise<Evaluation> {
  return api.post<Evaluation>(`${kBase}/evaluate`, draft, signal);
}

export function createRequest(api: ApiClient, draft: RequestDraft): Promise<RequestReceipt> {
  return api.post<RequestReceipt>(kBase, draft);
}

export function acknowledgeRequest(api: ApiClient, id: string, note?: string): Promise<RequestReceipt> {
  return api.post<RequestReceipt>(requestPath(id, 'acknowledge'), note ? { note } : {});
}

export function decideRequest(api: ApiClient, id: string, body: DecideBody): Promise<RequestReceipt> {
  return api.post<RequestReceipt>(requestPath(id, 'decide'), body);
}

export function startRequest(api: ApiClient, id: string, note?: string): Promise<RequestReceipt> {
  return api.post<RequestReceipt>(requestPath(id, 'start'), note ? { note } : {});
}

export function completeRequest(api: ApiClient, id: string, note?: string): Promise<RequestReceipt> {
  return api.post<RequestReceipt>(requestPath(id, 'complete'), note ? { note } : {});
}

export function withdrawRequest(api: ApiClient, id: string, reason?: string): Promise<RequestReceipt> {
  return api.post<RequestReceipt>(requestPath(id, 'withdraw'), reason ? { reason } : {});
}

export function commentOnRequest(api: ApiClient, id: string, body: CommentBody): Promise<RequestReceipt> {
  return api.post<RequestReceipt>(requestPath(id, 'comment'), body);
}

export function logCall(api: ApiClient, id: string, body: LogCallBody): Promise<RequestReceipt> {
  return api.post<RequestReceipt>(requestPath(id, 'log-call'), body);
}

export function listParties(api: ApiClient, signal?: AbortSignal): Promise<PartyList> {
  return api.get<PartyList>('/api/v1/parties', signal);
}

export function inclusionProof(api: ApiClient, seq: number, signal?: AbortSignal): Promise<InclusionProof> {
  return api.get<InclusionProof>(`/api/v1/audit/proof/inclusion?seq=${encodeURIComponent(String(seq))}`, signal);
}

/** A geometry is a footprint geometry when it is a Point, LineString or Polygon. */
export function isFootprintGeometry(g: Geometry): g is FootprintGeometry {
  return g.type === 'Point' || g.type === 'LineString' || g.type === 'Polygon';
}

// Wire types and calls of the incident API (docs/incidents.md): the shared
// incident log, its timeline of updates, the acknowledgement each party
// owes, and the heat view.
//
// The types mirror the contract field for field; the functions are thin
// wrappers over ApiClient that build paths and query strings. No state;
// every function takes the client so screens and tests inject it.
import type { Point, Polygon } from 'geojson';
import type { ApiClient } from './client';
import { queryString } from './deconfliction';

/** The events the agreements require to be reported at once, then the usual security incidents. */
export const kIncidentTypes = [
  'deployment',
  'public_order_threat',
  'road_closure',
  'joint_accident',
  'joint_rescue',
  'joint_weapon_use',
  'hospitalisation',
  'clash',
  'arrest',
  'riot',
  'explosive_device',
  'rocket_fire',
  'vehicle_attack',
  'civilian_violence',
  'straying_person',
  'other',
] as const;
export type IncidentType = (typeof kIncidentTypes)[number];

export const kIncidentStates = ['open', 'monitoring', 'de-escalating', 'closed'] as const;
export type IncidentState = (typeof kIncidentStates)[number];

/** The states an update may set; `closed` only comes with `close`. */
export const kUpdatableStates = ['open', 'monitoring', 'de-escalating'] as const;
export type UpdatableState = (typeof kUpdatableStates)[number];

/** 1 minor … 5 critical. */
export const kSeverities = [1, 2, 3, 4, 5] as const;
export type Severity = (typeof kSeverities)[number];

/** Severities from which duty desks are alerted. */
export const kAlertSeverity = 4;

/** Sides of a casualty count besides the parties. */
export const kOtherSides = ['civilian', 'unknown'] as const;

export type IncidentGeometry = Point | Polygon;

export interface SideCasualties {
  /** A party id, "civilian" or "unknown". */
  side: string;
  killed: number;
  injured: number;
}

export interface Casualties {
  killed: number;
  injured: number;
  by_side?: SideCasualties[];
}

export interface Acknowledgement {
  party: string;
  due_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  overdue: boolean;
}

export interface Incident {
  id: string;
  type: IncidentType;
  severity: Severity;
  state: IncidentState;
  title: string;
  description: string;
  location: IncidentGeometry;
  district: string | null;
  occurred_at: string;
  reported_at: string;
  reported_by: string;
  party: string;
  unit: string | null;
  shared_with: string[];
  casualties: Casualties | null;
  links: string[];
  channel_id: string;
  acknowledgements: Acknowledgement[];
  alert: boolean;
  closed_at: string | null;
  closed_by: string | null;
  summary: string | null;
  updated_at: string;
  /** The seq of the latest event about it; in a reply, the receipt of the call. */
  seq: number;
}

export const kTimelineKinds = ['reported', 'update', 'acknowledged', 'ack_overdue', 'closed'] as const;
export type TimelineKind = (typeof kTimelineKinds)[number];

export interface IncidentTimelineEntry {
  kind: TimelineKind;
  at: string;
  by: string;
  party: string;
  /** Its receipt in the audit log. */
  seq: number;
  text?: string | null;
  /** The fields the entry set. */
  changes?: Record<string, unknown> | null;
}

/** GET /incidents/{id}: the incident with its timeline, oldest first. */
export type IncidentDetail = Incident & { timeline: IncidentTimelineEntry[] };

export interface IncidentList {
  items: Incident[];
  next: string | null;
}

export interface IncidentDraft {
  type: IncidentType;
  severity: Severity;
  title: string;
  description: string;
  location: IncidentGeometry;
  occurred_at: string;
  shared_with: string[];
  unit?: string;
  casualties?: Casualties;
  links?: string[];
}

/** POST /incidents/{id}/updates: at least one field. */
export interface IncidentUpdate {
  text?: string;
  severity?: Severity;
  state?: UpdatableState;
  casualties?: Casualties;
  location?: IncidentGeometry;
  links?: string[];
}

export interface IncidentQuery {
  /** States, or "active" for every state but closed. */
  state?: (IncidentState | 'active')[];
  type?: IncidentType[];
  severity_min?: number;
  party?: string;
  district?: string;
  /** On occurred_at, RFC 3339. */
  from?: string;
  to?: string;
  /** west, south, east, north. */
  bbox?: [number, number, number, number];
  limit?: number;
  cursor?: string;
}

export interface HeatQuery {
  from: string;
  to: string;
  /** 250–20,000; the server's default is 2,000. */
  cell_m?: number;
  type?: IncidentType;
  severity_min?: number;
}

/** A grid cell: its centre, how many incidents, and the gravest. */
export interface HeatCell {
  lon: number;
  lat: number;
  count: number;
  max_severity: number;
}

export interface HeatMap {
  cell_m: number;
  cells: HeatCell[];
}

export function incidentQueryString(q: IncidentQuery): string {
  return queryString({
    state: q.state?.join(','),
    type: q.type?.join(','),
    severity_min: q.severity_min,
    party: q.party,
    district: q.district,
    from: q.from,
    to: q.to,
    bbox: q.bbox?.join(','),
    limit: q.limit,
    cursor: q.cursor,
  });
}

export function heatQueryString(q: HeatQuery): string {
  return queryString({
    from: q.from,
    to: q.to,
    cell_m: q.cell_m,
    type: q.type,
    severity_min: q.severity_min,
  });
}

const kBase = '/api/v1/incidents';

function incidentPath(id: string, action?: string): string {
  const base = `${kBase}/${encodeURIComponent(id)}`;
  return action ? `${base}/${action}` : base;
}

export function listIncidents(api: ApiClient, q: IncidentQuery, signal?: AbortSignal): Promise<IncidentList> {
  return api.get<IncidentList>(kBase + incidentQueryString(q), signal);
}

export function getIncident(api: ApiClient, id: string, signal?: AbortSignal): Promise<IncidentDetail> {
  return api.get<IncidentDetail>(incidentPath(id), signal);
}

export function reportIncident(api: ApiClient, draft: IncidentDraft): Promise<Incident> {
  return api.post<Incident>(kBase, draft);
}

export function updateIncident(api: ApiClient, id: string, update: IncidentUpdate): Promise<Incident> {
  return api.post<Incident>(incidentPath(id, 'updates'), update);
}

export function acknowledgeIncident(api: ApiClient, id: string, note?: string): Promise<Incident> {
  return api.post<Incident>(incidentPath(id, 'acknowledge'), note ? { note } : {});
}

export function closeIncident(api: ApiClient, id: string, summary: string): Promise<Incident> {
  return api.post<Incident>(incidentPath(id, 'close'), { summary });
}

export function incidentHeat(api: ApiClient, q: HeatQuery, signal?: AbortSignal): Promise<HeatMap> {
  return api.get<HeatMap>(`${kBase}/heat${heatQueryString(q)}`, signal);
}

// Wire types and calls of the safe-return API (docs/returns.md): return
// cases moved stage by stage from the first report to the handover, the
// handover points, and the figures.
//
// The types mirror the contract field for field; the functions are thin
// wrappers over ApiClient that build paths and query strings. No state;
// every function takes the client so screens and tests inject it.
import type { Point } from 'geojson';
import type { ApiClient } from './client';
import { queryString } from './deconfliction';

export const kReturnCategories = ['israeli_civilian', 'israeli_security', 'palestinian', 'foreign_national'] as const;
export type ReturnCategory = (typeof kReturnCategories)[number];

/** The stages, in order: a case moves one at a time. */
export const kReturnStages = ['reported', 'located', 'secured', 'handover_arranged', 'handed_over', 'closed'] as const;
export type ReturnStage = (typeof kReturnStages)[number];
/** The stages an `advance` may move to. */
export type AdvanceStage = Exclude<ReturnStage, 'reported'>;

export const kMedicalStatuses = ['unknown', 'uninjured', 'lightly_injured', 'seriously_injured', 'deceased'] as const;
export type MedicalStatus = (typeof kMedicalStatuses)[number];

/** Limits the contract states. */
export const kMaxCount = 200;
export const kMaxCircumstancesLength = 4000;
export const kMaxNameLength = 200;

/** One stage of the chain of custody. */
export interface StageEntry {
  stage: ReturnStage;
  at: string;
  by: string;
  party: string;
  /** Its receipt in the audit log. */
  seq: number;
  note?: string | null;
}

export interface ReturnCase {
  id: string;
  stage: ReturnStage;
  category: ReturnCategory;
  count: number;
  circumstances: string;
  location: Point;
  district: string | null;
  party: string;
  reporting_unit: string | null;
  holding_party: string | null;
  holding_unit: string | null;
  receiving_party: string;
  receiving_unit: string | null;
  handover_point: string | null;
  handover_at: string | null;
  medical_status: MedicalStatus;
  /**
   * Present only for a reader entitled to it (the holding and receiving
   * parties and the coordinator): null when none was recorded.
   */
  name?: string | null;
  incident: string | null;
  shared_with: string[];
  stage_since: string;
  stage_due_at: string | null;
  overdue: boolean;
  reported_at: string;
  handed_over_at: string | null;
  closed_at: string | null;
  summary: string | null;
  updated_at: string;
  /** The seq of the latest event about it; in a reply, the receipt of the call. */
  seq: number;
  /** The chain of custody; always on GET /returns/{id}. */
  stages?: StageEntry[];
}

export type ReturnDetail = ReturnCase & { stages: StageEntry[] };

export interface ReturnList {
  items: ReturnCase[];
  next: string | null;
}

export interface ReturnDraft {
  category: ReturnCategory;
  count: number;
  location: Point;
  receiving_party: string;
  circumstances: string;
  holding_party?: string;
  holding_unit?: string;
  reporting_unit?: string;
  receiving_unit?: string;
  medical_status?: MedicalStatus;
  name?: string;
  incident?: string;
}

/** POST /returns/{id}/advance: the next stage and that stage's data. */
export interface AdvanceBody {
  stage: AdvanceStage;
  holding_party?: string;
  holding_unit?: string;
  location?: Point;
  medical_status?: MedicalStatus;
  handover_point?: string;
  handover_at?: string;
  receiving_unit?: string;
  note?: string;
  summary?: string;
}

export interface ReturnQuery {
  /** Stages, or "active" for every stage but closed. */
  stage?: (ReturnStage | 'active')[];
  category?: ReturnCategory;
  party?: string;
  district?: string;
  /** On reported_at, RFC 3339. */
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export type HandoverPointKind = 'checkpoint' | 'liaison_point';

export interface HandoverPoint {
  id: string;
  name: string;
  /** Where known. */
  name_ar?: string | null;
  name_he?: string | null;
  kind: HandoverPointKind;
  governorate: string | null;
  location: Point;
}

export interface ReturnStats {
  cases: number;
  handed_over: number;
  time_to_handover: { p50_minutes: number | null; p90_minutes: number | null; n: number };
  per_month: { month: string; count: number }[];
  per_district: { district: string | null; count: number }[];
  per_stage: { stage: ReturnStage; count: number }[];
}

export interface StatsQuery {
  from: string;
  to: string;
  party?: string;
  district?: string;
}

export function returnQueryString(q: ReturnQuery): string {
  return queryString({
    stage: q.stage?.join(','),
    category: q.category,
    party: q.party,
    district: q.district,
    from: q.from,
    to: q.to,
    limit: q.limit,
    cursor: q.cursor,
  });
}

const kBase = '/api/v1/returns';

function casePath(id: string, action?: string): string {
  const base = `${kBase}/${encodeURIComponent(id)}`;
  return action ? `${base}/${action}` : base;
}

export function listReturns(api: ApiClient, q: ReturnQuery, signal?: AbortSignal): Promise<ReturnList> {
  return api.get<ReturnList>(kBase + returnQueryString(q), signal);
}

export function getReturn(api: ApiClient, id: string, signal?: AbortSignal): Promise<ReturnDetail> {
  return api.get<ReturnDetail>(casePath(id), signal);
}

export function reportReturn(api: ApiClient, draft: ReturnDraft): Promise<ReturnCase> {
  return api.post<ReturnCase>(kBase, draft);
}

export function advanceReturn(api: ApiClient, id: string, body: AdvanceBody): Promise<ReturnCase> {
  return api.post<ReturnCase>(casePath(id, 'advance'), body);
}

export function recordReturnName(api: ApiClient, id: string, name: string): Promise<ReturnCase> {
  return api.post<ReturnCase>(casePath(id, 'name'), { name });
}

export function returnStats(api: ApiClient, q: StatsQuery, signal?: AbortSignal): Promise<ReturnStats> {
  return api.get<ReturnStats>(
    `/api/v1/stats/returns${queryString({ from: q.from, to: q.to, party: q.party, district: q.district })}`,
    signal,
  );
}

export interface HandoverPointList {
  items: HandoverPoint[];
}

/**
 * GET /handover-points. The contract names the items but not the envelope:
 * a bare array is read as well as {"items"}.
 */
export async function listHandoverPoints(api: ApiClient, signal?: AbortSignal): Promise<HandoverPoint[]> {
  const reply = await api.get<HandoverPointList | HandoverPoint[]>('/api/v1/handover-points', signal);
  return Array.isArray(reply) ? reply : reply.items;
}

// Wire types and calls of the human-rights vetting API (docs/vetting.md):
// requests about a person or a unit for a purpose, the queue ordered by
// deadline, decisions by the coordinator's vetting officers, the clearances
// about to expire, and each subject's standing and history.
//
// What a reader gets depends on who asks: the subject's party and the
// coordinator's trainers see a decision's status and validity only; the
// reason and the sources note reach the coordinator's vetting officers (and
// its auditors) alone. The types mark those members optional.
//
// Thin wrappers over ApiClient; no state.
import type { ApiClient } from './client';
import { queryString } from './deconfliction';

export const kSubjectKinds = ['person', 'unit'] as const;
export type SubjectKind = (typeof kSubjectKinds)[number];

export const kVettingPurposes = ['course', 'equipment', 'assistance', 'review'] as const;
export type VettingPurpose = (typeof kVettingPurposes)[number];

export const kVettingDecisions = ['cleared', 'denied', 'suspended'] as const;
export type VettingDecisionStatus = (typeof kVettingDecisions)[number];

/** A subject's standing: cleared only while a clearance is valid. */
export const kStandingStatuses = ['cleared', 'denied', 'suspended', 'expired', 'none'] as const;
export type StandingStatus = (typeof kStandingStatuses)[number];

export const kRequestStates = ['pending', 'decided', 'withdrawn'] as const;
export type VettingRequestState = (typeof kRequestStates)[number];

/** The queue's choice of requests: `all` is every state. */
export type QueueState = 'pending' | 'decided' | 'withdrawn' | 'all';

/** Limits the contract states. */
export const kMaxReasonLength = 4000;
export const kMaxJustificationLength = 4000;
export const kMaxValidityMonths = 60;

export interface VettingSubject {
  kind: SubjectKind;
  id: string;
}

export interface VettingDecision {
  status: VettingDecisionStatus;
  valid_from: string | null;
  valid_until: string | null;
  decided_at: string;
  decided_by?: string;
  /** Coordinator vetting officers and auditors only. */
  reason?: string | null;
  sources?: string | null;
}

export interface VettingRequest {
  id: string;
  subject: VettingSubject;
  /** The subject as people read it: a person's name and service number, a unit's name. */
  subject_label: string;
  /** The subject's party (the registry). */
  party?: string;
  purpose: VettingPurpose;
  purpose_ref?: string | null;
  justification?: string | null;
  state: VettingRequestState;
  /** The decision's deadline. */
  due_at: string;
  overdue: boolean;
  submitted_by: string;
  submitted_party?: string;
  submitted_at: string;
  decision?: VettingDecision | null;
  /** Coordinator vetting officers only, when the server sends them beside the decision. */
  reason?: string | null;
  sources?: string | null;
}

export interface VettingList {
  items: VettingRequest[];
  next: string | null;
}

export interface VettingQuery {
  state?: QueueState;
  subject_kind?: SubjectKind;
  subject_id?: string;
  purpose?: VettingPurpose;
  overdue?: boolean;
  limit?: number;
  cursor?: string;
}

export interface Standing {
  status: StandingStatus;
  valid_from: string | null;
  valid_until: string | null;
}

/** One step of a subject's vetting history. */
export interface VettingHistoryEntry {
  seq: number;
  /** requested, decided, suspended, expired, withdrawn. */
  kind: string;
  status?: string | null;
  valid_until?: string | null;
  request?: string | null;
  actor: string;
  at: string;
}

export interface SubjectRecord {
  subject: VettingSubject & { label?: string; party?: string };
  standing: Standing;
  history: VettingHistoryEntry[];
  requests: VettingRequest[];
}

/** A clearance valid now that ends within the window asked for. */
export interface ExpiringClearance {
  subject: VettingSubject;
  subject_label: string;
  status: StandingStatus;
  valid_from: string | null;
  valid_until: string;
  request?: string | null;
}

export interface ExpiringList {
  items: ExpiringClearance[];
  next?: string | null;
}

export interface VettingRequestDraft {
  subject: VettingSubject;
  purpose: VettingPurpose;
  purpose_ref?: string;
  justification?: string;
}

export interface DecisionDraft {
  status: VettingDecisionStatus;
  reason: string;
  sources?: string;
  valid_months?: number;
}

const kBase = '/api/v1/vetting';

export function vettingQueryString(q: VettingQuery): string {
  return queryString({
    state: q.state,
    subject_kind: q.subject_kind,
    subject_id: q.subject_id,
    purpose: q.purpose,
    overdue: q.overdue,
    limit: q.limit,
    cursor: q.cursor,
  });
}

/**
 * A row as the screens read it: the contract names the subject `subject:
 * {kind, id}` (as posted); a row that carries it flat, as the tables store
 * it (`subject_kind`, `subject_id`), is read the same way.
 */
export function withSubject<T extends { subject: VettingSubject }>(row: T): T {
  if (row.subject) return row;
  const flat = row as unknown as { subject_kind?: SubjectKind; subject_id?: string };
  return { ...row, subject: { kind: flat.subject_kind ?? 'person', id: flat.subject_id ?? '' } };
}

export async function listVetting(api: ApiClient, q: VettingQuery, signal?: AbortSignal): Promise<VettingList> {
  const page = await api.get<VettingList>(kBase + vettingQueryString(q), signal);
  return { ...page, items: page.items.map(withSubject) };
}

export async function listExpiring(api: ApiClient, days: number, signal?: AbortSignal): Promise<ExpiringList> {
  const page = await api.get<ExpiringList>(`${kBase}/expiring${queryString({ days })}`, signal);
  return { ...page, items: page.items.map(withSubject) };
}

export async function getVetting(api: ApiClient, id: string, signal?: AbortSignal): Promise<VettingRequest> {
  return withSubject(await api.get<VettingRequest>(`${kBase}/${encodeURIComponent(id)}`, signal));
}

export async function getSubject(api: ApiClient, subject: VettingSubject, signal?: AbortSignal): Promise<SubjectRecord> {
  const record = await api.get<SubjectRecord>(
    `${kBase}/subjects/${encodeURIComponent(subject.kind)}/${encodeURIComponent(subject.id)}`,
    signal,
  );
  return { ...record, history: record.history ?? [], requests: (record.requests ?? []).map(withSubject) };
}

export function requestVetting(api: ApiClient, draft: VettingRequestDraft): Promise<VettingRequest> {
  return api.post<VettingRequest>(kBase, draft);
}

export function withdrawVetting(api: ApiClient, id: string, reason: string): Promise<VettingRequest> {
  return api.post<VettingRequest>(`${kBase}/${encodeURIComponent(id)}/withdraw`, reason === '' ? {} : { reason });
}

export function decideVetting(api: ApiClient, id: string, draft: DecisionDraft): Promise<VettingRequest> {
  return api.post<VettingRequest>(`${kBase}/${encodeURIComponent(id)}/decision`, draft);
}

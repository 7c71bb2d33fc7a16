// Wire types and calls of the allegations register (docs/vetting.md,
// "Allegations"): allegations of gross human-rights violations about a unit
// or a person of any party, kept by the coordinator's vetting officers and
// read by them and the coordinator's auditors only. A substantiated
// allegation suspends the subject's clearance (a unit is then barred) until
// a vetting officer decides again.
//
// Thin wrappers over ApiClient; no state.
import type { ApiClient } from './client';
import { queryString } from './deconfliction';
import type { SubjectKind } from './vetting';

export const kAllegationStatuses = [
  'received',
  'under_review',
  'referred',
  'substantiated',
  'not_substantiated',
  'remediated',
] as const;
export type AllegationStatus = (typeof kAllegationStatuses)[number];

/**
 * Categories the register form offers (the gross violations of the Leahy
 * laws, and others); the register keeps whatever category it is given.
 */
export const kAllegationCategories = [
  'extrajudicial_killing',
  'torture',
  'enforced_disappearance',
  'rape',
  'arbitrary_detention',
  'excessive_force',
  'other',
] as const;

/** Limits the contract states. */
export const kMaxSummaryLength = 8000;
export const kMaxLabelLength = 200;

export interface AllegationSubject {
  kind: SubjectKind;
  /** The registry's id of the person or unit, when it is in the registry. */
  id?: string | null;
  party: string;
  /** The subject as the source names it. */
  label: string;
}

export interface AllegationHistoryEntry {
  seq: number;
  status: AllegationStatus;
  note?: string | null;
  actor: string;
  at: string;
}

export interface Allegation {
  id: string;
  subject: AllegationSubject;
  source: string;
  /** YYYY-MM-DD. */
  received_on: string;
  category: string;
  summary: string;
  status: AllegationStatus;
  created_by?: string;
  created_at?: string;
  updated_at?: string;
  /** The seq of the latest event about it; in a reply, the receipt of the call. */
  seq?: number;
  /** Always on GET /allegations/{id}. */
  history?: AllegationHistoryEntry[];
  /** The statuses it may move to now, when the server says. */
  transitions?: AllegationStatus[];
}

export interface AllegationList {
  items: Allegation[];
  next: string | null;
}

export interface AllegationQuery {
  status?: AllegationStatus | undefined;
  subject_kind?: SubjectKind | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface AllegationDraft {
  subject: AllegationSubject;
  source: string;
  received_on: string;
  category: string;
  summary: string;
}

export interface StatusChange {
  status: AllegationStatus;
  note?: string;
}

const kBase = '/api/v1/allegations';

export function listAllegations(api: ApiClient, q: AllegationQuery, signal?: AbortSignal): Promise<AllegationList> {
  return api.get<AllegationList>(
    kBase + queryString({ status: q.status, subject_kind: q.subject_kind, limit: q.limit, cursor: q.cursor }),
    signal,
  );
}

export function getAllegation(api: ApiClient, id: string, signal?: AbortSignal): Promise<Allegation> {
  return api.get<Allegation>(`${kBase}/${encodeURIComponent(id)}`, signal);
}

export function registerAllegation(api: ApiClient, draft: AllegationDraft): Promise<Allegation> {
  return api.post<Allegation>(kBase, draft);
}

export function changeAllegationStatus(api: ApiClient, id: string, change: StatusChange): Promise<Allegation> {
  return api.post<Allegation>(`${kBase}/${encodeURIComponent(id)}/status`, change);
}

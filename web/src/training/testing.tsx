// Test fixtures for the vetting, training and allegations screens: the
// demo's programme users, a course, a session with its enrolments, a
// person, a target, a vetting request, an allegation, a refusal as the
// server sends it, and the request screens' fake API extended with PUT.
// Used by *.test.tsx only.
import { ApiError, problemMembers, toProblem, type ApiClient } from '../api/client';
import type { Allegation } from '../api/allegations';
import type { Course, Enrolment, PersonSummary, Target, TrainingSession } from '../api/training';
import type { VettingRequest } from '../api/vetting';
import { routedApi as requestsRoutedApi, user } from '../requests/testing';

export { kParties, renderAs, user } from '../requests/testing';

/** The demo's accounts of the programmes (docs/vetting.md, docs/training.md). */
export const kUsers = {
  ussc_vetting: user('ussc', ['vetting'], 'ussc.vetting'),
  ussc_trainer: user('ussc', ['trainer'], 'ussc.trainer'),
  ussc_hr: user('ussc', ['hr'], 'ussc.hr'),
  ussc_auditor: user('ussc', ['auditor'], 'ussc.auditor'),
  pasf_hr: user('pasf', ['hr'], 'pasf.hr'),
  isf_hr: user('isf', ['hr'], 'isf.hr'),
  pasf_auditor: user('pasf', ['auditor'], 'pasf.auditor'),
  pasf_liaison: user('pasf', ['liaison', 'duty'], 'pasf.jenin'),
  ussc_duty: user('ussc', ['duty', 'liaison'], 'ussc.duty'),
};

type Handler = (path: string, body?: unknown) => unknown;

/** The request screens' routed fake API, answering PUT from "PUT <path>" routes too. */
export function routedApi(routes: Record<string, Handler>): ReturnType<typeof requestsRoutedApi> {
  const api = requestsRoutedApi(routes);
  const put: ApiClient['put'] = async <T,>(path: string, body: unknown) => {
    api.calls.push({ method: 'PUT', path, body });
    const handler = routes[`PUT ${path}`];
    if (!handler) throw new Error(`unexpected PUT ${path}`);
    return handler(path, body) as T;
  };
  return Object.assign(api, { put });
}

/** A problem as the server sends it, extension members and all. */
export function problem(status: number, body: Record<string, unknown> = {}): ApiError {
  const doc = { status, request_id: 'r-1', ...body };
  return new ApiError(toProblem(status, doc), null, problemMembers(doc));
}

/** An enrolment refusal: 409 with every reason and the missing qualifications. */
export function refusal(reasons: string[], missing: string[] = []): ApiError {
  return problem(409, {
    code: 'conflict',
    title: 'enrolment refused',
    detail: 'the enrolment rules refuse this person',
    reasons,
    missing_prerequisites: missing,
  });
}

export function course(patch: Partial<Course> = {}): Course {
  return {
    code: 'POP-201',
    title_en: 'Public-order policing, advanced',
    title_ar: 'حفظ النظام العام، مستوى متقدم',
    title_he: 'שיטור סדר ציבורי, מתקדם',
    nation: 'CA',
    duration_days: 5,
    capacity: 24,
    prerequisites: ['POP-101'],
    qualification: 'POP-ADV',
    validity_months: 24,
    description: 'Crowd management for formed police units.',
    ...patch,
  };
}

export function enrolment(patch: Partial<Enrolment> = {}): Enrolment {
  return {
    id: 'ENR-2026-000010',
    session: 'SES-2026-000004',
    person: 'PER-0000123',
    person_name_en: 'Khaled Mansour',
    person_name_ar: 'خالد منصور',
    service_number: 'SYN-10123',
    state: 'enrolled',
    attendance: null,
    score: null,
    ...patch,
  };
}

export function session(patch: Partial<TrainingSession> = {}): TrainingSession {
  return {
    id: 'SES-2026-000004',
    course: 'POP-201',
    course_title_en: 'Public-order policing, advanced',
    course_title_ar: 'حفظ النظام العام، مستوى متقدم',
    course_title_he: 'שיטור סדר ציבורי, מתקדם',
    starts_on: '2026-12-06',
    ends_on: '2026-12-10',
    location: 'Jericho training centre',
    instructors: ['Maj. A. Tremblay', 'Capt. L. Rossi'],
    capacity: 24,
    seats_taken: 1,
    state: 'scheduled',
    enrolments: [enrolment()],
    ...patch,
  };
}

export function person(patch: Partial<PersonSummary> = {}): PersonSummary {
  return {
    id: 'PER-0004711',
    service_number: 'SYN-14711',
    name_ar: 'سامي عودة',
    name_en: 'Sami Odeh',
    service: 'CP',
    unit: 'CP-PS0115-2',
    rank: 'SGT',
    status: 'active',
    ...patch,
  };
}

export function target(patch: Partial<Target> = {}): Target {
  return {
    id: 'TGT-2026-000001',
    title: 'Public-order policing for deployment to Gaza',
    qualification: 'POP-ADV',
    required: 600,
    deployment: 'Gaza stabilisation force',
    due_on: '2027-06-30',
    service: 'CP',
    progress: { qualified_and_cleared: 150, qualified: 210, required: 600, percent: 25 },
    ...patch,
  };
}

export function vettingRequest(patch: Partial<VettingRequest> = {}): VettingRequest {
  return {
    id: 'VET-2026-000007',
    subject: { kind: 'person', id: 'PER-0004711' },
    subject_label: 'Sami Odeh (SYN-14711)',
    party: 'pasf',
    purpose: 'course',
    purpose_ref: 'SES-2026-000004',
    justification: 'Nominated for the advanced public-order course.',
    state: 'pending',
    due_at: '2026-11-25T09:00:00Z',
    overdue: false,
    submitted_by: 'ussc.trainer',
    submitted_party: 'ussc',
    submitted_at: '2026-11-15T09:00:00Z',
    decision: null,
    ...patch,
  };
}

export function allegation(patch: Partial<Allegation> = {}): Allegation {
  return {
    id: 'ALG-2026-000002',
    subject: { kind: 'unit', id: 'NSF-PS0101-2', party: 'pasf', label: '2nd company, NSF Jenin' },
    source: 'NGO report, October 2026',
    received_on: '2026-11-02',
    category: 'arbitrary_detention',
    summary: 'Detention of protesters for five days without charge.',
    status: 'under_review',
    created_by: 'ussc.vetting',
    created_at: '2026-11-02T10:00:00Z',
    history: [
      { seq: 901, status: 'received', note: null, actor: 'ussc.vetting', at: '2026-11-02T10:00:00Z' },
      { seq: 940, status: 'under_review', note: 'Assigned to the Jenin desk.', actor: 'ussc.vetting', at: '2026-11-05T08:00:00Z' },
    ],
    ...patch,
  };
}

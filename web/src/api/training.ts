// Wire types and calls of the training API (docs/training.md): the course
// catalogue, sessions, enrolment with its gating rules, results, and
// force-generation targets. Also the two reads the training screens need
// from elsewhere: the coalition's nations (a course's providing nation) and
// a person search in the personnel registry (whom to enrol).
//
// An enrolment the rules refuse is a 409 problem whose `reasons` lists every
// rule that holds, as stable codes, and `missing_prerequisites` the
// qualifications the person lacks; refusalOf() reads both from the error.
//
// Thin wrappers over ApiClient; no state.
import { isApiError, type ApiClient } from './client';
import { queryString } from './deconfliction';

/** Why an enrolment is refused (docs/training.md, "Enrolment"). */
export const kRefusalReasons = [
  'not_cleared',
  'unit_not_cleared',
  'prerequisite_missing',
  'session_full',
  'not_active',
] as const;
export type RefusalReason = (typeof kRefusalReasons)[number];

export const kEnrolmentStates = ['enrolled', 'withdrawn', 'passed', 'failed', 'absent'] as const;
export type EnrolmentState = (typeof kEnrolmentStates)[number];

export const kResults = ['passed', 'failed', 'absent'] as const;
export type TrainingResult = (typeof kResults)[number];

/** Limits the contract states. */
export const kMaxTitleLength = 200;
export const kMaxCapacity = 1000;
export const kMaxDurationDays = 365;
export const kMaxScore = 100;

export interface Course {
  code: string;
  title_en: string;
  title_ar: string;
  title_he?: string | null;
  /** A coalition nation's code (GET /nations). */
  nation: string;
  duration_days: number;
  /** Seats per session unless a session says otherwise. */
  capacity: number;
  /** Qualification codes a person must hold to enrol. */
  prerequisites: string[];
  /** The qualification a pass grants. */
  qualification: string;
  /** How long the qualification lasts; null: it does not expire. */
  validity_months: number | null;
  description?: string | null;
  seq?: number;
}

export type CourseDraft = Omit<Course, 'seq'>;

export interface CourseList {
  items: Course[];
  next: string | null;
}

export interface Enrolment {
  id: string;
  session: string;
  person: string;
  /** The person's names and service number, where the server adds them. */
  person_name_en?: string;
  person_name_ar?: string;
  service_number?: string;
  state: EnrolmentState;
  /** Days attended, once recorded. */
  attendance: number | null;
  score: number | null;
  enrolled_by?: string;
  enrolled_at?: string;
  result_at?: string | null;
  seq?: number;
}

export interface TrainingSession {
  id: string;
  course: string;
  /** The course's titles, where the server adds them. */
  course_title_en?: string;
  course_title_ar?: string;
  course_title_he?: string | null;
  starts_on: string;
  ends_on: string;
  location: string;
  instructors: string[];
  capacity: number;
  seats_taken: number;
  state?: string;
  seq?: number;
  /** Always on GET /sessions/{id}. */
  enrolments?: Enrolment[];
}

export interface SessionList {
  items: TrainingSession[];
  next: string | null;
}

export interface SessionDraft {
  course: string;
  starts_on: string;
  ends_on: string;
  location: string;
  instructors: string[];
  capacity?: number;
}

export interface SessionQuery {
  course?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** A page of a list: `limit` rows after `cursor`. */
export interface PageQuery {
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** The answer of POST /enrolments/check, and what a refusal carries. */
export interface Eligibility {
  eligible: boolean;
  reasons: string[];
  missing_prerequisites: string[];
}

export interface ResultDraft {
  result: TrainingResult;
  attendance: number;
  score?: number;
}

export interface TargetProgress {
  qualified_and_cleared: number;
  qualified: number;
  required: number;
  percent: number;
}

export interface Target {
  id: string;
  title: string;
  qualification: string;
  required: number;
  deployment?: string | null;
  /** YYYY-MM-DD. */
  due_on: string;
  /** Counts only this service's persons, when set. */
  service?: string | null;
  progress: TargetProgress;
  seq?: number;
}

export interface TargetList {
  items: Target[];
  next: string | null;
}

export interface TargetDraft {
  title: string;
  qualification: string;
  required: number;
  due_on: string;
  deployment?: string;
  service?: string;
}

export interface Nation {
  code: string;
  name_en: string;
  name_ar: string;
  name_he: string;
}

/** A person as the registry's search lists them (the fields the screens use). */
export interface PersonSummary {
  id: string;
  service_number: string;
  name_ar: string;
  name_en: string;
  service: string;
  unit: string;
  rank: string;
  status: string;
}

export interface PersonList {
  items: PersonSummary[];
  next: string | null;
}

/** A service of the personnel reference data. */
export interface Service {
  code: string;
  name_en?: string;
  name_ar?: string;
  name_he?: string;
}

const kCourses = '/api/v1/courses';
const kSessions = '/api/v1/sessions';
const kEnrolments = '/api/v1/enrolments';
const kTargets = '/api/v1/targets';

const one = (base: string, id: string, action?: string) =>
  `${base}/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export function listCourses(api: ApiClient, q: PageQuery, signal?: AbortSignal): Promise<CourseList> {
  return api.get<CourseList>(kCourses + queryString({ limit: q.limit, cursor: q.cursor }), signal);
}

export function getCourse(api: ApiClient, code: string, signal?: AbortSignal): Promise<Course> {
  return api.get<Course>(one(kCourses, code), signal);
}

export function createCourse(api: ApiClient, draft: CourseDraft): Promise<Course> {
  return api.post<Course>(kCourses, draft);
}

/** Replaces the course's definition (its code stays). */
export function updateCourse(api: ApiClient, code: string, draft: CourseDraft): Promise<Course> {
  return api.put<Course>(one(kCourses, code), draft);
}

export function listSessions(api: ApiClient, q: SessionQuery, signal?: AbortSignal): Promise<SessionList> {
  return api.get<SessionList>(kSessions + queryString({ course: q.course, limit: q.limit, cursor: q.cursor }), signal);
}

export function getSession(api: ApiClient, id: string, signal?: AbortSignal): Promise<TrainingSession> {
  return api.get<TrainingSession>(one(kSessions, id), signal);
}

export function scheduleSession(api: ApiClient, draft: SessionDraft): Promise<TrainingSession> {
  return api.post<TrainingSession>(kSessions, draft);
}

/** Whether `person` may enrol in `session`, and every reason not; nothing is written. */
export function checkEnrolment(api: ApiClient, session: string, person: string): Promise<Eligibility> {
  return api.post<Eligibility>(`${kEnrolments}/check`, { session, person });
}

/** Enrols; a refusal rejects with a 409 ApiError that refusalOf() reads. */
export function enrol(api: ApiClient, session: string, person: string): Promise<Enrolment> {
  return api.post<Enrolment>(kEnrolments, { session, person });
}

export function recordResult(api: ApiClient, enrolment: string, draft: ResultDraft): Promise<Enrolment> {
  return api.post<Enrolment>(one(kEnrolments, enrolment, 'result'), draft);
}

export function cancelSession(api: ApiClient, session: string, reason: string): Promise<TrainingSession> {
  return api.post<TrainingSession>(one(kSessions, session, 'cancel'), { reason });
}

export function withdrawEnrolment(api: ApiClient, enrolment: string): Promise<Enrolment> {
  return api.post<Enrolment>(one(kEnrolments, enrolment, 'withdraw'));
}

export function listTargets(api: ApiClient, q: PageQuery, signal?: AbortSignal): Promise<TargetList> {
  return api.get<TargetList>(kTargets + queryString({ limit: q.limit, cursor: q.cursor }), signal);
}

export function createTarget(api: ApiClient, draft: TargetDraft): Promise<Target> {
  return api.post<Target>(kTargets, draft);
}

export async function listNations(api: ApiClient, signal?: AbortSignal): Promise<Nation[]> {
  return (await api.get<{ items: Nation[] }>('/api/v1/nations', signal)).items;
}

/**
 * Persons whose service number starts with `q` or whose either name holds
 * it. Every search is an access to personnel records, logged by the server.
 */
export function findPersons(api: ApiClient, q: string, limit: number, signal?: AbortSignal): Promise<PersonList> {
  return api.get<PersonList>(`/api/v1/personnel${queryString({ q, limit })}`, signal);
}

/** The registry's services (for a target's optional service). */
export async function listServices(api: ApiClient, signal?: AbortSignal): Promise<Service[]> {
  const ref = await api.get<{ services?: Service[] }>('/api/v1/personnel/reference', signal);
  return ref.services ?? [];
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/**
 * The refusal an enrolment call failed with: its reasons and missing
 * prerequisites, or null when the error is not a refusal (no `reasons`).
 */
export function refusalOf(error: unknown): Eligibility | null {
  if (!isApiError(error) || (error.status !== 409 && error.status !== 422)) return null;
  const reasons = strings(error.members['reasons']);
  if (reasons.length === 0) return null;
  return { eligible: false, reasons, missing_prerequisites: strings(error.members['missing_prerequisites']) };
}

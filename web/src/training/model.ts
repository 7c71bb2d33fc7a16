// Pure rules of the training screens: who reads, who manages courses,
// sessions, results and targets, and who enrols (the server's policy,
// src/authz/policy.cpp, kReadTraining, kManageTraining, kEnrol: the console
// only hides what the server would refuse); a session's seats, a target's
// progress, and the order in which a refusal's reasons are told.
import type { Me } from '../api/types';
import { kRefusalReasons, type Course, type TargetProgress, type TrainingSession } from '../api/training';
import type { Language } from '../i18n/languages';

/** Stream events that make training pages stale. */
export const kTrainingEvents: readonly string[] = ['training.'];

const has = (me: Me, role: string) => me.roles.includes(role);

/** HR, trainers and vetting officers. */
export function canReadTraining(me: Me): boolean {
  return has(me, 'hr') || has(me, 'trainer') || has(me, 'vetting');
}

/** The coordinator's trainers: courses, sessions, results, targets. */
export function canManageTraining(me: Me): boolean {
  return me.is_coordinator && has(me, 'trainer');
}

/** The coordinator's trainers, and HR for their own party's persons. */
export function canEnrol(me: Me): boolean {
  return has(me, 'hr') || (me.is_coordinator && has(me, 'trainer'));
}

/** A course's title in `language` (Hebrew falls back to English, then Arabic). */
export function courseTitle(
  c: Pick<Course, 'title_en' | 'title_ar'> & { title_he?: string | null | undefined },
  language: Language,
): string {
  if (language === 'ar') return c.title_ar || c.title_en;
  if (language === 'he') return c.title_he || c.title_en || c.title_ar;
  return c.title_en || c.title_ar;
}

/** A session's course title in `language`, or its code when the server sent no title. */
export function sessionCourseTitle(s: TrainingSession, language: Language): string {
  if (!s.course_title_en && !s.course_title_ar) return s.course;
  return courseTitle({ title_en: s.course_title_en ?? '', title_ar: s.course_title_ar ?? '', title_he: s.course_title_he }, language);
}

/** Seats left in a session (never negative). */
export function seatsLeft(s: Pick<TrainingSession, 'capacity' | 'seats_taken'>): number {
  return Math.max(0, s.capacity - s.seats_taken);
}

/**
 * Known reasons first, in the order the rules are listed (docs/training.md),
 * then any code this console does not know, as received. No duplicates.
 */
export function orderReasons(reasons: readonly string[]): string[] {
  const unique = [...new Set(reasons)];
  const known = kRefusalReasons.filter((r) => unique.includes(r));
  return [...known, ...unique.filter((r) => !(kRefusalReasons as readonly string[]).includes(r))];
}

/** Whole percent (0..100) of `part` in `whole`; 0 for an empty whole. */
export function percentOf(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((part / whole) * 100)));
}

/** The two bars of a target: qualified and cleared (what counts), and qualified. */
export function progressBars(p: TargetProgress): { counted: number; qualified: number } {
  return { counted: percentOf(p.qualified_and_cleared, p.required), qualified: percentOf(p.qualified, p.required) };
}

/** Days from one YYYY-MM-DD to another, both counted; null when either is unreadable or the end is first. */
export function daysBetween(starts: string, ends: string): number | null {
  const a = Date.parse(`${starts}T00:00:00Z`);
  const b = Date.parse(`${ends}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return null;
  return Math.round((b - a) / 86_400_000) + 1;
}

/** A list typed one item a line or comma-separated, trimmed, without blanks or repeats. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[\n,]/).map((s) => s.trim()).filter((s) => s !== ''))];
}

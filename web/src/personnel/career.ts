// The career event form's model, pure: which fields a kind of event takes,
// the local checks, the body sent, and the timeline's order.
import type { CareerEvent, CareerEventDraft, RecordableKind } from '../api/personnel';
import type { FormErrors } from '../requests/draft';

export interface CareerForm {
  kind: RecordableKind;
  /** YYYY-MM-DD. */
  effective: string;
  rank: string;
  unit: string;
  post: string;
  note: string;
}

/** The fields each kind takes besides the date and the note. */
export const kKindFields: Record<RecordableKind, readonly ('rank' | 'unit' | 'post')[]> = {
  promotion: ['rank'],
  transfer: ['unit', 'post'],
  suspension: [],
  reinstatement: [],
  retirement: [],
  separation: [],
  death: [],
};

/** The form's fields, for placing a server problem (its JSON Pointer) on one. */
export const kCareerFields: ReadonlySet<string> = new Set(['kind', 'effective', 'rank', 'unit', 'post', 'note']);

export const kMaxNoteLength = 2000;

/** Today's date in the user's time zone, YYYY-MM-DD. */
export function today(now: number): string {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function initialCareerForm(now: number): CareerForm {
  return { kind: 'promotion', effective: today(now), rank: '', unit: '', post: '', note: '' };
}

const kDate = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date YYYY-MM-DD. */
export function isDate(s: string): boolean {
  if (!kDate.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The local checks: error i18n keys by field. */
export function validateCareer(f: CareerForm): FormErrors {
  const errors: FormErrors = {};
  if (!isDate(f.effective)) errors['effective'] = 'personnel.career.error.effective';
  const fields = kKindFields[f.kind];
  if (fields.includes('rank') && !f.rank) errors['rank'] = 'personnel.career.error.rank';
  if (fields.includes('unit') && !f.unit.trim()) errors['unit'] = 'personnel.career.error.unit';
  if (f.note.length > kMaxNoteLength) errors['note'] = 'personnel.career.error.note';
  return errors;
}

/** The body of POST /personnel/{id}/events: only the kind's fields, empty ones left out. */
export function buildCareer(f: CareerForm): CareerEventDraft {
  const draft: CareerEventDraft = { kind: f.kind, effective: f.effective };
  const fields = kKindFields[f.kind];
  if (fields.includes('rank') && f.rank) draft.rank = f.rank;
  if (fields.includes('unit') && f.unit.trim()) draft.unit = f.unit.trim();
  if (fields.includes('post') && f.post.trim()) draft.post = f.post.trim();
  if (f.note.trim()) draft.note = f.note.trim();
  return draft;
}

/** The career in the order the server folds it: by effective date, then as recorded. */
export function careerOrder(events: readonly CareerEvent[]): CareerEvent[] {
  return [...events].sort(
    (a, b) =>
      (a.effective < b.effective ? -1 : a.effective > b.effective ? 1 : 0) || a.seq - b.seq || (a.idx ?? 0) - (b.idx ?? 0),
  );
}

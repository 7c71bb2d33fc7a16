// The activity and protected-site forms as values: what the user typed and
// drew, the checks made before sending, and the bodies sent to the server
// (the dry run, create, and the partial change of PATCH). Pure.
//
// The footprint inputs and their checks are the request form's
// (requests/draft.ts), so a footprint reads and fails the same way
// everywhere. Field names are the dotted form of the body's JSON Pointers
// ("footprint.start" for "/footprint/start") so a server problem's `field`
// and a local check land on the same input.
import type {
  Activity,
  ActivityDraft,
  ActivityKind,
  ActivityPatch,
  CheckRequest,
  Confidentiality,
  ProtectedSiteDraft,
  SiteKind,
} from '../api/deconfliction';
import type { Footprint } from '../api/requests';
import { buildGeometry, fromGeometry } from '../requests/draw';
import {
  bufferError,
  bufferOf,
  defaultWindow,
  footprintErrors,
  footprintOf,
  geometryError,
  kDefaultBufferM,
  kMaxTitleLength,
  windowErrors,
  type FootprintFields,
  type FormErrors,
} from '../requests/draft';
import { fromInputValue, toInputValue } from '../requests/format';

export interface ActivityForm extends FootprintFields {
  kind: ActivityKind;
  title: string;
  details: string;
  unit: string;
  poc: string;
  confidentiality: Confidentiality;
}

/** Every field an error may be placed on; others go to the form's general message. */
export const kActivityFields: ReadonlySet<string> = new Set([
  'kind',
  'title',
  'details',
  'unit',
  'poc',
  'confidentiality',
  'footprint',
  'footprint.geometry',
  'footprint.start',
  'footprint.end',
  'footprint.buffer_m',
]);

/** A new activity: a patrol, restricted, in the default window, nothing drawn. */
export function initialActivityForm(nowMs: number): ActivityForm {
  const w = defaultWindow(nowMs);
  return {
    kind: 'patrol',
    title: '',
    details: '',
    unit: '',
    poc: '',
    confidentiality: 'restricted',
    mode: 'route',
    vertices: [],
    start: toInputValue(w.start),
    end: toInputValue(w.end),
    buffer_m: String(kDefaultBufferM),
  };
}

/** The form for changing an activity: its fields and its footprint redrawn as vertices. */
export function activityFormOf(a: Activity): ActivityForm {
  const drawing = fromGeometry(a.footprint.geometry);
  return {
    kind: a.kind,
    title: a.title,
    details: a.details,
    unit: a.unit ?? '',
    poc: a.poc ?? '',
    confidentiality: a.confidentiality,
    mode: drawing.mode,
    vertices: drawing.vertices,
    start: toInputValue(new Date(a.footprint.start)),
    end: toInputValue(new Date(a.footprint.end)),
    buffer_m: String(a.footprint.buffer_m),
  };
}

/** The checks made before sending; the server checks again and has the last word. */
export function validateActivityForm(form: ActivityForm): FormErrors {
  const errors: FormErrors = {};
  const title = form.title.trim();
  if (!title) errors['title'] = 'requests.validation.required';
  else if ([...title].length > kMaxTitleLength) errors['title'] = 'requests.validation.too_long';
  return { ...errors, ...footprintErrors(form, 'deconfliction.validation.footprint_required') };
}

/** The body of POST /activities; null until the footprint is drawn and its window readable. */
export function buildActivityDraft(form: ActivityForm): ActivityDraft | null {
  const footprint = footprintOf(form);
  if (!footprint) return null;
  const draft: ActivityDraft = {
    kind: form.kind,
    title: form.title.trim(),
    footprint,
    confidentiality: form.confidentiality,
  };
  if (form.details.trim()) draft.details = form.details;
  if (form.unit.trim()) draft.unit = form.unit.trim();
  if (form.poc.trim()) draft.poc = form.poc.trim();
  return draft;
}

function sameFootprint(a: Footprint, b: Footprint): boolean {
  return (
    JSON.stringify(a.geometry) === JSON.stringify(b.geometry) &&
    a.buffer_m === b.buffer_m &&
    Date.parse(a.start) === Date.parse(b.start) &&
    Date.parse(a.end) === Date.parse(b.end)
  );
}

/**
 * The body of PATCH /activities/{id}: only the fields the form changes
 * (empty when nothing does). Cleared optional fields are sent as "" so the
 * server clears them; the footprint is sent whole when any part of it moves.
 */
export function activityPatch(a: Activity, form: ActivityForm): ActivityPatch {
  const patch: ActivityPatch = {};
  if (form.kind !== a.kind) patch.kind = form.kind;
  if (form.title.trim() !== a.title) patch.title = form.title.trim();
  if (form.details !== a.details) patch.details = form.details;
  if (form.unit.trim() !== (a.unit ?? '')) patch.unit = form.unit.trim();
  if (form.poc.trim() !== (a.poc ?? '')) patch.poc = form.poc.trim();
  if (form.confidentiality !== a.confidentiality) patch.confidentiality = form.confidentiality;
  const footprint = footprintOf(form);
  if (footprint && !sameFootprint(footprint, a.footprint)) patch.footprint = footprint;
  return patch;
}

/**
 * The body of the dry run for the form, or null while the footprint is not
 * complete. `exclude` is the activity being changed, so it is not reported
 * as conflicting with itself.
 */
export function checkRequestOf(form: ActivityForm, exclude?: string): CheckRequest | null {
  const footprint = footprintOf(form);
  if (!footprint) return null;
  const body: CheckRequest = { footprint, kind: form.kind };
  if (exclude) body.exclude = exclude;
  return body;
}

export interface SiteForm extends Omit<FootprintFields, 'start' | 'end'> {
  kind: SiteKind;
  name: string;
  /** Optional window (datetime-local values), required for a humanitarian movement. */
  start: string;
  end: string;
  notes: string;
}

export const kSiteFields: ReadonlySet<string> = new Set([
  'kind',
  'name',
  'geometry',
  'buffer_m',
  'start',
  'end',
  'notes',
]);

/** Sites whose protection holds only in a window. */
export const kWindowedSiteKinds: readonly SiteKind[] = ['humanitarian_movement'];

export function initialSiteForm(): SiteForm {
  return {
    kind: 'hospital',
    name: '',
    mode: 'point',
    vertices: [],
    buffer_m: String(kDefaultBufferM),
    start: '',
    end: '',
    notes: '',
  };
}

function hasWindow(form: Pick<SiteForm, 'kind' | 'start' | 'end'>): boolean {
  return kWindowedSiteKinds.includes(form.kind) || form.start !== '' || form.end !== '';
}

export function validateSiteForm(form: SiteForm): FormErrors {
  const errors: FormErrors = {};
  if (!form.name.trim()) errors['name'] = 'requests.validation.required';
  else if ([...form.name.trim()].length > kMaxTitleLength) errors['name'] = 'requests.validation.too_long';
  const geometry = geometryError(form.mode, form.vertices, 'deconfliction.validation.geometry_required');
  if (geometry) errors['geometry'] = geometry;
  const buffer = bufferError(form.buffer_m);
  if (buffer) errors['buffer_m'] = buffer;
  if (hasWindow(form)) {
    const window = windowErrors(form.start, form.end);
    if (window.start) errors['start'] = window.start;
    if (window.end) errors['end'] = window.end;
  }
  return errors;
}

/** The body of POST /protected-sites; null until the geometry is drawn. */
export function buildSiteDraft(form: SiteForm): ProtectedSiteDraft | null {
  const geometry = buildGeometry(form.mode, form.vertices);
  if (!geometry) return null;
  const draft: ProtectedSiteDraft = {
    kind: form.kind,
    name: form.name.trim(),
    geometry,
    buffer_m: bufferOf(form.buffer_m),
  };
  const start = fromInputValue(form.start);
  const end = fromInputValue(form.end);
  if (hasWindow(form) && start && end) {
    draft.start = start;
    draft.end = end;
  }
  if (form.notes.trim()) draft.notes = form.notes.trim();
  return draft;
}

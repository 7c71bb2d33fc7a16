// The return-case forms as values: the report and the advance to the next
// stage (each stage with its own data), the checks made before sending,
// and the bodies sent. Pure.
//
// Field names are the body's member names ("handover_point"), so a server
// problem's `field` ("/handover_point") and a local check land on the same
// input.
import type { Point } from 'geojson';
import {
  kMaxCircumstancesLength,
  kMaxCount,
  kMaxNameLength,
  type AdvanceBody,
  type AdvanceStage,
  type MedicalStatus,
  type ReturnCategory,
  type ReturnDraft,
} from '../api/returns';
import type { FormErrors } from '../requests/draft';
import { buildGeometry, type DrawMode, type Vertex } from '../requests/draw';
import { fromInputValue } from '../requests/format';

/** An incident a case may link to. */
const kIncidentId = /^INC-[A-Za-z0-9-]+$/;
/** The longest note the forms send; the server has the last word. */
export const kMaxNoteLength = 4000;

export interface PointFields {
  /** Always "point": a case's location is where the person was found. */
  mode: DrawMode;
  vertices: Vertex[];
}

export interface ReportForm extends PointFields {
  category: '' | ReturnCategory;
  count: string;
  receiving_party: string;
  holding_party: string;
  holding_unit: string;
  medical_status: MedicalStatus;
  name: string;
  circumstances: string;
  incident: string;
}

export function initialReportForm(): ReportForm {
  return {
    category: '',
    count: '1',
    receiving_party: '',
    holding_party: '',
    holding_unit: '',
    medical_status: 'unknown',
    name: '',
    circumstances: '',
    incident: '',
    mode: 'point',
    vertices: [],
  };
}

export const kReportFields: ReadonlySet<string> = new Set([
  'category',
  'count',
  'location',
  'receiving_party',
  'holding_party',
  'holding_unit',
  'medical_status',
  'name',
  'circumstances',
  'incident',
]);

/** The point drawn, once there is one. */
export function pointOf(f: PointFields): Point | null {
  const g = buildGeometry('point', f.vertices);
  return g && g.type === 'Point' ? g : null;
}

function tooLong(s: string, max: number): boolean {
  return [...s].length > max;
}

export function nameError(name: string): string | null {
  return tooLong(name.trim(), kMaxNameLength) ? 'requests.validation.too_long' : null;
}

/**
 * The checks made before sending a report. `nameAllowed`: the reporter's
 * party will hold or receive the person, or is the coordinator (only they
 * may record a name).
 */
export function validateReport(form: ReportForm, nameAllowed: boolean): FormErrors {
  const errors: FormErrors = {};
  if (!form.category) errors['category'] = 'requests.validation.required';
  const count = form.count.trim();
  if (!/^\d+$/.test(count) || Number(count) < 1 || Number(count) > kMaxCount) errors['count'] = 'returns.validation.count';
  if (!form.receiving_party) errors['receiving_party'] = 'requests.validation.required';
  if (!form.circumstances.trim()) errors['circumstances'] = 'requests.validation.required';
  else if (tooLong(form.circumstances, kMaxCircumstancesLength)) errors['circumstances'] = 'requests.validation.too_long';
  if (!pointOf(form)) errors['location'] = 'returns.validation.location_required';
  const name = nameAllowed ? nameError(form.name) : null;
  if (name) errors['name'] = name;
  if (form.incident.trim() && !kIncidentId.test(form.incident.trim())) errors['incident'] = 'returns.validation.incident';
  return errors;
}

/** The body of POST /returns. REQUIRES: validateReport found nothing. */
export function buildReport(form: ReportForm, nameAllowed: boolean): ReturnDraft {
  const draft: ReturnDraft = {
    category: form.category as ReturnCategory,
    count: Number(form.count.trim()),
    location: pointOf(form) as Point,
    receiving_party: form.receiving_party,
    circumstances: form.circumstances.trim(),
    medical_status: form.medical_status,
  };
  if (form.holding_party) draft.holding_party = form.holding_party;
  if (form.holding_unit.trim()) draft.holding_unit = form.holding_unit.trim();
  if (nameAllowed && form.name.trim()) draft.name = form.name.trim();
  if (form.incident.trim()) draft.incident = form.incident.trim();
  return draft;
}

/** The advance form: the data of every stage; only the next stage's is sent. */
export interface AdvanceForm extends PointFields {
  holding_party: string;
  holding_unit: string;
  /** The person was found elsewhere than reported (located). */
  moved: boolean;
  /** "" leaves it as it is. */
  medical_status: '' | MedicalStatus;
  handover_point: string;
  /** datetime-local value. */
  handover_at: string;
  receiving_unit: string;
  note: string;
  summary: string;
}

export function initialAdvanceForm(): AdvanceForm {
  return {
    holding_party: '',
    holding_unit: '',
    moved: false,
    mode: 'point',
    vertices: [],
    medical_status: '',
    handover_point: '',
    handover_at: '',
    receiving_unit: '',
    note: '',
    summary: '',
  };
}

/** The fields each stage's form shows and sends besides the stage. */
export const kStageFields: Record<AdvanceStage, readonly (keyof AdvanceBody)[]> = {
  located: ['holding_party', 'holding_unit', 'location', 'medical_status', 'note'],
  secured: ['holding_unit', 'medical_status', 'note'],
  handover_arranged: ['handover_point', 'handover_at', 'receiving_unit', 'note'],
  handed_over: ['medical_status', 'note'],
  closed: ['summary'],
};

export function advanceFields(stage: AdvanceStage): Set<string> {
  return new Set(['stage', ...kStageFields[stage]]);
}

export function validateAdvance(stage: AdvanceStage, form: AdvanceForm): FormErrors {
  const errors: FormErrors = {};
  const shows = (f: keyof AdvanceBody) => kStageFields[stage].includes(f);
  if (shows('handover_point') && !form.handover_point) errors['handover_point'] = 'requests.validation.required';
  if (shows('handover_at') && !fromInputValue(form.handover_at)) errors['handover_at'] = 'requests.validation.date';
  if (shows('summary') && !form.summary.trim()) errors['summary'] = 'requests.validation.required';
  if (shows('location') && form.moved && !pointOf(form)) errors['location'] = 'returns.validation.location_required';
  if (shows('note') && tooLong(form.note, kMaxNoteLength)) errors['note'] = 'requests.validation.too_long';
  return errors;
}

/** The body of POST /returns/{id}/advance. REQUIRES: validateAdvance found nothing. */
export function buildAdvance(stage: AdvanceStage, form: AdvanceForm): AdvanceBody {
  const body: AdvanceBody = { stage };
  const shows = (f: keyof AdvanceBody) => kStageFields[stage].includes(f);
  const text = (v: string) => v.trim();
  if (shows('holding_party') && form.holding_party) body.holding_party = form.holding_party;
  if (shows('holding_unit') && text(form.holding_unit)) body.holding_unit = text(form.holding_unit);
  if (shows('location') && form.moved) {
    const point = pointOf(form);
    if (point) body.location = point;
  }
  if (shows('medical_status') && form.medical_status) body.medical_status = form.medical_status;
  if (shows('handover_point')) body.handover_point = form.handover_point;
  if (shows('handover_at')) body.handover_at = fromInputValue(form.handover_at) as string;
  if (shows('receiving_unit') && text(form.receiving_unit)) body.receiving_unit = text(form.receiving_unit);
  if (shows('note') && text(form.note)) body.note = text(form.note);
  if (shows('summary')) body.summary = text(form.summary);
  return body;
}

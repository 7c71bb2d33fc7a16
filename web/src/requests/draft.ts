// The new-request form as values: what the user typed and drew, the checks
// made before sending, and the RequestDraft sent to the server (for
// evaluation and creation). Pure.
//
// A duty officer may log a request received by phone, radio, fax or in
// person (the fallback channel): the request is then from the calling
// party, and the body carries `logged_call`.
//
// Field names are the dotted form of the body's JSON Pointers
// ("movement.vehicles.0.plate" for "/movement/vehicles/0/plate") so a
// server problem's `field` and a local check land on the same input.
import type { CallChannel, Footprint, LoggedCall, Movement, Precedence, RequestDraft, RequestType } from '../api/requests';
import { buildGeometry, verticesNeeded, type DrawMode, type Vertex } from './draw';
import { fromInputValue } from './format';
import { linkFields, linksOf, validateLinks, type LinkRow } from './links';

/** The footprint inputs of a form: the drawing, its window (datetime-local values) and its buffer. */
export interface FootprintFields {
  mode: DrawMode;
  vertices: Vertex[];
  start: string;
  end: string;
  buffer_m: string;
}

export interface VehicleRow {
  plate: string;
  description: string;
}

export interface WeaponRow {
  kind: string;
  count: string;
}

export interface RequestForm extends FootprintFields {
  type: RequestType;
  to_party: string;
  precedence: Precedence;
  title: string;
  details: string;
  /** Only for types that may carry movement; always for `movement`. */
  with_movement: boolean;
  personnel: string;
  vehicles: VehicleRow[];
  weapons: WeaponRow[];
  return_at: string;
  route_description: string;
  links: LinkRow[];
  /** Received by phone, radio, fax or in person and logged by a duty officer. */
  logged: boolean;
  /** The calling party: the request is from it. */
  call_party: string;
  call_channel: CallChannel;
  /** Name, rank, unit, as the caller gave them. */
  caller: string;
  /** The calling unit's id, optional. */
  call_unit: string;
}

/** Limits the contract states. */
export const kMaxBufferM = 50000;
export const kDefaultBufferM = 200;
export const kBufferStepM = 50;
/** Unicode code points. */
export const kMaxTitleLength = 200;
/** The longest footprint window the server accepts. */
export const kMaxWindowDays = 31;
const kDayMs = 86_400_000;

/** Types that may carry movement details (required for `movement`). */
export const kMovementTypes: readonly RequestType[] = ['movement', 'activity', 'medical', 'joint'];

export function carriesMovement(form: Pick<RequestForm, 'type' | 'with_movement'>): boolean {
  return form.type === 'movement' || (kMovementTypes.includes(form.type) && form.with_movement);
}

/** Every field an error may be placed on; others go to the form's general message. */
export function knownFields(form: Pick<RequestForm, 'vehicles' | 'weapons' | 'links'>): Set<string> {
  const fields = [
    'type',
    'to_party',
    'precedence',
    'title',
    'details',
    'footprint',
    'footprint.geometry',
    'footprint.start',
    'footprint.end',
    'footprint.buffer_m',
    'movement',
    'movement.personnel',
    'movement.vehicles',
    'movement.weapons',
    'movement.return_at',
    'movement.route_description',
    'logged_call',
    'logged_call.party',
    'logged_call.channel',
    'logged_call.caller',
    'logged_call.unit',
    ...linkFields(form.links),
  ];
  form.vehicles.forEach((_, i) => fields.push(`movement.vehicles.${i}.plate`, `movement.vehicles.${i}.description`));
  form.weapons.forEach((_, i) => fields.push(`movement.weapons.${i}.kind`, `movement.weapons.${i}.count`));
  return new Set(fields);
}

/** Field -> i18n key of what is wrong with it. */
export type FormErrors = Record<string, string>;

function isWholeNumber(s: string): boolean {
  return /^\d+$/.test(s.trim());
}

/**
 * What is wrong with a drawing: too few points for its mode, or nothing
 * drawn when `requiredKey` (the message for that) is given. Null when fine.
 */
export function geometryError(mode: DrawMode, vertices: readonly Vertex[], requiredKey: string | null): string | null {
  if (vertices.length === 0) return requiredKey;
  return verticesNeeded(mode, vertices) > 0 ? `requests.validation.needs_points_${mode}` : null;
}

/** What is wrong with a window: missing ends, an end not after the start, longer than the contract allows. */
export function windowErrors(startValue: string, endValue: string): { start?: string; end?: string } {
  const errors: { start?: string; end?: string } = {};
  const start = fromInputValue(startValue);
  const end = fromInputValue(endValue);
  if (!start) errors.start = 'requests.validation.required';
  if (!end) errors.end = 'requests.validation.required';
  if (start && end && Date.parse(end) <= Date.parse(start)) errors.end = 'requests.validation.end_before_start';
  else if (start && end && Date.parse(end) - Date.parse(start) > kMaxWindowDays * kDayMs) {
    errors.end = 'requests.validation.window_too_long';
  }
  return errors;
}

/** What is wrong with a buffer: it must be a whole number of metres within the contract's range. */
export function bufferError(value: string): string | null {
  return isWholeNumber(value) && Number(value) <= kMaxBufferM ? null : 'requests.validation.buffer';
}

/** A buffer input as metres (0 when unreadable, capped at the contract's maximum). */
export function bufferOf(value: string): number {
  return isWholeNumber(value) ? Math.min(Number(value), kMaxBufferM) : 0;
}

/**
 * The checks of a footprint, on the fields "footprint.geometry", ".start",
 * ".end" and ".buffer_m". Nothing drawn is an error only when `requiredKey`
 * is given; the window and buffer are checked once something is drawn.
 */
export function footprintErrors(f: FootprintFields, requiredKey: string | null): FormErrors {
  const errors: FormErrors = {};
  const geometry = geometryError(f.mode, f.vertices, requiredKey);
  if (geometry) errors['footprint.geometry'] = geometry;
  if (f.vertices.length === 0) return errors;
  const window = windowErrors(f.start, f.end);
  if (window.start) errors['footprint.start'] = window.start;
  if (window.end) errors['footprint.end'] = window.end;
  const buffer = bufferError(f.buffer_m);
  if (buffer) errors['footprint.buffer_m'] = buffer;
  return errors;
}

/** The footprint of the fields, once the drawing makes a geometry and the window is readable. */
export function footprintOf(f: FootprintFields): Footprint | undefined {
  const geometry = buildGeometry(f.mode, f.vertices);
  const start = fromInputValue(f.start);
  const end = fromInputValue(f.end);
  if (!geometry || !start || !end) return undefined;
  return { geometry, buffer_m: bufferOf(f.buffer_m), start, end };
}

/** The checks made before sending; the server checks again and has the last word. */
export function validateForm(form: RequestForm): FormErrors {
  const errors: FormErrors = {};
  if (!form.to_party) errors['to_party'] = 'requests.validation.required';
  if (form.logged) {
    if (!form.call_party) errors['logged_call.party'] = 'requests.validation.required';
    if (!form.caller.trim()) errors['logged_call.caller'] = 'requests.validation.required';
  }
  if (!form.title.trim()) errors['title'] = 'requests.validation.required';
  else if ([...form.title.trim()].length > kMaxTitleLength) errors['title'] = 'requests.validation.too_long';

  Object.assign(
    errors,
    footprintErrors(form, form.type === 'movement' ? 'requests.validation.footprint_required' : null),
  );

  if (carriesMovement(form)) {
    if (!isWholeNumber(form.personnel)) errors['movement.personnel'] = 'requests.validation.whole_number';
    form.vehicles.forEach((v, i) => {
      if (!v.plate.trim()) errors[`movement.vehicles.${i}.plate`] = 'requests.validation.required';
    });
    form.weapons.forEach((w, i) => {
      if (!w.kind.trim()) errors[`movement.weapons.${i}.kind`] = 'requests.validation.required';
      if (!isWholeNumber(w.count) || Number(w.count) < 1) errors[`movement.weapons.${i}.count`] = 'requests.validation.positive';
    });
    if (form.return_at && !fromInputValue(form.return_at)) errors['movement.return_at'] = 'requests.validation.date';
  }
  return { ...errors, ...validateLinks(form.links) };
}

function movementOf(form: RequestForm): Movement {
  const m: Movement = {
    personnel: isWholeNumber(form.personnel) ? Number(form.personnel) : 0,
    vehicles: form.vehicles
      .filter((v) => v.plate.trim() || v.description.trim())
      .map((v) => (v.description.trim() ? { plate: v.plate.trim(), description: v.description.trim() } : { plate: v.plate.trim() })),
    weapons: form.weapons
      .filter((w) => w.kind.trim() || w.count.trim())
      .map((w) => ({ kind: w.kind.trim(), count: isWholeNumber(w.count) ? Number(w.count) : 0 })),
  };
  const returnAt = fromInputValue(form.return_at);
  if (returnAt) m.return_at = returnAt;
  if (form.route_description.trim()) m.route_description = form.route_description.trim();
  return m;
}

/** The call a duty officer logs with the request; undefined for a request made in the console. */
export function loggedCallOf(form: RequestForm): LoggedCall | undefined {
  if (!form.logged) return undefined;
  const call: LoggedCall = { channel: form.call_channel, caller: form.caller.trim(), party: form.call_party };
  if (form.call_unit.trim()) call.unit = form.call_unit.trim();
  return call;
}

/**
 * The body for POST /requests and /requests/evaluate. The footprint is
 * included once the drawing makes a geometry and the window is readable.
 */
export function buildDraft(form: RequestForm): RequestDraft {
  const draft: RequestDraft = {
    type: form.type,
    to_party: form.to_party,
    precedence: form.precedence,
    title: form.title.trim(),
    details: form.details,
  };
  const footprint = footprintOf(form);
  if (footprint) draft.footprint = footprint;
  if (carriesMovement(form)) draft.movement = movementOf(form);
  if (form.links.length > 0) draft.links = linksOf(form.links);
  const call = loggedCallOf(form);
  if (call) draft.logged_call = call;
  return draft;
}

/** The window offered by default: from the next full hour, for four hours. */
export const kDefaultWindowHours = 4;

export function defaultWindow(nowMs: number): { start: Date; end: Date } {
  const start = new Date(nowMs);
  start.setMinutes(0, 0, 0);
  start.setHours(start.getHours() + 1);
  const end = new Date(start.getTime());
  end.setHours(end.getHours() + kDefaultWindowHours);
  return { start, end };
}

// The incident forms as values: the report and the update, what the user
// typed and drew, the checks made before sending, and the bodies sent.
// Pure.
//
// Field names are the dotted form of the body's JSON Pointers
// ("casualties.by_side.1.side" for "/casualties/by_side/1/side") so a
// server problem's `field` and a local check land on the same input.
import type {
  Casualties,
  IncidentDraft,
  IncidentGeometry,
  IncidentType,
  IncidentUpdate,
  Severity,
  UpdatableState,
} from '../api/incidents';
import { geometryError, kMaxTitleLength, type FormErrors } from '../requests/draft';
import { buildGeometry, fromGeometry, type DrawMode, type Vertex } from '../requests/draw';
import { fromInputValue, toInputValue } from '../requests/format';

/** The shapes an incident's location may take. */
export const kLocationModes: readonly DrawMode[] = ['point', 'area'];

/** Limits the contract states. */
export const kMaxDescriptionLength = 10_000;
export const kMaxCasualties = 10_000;
export const kMaxIncidentLinks = 20;
export const kMaxLinkIdLength = 64;
/** How far in the future occurred_at may be (clock skew). */
export const kFutureSlackMs = 5 * 60_000;

/** A record id an incident may link to. */
const kLinkId = /^(REQ|RET|INC)-[A-Za-z0-9-]+$/;

export interface SideRow {
  side: string;
  killed: string;
  injured: string;
}

export interface CasualtyFields {
  killed: string;
  injured: string;
  sides: SideRow[];
}

export interface LocationFields {
  mode: DrawMode;
  vertices: Vertex[];
}

export interface ReportForm extends LocationFields {
  type: '' | IncidentType;
  severity: '' | `${Severity}`;
  title: string;
  description: string;
  /** datetime-local value. */
  occurred_at: string;
  shared_with: string[];
  with_casualties: boolean;
  casualties: CasualtyFields;
  links: string[];
}

export function emptyCasualties(): CasualtyFields {
  return { killed: '0', injured: '0', sides: [] };
}

export function emptySide(): SideRow {
  return { side: '', killed: '0', injured: '0' };
}

export function initialReportForm(nowMs: number): ReportForm {
  return {
    type: '',
    severity: '',
    title: '',
    description: '',
    occurred_at: toInputValue(new Date(nowMs)),
    shared_with: [],
    mode: 'point',
    vertices: [],
    with_casualties: false,
    casualties: emptyCasualties(),
    links: [],
  };
}

function casualtyFieldNames(c: CasualtyFields): string[] {
  return [
    'casualties',
    'casualties.killed',
    'casualties.injured',
    'casualties.by_side',
    ...c.sides.flatMap((_, i) => [
      `casualties.by_side.${i}`,
      `casualties.by_side.${i}.side`,
      `casualties.by_side.${i}.killed`,
      `casualties.by_side.${i}.injured`,
    ]),
  ];
}

function linkFieldNames(links: readonly string[]): string[] {
  return ['links', ...links.map((_, i) => `links.${i}`)];
}

/** Every field of the report form an error may be placed on. */
export function reportFields(form: Pick<ReportForm, 'casualties' | 'links'>): Set<string> {
  return new Set([
    'type',
    'severity',
    'title',
    'description',
    'occurred_at',
    'shared_with',
    'location',
    ...casualtyFieldNames(form.casualties),
    ...linkFieldNames(form.links),
  ]);
}

function isCount(s: string): boolean {
  return /^\d+$/.test(s.trim()) && Number(s) <= kMaxCasualties;
}

const count = (s: string) => (isCount(s) ? Number(s.trim()) : 0);

/** What is wrong with the casualty counts. */
export function casualtyErrors(c: CasualtyFields): FormErrors {
  const errors: FormErrors = {};
  if (!isCount(c.killed)) errors['casualties.killed'] = 'incidents.validation.count';
  if (!isCount(c.injured)) errors['casualties.injured'] = 'incidents.validation.count';
  c.sides.forEach((s, i) => {
    if (!s.side) errors[`casualties.by_side.${i}.side`] = 'requests.validation.required';
    if (!isCount(s.killed)) errors[`casualties.by_side.${i}.killed`] = 'incidents.validation.count';
    if (!isCount(s.injured)) errors[`casualties.by_side.${i}.injured`] = 'incidents.validation.count';
  });
  const sides = c.sides.map((s) => s.side).filter(Boolean);
  if (new Set(sides).size !== sides.length) errors['casualties.by_side'] = 'incidents.validation.side_twice';
  return errors;
}

export function casualtiesOf(c: CasualtyFields): Casualties {
  const out: Casualties = { killed: count(c.killed), injured: count(c.injured) };
  if (c.sides.length > 0) {
    out.by_side = c.sides.map((s) => ({ side: s.side, killed: count(s.killed), injured: count(s.injured) }));
  }
  return out;
}

/** The form's rows for stored casualties (to edit them in an update). */
export function casualtyFieldsOf(c: Casualties | null): CasualtyFields {
  if (!c) return emptyCasualties();
  return {
    killed: String(c.killed),
    injured: String(c.injured),
    sides: (c.by_side ?? []).map((s) => ({ side: s.side, killed: String(s.killed), injured: String(s.injured) })),
  };
}

/** What is wrong with the linked ids. */
export function linkErrors(links: readonly string[]): FormErrors {
  const errors: FormErrors = {};
  if (links.length > kMaxIncidentLinks) errors['links'] = 'incidents.validation.too_many_links';
  links.forEach((l, i) => {
    const id = l.trim();
    if (!id) errors[`links.${i}`] = 'requests.validation.required';
    else if (id.length > kMaxLinkIdLength || !kLinkId.test(id)) errors[`links.${i}`] = 'incidents.validation.link';
  });
  return errors;
}

export function linksOf(links: readonly string[]): string[] {
  return links.map((l) => l.trim());
}

/** The location drawn, once it is a complete Point or Polygon. */
export function locationOf(f: LocationFields): IncidentGeometry | null {
  const g = buildGeometry(f.mode, f.vertices);
  return g && (g.type === 'Point' || g.type === 'Polygon') ? g : null;
}

/** The drawing of a stored location. */
export function locationFieldsOf(g: IncidentGeometry): LocationFields {
  return fromGeometry(g);
}

function titleError(title: string): string | null {
  if (!title.trim()) return 'requests.validation.required';
  return [...title.trim()].length > kMaxTitleLength ? 'requests.validation.too_long' : null;
}

/** The checks made before sending a report; the server checks again and has the last word. */
export function validateReport(form: ReportForm, nowMs: number): FormErrors {
  const errors: FormErrors = {};
  if (!form.type) errors['type'] = 'requests.validation.required';
  if (!form.severity) errors['severity'] = 'requests.validation.required';
  const title = titleError(form.title);
  if (title) errors['title'] = title;
  if ([...form.description].length > kMaxDescriptionLength) errors['description'] = 'requests.validation.too_long';
  const occurred = fromInputValue(form.occurred_at);
  if (!occurred) errors['occurred_at'] = 'requests.validation.date';
  else if (Date.parse(occurred) > nowMs + kFutureSlackMs) errors['occurred_at'] = 'incidents.validation.future';
  const location = geometryError(form.mode, form.vertices, 'incidents.validation.location_required');
  if (location) errors['location'] = location;
  if (form.with_casualties) Object.assign(errors, casualtyErrors(form.casualties));
  return { ...errors, ...linkErrors(form.links) };
}

/**
 * The body of POST /incidents. REQUIRES: validateReport found nothing (the
 * type, severity, occurrence time and location are set).
 */
export function buildReport(form: ReportForm, coordinators: readonly string[]): IncidentDraft {
  // The coordinator sees every incident: it is named whether or not ticked.
  const shared = [...new Set([...form.shared_with, ...coordinators])].sort();
  const draft: IncidentDraft = {
    type: form.type as IncidentType,
    severity: Number(form.severity) as Severity,
    title: form.title.trim(),
    description: form.description,
    location: locationOf(form) as IncidentGeometry,
    occurred_at: fromInputValue(form.occurred_at) as string,
    shared_with: shared,
  };
  if (form.with_casualties) draft.casualties = casualtiesOf(form.casualties);
  if (form.links.length > 0) draft.links = linksOf(form.links);
  return draft;
}

/** The update form: each part is sent only when the user changes it. */
export interface UpdateForm extends LocationFields {
  text: string;
  severity: '' | `${Severity}`;
  state: '' | UpdatableState;
  edit_casualties: boolean;
  casualties: CasualtyFields;
  move: boolean;
  edit_links: boolean;
  links: string[];
}

export function initialUpdateForm(i: { casualties: Casualties | null; links: string[]; location: IncidentGeometry }): UpdateForm {
  return {
    text: '',
    severity: '',
    state: '',
    edit_casualties: false,
    casualties: casualtyFieldsOf(i.casualties),
    move: false,
    // A new location starts empty, in the shape of the current one (shown dashed).
    mode: locationFieldsOf(i.location).mode,
    vertices: [],
    edit_links: false,
    links: [...i.links],
  };
}

export function updateFields(form: Pick<UpdateForm, 'casualties' | 'links'>): Set<string> {
  return new Set([
    'text',
    'severity',
    'state',
    'location',
    ...casualtyFieldNames(form.casualties),
    ...linkFieldNames(form.links),
  ]);
}

export function validateUpdate(form: UpdateForm): FormErrors {
  const errors: FormErrors = {};
  if ([...form.text].length > kMaxDescriptionLength) errors['text'] = 'requests.validation.too_long';
  if (form.edit_casualties) Object.assign(errors, casualtyErrors(form.casualties));
  if (form.move) {
    const location = geometryError(form.mode, form.vertices, 'incidents.validation.location_required');
    if (location) errors['location'] = location;
  }
  if (form.edit_links) Object.assign(errors, linkErrors(form.links));
  return errors;
}

/** The body of POST /incidents/{id}/updates, or null when it would carry nothing. */
export function buildUpdate(form: UpdateForm): IncidentUpdate | null {
  const u: IncidentUpdate = {};
  if (form.text.trim()) u.text = form.text.trim();
  if (form.severity) u.severity = Number(form.severity) as Severity;
  if (form.state) u.state = form.state;
  if (form.edit_casualties) u.casualties = casualtiesOf(form.casualties);
  const location = form.move ? locationOf(form) : null;
  if (location) u.location = location;
  if (form.edit_links) u.links = linksOf(form.links);
  return Object.keys(u).length > 0 ? u : null;
}

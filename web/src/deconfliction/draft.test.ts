import { describe, expect, it } from 'vitest';
import {
  activityFormOf,
  activityPatch,
  buildActivityDraft,
  buildSiteDraft,
  checkRequestOf,
  initialActivityForm,
  initialSiteForm,
  validateActivityForm,
  validateSiteForm,
  type ActivityForm,
  type SiteForm,
} from './draft';
import { activity } from './testing';

function form(patch: Partial<ActivityForm> = {}): ActivityForm {
  return {
    kind: 'patrol',
    title: ' Route check ',
    details: 'Two vehicles.',
    unit: '',
    poc: ' Duty officer, 02-555-0100 ',
    confidentiality: 'restricted',
    mode: 'route',
    vertices: [
      { lat: 32.22, lng: 35.2 },
      { lat: 32.21, lng: 35.26 },
    ],
    start: '2026-11-22T06:00',
    end: '2026-11-22T10:00',
    buffer_m: '300',
    ...patch,
  };
}

const utc = (local: string) => new Date(local).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('validateActivityForm', () => {
  it('accepts a complete activity', () => {
    expect(validateActivityForm(form())).toEqual({});
  });

  it('needs a title and a footprint', () => {
    expect(validateActivityForm(form({ title: ' ', vertices: [] }))).toEqual({
      title: 'requests.validation.required',
      'footprint.geometry': 'deconfliction.validation.footprint_required',
    });
  });

  it('checks the drawing, the window and the buffer as the request form does', () => {
    expect(
      validateActivityForm(
        form({ mode: 'area', end: '2026-11-22T05:00', buffer_m: '50001', title: 'x'.repeat(201) }),
      ),
    ).toEqual({
      title: 'requests.validation.too_long',
      'footprint.geometry': 'requests.validation.needs_points_area',
      'footprint.end': 'requests.validation.end_before_start',
      'footprint.buffer_m': 'requests.validation.buffer',
    });
    expect(validateActivityForm(form({ end: '2027-01-22T06:00' }))).toEqual({
      'footprint.end': 'requests.validation.window_too_long',
    });
  });
});

describe('buildActivityDraft', () => {
  it('sends the trimmed fields, the footprint in UTC as [lon, lat], and leaves out empty ones', () => {
    expect(buildActivityDraft(form())).toEqual({
      kind: 'patrol',
      title: 'Route check',
      details: 'Two vehicles.',
      poc: 'Duty officer, 02-555-0100',
      confidentiality: 'restricted',
      footprint: {
        geometry: {
          type: 'LineString',
          coordinates: [
            [35.2, 32.22],
            [35.26, 32.21],
          ],
        },
        buffer_m: 300,
        start: utc('2026-11-22T06:00'),
        end: utc('2026-11-22T10:00'),
      },
    });
  });

  it('is null until the footprint can be built', () => {
    expect(buildActivityDraft(form({ vertices: [{ lat: 32.22, lng: 35.2 }] }))).toBeNull();
    expect(buildActivityDraft(form({ start: '' }))).toBeNull();
  });
});

describe('the dry run body', () => {
  it('carries the footprint and the kind, and leaves out the activity being changed', () => {
    const body = checkRequestOf(form({ kind: 'movement' }), 'ACT-2026-000001');
    expect(body?.kind).toBe('movement');
    expect(body?.exclude).toBe('ACT-2026-000001');
    expect(body?.footprint.buffer_m).toBe(300);
    expect(checkRequestOf(form())).not.toHaveProperty('exclude');
    expect(checkRequestOf(form({ vertices: [] }))).toBeNull();
  });
});

describe('changing an activity', () => {
  it('starts from the activity and changes nothing until edited', () => {
    const a = activity();
    const f = activityFormOf(a);
    expect(f.mode).toBe('route');
    expect(f.vertices).toEqual([
      { lat: 32.22, lng: 35.2 },
      { lat: 32.21, lng: 35.26 },
    ]);
    expect(activityPatch(a, f)).toEqual({});
  });

  it('sends only the fields that change, a cleared field as ""', () => {
    const a = activity();
    const f = { ...activityFormOf(a), title: 'Route check, extended', poc: '', confidentiality: 'secret' as const };
    expect(activityPatch(a, f)).toEqual({ title: 'Route check, extended', poc: '', confidentiality: 'secret' });
  });

  it('sends the whole footprint when it is redrawn or its window or buffer moves', () => {
    const a = activity();
    const base = activityFormOf(a);
    const redrawn = activityPatch(a, { ...base, mode: 'point', vertices: [{ lat: 32.2, lng: 35.23 }] });
    expect(redrawn.footprint?.geometry).toEqual({ type: 'Point', coordinates: [35.23, 32.2] });
    expect(redrawn.footprint?.start).toBe(a.footprint.start);
    expect(activityPatch(a, { ...base, buffer_m: '500' }).footprint?.buffer_m).toBe(500);
    expect(Object.keys(activityPatch(a, { ...base, buffer_m: '500' }))).toEqual(['footprint']);
  });

  it('starts a new activity empty, restricted, in the next hours', () => {
    const f = initialActivityForm(Date.parse('2026-11-21T08:20:00'));
    expect(f.vertices).toEqual([]);
    expect(f.confidentiality).toBe('restricted');
    expect(f.start).toBe('2026-11-21T09:00');
    expect(f.end).toBe('2026-11-21T13:00');
  });
});

function siteForm(patch: Partial<SiteForm> = {}): SiteForm {
  return { ...initialSiteForm(), name: ' Rafidia Hospital ', vertices: [{ lat: 32.226, lng: 35.235 }], ...patch };
}

describe('protected sites', () => {
  it('need a name and a geometry; the window is optional for a permanent site', () => {
    expect(validateSiteForm(siteForm())).toEqual({});
    expect(validateSiteForm(siteForm({ name: '', vertices: [] }))).toEqual({
      name: 'requests.validation.required',
      geometry: 'deconfliction.validation.geometry_required',
    });
  });

  it('a humanitarian movement needs its window; a window begun must be complete', () => {
    expect(validateSiteForm(siteForm({ kind: 'humanitarian_movement' }))).toEqual({
      start: 'requests.validation.required',
      end: 'requests.validation.required',
    });
    expect(validateSiteForm(siteForm({ start: '2026-11-22T06:00' }))).toEqual({ end: 'requests.validation.required' });
  });

  it('sends the window only when there is one', () => {
    expect(buildSiteDraft(siteForm({ notes: ' ' }))).toEqual({
      kind: 'hospital',
      name: 'Rafidia Hospital',
      geometry: { type: 'Point', coordinates: [35.235, 32.226] },
      buffer_m: 200,
    });
    const movement = buildSiteDraft(
      siteForm({ kind: 'humanitarian_movement', start: '2026-11-22T06:00', end: '2026-11-22T09:00', notes: 'WFP convoy' }),
    );
    expect(movement?.start).toBe(utc('2026-11-22T06:00'));
    expect(movement?.end).toBe(utc('2026-11-22T09:00'));
    expect(movement?.notes).toBe('WFP convoy');
    expect(buildSiteDraft(siteForm({ vertices: [] }))).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import {
  buildReport,
  buildUpdate,
  casualtyErrors,
  initialReportForm,
  initialUpdateForm,
  linkErrors,
  reportFields,
  validateReport,
  validateUpdate,
  type ReportForm,
} from './draft';
import { incident } from './testing';

const now = new Date(2026, 10, 21, 9, 0).getTime();

function filled(patch: Partial<ReportForm> = {}): ReportForm {
  return {
    ...initialReportForm(now),
    type: 'clash',
    severity: '4',
    title: '  Exchange of fire near Jenin  ',
    description: 'Shots heard.',
    occurred_at: '2026-11-21T08:40',
    shared_with: ['pasf'],
    vertices: [{ lat: 32.46, lng: 35.3 }],
    ...patch,
  };
}

describe('validateReport', () => {
  it('asks for type, severity, title and a location', () => {
    expect(validateReport(initialReportForm(now), now)).toEqual({
      type: 'requests.validation.required',
      severity: 'requests.validation.required',
      title: 'requests.validation.required',
      location: 'incidents.validation.location_required',
    });
    expect(validateReport(filled(), now)).toEqual({});
  });

  it('refuses a time more than five minutes ahead, and an area of two points', () => {
    expect(validateReport(filled({ occurred_at: '2026-11-21T09:10' }), now)).toEqual({ occurred_at: 'incidents.validation.future' });
    expect(validateReport(filled({ occurred_at: '2026-11-21T09:04' }), now)).toEqual({});
    expect(
      validateReport(filled({ mode: 'area', vertices: [{ lat: 32, lng: 35 }, { lat: 32.1, lng: 35 }] }), now),
    ).toEqual({ location: 'requests.validation.needs_points_area' });
  });

  it('checks casualties only when there are some, and each link', () => {
    const bad = { killed: '-1', injured: 'x', sides: [{ side: '', killed: '0', injured: '10001' }] };
    expect(validateReport(filled({ casualties: bad }), now)).toEqual({});
    expect(Object.keys(validateReport(filled({ with_casualties: true, casualties: bad }), now)).sort()).toEqual([
      'casualties.by_side.0.injured',
      'casualties.by_side.0.side',
      'casualties.injured',
      'casualties.killed',
    ]);
    expect(linkErrors(['REQ-2026-000012', ' ', 'nonsense'])).toEqual({
      'links.1': 'requests.validation.required',
      'links.2': 'incidents.validation.link',
    });
    expect(linkErrors(Array.from({ length: 21 }, () => 'INC-2026-000001'))).toEqual({ links: 'incidents.validation.too_many_links' });
  });

  it('refuses a side counted twice', () => {
    const twice = {
      killed: '0',
      injured: '2',
      sides: [
        { side: 'isf', killed: '0', injured: '1' },
        { side: 'isf', killed: '0', injured: '1' },
      ],
    };
    expect(casualtyErrors(twice)).toEqual({ 'casualties.by_side': 'incidents.validation.side_twice' });
  });
});

describe('buildReport', () => {
  it('sends the contract body, the coordinator always among the parties', () => {
    const body = buildReport(
      filled({
        with_casualties: true,
        casualties: { killed: '1', injured: '2', sides: [{ side: 'civilian', killed: '1', injured: '0' }] },
        links: [' REQ-2026-000012 '],
      }),
      ['ussc'],
    );
    expect(body).toEqual({
      type: 'clash',
      severity: 4,
      title: 'Exchange of fire near Jenin',
      description: 'Shots heard.',
      location: { type: 'Point', coordinates: [35.3, 32.46] },
      occurred_at: new Date(2026, 10, 21, 8, 40).toISOString().replace('.000Z', 'Z'),
      shared_with: ['pasf', 'ussc'],
      casualties: { killed: 1, injured: 2, by_side: [{ side: 'civilian', killed: 1, injured: 0 }] },
      links: ['REQ-2026-000012'],
    });
  });

  it('closes an area into a polygon and leaves out casualties not asked for', () => {
    const body = buildReport(
      filled({
        mode: 'area',
        vertices: [
          { lat: 32, lng: 35 },
          { lat: 32.1, lng: 35 },
          { lat: 32.1, lng: 35.1 },
        ],
        shared_with: [],
      }),
      [],
    );
    expect(body.location).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [35, 32],
          [35, 32.1],
          [35.1, 32.1],
          [35, 32],
        ],
      ],
    });
    expect(body.shared_with).toEqual([]);
    expect(body).not.toHaveProperty('casualties');
    expect(body).not.toHaveProperty('links');
  });

  it('names every field a problem may land on', () => {
    const fields = reportFields(filled({ links: ['a', 'b'], casualties: { killed: '0', injured: '0', sides: [{ side: 'isf', killed: '0', injured: '0' }] } }));
    expect(fields.has('shared_with')).toBe(true);
    expect(fields.has('links.1')).toBe(true);
    expect(fields.has('casualties.by_side.0.side')).toBe(true);
    expect(fields.has('links.2')).toBe(false);
  });
});

describe('the update form', () => {
  const base = initialUpdateForm(incident());

  it('starts from the incident and sends nothing unchanged', () => {
    expect(base.casualties.injured).toBe('3');
    expect(base.casualties.sides).toHaveLength(2);
    expect(base.links).toEqual(['RET-2026-000003']);
    expect(base.mode).toBe('point');
    expect(buildUpdate(base)).toBeNull();
    expect(buildUpdate({ ...base, text: '   ' })).toBeNull();
  });

  it('sends only the parts the user changed', () => {
    expect(buildUpdate({ ...base, text: ' Ambulance on site ', state: 'monitoring' })).toEqual({
      text: 'Ambulance on site',
      state: 'monitoring',
    });
    expect(buildUpdate({ ...base, severity: '5', edit_casualties: true })).toEqual({
      severity: 5,
      casualties: {
        killed: 0,
        injured: 3,
        by_side: [
          { side: 'isf', killed: 0, injured: 1 },
          { side: 'pasf', killed: 0, injured: 2 },
        ],
      },
    });
    expect(buildUpdate({ ...base, edit_links: true, links: [] })).toEqual({ links: [] });
    expect(buildUpdate({ ...base, move: true, vertices: [{ lat: 32.2, lng: 35.25 }] })).toEqual({
      location: { type: 'Point', coordinates: [35.25, 32.2] },
    });
  });

  it('asks for the new location once the user chose to move it', () => {
    expect(validateUpdate({ ...base, move: true })).toEqual({ location: 'incidents.validation.location_required' });
    expect(validateUpdate(base)).toEqual({});
  });
});

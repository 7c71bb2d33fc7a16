import { describe, expect, it } from 'vitest';
import { buildDraft, defaultWindow, knownFields, validateForm, type RequestForm } from './draft';

function form(patch: Partial<RequestForm> = {}): RequestForm {
  return {
    type: 'movement',
    to_party: 'isf',
    precedence: 'PRIORITY',
    title: ' Convoy ',
    details: 'Any language: قافلة',
    mode: 'route',
    vertices: [
      { lat: 32.46, lng: 35.29 },
      { lat: 32.32, lng: 35.36 },
    ],
    start: '2026-11-21T08:00',
    end: '2026-11-21T12:00',
    buffer_m: '200',
    with_movement: false,
    personnel: '12',
    vehicles: [{ plate: '12-345-67', description: 'jeep' }],
    weapons: [{ kind: 'rifle', count: '12' }],
    return_at: '',
    route_description: ' Route 60 ',
    links: [],
    logged: false,
    call_party: '',
    call_channel: 'phone',
    caller: '',
    call_unit: '',
    ...patch,
  };
}

describe('validateForm', () => {
  it('accepts a complete movement', () => {
    expect(validateForm(form())).toEqual({});
  });

  it('names each missing or wrong field', () => {
    const errors = validateForm(
      form({
        to_party: '',
        title: '  ',
        end: '2026-11-21T07:00',
        buffer_m: '60000',
        personnel: '-1',
        vehicles: [{ plate: '', description: 'jeep' }],
        weapons: [{ kind: 'rifle', count: '0' }],
      }),
    );
    expect(errors).toEqual({
      to_party: 'requests.validation.required',
      title: 'requests.validation.required',
      'footprint.end': 'requests.validation.end_before_start',
      'footprint.buffer_m': 'requests.validation.buffer',
      'movement.personnel': 'requests.validation.whole_number',
      'movement.vehicles.0.plate': 'requests.validation.required',
      'movement.weapons.0.count': 'requests.validation.positive',
    });
  });

  it('keeps the window within 31 days', () => {
    expect(validateForm(form({ end: '2026-12-22T12:00' }))['footprint.end']).toBe('requests.validation.window_too_long');
    expect(validateForm(form({ end: '2026-12-21T08:00' }))['footprint.end']).toBeUndefined();
  });

  it('needs enough vertices for the mode, and a footprint for a movement', () => {
    expect(validateForm(form({ mode: 'area' }))['footprint.geometry']).toBe('requests.validation.needs_points_area');
    expect(validateForm(form({ vertices: [] }))['footprint.geometry']).toBe('requests.validation.footprint_required');
    expect(validateForm(form({ type: 'notification', vertices: [] }))['footprint.geometry']).toBeUndefined();
  });

  it('a logged call needs the calling party and the caller', () => {
    expect(validateForm(form({ logged: true, caller: ' ' }))).toEqual({
      'logged_call.party': 'requests.validation.required',
      'logged_call.caller': 'requests.validation.required',
    });
    // Unchecked, the call fields are not looked at.
    expect(validateForm(form({ logged: false, caller: '' }))).toEqual({});
  });

  it('names an empty link row', () => {
    expect(validateForm(form({ links: [{ kind: 'incident', id: 'INC-7' }, { kind: 'request', id: ' ' }] }))).toEqual({
      'links.1.id': 'requests.validation.required',
    });
  });

  it('ignores movement fields when the type carries none', () => {
    expect(validateForm(form({ type: 'information', personnel: 'x' }))).toEqual({});
    expect(validateForm(form({ type: 'medical', with_movement: true, personnel: 'x' }))).toHaveProperty('movement.personnel');
  });
});

describe('buildDraft', () => {
  it('builds the create body with the footprint in UTC and the movement', () => {
    const draft = buildDraft(form());
    expect(draft.title).toBe('Convoy');
    expect(draft.details).toBe('Any language: قافلة');
    expect(draft.footprint).toEqual({
      geometry: {
        type: 'LineString',
        coordinates: [
          [35.29, 32.46],
          [35.36, 32.32],
        ],
      },
      buffer_m: 200,
      start: new Date('2026-11-21T08:00').toISOString().replace('.000Z', 'Z'),
      end: new Date('2026-11-21T12:00').toISOString().replace('.000Z', 'Z'),
    });
    expect(draft.movement).toEqual({
      personnel: 12,
      vehicles: [{ plate: '12-345-67', description: 'jeep' }],
      weapons: [{ kind: 'rifle', count: 12 }],
      route_description: 'Route 60',
    });
  });

  it('leaves out an unfinished footprint and movement the type does not carry', () => {
    const draft = buildDraft(form({ type: 'notification', vertices: [{ lat: 32.46, lng: 35.29 }] }));
    expect(draft.footprint).toBeUndefined();
    expect(draft.movement).toBeUndefined();
  });

  it('carries the logged call: from the calling party, with channel, caller and unit', () => {
    const draft = buildDraft(
      form({ logged: true, call_party: 'pasf', call_channel: 'radio', caller: ' Capt. Khalil ', call_unit: ' ', to_party: 'isf' }),
    );
    expect(draft.logged_call).toEqual({ channel: 'radio', caller: 'Capt. Khalil', party: 'pasf' });
    expect(draft.to_party).toBe('isf');
    const withUnit = buildDraft(form({ logged: true, call_party: 'pasf', caller: 'x', call_unit: 'pasf/dcl/jenin' }));
    expect(withUnit.logged_call?.unit).toBe('pasf/dcl/jenin');
    expect(buildDraft(form({ logged: false, call_party: 'pasf', caller: 'x' })).logged_call).toBeUndefined();
  });

  it('sends every link row in order, ids trimmed, and no links when there are none', () => {
    const draft = buildDraft(form({ links: [{ kind: 'case', id: ' C-1 ' }, { kind: 'request', id: 'REQ-2026-000100' }] }));
    expect(draft.links).toEqual([
      { kind: 'case', id: 'C-1' },
      { kind: 'request', id: 'REQ-2026-000100' },
    ]);
    expect(buildDraft(form()).links).toBeUndefined();
  });

  it('drops empty vehicle and weapon rows', () => {
    const draft = buildDraft(form({ vehicles: [{ plate: ' ', description: '' }], weapons: [{ kind: '', count: '' }] }));
    expect(draft.movement?.vehicles).toEqual([]);
    expect(draft.movement?.weapons).toEqual([]);
  });
});

describe('knownFields', () => {
  it('has a field per vehicle and weapon row', () => {
    const known = knownFields(form());
    expect(known.has('movement.vehicles.0.plate')).toBe(true);
    expect(known.has('movement.vehicles.1.plate')).toBe(false);
    expect(known.has('movement.weapons.0.count')).toBe(true);
  });

  it('has a field per link row and the logged call', () => {
    const known = knownFields(form({ links: [{ kind: 'request', id: 'x' }] }));
    expect(known.has('links.0.id')).toBe(true);
    expect(known.has('links.1.id')).toBe(false);
    expect(known.has('logged_call.party')).toBe(true);
  });
});

describe('defaultWindow', () => {
  it('starts at the next full hour and lasts four hours', () => {
    const { start, end } = defaultWindow(new Date(2026, 10, 21, 7, 42).getTime());
    expect(start).toEqual(new Date(2026, 10, 21, 8, 0));
    expect(end).toEqual(new Date(2026, 10, 21, 12, 0));
  });
});

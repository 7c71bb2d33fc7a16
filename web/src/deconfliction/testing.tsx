// Test fixtures for the deconfliction screens: an activity, a conflict as a
// side sees it (the pointer) and as the coordinator's duty desk sees it (the
// full view), a dry-run result, a protected site, and a stand-in for the
// Leaflet map. Used by *.test.tsx only; the users, parties, fake API and
// render helper are the request screens' (requests/testing.tsx).
import type {
  ActivityDetail,
  CheckResult,
  ConflictFull,
  ConflictPointer,
  ProtectedSite,
} from '../api/deconfliction';
import type { FootprintMapProps } from '../requests/FootprintMap';

export { apiError, kParties, renderAs, routedApi, user } from '../requests/testing';

/** The route the pasf.nablus side drew (GeoJSON positions, [lon, lat]). */
export const kRoute: [number, number][] = [
  [35.2, 32.22],
  [35.26, 32.21],
];

export function activity(patch: Partial<ActivityDetail> = {}): ActivityDetail {
  return {
    id: 'ACT-2026-000001',
    party: 'isf',
    kind: 'patrol',
    state: 'planned',
    ended: false,
    title: 'Route check',
    details: 'Two vehicles along the ridge road.',
    unit: 'isf/dco/nablus',
    poc: 'Duty officer, 02-555-0100',
    confidentiality: 'restricted',
    footprint: {
      geometry: { type: 'LineString', coordinates: kRoute },
      buffer_m: 300,
      start: '2026-11-22T06:00:00Z',
      end: '2026-11-22T10:00:00Z',
    },
    district: 'PS0115',
    districts: ['PS0115'],
    created_by: 'isf.nablus',
    created_at: '2026-11-21T08:00:00Z',
    updated_at: '2026-11-21T08:00:00Z',
    created_seq: 41,
    conflict_count: 1,
    warnings: [],
    conflicts: [],
    ...patch,
  };
}

const kContact: ConflictPointer['contact'] = {
  kind: 'coordinator',
  party: 'ussc',
  desk: 'ussc/ops/duty',
  desk_name: 'USSC duty desk',
  on_duty: 'ussc.duty',
};

/** CFL-2026-000001 as the PASF side sees it. */
export function pointerConflict(patch: Partial<ConflictPointer> = {}): ConflictPointer {
  return {
    id: 'CFL-2026-000001',
    state: 'open',
    parties: ['isf', 'pasf'],
    start: '2026-11-22T06:00:00Z',
    end: '2026-11-22T10:00:00Z',
    district: 'PS0115',
    view: 'pointer',
    other: { party: 'isf', name: 'Israeli Security Forces' },
    mine: { ref: 'ACT-2026-000002', type: 'activity', title: 'Convoy to Nablus' },
    contact: kContact,
    acknowledged: { isf: { at: '2026-11-21T08:05:00Z', by: 'isf.nablus' }, pasf: null },
    outcome: null,
    note: null,
    auto: false,
    resolved_at: null,
    created_at: '2026-11-21T08:01:00Z',
    created_seq: 42,
    updated_seq: 43,
    ...patch,
  };
}

/** The same conflict as the coordinator's duty desk sees it. */
export function fullConflict(patch: Partial<ConflictFull> = {}): ConflictFull {
  const { other: _other, mine: _mine, contact: _contact, view: _view, ...base } = pointerConflict();
  return {
    ...base,
    view: 'full',
    sides: [
      {
        party: 'isf',
        ref: 'ACT-2026-000001',
        type: 'activity',
        kind: 'patrol',
        title: 'Route check',
        unit: 'isf/dco/nablus',
        poc: 'Duty officer, 02-555-0100',
        footprint: activity().footprint,
      },
      {
        party: 'pasf',
        ref: 'ACT-2026-000002',
        type: 'activity',
        kind: 'movement',
        title: 'Convoy to Nablus',
        unit: 'pasf/dcl/nablus',
        poc: null,
        footprint: {
          geometry: { type: 'Point', coordinates: [35.23, 32.215] },
          buffer_m: 200,
          start: '2026-11-22T08:00:00Z',
          end: '2026-11-22T12:00:00Z',
        },
      },
    ],
    distance_m: 85.2,
    ...patch,
  };
}

/** A dry run that finds one conflict with the ISF and one protected site. */
export function checkResult(patch: Partial<CheckResult> = {}): CheckResult {
  const p = pointerConflict();
  return {
    conflicts: [{ parties: p.parties, start: p.start, end: p.end, district: p.district, other: p.other, contact: p.contact }],
    warnings: [{ site: 'SITE-000001', name: 'Rafidia Hospital', kind: 'hospital', distance_m: 120.5 }],
    ...patch,
  };
}

export function site(patch: Partial<ProtectedSite> = {}): ProtectedSite {
  return {
    id: 'SITE-000001',
    kind: 'hospital',
    name: 'Rafidia Hospital',
    geometry: { type: 'Point', coordinates: [35.235, 32.226] },
    buffer_m: 150,
    start: null,
    end: null,
    notes: 'Main entrance on the west side.',
    created_by: 'ussc.duty',
    created_at: '2026-11-20T12:00:00Z',
    ...patch,
  };
}

/** Places the stand-in map's buttons click, in Nablus. */
export const kClicks = [
  { lat: 32.22, lng: 35.2 },
  { lat: 32.21, lng: 35.26 },
  { lat: 32.2, lng: 35.23 },
];

/**
 * Leaflet does not run in jsdom: the map is replaced by buttons that "click"
 * the map at kClicks. Use with
 * vi.mock('../requests/FootprintMap', async () => ({ FootprintMap: (await import('./testing')).FootprintMapStub })).
 */
export function FootprintMapStub(props: FootprintMapProps) {
  return (
    <div
      data-testid={props.testId}
      data-vertices={props.vertices.length}
      data-mode={props.mode}
      data-alternative={props.alternative?.type ?? ''}
    >
      {kClicks.map((v, i) => (
        <button key={i} type="button" data-testid={`map-click-${i}`} onClick={() => props.onAddVertex?.(v)}>
          click {i}
        </button>
      ))}
    </div>
  );
}

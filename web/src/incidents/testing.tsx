// Test fixtures for the incident and return-case screens: an incident with
// its timeline, a return case with its chain of custody, handover points
// and figures. Used by *.test.tsx only; the users, parties, fake API and
// render helper are the request screens' (requests/testing.tsx), the
// stand-in map the deconfliction screens'.
import type { IncidentDetail } from '../api/incidents';
import type { HandoverPoint, ReturnDetail, ReturnStats } from '../api/returns';

export { apiError, kParties, renderAs, routedApi, user } from '../requests/testing';
export { FootprintMapStub } from '../deconfliction/testing';

export function incident(patch: Partial<IncidentDetail> = {}): IncidentDetail {
  return {
    id: 'INC-2026-000001',
    type: 'joint_accident',
    severity: 4,
    state: 'open',
    title: 'Collision at Huwwara junction',
    description: 'Two vehicles, one of each side.',
    location: { type: 'Point', coordinates: [35.26, 32.15] },
    district: 'PS0115',
    occurred_at: '2026-11-21T08:10:00Z',
    reported_at: '2026-11-21T08:14:03Z',
    reported_by: 'isf.nablus',
    party: 'isf',
    unit: 'isf/dco/nablus',
    shared_with: ['pasf', 'ussc'],
    casualties: {
      killed: 0,
      injured: 3,
      by_side: [
        { side: 'isf', killed: 0, injured: 1 },
        { side: 'pasf', killed: 0, injured: 2 },
      ],
    },
    links: ['RET-2026-000003'],
    channel_id: 'incident:INC-2026-000001',
    acknowledgements: [
      { party: 'pasf', due_at: '2026-11-21T08:19:03Z', acknowledged_at: null, acknowledged_by: null, overdue: false },
    ],
    alert: true,
    closed_at: null,
    closed_by: null,
    summary: null,
    updated_at: '2026-11-21T08:14:03Z',
    seq: 1234,
    timeline: [
      {
        kind: 'reported',
        at: '2026-11-21T08:14:03Z',
        by: 'isf.nablus',
        party: 'isf',
        seq: 1234,
        text: 'Two vehicles, one of each side.',
        changes: null,
      },
      {
        kind: 'update',
        at: '2026-11-21T08:16:00Z',
        by: 'pasf.nablus',
        party: 'pasf',
        seq: 1240,
        text: 'الإسعاف في الطريق',
        changes: { severity: 5, state: 'monitoring' },
      },
    ],
    ...patch,
  };
}

export function returnCase(patch: Partial<ReturnDetail> = {}): ReturnDetail {
  return {
    id: 'RET-2026-000003',
    stage: 'secured',
    category: 'israeli_civilian',
    count: 1,
    circumstances: 'Drove into Jenin following a navigation app',
    location: { type: 'Point', coordinates: [35.3, 32.46] },
    district: 'PS0101',
    party: 'isf',
    reporting_unit: 'isf/dco/jenin',
    holding_party: 'pasf',
    holding_unit: 'pasf/dcl/jenin',
    receiving_party: 'isf',
    receiving_unit: 'isf/dco/jenin',
    handover_point: null,
    handover_at: null,
    medical_status: 'uninjured',
    name: 'Dana Cohen',
    incident: null,
    shared_with: ['pasf', 'ussc'],
    stages: [
      { stage: 'reported', at: '2026-11-21T08:30:00Z', by: 'isf.jenin', party: 'isf', seq: 501, note: null },
      { stage: 'located', at: '2026-11-21T08:50:00Z', by: 'pasf.jenin', party: 'pasf', seq: 503, note: 'Near the old market' },
      { stage: 'secured', at: '2026-11-21T09:02:00Z', by: 'pasf.jenin', party: 'pasf', seq: 507, note: null },
    ],
    stage_since: '2026-11-21T09:02:00Z',
    stage_due_at: '2026-11-21T11:02:00Z',
    overdue: false,
    reported_at: '2026-11-21T08:30:00Z',
    handed_over_at: null,
    closed_at: null,
    summary: null,
    updated_at: '2026-11-21T09:02:00Z',
    seq: 501,
    ...patch,
  };
}

export const kHandoverPoints: HandoverPoint[] = [
  {
    id: 'cp-jalama',
    name: 'Jalama',
    name_ar: 'الجلمة',
    name_he: "ג'למה",
    kind: 'checkpoint',
    governorate: 'Jenin',
    location: { type: 'Point', coordinates: [35.33, 32.52] },
  },
  {
    id: 'cp-huwwara',
    name: 'Huwwara',
    name_ar: null,
    name_he: null,
    kind: 'checkpoint',
    governorate: 'Nablus',
    location: { type: 'Point', coordinates: [35.26, 32.15] },
  },
  {
    id: 'lp-jenin-dco',
    name: 'Jenin DCO',
    kind: 'liaison_point',
    governorate: 'Jenin',
    location: { type: 'Point', coordinates: [35.3, 32.47] },
  },
];

export function returnStats(patch: Partial<ReturnStats> = {}): ReturnStats {
  return {
    cases: 12,
    handed_over: 9,
    time_to_handover: { p50_minutes: 185, p90_minutes: 600, n: 9 },
    per_month: [
      { month: '2026-11', count: 5 },
      { month: '2026-10', count: 7 },
    ],
    per_district: [
      { district: 'PS0101', count: 8 },
      { district: null, count: 4 },
    ],
    per_stage: [
      { stage: 'closed', count: 9 },
      { stage: 'secured', count: 3 },
    ],
    ...patch,
  };
}

// The routes of the vetting, training and allegations screens (shell/routes.tsx).
import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from '../shell/routes';

const kRoutes: [string, Route][] = [
  ['#/vetting', { page: 'vetting' }],
  ['#/vetting/new', { page: 'new_vetting', kind: '', subject: '', purpose: '', ref: '' }],
  [
    '#/vetting/new?kind=unit&id=CP-PS0115-2&purpose=course&ref=SES-2026-000004',
    { page: 'new_vetting', kind: 'unit', subject: 'CP-PS0115-2', purpose: 'course', ref: 'SES-2026-000004' },
  ],
  ['#/vetting/VET-2026-000007', { page: 'vetting_request', id: 'VET-2026-000007' }],
  ['#/courses', { page: 'courses' }],
  ['#/courses/new', { page: 'new_course' }],
  ['#/courses/POP%20201', { page: 'course', code: 'POP 201' }],
  ['#/sessions', { page: 'sessions', course: '' }],
  ['#/sessions?course=POP-201', { page: 'sessions', course: 'POP-201' }],
  ['#/sessions/new?course=POP-201', { page: 'new_session', course: 'POP-201' }],
  ['#/sessions/SES-2026-000004', { page: 'training_session', id: 'SES-2026-000004' }],
  ['#/targets', { page: 'targets' }],
  ['#/allegations', { page: 'allegations' }],
  ['#/allegations/new', { page: 'new_allegation' }],
  ['#/allegations/ALG-2026-000002', { page: 'allegation', id: 'ALG-2026-000002' }],
];

describe('programme routes', () => {
  for (const [hash, route] of kRoutes) {
    it(`${hash} reads and writes back`, () => {
      expect(parseRoute(hash)).toEqual(route);
      expect(routeHash(route)).toBe(hash);
    });
  }

  it('refuses deeper paths', () => {
    expect(parseRoute('#/courses/POP-201/edit')).toEqual({ page: 'not_found' });
    expect(parseRoute('#/targets/TGT-1')).toEqual({ page: 'not_found' });
    expect(parseRoute('#/vetting/%E0%A4%A')).toEqual({ page: 'not_found' });
  });
});

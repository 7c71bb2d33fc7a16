// Test fixtures for the personnel screens: the reference data, persons,
// units and analytics answers, and a fake API routed by method and path
// that also answers PUT and raw-body POSTs (the import). Used by *.test.tsx
// only; the users and the render helper are the request screens'.
import type { ApiClient } from '../api/client';
import type {
  CareerEvent,
  Headcount,
  OrgUnit,
  Payroll,
  PersonDetail,
  PersonnelReference,
  RankPyramid,
  RetirementForecast,
  VacancyList,
} from '../api/personnel';
import { fakeApi } from '../test/render';

export { apiError, renderAs, user } from '../requests/testing';

export const kReference: PersonnelReference = {
  services: [
    { code: 'NSF', name_en: 'National Security Forces', name_ar: 'قوات الأمن الوطني', name_he: 'כוחות הביטחון הלאומי' },
    { code: 'CP', name_en: 'Civil Police', name_ar: 'الشرطة المدنية', name_he: 'המשטרה האזרחית' },
  ],
  ranks: [
    { code: 'PVT', band: 'enlisted', grade: 1, title_en: 'Private', title_ar: 'جندي', title_he: 'טוראי', monthly_pay: 3000 },
    { code: 'SGT', band: 'nco', grade: 3, title_en: 'Sergeant', title_ar: 'رقيب', title_he: 'סמל', monthly_pay: 3800 },
    { code: 'CPT', band: 'officer', grade: 9, title_en: 'Captain', title_ar: 'نقيب', title_he: 'סרן', monthly_pay: 6200 },
  ],
  bands: ['officer', 'nco', 'enlisted'],
  statuses: ['active', 'suspended', 'retired', 'separated', 'deceased'],
  career_event_kinds: ['appointment', 'promotion', 'transfer'],
  currency: 'ILS',
};

export function person(patch: Partial<PersonDetail> = {}): PersonDetail {
  return {
    id: 'PER-0000042',
    service_number: 'CP-10234',
    name_ar: 'أحمد خليل يوسف',
    name_en: 'Ahmad Khalil Yousef',
    service: 'CP',
    unit: 'CP-PS0115',
    rank: 'SGT',
    band: 'nco',
    status: 'active',
    district: 'PS0115',
    post: 'PATROL-LEAD',
    birth_date: '1988-03-14',
    joined_on: '2010-09-01',
    sex: 'm',
    education: 'Secondary',
    notes: null,
    synthetic: false,
    unit_name_en: 'Civil Police, Nablus',
    unit_name_ar: 'الشرطة المدنية - نابلس',
    vetting: { status: 'cleared', valid_until: '2027-05-01T00:00:00Z' },
    ...patch,
  };
}

export const kCareer: CareerEvent[] = [
  {
    kind: 'promotion',
    effective: '2016-01-01',
    seq: 900,
    author: 'pasf.hr',
    at: '2016-01-03T09:00:00Z',
    changes: { rank: 'SGT', band: 'nco' },
    note: 'Board of December 2015',
  },
  {
    kind: 'appointment',
    effective: '2010-09-01',
    seq: 12,
    idx: 4,
    author: 'pasf.hr',
    at: '2010-09-01T08:00:00Z',
    changes: { rank: 'PVT', unit: 'CP-PS0115', status: 'active' },
  },
];

export function unit(patch: Partial<OrgUnit> = {}): OrgUnit {
  return {
    id: 'CP',
    parent: null,
    service: 'CP',
    name_en: 'Civil Police headquarters',
    name_ar: 'قيادة الشرطة المدنية',
    district: null,
    posts: [],
    authorised: { officer: 0, nco: 0, enlisted: 0 },
    strength: { officer: 0, nco: 0, enlisted: 0 },
    ...patch,
  };
}

export function pyramid(): RankPyramid {
  return {
    target: { officer: 1, nco: 3, enlisted: 6 },
    items: [
      {
        service: 'CP',
        officer: 30,
        nco: 90,
        enlisted: 180,
        total: 300,
        share: { officer: 0.1, nco: 0.3, enlisted: 0.6 },
        target_share: { officer: 0.1, nco: 0.3, enlisted: 0.6 },
      },
      {
        service: 'NSF',
        officer: 50,
        nco: 50,
        enlisted: 100,
        total: 200,
        share: { officer: 0.25, nco: 0.25, enlisted: 0.5 },
        target_share: { officer: 0.1, nco: 0.3, enlisted: 0.6 },
      },
    ],
    all: {
      officer: 80,
      nco: 140,
      enlisted: 280,
      total: 500,
      share: { officer: 0.16, nco: 0.28, enlisted: 0.56 },
      target_share: { officer: 0.1, nco: 0.3, enlisted: 0.6 },
    },
  };
}

export function headcount(): Headcount {
  return {
    total: 500,
    by_service: [
      { service: 'CP', name_en: 'Civil Police', name_ar: 'الشرطة المدنية', count: 300 },
      { service: 'NSF', name_en: 'National Security Forces', name_ar: 'قوات الأمن الوطني', count: 200 },
    ],
    by_district: [
      { district: 'PS0115', name_en: 'Nablus', name_ar: 'نابلس', count: 320 },
      { district: null, name_en: '', name_ar: '', count: 180 },
    ],
    by_band: [
      { band: 'officer', count: 80 },
      { band: 'nco', count: 140 },
      { band: 'enlisted', count: 280 },
    ],
    by_service_band: [],
  };
}

export function vacancies(): VacancyList {
  return {
    items: [
      {
        unit: 'CP-PS0115',
        name_en: 'Civil Police, Nablus',
        name_ar: 'الشرطة المدنية - نابلس',
        service: 'CP',
        district: 'PS0115',
        band: 'officer',
        authorised: 12,
        filled: 9,
        vacant: 3,
        over: 0,
      },
    ],
    totals: { authorised: 12, filled: 9, vacant: 3, over: 0 },
    next: null,
  };
}

export function retirements(): RetirementForecast {
  return {
    rules: { age: 60, service_years: 35 },
    years: [
      { year: 2027, count: 14, by_band: { officer: 2, nco: 5, enlisted: 7 }, by_reason: { age: 10, service: 4 } },
      { year: 2028, count: 9, by_band: { officer: 1, nco: 3, enlisted: 5 }, by_reason: { age: 6, service: 3 } },
    ],
    overdue: 2,
  };
}

export function payroll(): Payroll {
  return {
    currency: 'ILS',
    persons: 500,
    monthly_total: 2_000_000,
    annual_total: 24_000_000,
    by_service: [
      { service: 'CP', persons: 300, monthly: 1_200_000 },
      { service: 'NSF', persons: 200, monthly: 800_000 },
    ],
    by_band: [],
    by_rank: [{ rank: 'CPT', persons: 80, monthly_pay: 6200, monthly: 496_000 }],
  };
}

type Handler = (path: string, body?: unknown) => unknown;

export interface Call {
  method: string;
  path: string;
  body?: unknown;
  contentType?: string;
}

/**
 * A fake API answering from `routes` ("GET /api/v1/personnel" -> handler,
 * the path with or without its query); a handler may return a value or
 * throw an ApiError. Raw-body POSTs are routed as "POST <path>" with the
 * body as sent. Unrouted calls reject, so a test sees calls it did not
 * expect.
 */
export function personnelApi(routes: Record<string, Handler>): ApiClient & { calls: Call[] } {
  const calls: Call[] = [];
  const answer = async (method: string, path: string, body?: unknown, contentType?: string) => {
    const call: Call = { method, path, body };
    if (contentType !== undefined) call.contentType = contentType;
    calls.push(call);
    const bare = path.split('?')[0] as string;
    const handler = routes[`${method} ${path}`] ?? routes[`${method} ${bare}`];
    if (!handler) throw new Error(`unexpected ${method} ${path}`);
    return handler(path, body);
  };
  const api = fakeApi({
    get: <T,>(path: string) => answer('GET', path) as Promise<T>,
    post: <T,>(path: string, body?: unknown) => answer('POST', path, body) as Promise<T>,
    put: <T,>(path: string, body: unknown) => answer('PUT', path, body) as Promise<T>,
    postBytes: <T,>(path: string, body: Blob | ArrayBuffer, contentType: string) =>
      answer('POST', path, body, contentType) as Promise<T>,
  });
  return Object.assign(api, { calls });
}

import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import en from '../i18n/parts/training.en.json';
import type { Course } from '../api/training';
import type { Me } from '../api/types';
import { CoursePage } from './CoursePage';
import { buildCourse, courseFields, validateCourse } from './CourseForm';
import { CoursesPage } from './CoursesPage';
import { orderReasons, progressBars } from './model';
import { NewCoursePage } from './NewCoursePage';
import { buildSession, NewSessionPage, validateSession } from './NewSessionPage';
import { TargetsPage } from './TargetsPage';
import { course, kUsers, problem, renderAs, routedApi, session, target } from './testing';

type Handler = (path: string, body?: unknown) => unknown;

const kNations = {
  items: [
    { code: 'CA', name_en: 'Canada', name_ar: 'كندا', name_he: 'קנדה' },
    { code: 'GB', name_en: 'United Kingdom', name_ar: 'المملكة المتحدة', name_he: 'הממלכה המאוחדת' },
  ],
};

function api(routes: Record<string, Handler> = {}) {
  return routedApi({
    'GET /api/v1/nations': () => kNations,
    'GET /api/v1/courses': () => ({ items: [course(), course({ code: 'FA-1', title_en: 'First aid', title_ar: 'الإسعافات الأولية', title_he: null, nation: 'GB', prerequisites: [], qualification: 'FA', validity_months: null })], next: null }),
    'GET /api/v1/courses/POP-201': () => course(),
    'GET /api/v1/sessions': () => ({ items: [session()], next: null }),
    'GET /api/v1/targets': () => ({ items: [target()], next: null }),
    'GET /api/v1/personnel/reference': () => ({ services: [{ code: 'CP', name_en: 'Civil Police', name_ar: 'الشرطة المدنية', name_he: 'המשטרה האזרחית' }] }),
    ...routes,
  });
}

describe('training rules', () => {
  it('tells known reasons in the rules order, then unknown ones, once each', () => {
    expect(orderReasons(['x_new', 'session_full', 'not_cleared', 'session_full'])).toEqual(['not_cleared', 'session_full', 'x_new']);
  });

  it('draws progress against the number required, capped at full', () => {
    expect(progressBars({ qualified_and_cleared: 150, qualified: 210, required: 600, percent: 25 })).toEqual({ counted: 25, qualified: 35 });
    expect(progressBars({ qualified_and_cleared: 700, qualified: 700, required: 600, percent: 116 })).toEqual({ counted: 100, qualified: 100 });
    expect(progressBars({ qualified_and_cleared: 0, qualified: 0, required: 0, percent: 0 })).toEqual({ counted: 0, qualified: 0 });
  });

  it('checks a course and builds its body', () => {
    const empty = courseFields();
    expect(Object.keys(validateCourse(empty)).sort()).toEqual(
      ['capacity', 'code', 'duration_days', 'nation', 'qualification', 'title_ar', 'title_en'].sort(),
    );
    const f = { ...courseFields(course()), prerequisites: 'POP-101, FA-1,, POP-101', validity_months: '' };
    expect(validateCourse(f)).toEqual({});
    expect(buildCourse(f)).toEqual({
      code: 'POP-201',
      title_en: 'Public-order policing, advanced',
      title_ar: 'حفظ النظام العام، مستوى متقدم',
      title_he: 'שיטור סדר ציבורי, מתקדם',
      nation: 'CA',
      duration_days: 5,
      capacity: 24,
      prerequisites: ['POP-101', 'FA-1'],
      qualification: 'POP-ADV',
      validity_months: null,
      description: 'Crowd management for formed police units.',
    });
    expect(validateCourse({ ...f, code: 'POP 201', duration_days: '0', prerequisites: 'bad code' })).toEqual({
      code: 'training.validation.code',
      duration_days: 'training.validation.duration',
      prerequisites: 'training.validation.code',
    });
  });

  it('checks a session and builds its body', () => {
    const f = { course: 'POP-201', starts_on: '2026-12-10', ends_on: '2026-12-06', location: ' ', instructors: '', capacity: '0' };
    expect(validateSession(f)).toEqual({
      ends_on: 'training.validation.ends_before',
      location: 'requests.validation.required',
      capacity: 'training.validation.capacity',
    });
    expect(validateSession({ ...f, starts_on: '2026-02-30' }).starts_on).toBe('training.validation.date');
    expect(
      buildSession({ ...f, ends_on: '2026-12-14', location: 'Jericho', instructors: 'Maj. A\nCapt. B\n', capacity: '' }),
    ).toEqual({ course: 'POP-201', starts_on: '2026-12-10', ends_on: '2026-12-14', location: 'Jericho', instructors: ['Maj. A', 'Capt. B'] });
  });
});

describe('CoursesPage', () => {
  it('lists the catalogue with nations, prerequisites and qualifications', async () => {
    renderAs(<CoursesPage />, kUsers.pasf_hr, api());
    const rows = await screen.findAllByTestId('course-row');
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['POP-201', 'FA-1']);
    await waitFor(() => expect(rows[0]?.textContent).toContain('Canada'));
    expect(rows[0]?.textContent).toContain('POP-101');
    expect(rows[0]?.textContent).toContain('valid for (months): 24');
    expect(rows[1]?.textContent).toContain(en.training.course.no_expiry);
    expect(rows[1]?.textContent).toContain(en.training.course.no_prerequisites);
    expect(screen.queryByTestId('new-course')).toBeNull();
  });

  it('offers a new course to the coordinator trainers', async () => {
    renderAs(<CoursesPage />, kUsers.ussc_trainer, api());
    await screen.findAllByTestId('course-row');
    expect(screen.getByTestId('new-course').getAttribute('href')).toBe('#/courses/new');
  });

  it('shows titles in Arabic to an Arabic reader', async () => {
    renderAs(<CoursesPage />, kUsers.pasf_hr, api(), { lang: 'ar' });
    const rows = await screen.findAllByTestId('course-row');
    expect(rows[0]?.textContent).toContain('حفظ النظام العام، مستوى متقدم');
    await waitFor(() => expect(rows[0]?.textContent).toContain('كندا'));
  });
});

describe('CoursePage', () => {
  it('shows the course in three languages with its sessions', async () => {
    const fake = api();
    renderAs(<CoursePage code="POP-201" />, kUsers.ussc_trainer, fake);
    expect((await screen.findByTestId('course-title-ar')).textContent).toBe('حفظ النظام العام، مستوى متقدم');
    expect(screen.getByTestId('course-title-he').textContent).toBe('שיטור סדר ציבורי, מתקדם');
    expect(screen.getByTestId('course-duration').textContent).toBe('5');
    expect(screen.getByTestId('course-qualification').textContent).toContain('POP-ADV');
    expect(await screen.findByTestId('session-row')).toBeTruthy();
    expect(fake.calls.map((c) => c.path)).toContain('/api/v1/sessions?course=POP-201&limit=50');
    expect(screen.getByTestId('schedule-session').getAttribute('href')).toBe('#/sessions/new?course=POP-201');
  });

  it('lets a trainer change it with a PUT, keeping the code', async () => {
    const fake = api({
      'PUT /api/v1/courses/POP-201': (_path, body) => ({ ...(body as Course) }),
    });
    renderAs(<CoursePage code="POP-201" />, kUsers.ussc_trainer, fake);
    fireEvent.click(await screen.findByTestId('edit-course'));
    const form = screen.getByTestId('course-form');
    expect((within(form).getByTestId('field-code') as HTMLInputElement).readOnly).toBe(true);
    fireEvent.change(within(form).getByTestId('field-capacity'), { target: { value: '30' } });
    fireEvent.change(within(form).getByTestId('field-validity_months'), { target: { value: '' } });
    fireEvent.click(within(form).getByTestId('submit-course'));
    await waitFor(() => expect(screen.queryByTestId('course-form')).toBeNull());
    const put = fake.calls.find((c) => c.method === 'PUT');
    expect(put?.path).toBe('/api/v1/courses/POP-201');
    expect(put?.body).toMatchObject({ code: 'POP-201', capacity: 30, validity_months: null, prerequisites: ['POP-101'] });
    expect(screen.getByTestId('course-capacity').textContent).toBe('30');
  });

  it('gives others no edit or schedule', async () => {
    renderAs(<CoursePage code="POP-201" />, kUsers.pasf_hr, api());
    await screen.findByTestId('course-title-ar');
    expect(screen.queryByTestId('edit-course')).toBeNull();
    expect(screen.queryByTestId('schedule-session')).toBeNull();
  });
});

describe('NewCoursePage and NewSessionPage', () => {
  it('defines a course and opens it', async () => {
    const fake = api({ 'POST /api/v1/courses': (_p, body) => body });
    renderAs(<NewCoursePage />, kUsers.ussc_trainer, fake);
    const form = await screen.findByTestId('course-form');
    await waitFor(() => expect(within(form).getByTestId('field-nation').querySelectorAll('option').length).toBe(3));
    const type = (name: string, value: string) => fireEvent.change(within(form).getByTestId(`field-${name}`), { target: { value } });
    type('code', 'CRT-1');
    type('title_en', 'Crisis response');
    type('title_ar', 'الاستجابة للأزمات');
    type('nation', 'GB');
    type('duration_days', '10');
    type('capacity', '20');
    type('qualification', 'CRT');
    fireEvent.click(within(form).getByTestId('submit-course'));
    await waitFor(() => expect(window.location.hash).toBe('#/courses/CRT-1'));
    expect(fake.calls.find((c) => c.method === 'POST')?.body).toEqual({
      code: 'CRT-1',
      title_en: 'Crisis response',
      title_ar: 'الاستجابة للأزمات',
      nation: 'GB',
      duration_days: 10,
      capacity: 20,
      prerequisites: [],
      qualification: 'CRT',
      validity_months: null,
    });
  });

  it('shows a server problem on its field', async () => {
    const fake = api({
      'POST /api/v1/courses': () => {
        throw problem(400, { code: 'invalid_argument', field: '/nation', detail: 'not a coalition nation' });
      },
    });
    renderAs(<NewCoursePage />, kUsers.ussc_trainer, fake);
    const form = await screen.findByTestId('course-form');
    for (const [name, value] of [
      ['code', 'X-1'],
      ['title_en', 'x'],
      ['title_ar', 'س'],
      ['nation', 'CA'],
      ['duration_days', '1'],
      ['capacity', '1'],
      ['qualification', 'X'],
    ] as const) {
      fireEvent.change(within(form).getByTestId(`field-${name}`), { target: { value } });
    }
    fireEvent.click(within(form).getByTestId('submit-course'));
    expect((await within(form).findByTestId('error-nation')).textContent).toBe('not a coalition nation');
  });

  it('schedules a session of the chosen course and opens it', async () => {
    const fake = api({ 'POST /api/v1/sessions': () => session({ id: 'SES-2026-000009' }) });
    renderAs(<NewSessionPage course="POP-201" />, kUsers.ussc_trainer, fake);
    const form = await screen.findByTestId('session-form');
    expect((within(form).getByTestId('field-course') as HTMLSelectElement).value).toBe('POP-201');
    fireEvent.change(within(form).getByTestId('field-starts_on'), { target: { value: '2027-01-10' } });
    fireEvent.change(within(form).getByTestId('field-ends_on'), { target: { value: '2027-01-14' } });
    fireEvent.change(within(form).getByTestId('field-location'), { target: { value: 'Jericho' } });
    fireEvent.change(within(form).getByTestId('field-instructors'), { target: { value: 'Maj. A. Tremblay' } });
    fireEvent.click(within(form).getByTestId('submit-session'));
    await waitFor(() => expect(window.location.hash).toBe('#/sessions/SES-2026-000009'));
    expect(fake.calls.find((c) => c.method === 'POST')?.body).toEqual({
      course: 'POP-201',
      starts_on: '2027-01-10',
      ends_on: '2027-01-14',
      location: 'Jericho',
      instructors: ['Maj. A. Tremblay'],
    });
  });

  for (const [name, who] of [
    ['PASF HR', kUsers.pasf_hr],
    ['a vetting officer', kUsers.ussc_vetting],
  ] as [string, Me][]) {
    it(`gives ${name} no course or session form`, async () => {
      renderAs(<NewCoursePage />, who, api());
      renderAs(<NewSessionPage course="" />, who, api());
      expect(await screen.findAllByTestId('not-allowed')).toHaveLength(2);
      expect(screen.queryByTestId('course-form')).toBeNull();
      expect(screen.queryByTestId('session-form')).toBeNull();
    });
  }
});

describe('TargetsPage', () => {
  it('shows each target with progress bars: qualified and cleared, and qualified', async () => {
    renderAs(<TargetsPage />, kUsers.pasf_hr, api());
    const card = await screen.findByTestId('target');
    expect(card.getAttribute('data-percent')).toBe('25');
    const counted = within(card).getByTestId('target-counted');
    expect(counted.getAttribute('data-value')).toBe('150');
    expect(counted.getAttribute('data-max')).toBe('600');
    expect(counted.textContent).toContain('150 of 600 qualified and cleared (25%)');
    expect(within(counted).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('150');
    expect(within(card).getByTestId('target-qualified').textContent).toContain('qualified, cleared or not: 210');
    await waitFor(() => expect(card.textContent).toContain('Civil Police'));
    expect(screen.queryByTestId('new-target')).toBeNull();
  });

  it('lets a trainer set a target, then reads the list again', async () => {
    const fake = api({ 'POST /api/v1/targets': () => target({ id: 'TGT-2026-000002' }) });
    renderAs(<TargetsPage />, kUsers.ussc_trainer, fake);
    fireEvent.click(await screen.findByTestId('new-target'));
    const form = screen.getByTestId('target-form');
    fireEvent.click(within(form).getByTestId('submit-target'));
    expect(within(form).getByTestId('error-required').textContent).toBe(en.training.validation.required_count);
    fireEvent.change(within(form).getByTestId('field-title'), { target: { value: 'Public order for Gaza' } });
    fireEvent.change(within(form).getByTestId('field-qualification'), { target: { value: 'POP-ADV' } });
    fireEvent.change(within(form).getByTestId('field-required'), { target: { value: '600' } });
    fireEvent.change(within(form).getByTestId('field-due_on'), { target: { value: '2027-06-30' } });
    await waitFor(() => expect(within(form).getByTestId('field-service').querySelectorAll('option').length).toBe(2));
    fireEvent.change(within(form).getByTestId('field-service'), { target: { value: 'CP' } });
    const reads = fake.calls.filter((c) => c.path.startsWith('/api/v1/targets')).length;
    fireEvent.click(within(form).getByTestId('submit-target'));
    await waitFor(() => expect(screen.queryByTestId('target-form')).toBeNull());
    expect(fake.calls.find((c) => c.method === 'POST')?.body).toEqual({
      title: 'Public order for Gaza',
      qualification: 'POP-ADV',
      required: 600,
      due_on: '2027-06-30',
      service: 'CP',
    });
    await waitFor(() => expect(fake.calls.filter((c) => c.path.startsWith('/api/v1/targets')).length).toBe(reads + 2));
  });
});

import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import ar from '../i18n/parts/training.ar.json';
import en from '../i18n/parts/training.en.json';
import type { Me } from '../api/types';
import { SessionPage } from './SessionPage';
import { enrolment, kUsers, person, problem, refusal, renderAs, routedApi, session } from './testing';

type Handler = (path: string, body?: unknown) => unknown;
const kPath = '/api/v1/sessions/SES-2026-000004';
const sami = person();

function setup(who: Me = kUsers.ussc_trainer, routes: Record<string, Handler> = {}, lang: 'en' | 'ar' = 'en') {
  const api = routedApi({
    [`GET ${kPath}`]: () => session(),
    'GET /api/v1/personnel': () => ({ items: [sami, person({ id: 'PER-0000002', name_en: 'Sami Haddad' })], next: null }),
    ...routes,
  });
  return { api, ...renderAs(<SessionPage id="SES-2026-000004" />, who, api, { lang }) };
}

/** Searches "Sami" and picks Sami Odeh. */
async function pickSami() {
  fireEvent.change(await screen.findByTestId('person-query'), { target: { value: 'Sami' } });
  fireEvent.click(screen.getByTestId('person-search'));
  await screen.findByTestId('person-matches');
  const match = screen.getAllByTestId('person-match').find((b) => b.getAttribute('data-id') === 'PER-0004711');
  fireEvent.click(match as HTMLElement);
  await screen.findByTestId('person-picked');
}

const reasonTexts = () =>
  screen.getAllByTestId('refusal-reason').map((li) => [li.getAttribute('data-reason'), within(li).getByTestId('refusal-text').textContent]);

describe('SessionPage', () => {
  it('shows the session: dates, location, instructors, seats and who is enrolled', async () => {
    setup();
    expect((await screen.findByTestId('session-location')).textContent).toBe('Jericho training centre');
    expect(screen.getByTestId('session-instructors').textContent).toBe('Maj. A. Tremblay, Capt. L. Rossi');
    expect(screen.getByTestId('session-dates').textContent).toContain('days: 5');
    expect(screen.getByTestId('seats').getAttribute('data-value')).toBe('1');
    expect(screen.getByTestId('seats').textContent).toContain('1 of 24 seats taken');
    const row = screen.getByTestId('enrolment-row');
    expect(row.getAttribute('data-state')).toBe('enrolled');
    expect(within(row).getByTestId('enrolment-person').textContent).toContain('Khaled Mansour');
    expect(screen.getByTestId('session-course').getAttribute('href')).toBe('#/courses/POP-201');
  });

  it('searches people only when asked, and checks a person who may enrol', async () => {
    const { api } = setup(kUsers.ussc_trainer, {
      'POST /api/v1/enrolments/check': () => ({ eligible: true, reasons: [], missing_prerequisites: [] }),
    });
    fireEvent.change(await screen.findByTestId('person-query'), { target: { value: 'Sami' } });
    expect(api.calls.some((c) => c.path.startsWith('/api/v1/personnel'))).toBe(false);
    fireEvent.click(screen.getByTestId('person-search'));
    await screen.findByTestId('person-matches');
    expect(api.calls.map((c) => c.path)).toContain('/api/v1/personnel?q=Sami&limit=10');
    fireEvent.click(screen.getAllByTestId('person-match')[0] as HTMLElement);
    fireEvent.click(await screen.findByTestId('enrol-check'));
    expect((await screen.findByTestId('eligible')).textContent).toBe(en.training.enrol.eligible);
    expect(api.calls.find((c) => c.path === '/api/v1/enrolments/check')?.body).toEqual({
      session: 'SES-2026-000004',
      person: 'PER-0004711',
    });
    expect(screen.queryByTestId('refusal')).toBeNull();
  });

  it('tells every reason a check finds, one sentence each, in the rules order', async () => {
    setup(kUsers.ussc_trainer, {
      'POST /api/v1/enrolments/check': () => ({
        eligible: false,
        reasons: ['session_full', 'prerequisite_missing', 'not_cleared', 'not_active', 'unit_not_cleared'],
        missing_prerequisites: ['POP-101', 'FA-1'],
      }),
      [`GET ${kPath}`]: () => session({ seats_taken: 24 }),
    });
    await pickSami();
    fireEvent.click(screen.getByTestId('enrol-check'));
    const box = await screen.findByTestId('refusal');
    expect(box.getAttribute('data-kind')).toBe('check');
    expect(within(box).getByText(en.training.refusal.title_check)).toBeTruthy();
    const texts = reasonTexts();
    expect(texts.map(([code]) => code)).toEqual([
      'not_cleared',
      'unit_not_cleared',
      'prerequisite_missing',
      'session_full',
      'not_active',
    ]);
    expect(texts[0]?.[1]).toBe(en.training.refusal.not_cleared);
    expect(texts[1]?.[1]).toBe(en.training.refusal.unit_not_cleared);
    expect(texts[2]?.[1]).toContain('POP-101, FA-1');
    expect(texts[3]?.[1]).toBe('The session is full: 24 of 24 seats are taken.');
    expect(texts[4]?.[1]).toBe('The person is not active (status: active).');
  });

  it('shows a refused enrolment with its reasons from the problem, and links to a vetting request', async () => {
    const { api } = setup(kUsers.ussc_trainer, {
      'POST /api/v1/enrolments': () => {
        throw refusal(['not_cleared', 'prerequisite_missing'], ['POP-101']);
      },
    });
    await pickSami();
    fireEvent.click(screen.getByTestId('enrol-submit'));
    const box = await screen.findByTestId('refusal');
    expect(box.getAttribute('data-kind')).toBe('refused');
    expect(within(box).getByText(en.training.refusal.title_refused)).toBeTruthy();
    expect(reasonTexts()).toEqual([
      ['not_cleared', en.training.refusal.not_cleared],
      ['prerequisite_missing', en.training.refusal.prerequisite_missing.replace('{{list}}', '\u2068POP-101\u2069')],
    ]);
    expect(screen.getByTestId('request-vetting-not_cleared').getAttribute('href')).toBe(
      '#/vetting/new?kind=person&id=PER-0004711&purpose=course&ref=SES-2026-000004',
    );
    expect(screen.queryByTestId('enrol-error')).toBeNull();
    expect(api.calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/v1/enrolments']);
  });

  it('offers the unit vetting request for the unit, and names a status the person is in', async () => {
    setup(kUsers.ussc_trainer, {
      'GET /api/v1/personnel': () => ({ items: [person({ status: 'suspended' })], next: null }),
      'POST /api/v1/enrolments': () => {
        throw refusal(['unit_not_cleared', 'not_active']);
      },
    });
    await pickSami();
    expect(screen.getByTestId('person-status').textContent).toBe(en.training.person_status.suspended);
    fireEvent.click(screen.getByTestId('enrol-submit'));
    await screen.findByTestId('refusal');
    expect(reasonTexts()).toEqual([
      ['unit_not_cleared', en.training.refusal.unit_not_cleared],
      ['not_active', 'The person is not active (status: suspended).'],
    ]);
    expect(screen.getByTestId('request-vetting-unit_not_cleared').getAttribute('href')).toBe(
      '#/vetting/new?kind=unit&id=CP-PS0115-2&purpose=course&ref=SES-2026-000004',
    );
  });

  it('tells the refusal in Arabic', async () => {
    setup(
      kUsers.ussc_trainer,
      {
        'POST /api/v1/enrolments': () => {
          throw refusal(['not_cleared', 'session_full']);
        },
        [`GET ${kPath}`]: () => session({ seats_taken: 24 }),
      },
      'ar',
    );
    await pickSami();
    fireEvent.click(screen.getByTestId('enrol-submit'));
    await screen.findByTestId('refusal');
    expect(reasonTexts()).toEqual([
      ['not_cleared', ar.training.refusal.not_cleared],
      ['session_full', 'الدورة مكتملة: المقاعد المشغولة 24 من 24.'],
    ]);
  });

  it('shows a reason it does not know by its code', async () => {
    setup(kUsers.ussc_trainer, {
      'POST /api/v1/enrolments': () => {
        throw refusal(['course_withdrawn']);
      },
    });
    await pickSami();
    fireEvent.click(screen.getByTestId('enrol-submit'));
    await screen.findByTestId('refusal');
    expect(reasonTexts()).toEqual([['course_withdrawn', 'Refused by a rule this console does not know: course_withdrawn.']]);
  });

  it('shows a conflict without reasons as an error, not as a refusal', async () => {
    setup(kUsers.ussc_trainer, {
      'POST /api/v1/enrolments': () => {
        throw problem(409, { code: 'conflict', detail: 'already enrolled' });
      },
    });
    await pickSami();
    fireEvent.click(screen.getByTestId('enrol-submit'));
    const error = await screen.findByTestId('enrol-error');
    expect(error.textContent).toContain(en.training.error.conflict);
    expect(error.textContent).toContain('already enrolled');
    expect(screen.queryByTestId('refusal')).toBeNull();
  });

  it('enrols, says so, and reads the session again', async () => {
    let taken = 1;
    const { api } = setup(kUsers.ussc_trainer, {
      [`GET ${kPath}`]: () =>
        session({ seats_taken: taken, enrolments: taken === 1 ? [enrolment()] : [enrolment(), enrolment({ id: 'ENR-2026-000011', person: 'PER-0004711', person_name_en: 'Sami Odeh' })] }),
      'POST /api/v1/enrolments': () => {
        taken = 2;
        return enrolment({ id: 'ENR-2026-000011', person: 'PER-0004711' });
      },
    });
    await pickSami();
    fireEvent.click(screen.getByTestId('enrol-submit'));
    expect((await screen.findByTestId('enrolled')).textContent).toBe('Enrolled: ENR-2026-000011.');
    await waitFor(() => expect(screen.getAllByTestId('enrolment-row')).toHaveLength(2));
    expect(api.calls.filter((c) => c.path === kPath)).toHaveLength(2);
  });

  it('lets trainers record a result, checking attendance against the session length', async () => {
    const { api } = setup(kUsers.ussc_trainer, {
      'POST /api/v1/enrolments/ENR-2026-000010/result': () => enrolment({ state: 'passed', attendance: 5, score: 88 }),
    });
    fireEvent.click(await screen.findByTestId('record-result'));
    const form = screen.getByTestId('result-form');
    expect((within(form).getByTestId('field-attendance') as HTMLInputElement).value).toBe('5');
    fireEvent.change(within(form).getByTestId('field-attendance'), { target: { value: '6' } });
    fireEvent.click(within(form).getByTestId('submit-result'));
    expect(within(form).getByTestId('error-attendance').textContent).toBe('At most 5 days.');
    fireEvent.change(within(form).getByTestId('field-attendance'), { target: { value: '5' } });
    fireEvent.change(within(form).getByTestId('field-score'), { target: { value: '88' } });
    fireEvent.click(within(form).getByTestId('submit-result'));
    await waitFor(() => expect(screen.queryByTestId('result-form')).toBeNull());
    expect(api.calls.find((c) => c.path.endsWith('/result'))?.body).toEqual({ result: 'passed', attendance: 5, score: 88 });
  });

  it('records an absence with no days and no score', async () => {
    const { api } = setup(kUsers.ussc_trainer, {
      'POST /api/v1/enrolments/ENR-2026-000010/result': () => enrolment({ state: 'absent', attendance: 0 }),
    });
    fireEvent.click(await screen.findByTestId('record-result'));
    fireEvent.change(screen.getByTestId('field-result'), { target: { value: 'absent' } });
    expect(screen.queryByTestId('field-score')).toBeNull();
    fireEvent.click(screen.getByTestId('submit-result'));
    await waitFor(() => expect(api.calls.some((c) => c.path.endsWith('/result'))).toBe(true));
    expect(api.calls.find((c) => c.path.endsWith('/result'))?.body).toEqual({ result: 'absent', attendance: 0 });
  });

  it('gives PASF HR the enrolment panel and withdrawal but not results', async () => {
    setup(kUsers.pasf_hr);
    await screen.findByTestId('enrolment-row');
    expect(screen.getByTestId('enrol-panel')).toBeTruthy();
    expect(screen.getByTestId('withdraw')).toBeTruthy();
    expect(screen.queryByTestId('record-result')).toBeNull();
  });

  it('gives a vetting officer a read-only page', async () => {
    setup(kUsers.ussc_vetting);
    await screen.findByTestId('enrolment-row');
    expect(screen.queryByTestId('enrol-panel')).toBeNull();
    expect(screen.queryByTestId('record-result')).toBeNull();
    expect(screen.queryByTestId('withdraw')).toBeNull();
  });
  it('lets a trainer cancel an upcoming session with a reason, and then offers no enrolment', async () => {
    const future = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    let state = 'scheduled';
    const { api } = setup(kUsers.ussc_trainer, {
      [`GET ${kPath}`]: () => session({ starts_on: future, ends_on: future, state }),
      [`POST ${kPath}/cancel`]: () => {
        state = 'cancelled';
        return session({ starts_on: future, ends_on: future, state });
      },
    });
    expect(await screen.findByTestId('enrol-panel')).toBeTruthy();
    fireEvent.click(screen.getByTestId('open-cancel-session'));
    fireEvent.click(screen.getByTestId('submit-cancel-session'));
    expect(screen.getByTestId('error-cancel-session-reason').textContent).toBe('Give the reason.');
    expect(api.calls.some((c) => c.path.endsWith('/cancel'))).toBe(false);
    fireEvent.change(screen.getByTestId('field-cancel-session-reason'), { target: { value: ' No instructors ' } });
    fireEvent.click(screen.getByTestId('submit-cancel-session'));
    expect((await screen.findByTestId('session-state')).textContent).toBe(en.training.session_state.cancelled);
    expect(api.calls.find((c) => c.path.endsWith('/cancel'))?.body).toEqual({ reason: 'No instructors' });
    expect(screen.queryByTestId('enrol-panel')).toBeNull();
    expect(screen.queryByTestId('open-cancel-session')).toBeNull();
  });

  it('offers cancelling to trainers only, and not once the session has started', async () => {
    const future = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    setup(kUsers.pasf_hr, { [`GET ${kPath}`]: () => session({ starts_on: future, ends_on: future }) });
    await screen.findByTestId('enrolment-row');
    expect(screen.queryByTestId('open-cancel-session')).toBeNull();
  });

  it('does not offer cancelling a session that has started', async () => {
    setup(kUsers.ussc_trainer, { [`GET ${kPath}`]: () => session({ starts_on: '2020-01-01', ends_on: '2020-01-02' }) });
    await screen.findByTestId('enrolment-row');
    expect(screen.queryByTestId('open-cancel-session')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import ar from '../i18n/parts/personnel.ar.json';
import { PersonPage } from './PersonPage';
import { apiError, kCareer, kReference, person, personnelApi, renderAs, user } from './testing';

const hr = user('pasf', ['hr'], 'pasf.hr');
const kNow = () => Date.parse('2026-11-21T10:00:00Z');

function setup(who = hr, patch = {}, lang: 'en' | 'ar' = 'en') {
  const api = personnelApi({
    'GET /api/v1/personnel/reference': () => kReference,
    'GET /api/v1/personnel/PER-0000042': () => person(patch),
    'GET /api/v1/personnel/PER-0000042/events': () => ({ items: kCareer, next: null }),
    'POST /api/v1/personnel/PER-0000042/events': (_path, body) => ({ ...(body as object), seq: 1001 }),
  });
  return { api, ...renderAs(<PersonPage id="PER-0000042" now={kNow} />, who, api, { lang }) };
}

describe('PersonPage', () => {
  it('shows who the person is, in Arabic and English, and where they serve', async () => {
    setup();
    const page = await screen.findByTestId('person-page');
    await waitFor(() => expect(page.getAttribute('data-id')).toBe('PER-0000042'));
    expect(screen.getByTestId('person-name-ar').textContent).toBe('أحمد خليل يوسف');
    expect(screen.getByTestId('person-name-ar').getAttribute('lang')).toBe('ar');
    expect(screen.getByTestId('person-name-en').textContent).toBe('Ahmad Khalil Yousef');
    expect(screen.getByTestId('person-service-number').textContent).toBe('CP-10234');
    expect(screen.getByTestId('person-unit').textContent).toContain('Civil Police, Nablus');
    expect(screen.getByTestId('person-unit').textContent).toContain('CP-PS0115');
    await waitFor(() => expect(screen.getByTestId('person-rank').textContent).toBe('Sergeant · NCOs'));
    expect(screen.getByTestId('person-service').textContent).toBe('Civil Police');
    expect(screen.queryByTestId('synthetic-badge')).toBeNull();
    const vetting = screen.getAllByTestId('vetting-standing')[0] as HTMLElement;
    expect(vetting.getAttribute('data-status')).toBe('cleared');
    expect(within(vetting).getByTestId('vetting-valid-until').textContent).toContain('01/05/2027');
  });

  it('tells the career in the order it took effect', async () => {
    setup();
    const events = await screen.findAllByTestId('career-event');
    expect(events.map((e) => e.getAttribute('data-kind'))).toEqual(['appointment', 'promotion']);
    expect(events[1]?.textContent).toContain('Promotion');
    expect(events[1]?.textContent).toContain('pasf.hr');
    expect(within(events[1] as HTMLElement).getByTestId('career-note').textContent).toBe('Board of December 2015');
    await waitFor(() =>
      expect(within(events[1] as HTMLElement).getByTestId('career-changes').textContent).toContain('Rank: Sergeant'),
    );
  });

  it('marks a synthetic record and lists the qualifications when the server sends them', async () => {
    setup(hr, {
      synthetic: true,
      vetting: { status: 'none', valid_until: null },
      qualifications: [
        { qualification: 'POP-1', title_en: 'Public-order policing', obtained_on: '2025-01-10', expires_on: '2027-01-10' },
        { qualification: 'FA-1', obtained_on: '2022-03-01', expires_on: '2024-03-01' },
      ],
    });
    expect(await screen.findByTestId('synthetic-badge')).toBeTruthy();
    const q = await screen.findAllByTestId('qualification');
    expect(q.map((r) => [r.getAttribute('data-code'), r.getAttribute('data-expired')])).toEqual([
      ['POP-1', 'false'],
      ['FA-1', 'true'],
    ]);
    expect(q[0]?.textContent).toContain('Public-order policing');
    expect(screen.getAllByTestId('vetting-standing')[0]?.getAttribute('data-status')).toBe('none');
    expect(screen.queryByTestId('vetting-valid-until')).toBeNull();
  });

  it('records a promotion for the registry party HR', async () => {
    const { api } = setup();
    const form = await screen.findByTestId('career-form');
    fireEvent.click(within(form).getByTestId('career-submit'));
    expect(within(form).getByTestId('error-rank')).toBeTruthy();
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);

    await waitFor(() => expect(within(form).getByTestId('field-rank').querySelectorAll('option').length).toBe(4));
    fireEvent.change(within(form).getByTestId('field-rank'), { target: { value: 'CPT' } });
    fireEvent.change(within(form).getByTestId('field-effective'), { target: { value: '2026-12-01' } });
    fireEvent.change(within(form).getByTestId('field-note'), { target: { value: 'Board of November 2026' } });
    fireEvent.click(within(form).getByTestId('career-submit'));
    await screen.findByTestId('receipt');
    const post = api.calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ kind: 'promotion', effective: '2026-12-01', rank: 'CPT', note: 'Board of November 2026' });
    // Read again after the change.
    await waitFor(() => expect(api.calls.filter((c) => c.path === '/api/v1/personnel/PER-0000042').length).toBe(2));
  });

  it('records a transfer with its unit, and shows the server refusal on the field', async () => {
    const { api } = setup();
    api.calls.length = 0;
    const form = await screen.findByTestId('career-form');
    fireEvent.change(within(form).getByTestId('field-kind'), { target: { value: 'transfer' } });
    expect(within(form).queryByTestId('field-rank')).toBeNull();
    fireEvent.change(within(form).getByTestId('field-unit'), { target: { value: 'NSF-PS0101-2' } });
    const refused = apiError(400, { code: 'invalid_argument', field: '/unit', detail: 'no unit NSF-PS0101-2' });
    Object.assign(api, {
      post: async () => {
        throw refused;
      },
    });
    fireEvent.click(within(form).getByTestId('career-submit'));
    expect((await within(form).findByTestId('error-unit')).textContent).toBe('no unit NSF-PS0101-2');
  });

  it('does not offer the form to the coordinator', async () => {
    setup(user('ussc', ['trainer'], 'ussc.trainer'));
    await screen.findAllByTestId('career-event');
    expect(screen.queryByTestId('career-form')).toBeNull();
  });

  it('says when the person is not in the registry the user may see', async () => {
    const api = personnelApi({
      'GET /api/v1/personnel/reference': () => kReference,
      'GET /api/v1/personnel/PER-0000099': () => {
        throw apiError(404, { code: 'not_found' });
      },
      'GET /api/v1/personnel/PER-0000099/events': () => {
        throw apiError(404, { code: 'not_found' });
      },
    });
    renderAs(<PersonPage id="PER-0000099" />, hr, api, { lang: 'ar' });
    expect((await screen.findByTestId('load-error')).textContent).toContain(ar.personnel.error.not_found);
  });
});

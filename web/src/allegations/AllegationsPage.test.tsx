import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import en from '../i18n/parts/allegations.en.json';
import type { Allegation } from '../api/allegations';
import type { Me } from '../api/types';
import { navItemsFor } from '../shell/routes';
import { allegation, kParties, kUsers, renderAs, routedApi } from '../training/testing';
import { AllegationPage } from './AllegationPage';
import { AllegationsPage } from './AllegationsPage';
import { allowedTransitions } from './model';
import { buildAllegation, NewAllegationPage, validateAllegation } from './NewAllegationPage';

type Handler = (path: string, body?: unknown) => unknown;
const kPath = '/api/v1/allegations/ALG-2026-000002';
// Midday: the same calendar day in the zones the tests run in.
const kNow = () => Date.parse('2026-11-21T12:00:00Z');

function api(routes: Record<string, Handler> = {}) {
  return routedApi({
    'GET /api/v1/parties': () => ({ items: kParties }),
    'GET /api/v1/allegations': () => ({
      items: [allegation(), allegation({ id: 'ALG-2026-000001', status: 'received', subject: { kind: 'person', party: 'isf', label: 'Sgt. A. (Hebron)' } })],
      next: null,
    }),
    [`GET ${kPath}`]: () => allegation(),
    ...routes,
  });
}

const navKeys = (me: Me) => navItemsFor(me).map((i) => i.key);

describe('who sees the programmes in the navigation', () => {
  it('offers the allegations register to the coordinator vetting officers and auditors only', () => {
    expect(navKeys(kUsers.ussc_vetting)).toContain('allegations');
    expect(navKeys(kUsers.ussc_auditor)).toContain('allegations');
    for (const who of [kUsers.pasf_hr, kUsers.pasf_auditor, kUsers.isf_hr, kUsers.ussc_trainer, kUsers.ussc_hr, kUsers.ussc_duty]) {
      expect(navKeys(who)).not.toContain('allegations');
    }
  });

  it('offers vetting to HR of any party and the coordinator vetting officers and trainers', () => {
    for (const who of [kUsers.pasf_hr, kUsers.isf_hr, kUsers.ussc_hr, kUsers.ussc_vetting, kUsers.ussc_trainer]) {
      expect(navKeys(who)).toContain('vetting');
    }
    for (const who of [kUsers.pasf_liaison, kUsers.ussc_auditor, kUsers.ussc_duty, { ...kUsers.pasf_hr, roles: ['trainer'] }]) {
      expect(navKeys(who)).not.toContain('vetting');
    }
  });

  it('offers training to HR, trainers and vetting officers', () => {
    for (const who of [kUsers.pasf_hr, kUsers.ussc_trainer, kUsers.ussc_vetting]) expect(navKeys(who)).toContain('training');
    for (const who of [kUsers.pasf_liaison, kUsers.ussc_auditor]) expect(navKeys(who)).not.toContain('training');
  });
});

describe('transitions', () => {
  it('follow the workflow unless the server says otherwise', () => {
    expect(allowedTransitions(allegation({ status: 'received' }))).toEqual(['under_review', 'referred', 'not_substantiated']);
    expect(allowedTransitions(allegation({ status: 'remediated' }))).toEqual([]);
    expect(allowedTransitions(allegation({ status: 'received', transitions: ['under_review'] }))).toEqual(['under_review']);
  });
});

describe('AllegationsPage', () => {
  it('lists the register with a status filter for the coordinator vetting officer', async () => {
    const fake = api();
    renderAs(<AllegationsPage />, kUsers.ussc_vetting, fake);
    const rows = await screen.findAllByTestId('allegation-row');
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['ALG-2026-000002', 'ALG-2026-000001']);
    expect(within(rows[0] as HTMLElement).getByTestId('allegation-subject').textContent).toContain('2nd company, NSF Jenin');
    expect(rows[0]?.textContent).toContain(en.allegations.category.arbitrary_detention);
    expect(screen.getByTestId('new-allegation')).toBeTruthy();
    fireEvent.change(screen.getByTestId('filter-status'), { target: { value: 'substantiated' } });
    await waitFor(() => expect(fake.calls.map((c) => c.path)).toContain('/api/v1/allegations?status=substantiated&limit=50'));
  });

  it('lets a coordinator auditor read but not register', async () => {
    renderAs(<AllegationsPage />, kUsers.ussc_auditor, api());
    await screen.findAllByTestId('allegation-row');
    expect(screen.queryByTestId('new-allegation')).toBeNull();
  });

  for (const [name, who] of [
    ['PASF HR', kUsers.pasf_hr],
    ['a PASF auditor', kUsers.pasf_auditor],
    ['a coordinator trainer', kUsers.ussc_trainer],
  ] as const) {
    it(`shows ${name} nothing of the register and reads nothing`, async () => {
      const fake = api();
      renderAs(<AllegationsPage />, who, fake);
      expect((await screen.findByTestId('not-allowed')).textContent).toBe(en.allegations.error.forbidden);
      renderAs(<AllegationPage id="ALG-2026-000002" />, who, fake);
      expect(screen.getAllByTestId('not-allowed')).toHaveLength(2);
      expect(fake.calls).toEqual([]);
      expect(screen.queryByTestId('allegation-row')).toBeNull();
      expect(screen.queryByTestId('allegation-summary')).toBeNull();
    });
  }
});

describe('AllegationPage', () => {
  it('shows the allegation, its history and only the allowed status changes', async () => {
    renderAs(<AllegationPage id="ALG-2026-000002" />, kUsers.ussc_vetting, api());
    expect((await screen.findByTestId('allegation-summary')).textContent).toBe('Detention of protesters for five days without charge.');
    expect(screen.getAllByTestId('history-entry').map((e) => e.getAttribute('data-status'))).toEqual(['received', 'under_review']);
    expect(screen.getByTestId('history-note').textContent).toBe('Assigned to the Jenin desk.');
    const options = within(screen.getByTestId('transitions'))
      .getAllByRole('radio')
      .map((r) => r.getAttribute('value'));
    expect(options).toEqual(['referred', 'substantiated', 'not_substantiated']);
    // About a unit: substantiating bars the unit, and the form says so.
    expect(screen.getByTestId('substantiated-warning').textContent).toBe(en.allegations.change.substantiated_unit);
  });

  it('substantiates with a note, and then says the clearance is suspended', async () => {
    let current: Allegation = allegation();
    const fake = api({
      [`GET ${kPath}`]: () => current,
      [`POST ${kPath}/status`]: () => {
        current = allegation({ status: 'substantiated' });
        return current;
      },
    });
    renderAs(<AllegationPage id="ALG-2026-000002" />, kUsers.ussc_vetting, fake);
    const form = await screen.findByTestId('status-form');
    fireEvent.click(within(form).getByTestId('submit-status'));
    expect(within(form).getByTestId('error-status').textContent).toBe(en.allegations.validation.status);
    fireEvent.click(within(form).getByTestId('to-substantiated'));
    expect(within(form).getByTestId('substantiated-warning').className).toContain('vet-warning--active');
    fireEvent.change(within(form).getByTestId('field-note'), { target: { value: 'Corroborated by two witnesses.' } });
    fireEvent.click(within(form).getByTestId('submit-status'));
    expect((await screen.findByTestId('receipt')).textContent).toBe('Status changed: Substantiated.');
    expect(fake.calls.find((c) => c.method === 'POST')?.body).toEqual({
      status: 'substantiated',
      note: 'Corroborated by two witnesses.',
    });
    expect((await screen.findByTestId('suspends-clearance')).textContent).toBe(en.allegations.page.unit_barred);
    expect(within(screen.getByTestId('status-form')).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['remediated']);
  });

  it('gives an auditor no status form', async () => {
    renderAs(<AllegationPage id="ALG-2026-000002" />, kUsers.ussc_auditor, api());
    await screen.findByTestId('allegation-summary');
    expect(screen.queryByTestId('status-form')).toBeNull();
  });
});

describe('NewAllegationPage', () => {
  it('checks the form and registers the allegation', async () => {
    expect(
      validateAllegation(
        { kind: 'person', party: '', subject_id: '', label: '', source: '', received_on: '2026-11-22', category: '', summary: '' },
        '2026-11-21',
      ),
    ).toEqual({
      'subject.party': 'requests.validation.required',
      'subject.label': 'requests.validation.required',
      source: 'requests.validation.required',
      received_on: 'allegations.validation.future',
      category: 'requests.validation.required',
      summary: 'requests.validation.required',
    });
    expect(
      buildAllegation({
        kind: 'unit',
        party: 'pasf',
        subject_id: ' ',
        label: ' 2nd company ',
        source: 'NGO',
        received_on: '2026-11-02',
        category: 'torture',
        summary: 'x',
      }),
    ).toEqual({
      subject: { kind: 'unit', party: 'pasf', label: '2nd company' },
      source: 'NGO',
      received_on: '2026-11-02',
      category: 'torture',
      summary: 'x',
    });

    const fake = api({ 'POST /api/v1/allegations': () => allegation({ id: 'ALG-2026-000009', status: 'received' }) });
    renderAs(<NewAllegationPage now={kNow} />, kUsers.ussc_vetting, fake);
    const form = await screen.findByTestId('allegation-form');
    await waitFor(() => expect(within(form).getByTestId('field-subject.party').querySelectorAll('option').length).toBe(4));
    fireEvent.change(within(form).getByTestId('field-subject.party'), { target: { value: 'pasf' } });
    fireEvent.change(within(form).getByTestId('field-subject.label'), { target: { value: '2nd company, NSF Jenin' } });
    fireEvent.change(within(form).getByTestId('field-subject.id'), { target: { value: 'NSF-PS0101-2' } });
    fireEvent.change(within(form).getByTestId('field-source'), { target: { value: 'NGO report' } });
    fireEvent.change(within(form).getByTestId('field-category'), { target: { value: 'arbitrary_detention' } });
    fireEvent.change(within(form).getByTestId('field-summary'), { target: { value: 'Detained five days.' } });
    fireEvent.click(within(form).getByTestId('submit-allegation'));
    await waitFor(() => expect(window.location.hash).toBe('#/allegations/ALG-2026-000009'));
    expect(fake.calls.find((c) => c.method === 'POST')?.body).toEqual({
      subject: { kind: 'unit', party: 'pasf', label: '2nd company, NSF Jenin', id: 'NSF-PS0101-2' },
      source: 'NGO report',
      received_on: '2026-11-21',
      category: 'arbitrary_detention',
      summary: 'Detained five days.',
    });
  });

  it('is closed to an auditor', async () => {
    const fake = api();
    renderAs(<NewAllegationPage now={kNow} />, kUsers.ussc_auditor, fake);
    expect(await screen.findByTestId('not-allowed')).toBeTruthy();
    expect(screen.queryByTestId('allegation-form')).toBeNull();
  });
});

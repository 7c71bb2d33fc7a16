import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import en from '../i18n/parts/vetting.en.json';
import he from '../i18n/parts/vetting.he.json';
import type { Me } from '../api/types';
import type { VettingRequest } from '../api/vetting';
import { kUsers, problem, renderAs, routedApi, vettingRequest } from '../training/testing';
import { buildDecision, validateDecision } from './DecisionForm';
import { VettingRequestPage } from './VettingRequestPage';

type Handler = (path: string, body?: unknown) => unknown;
const kNow = () => Date.parse('2026-11-21T10:00:00Z');
const kPath = '/api/v1/vetting/VET-2026-000007';
const kSubject = '/api/v1/vetting/subjects/person/PER-0004711';

const kHistory = {
  subject: { kind: 'person', id: 'PER-0004711', label: 'Sami Odeh (SYN-14711)' },
  standing: { status: 'expired', valid_from: '2025-06-01T00:00:00Z', valid_until: '2026-06-01T00:00:00Z' },
  history: [
    { seq: 120, kind: 'decided', status: 'cleared', valid_until: '2026-06-01T00:00:00Z', request: 'VET-2025-000031', actor: 'ussc.vetting', at: '2025-06-01T08:00:00Z' },
    { seq: 410, kind: 'expired', status: 'expired', valid_until: null, request: null, actor: 'system', at: '2026-06-01T00:00:00Z' },
    { seq: 800, kind: 'requested', request: 'VET-2026-000007', actor: 'ussc.trainer', at: '2026-11-15T09:00:00Z' },
  ],
  requests: [vettingRequest(), vettingRequest({ id: 'VET-2025-000031', state: 'decided', decision: { status: 'cleared', valid_from: '2025-06-01T00:00:00Z', valid_until: '2026-06-01T00:00:00Z', decided_at: '2025-06-01T08:00:00Z' } })],
};

function setup(who: Me, detail: VettingRequest = vettingRequest(), routes: Record<string, Handler> = {}, lang: 'en' | 'he' = 'en') {
  const api = routedApi({
    [`GET ${kPath}`]: () => detail,
    [`GET ${kSubject}`]: () => kHistory,
    ...routes,
  });
  return { api, ...renderAs(<VettingRequestPage id="VET-2026-000007" now={kNow} />, who, api, { lang }) };
}

describe('decision checks', () => {
  it('needs a status and a reason; months only for a clearance, within bounds', () => {
    expect(validateDecision({ status: '', reason: '', sources: '', valid_months: '' })).toEqual({
      status: 'vetting.validation.status',
      reason: 'vetting.validation.reason',
    });
    expect(validateDecision({ status: 'cleared', reason: 'ok', sources: '', valid_months: '0' })).toEqual({
      valid_months: 'vetting.validation.valid_months',
    });
    expect(validateDecision({ status: 'denied', reason: 'x', sources: '', valid_months: '0' })).toEqual({});
    expect(buildDecision({ status: 'denied', reason: ' credible report ', sources: '', valid_months: '6' })).toEqual({
      status: 'denied',
      reason: 'credible report',
    });
  });
});

describe('VettingRequestPage', () => {
  it('shows the request, the subject standing and history', async () => {
    setup(kUsers.ussc_trainer);
    expect((await screen.findByTestId('vetting-purpose')).textContent).toContain('SES-2026-000004');
    expect(screen.getByTestId('vetting-justification').textContent).toBe('Nominated for the advanced public-order course.');
    expect(screen.getByTestId('vetting-deadline').textContent).toContain('days left: 3');
    const subject = await screen.findByTestId('subject');
    await within(subject).findByTestId('history');
    expect(within(subject).getByTestId('subject-standing').getAttribute('data-status')).toBe('expired');
    expect(within(subject).getAllByTestId('history-entry').map((e) => e.getAttribute('data-kind'))).toEqual([
      'decided',
      'expired',
      'requested',
    ]);
    expect(within(within(subject).getByTestId('other-requests')).getByText('VET-2025-000031')).toBeTruthy();
    expect(screen.getByTestId('subject-person-link').getAttribute('href')).toBe('#/personnel/PER-0004711');
  });

  it('gives the decision form to the coordinator vetting officer only', async () => {
    setup(kUsers.ussc_vetting);
    expect(await screen.findByTestId('decision-form')).toBeTruthy();
  });

  for (const [name, who] of [
    ['a coordinator trainer', kUsers.ussc_trainer],
    ['PASF HR', kUsers.pasf_hr],
    ['coordinator HR', kUsers.ussc_hr],
  ] as const) {
    it(`gives no decision form to ${name}`, async () => {
      setup(who);
      await screen.findByTestId('vetting-purpose');
      await screen.findByTestId('history');
      expect(screen.queryByTestId('decision-form')).toBeNull();
    });
  }

  it('gives no decision form once decided, and shows status and validity without reasons to PASF', async () => {
    setup(
      kUsers.pasf_hr,
      vettingRequest({
        state: 'decided',
        decision: { status: 'cleared', valid_from: '2026-11-21T12:00:00Z', valid_until: '2027-11-21T12:00:00Z', decided_at: '2026-11-21T09:00:00Z' },
      }),
    );
    const decision = await screen.findByTestId('decision');
    expect(within(decision).getByTestId('decision-status').getAttribute('data-status')).toBe('cleared');
    expect(within(decision).getByTestId('decision-validity').textContent).toBe('21/11/2026 – 21/11/2027');
    expect(within(decision).queryByTestId('decision-reasons')).toBeNull();
    expect(screen.queryByTestId('decision-form')).toBeNull();
  });

  it('shows the reason and sources, set apart, when the server sends them', async () => {
    setup(
      kUsers.ussc_vetting,
      vettingRequest({
        state: 'decided',
        decision: {
          status: 'denied',
          valid_from: null,
          valid_until: null,
          decided_at: '2026-11-21T09:00:00Z',
          reason: 'Credible report of detainee abuse.',
          sources: 'UN OHCHR field note 2026-114',
        },
      }),
    );
    const reasons = await screen.findByTestId('decision-reasons');
    expect(within(reasons).getByTestId('decision-reason').textContent).toBe('Credible report of detainee abuse.');
    expect(within(reasons).getByTestId('decision-sources').textContent).toBe('UN OHCHR field note 2026-114');
    expect(reasons.textContent).toContain(en.vetting.request.restricted);
  });

  it('records a decision with its reason, sources and validity', async () => {
    const decided = vettingRequest({
      state: 'decided',
      decision: { status: 'cleared', valid_from: '2026-11-21T10:00:00Z', valid_until: '2027-05-21T10:00:00Z', decided_at: '2026-11-21T10:00:00Z' },
    });
    let current = vettingRequest();
    const { api } = setup(kUsers.ussc_vetting, current, {
      [`GET ${kPath}`]: () => current,
      [`POST ${kPath}/decision`]: () => {
        current = decided;
        return decided;
      },
    });
    const form = await screen.findByTestId('decision-form');
    fireEvent.click(within(form).getByTestId('submit-decision'));
    expect(within(form).getByTestId('error-status').textContent).toBe(en.vetting.validation.status);
    expect(within(form).getByTestId('error-reason').textContent).toBe(en.vetting.validation.reason);
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.click(within(form).getByTestId('decision-cleared'));
    fireEvent.change(within(form).getByTestId('field-reason'), { target: { value: 'No derogatory information.' } });
    fireEvent.change(within(form).getByTestId('field-sources'), { target: { value: 'INVEST check 2026-11-20' } });
    fireEvent.change(within(form).getByTestId('field-valid_months'), { target: { value: '6' } });
    fireEvent.click(within(form).getByTestId('submit-decision'));
    expect((await screen.findByTestId('receipt')).textContent).toBe('Decision recorded: Cleared.');
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
      status: 'cleared',
      reason: 'No derogatory information.',
      sources: 'INVEST check 2026-11-20',
      valid_months: 6,
    });
    await waitFor(() => expect(screen.queryByTestId('decision-form')).toBeNull());
  });

  it('says plainly when the person cannot be cleared because the unit is barred', async () => {
    setup(kUsers.ussc_vetting, vettingRequest(), {
      [`POST ${kPath}/decision`]: () => {
        throw problem(409, {
          code: 'conflict',
          field: '/status',
          detail: 'unit NSF-PS0101-2 is suspended; a person cannot be cleared while their unit is barred',
        });
      },
    });
    const form = await screen.findByTestId('decision-form');
    fireEvent.click(within(form).getByTestId('decision-cleared'));
    fireEvent.change(within(form).getByTestId('field-reason'), { target: { value: 'Clean record.' } });
    fireEvent.click(within(form).getByTestId('submit-decision'));
    const barred = await within(form).findByTestId('unit-barred');
    expect(barred.getAttribute('role')).toBe('alert');
    expect(barred.textContent).toContain(en.vetting.decide.barred_title);
    expect(barred.textContent).toContain(en.vetting.decide.barred);
    expect(barred.textContent).toContain('unit NSF-PS0101-2 is suspended');
    expect(within(form).queryByTestId('decision-error')).toBeNull();
    // The form keeps what was typed, to decide otherwise.
    expect((within(form).getByTestId('field-reason') as HTMLTextAreaElement).value).toBe('Clean record.');
  });

  it('shows another conflict as an ordinary error', async () => {
    setup(kUsers.ussc_vetting, vettingRequest(), {
      [`POST ${kPath}/decision`]: () => {
        throw problem(409, { code: 'conflict', detail: 'already decided' });
      },
    });
    const form = await screen.findByTestId('decision-form');
    fireEvent.click(within(form).getByTestId('decision-denied'));
    fireEvent.change(within(form).getByTestId('field-reason'), { target: { value: 'x' } });
    fireEvent.click(within(form).getByTestId('submit-decision'));
    expect((await within(form).findByTestId('decision-error')).textContent).toContain(en.vetting.error.conflict);
    expect(within(form).queryByTestId('unit-barred')).toBeNull();
  });

  it('labels the form in Hebrew', async () => {
    setup(kUsers.ussc_vetting, vettingRequest(), {}, 'he');
    const form = await screen.findByTestId('decision-form');
    expect(within(form).getByRole('heading', { level: 2 }).textContent).toBe(he.vetting.decide.title);
    expect(within(form).getByTestId('decision-suspended').parentElement?.textContent).toBe(he.vetting.standing.suspended);
  });
  it('lets the requesting party withdraw a pending request, with an optional reason', async () => {
    let state: VettingRequest['state'] = 'pending';
    const mine = () => vettingRequest({ submitted_by: 'pasf.hr', submitted_party: 'pasf', state });
    const { api } = setup(kUsers.pasf_hr, mine(), {
      [`GET ${kPath}`]: () => mine(),
      [`POST ${kPath}/withdraw`]: () => {
        state = 'withdrawn';
        return mine();
      },
    });
    fireEvent.click(await screen.findByTestId('open-withdraw-vetting'));
    expect(screen.getByTestId('withdraw-vetting-form').textContent).toContain(en.vetting.withdraw.hint);
    fireEvent.click(screen.getByTestId('submit-withdraw-vetting'));
    await waitFor(() => expect(api.calls.some((c) => c.path.endsWith('/withdraw'))).toBe(true));
    expect(api.calls.find((c) => c.path.endsWith('/withdraw'))?.body).toEqual({});
    await waitFor(() => expect(screen.getByTestId('vetting-page').getAttribute('data-state')).toBe('withdrawn'));
    expect(screen.queryByTestId('open-withdraw-vetting')).toBeNull();
  });

  it('offers the withdrawal to no other party, and to the coordinator for any request', async () => {
    setup(kUsers.pasf_hr, vettingRequest({ submitted_party: 'ussc' }));
    await screen.findByTestId('vetting-id');
    expect(screen.queryByTestId('open-withdraw-vetting')).toBeNull();
  });

  it('offers the coordinator the withdrawal of a request from PASF', async () => {
    setup(kUsers.ussc_vetting, vettingRequest({ submitted_by: 'pasf.hr', submitted_party: 'pasf' }));
    expect(await screen.findByTestId('open-withdraw-vetting')).toBeTruthy();
  });
});

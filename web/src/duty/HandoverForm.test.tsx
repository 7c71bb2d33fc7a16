import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError, toProblem } from '../api/client';
import type { Desk } from '../api/duty';
import en from '../i18n/parts/duty.en.json';
import enShell from '../i18n/en.json';
import { HandoverForm } from './HandoverForm';
import { handoverFailure } from './handover';
import { kDutyOfficer, renderPage, routedApi } from './testing';

const desk: Desk = {
  unit: 'isf/dco/jenin',
  unit_name: { en: 'DCO Jenin', ar: 'مكتب التنسيق جنين', he: 'מת"ק ג\'נין' },
  party: 'isf',
  district: 'PS0101',
  on_duty: 'isf.jenin',
  on_duty_name: 'Maj. Levi',
  since: '2026-11-21T04:00:00Z',
  members: [
    { username: 'isf.jenin', display_name: 'Maj. Levi', roles: ['liaison', 'duty'] },
    { username: 'isf.jenin2', display_name: 'Capt. Cohen', roles: ['duty'] },
    { username: 'isf.jenin3', display_name: 'Lt. Amir', roles: ['duty'] },
    { username: 'isf.clerk', display_name: 'Sgt. Clerk', roles: ['liaison'] },
  ],
  last_handover: null,
};

const note = 'Convoy REQ-2026-000004 still waiting.\nהשיירה ממתינה.\nالقافلة بانتظار الرد.';

describe('HandoverForm', () => {
  it('lets the officer on duty hand over to the other members with the duty role', () => {
    const { api } = routedApi({});
    renderPage(<HandoverForm desk={desk} me={kDutyOfficer} locale="en-GB" onHandedOver={() => undefined} />, { api });
    expect(screen.getByRole('heading').textContent).toBe(en.duty.handover.title);
    const select = screen.getByTestId<HTMLSelectElement>('handover-to');
    expect([...select.options].map((o) => o.value)).toEqual(['', 'isf.jenin2', 'isf.jenin3']);
    expect(select.value).toBe('');
  });

  it('lets another member only take over the desk, themselves', () => {
    const { api } = routedApi({});
    const me = { ...kDutyOfficer, username: 'isf.jenin3', display_name: 'Lt. Amir' };
    renderPage(<HandoverForm desk={desk} me={me} locale="en-GB" onHandedOver={() => undefined} />, { api });
    expect(screen.getByRole('heading').textContent).toBe(en.duty.handover.title_take);
    const select = screen.getByTestId<HTMLSelectElement>('handover-to');
    expect([...select.options].map((o) => o.value)).toEqual(['', 'isf.jenin3']);
    expect(select.value).toBe('isf.jenin3');
  });

  it('posts unit, to and the multi-line note, then shows the open items carried over', async () => {
    const onHandedOver = vi.fn();
    const { api, calls } = routedApi({
      'POST /api/v1/duty/handover': () => ({
        unit: 'isf/dco/jenin',
        from: 'isf.jenin',
        to: 'isf.jenin2',
        note,
        open_items: [
          { request: { id: 'REQ-2026-000004', title: 'Convoy Jenin to Tubas' }, stage: 'decide' },
          'REQ-2026-000009',
        ],
        seq: 88,
        at: '2026-11-21T12:00:00Z',
      }),
    });
    renderPage(<HandoverForm desk={desk} me={kDutyOfficer} locale="en-GB" onHandedOver={onHandedOver} />, { api });
    fireEvent.change(screen.getByTestId('handover-to'), { target: { value: 'isf.jenin2' } });
    fireEvent.change(screen.getByTestId('handover-note'), { target: { value: note } });
    fireEvent.click(screen.getByTestId('handover-submit'));

    const done = await screen.findByTestId('handover-done');
    expect(calls).toEqual([
      { method: 'POST', path: '/api/v1/duty/handover', body: { unit: 'isf/dco/jenin', to: 'isf.jenin2', note } },
    ]);
    expect(done.textContent).toContain('Capt. Cohen');
    const items = screen.getByTestId('carried-items').querySelectorAll('li');
    expect([...items].map((li) => li.querySelector('a')?.getAttribute('href'))).toEqual([
      '#/requests/REQ-2026-000004',
      '#/requests/REQ-2026-000009',
    ]);
    expect(items[0]?.textContent).toContain(en.duty.stage.decide);
    expect(onHandedOver).toHaveBeenCalledOnce();
    expect(screen.getByTestId<HTMLTextAreaElement>('handover-note').value).toBe('');
  });

  it('refuses to post without someone to hand over to, or without a note', () => {
    const { api, calls } = routedApi({});
    renderPage(<HandoverForm desk={desk} me={kDutyOfficer} locale="en-GB" onHandedOver={() => undefined} />, { api });
    fireEvent.change(screen.getByTestId('handover-note'), { target: { value: 'all quiet' } });
    fireEvent.click(screen.getByTestId('handover-submit'));
    expect(screen.getByTestId('handover-error').textContent).toContain(en.duty.handover.to_required);
    expect(screen.getByTestId('handover-to').getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(screen.getByTestId('handover-to'), { target: { value: 'isf.jenin2' } });
    fireEvent.change(screen.getByTestId('handover-note'), { target: { value: '  \n ' } });
    fireEvent.click(screen.getByTestId('handover-submit'));
    expect(screen.getByTestId('handover-error').textContent).toContain(en.duty.handover.note_required);
    expect(screen.getByTestId('handover-note').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('handover-to').getAttribute('aria-invalid')).toBeNull();
    expect(calls).toEqual([]);
  });

  it('shows a problem+json error on the field it names', async () => {
    const { api } = routedApi({
      'POST /api/v1/duty/handover': () => {
        throw new ApiError(
          toProblem(400, {
            code: 'invalid_argument',
            title: 'Bad Request',
            status: 400,
            detail: 'to must hold the duty role in this unit',
            field: '/to',
            request_id: 'req-42',
          }),
          null,
        );
      },
    });
    renderPage(<HandoverForm desk={desk} me={kDutyOfficer} locale="en-GB" onHandedOver={() => undefined} />, { api });
    fireEvent.change(screen.getByTestId('handover-to'), { target: { value: 'isf.jenin2' } });
    fireEvent.change(screen.getByTestId('handover-note'), { target: { value: note } });
    fireEvent.click(screen.getByTestId('handover-submit'));

    const error = await screen.findByTestId('handover-error');
    const to = screen.getByTestId('handover-to');
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(to.getAttribute('aria-describedby')).toBe(error.id);
    expect(error.parentElement).toBe(to.parentElement);
    expect(error.textContent).toContain(enShell.errors.invalid_argument);
    expect(error.textContent).toContain('to must hold the duty role in this unit');
    expect(error.textContent).toContain('req-42');
    expect(screen.getByTestId('handover-note').getAttribute('aria-invalid')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('handover-submit')).not.toHaveProperty('disabled', true));
  });

  it('takes an empty desk by handing over to oneself', async () => {
    const { api, calls } = routedApi({
      'POST /api/v1/duty/handover': () => ({
        unit: 'isf/dco/jenin',
        from: null,
        to: 'isf.jenin',
        by: 'isf.jenin',
        note: 'taking the desk',
        open_items: [],
        seq: 90,
        at: '2026-11-21T12:00:00Z',
      }),
    });
    const empty: Desk = { ...desk, on_duty: null, on_duty_name: null, members: [] };
    renderPage(<HandoverForm desk={empty} me={kDutyOfficer} locale="en-GB" onHandedOver={() => undefined} />, { api });
    expect(screen.getByRole('heading').textContent).toBe(en.duty.handover.title_take);
    const options = [...screen.getByTestId<HTMLSelectElement>('handover-to').options];
    expect(options.map((o) => o.value)).toEqual(['', 'isf.jenin']);
    expect(options[1]?.textContent).toContain('Maj. Levi');
    fireEvent.change(screen.getByTestId('handover-note'), { target: { value: 'taking the desk' } });
    fireEvent.click(screen.getByTestId('handover-submit'));
    expect((await screen.findByTestId('handover-done')).textContent).toContain(en.duty.handover.carried_none);
    expect(calls[0]?.body).toEqual({ unit: 'isf/dco/jenin', to: 'isf.jenin', note: 'taking the desk' });
  });
});

describe('HandoverForm without anyone to take over', () => {
  it('says so and does not post', () => {
    const { api, calls } = routedApi({});
    const alone: Desk = { ...desk, members: [desk.members[0]!] };
    renderPage(<HandoverForm desk={alone} me={kDutyOfficer} locale="en-GB" onHandedOver={() => undefined} />, { api });
    expect(screen.getByTestId('handover-nobody').textContent).toBe(en.duty.handover.nobody_else);
    expect(screen.getByTestId<HTMLButtonElement>('handover-submit').disabled).toBe(true);
    fireEvent.submit(screen.getByTestId('handover-submit').closest('form')!);
    expect(calls).toEqual([]);
  });
});

describe('handoverFailure', () => {
  it('maps the problem field to the form field', () => {
    const err = (field: string | undefined) =>
      new ApiError(toProblem(400, { code: 'invalid_argument', ...(field ? { field } : {}) }), null);
    expect(handoverFailure(err('note')).field).toBe('note');
    expect(handoverFailure(err('/note')).field).toBe('note');
    expect(handoverFailure(err('/unit')).field).toBeNull();
    expect(handoverFailure(err(undefined)).field).toBeNull();
    expect(handoverFailure(new Error('x'))).toMatchObject({ field: null, messageKey: 'errors.internal' });
    expect(handoverFailure(new ApiError(toProblem(403, {}), null)).messageKey).toBe('errors.permission_denied');
  });
});

import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import en from '../i18n/parts/vetting.en.json';
import { kUsers, person, renderAs, routedApi, vettingRequest } from '../training/testing';
import { NewVettingPage } from './NewVettingPage';

const kBlank = { kind: '', subject: '', purpose: '', ref: '' };

function fake() {
  return routedApi({
    'GET /api/v1/personnel': () => ({ items: [person()], next: null }),
    'POST /api/v1/vetting': () => vettingRequest({ id: 'VET-2026-000012' }),
  });
}

describe('NewVettingPage', () => {
  it('requests vetting of a person found in the registry', async () => {
    const api = fake();
    renderAs(<NewVettingPage prefill={kBlank} />, kUsers.pasf_hr, api);
    const form = await screen.findByTestId('vetting-form');
    fireEvent.click(within(form).getByTestId('submit-vetting'));
    expect(within(form).getByTestId('error-subject.id').textContent).toBe(en.vetting.validation.person);
    fireEvent.change(within(form).getByTestId('person-query'), { target: { value: 'SYN-147' } });
    fireEvent.click(within(form).getByTestId('person-search'));
    fireEvent.click(await within(form).findByTestId('person-match'));
    fireEvent.change(within(form).getByTestId('field-purpose'), { target: { value: 'equipment' } });
    fireEvent.change(within(form).getByTestId('field-purpose_ref'), { target: { value: 'EQ-2026-14' } });
    fireEvent.change(within(form).getByTestId('field-justification'), { target: { value: 'Issue of body armour.' } });
    fireEvent.click(within(form).getByTestId('submit-vetting'));
    await waitFor(() => expect(window.location.hash).toBe('#/vetting/VET-2026-000012'));
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
      subject: { kind: 'person', id: 'PER-0004711' },
      purpose: 'equipment',
      purpose_ref: 'EQ-2026-14',
      justification: 'Issue of body armour.',
    });
  });

  it('starts from what a link fills in: a unit, for a course session', async () => {
    const api = fake();
    renderAs(
      <NewVettingPage prefill={{ kind: 'unit', subject: 'CP-PS0115-2', purpose: 'course', ref: 'SES-2026-000004' }} />,
      kUsers.ussc_trainer,
      api,
    );
    const form = await screen.findByTestId('vetting-form');
    expect((within(form).getByTestId('field-subject.kind') as HTMLSelectElement).value).toBe('unit');
    expect((within(form).getByTestId('field-subject.id') as HTMLInputElement).value).toBe('CP-PS0115-2');
    fireEvent.click(within(form).getByTestId('submit-vetting'));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST')).toBe(true));
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
      subject: { kind: 'unit', id: 'CP-PS0115-2' },
      purpose: 'course',
      purpose_ref: 'SES-2026-000004',
    });
  });

  it('is closed to those who may not request vetting', async () => {
    renderAs(<NewVettingPage prefill={kBlank} />, kUsers.pasf_liaison, fake());
    expect(await screen.findByTestId('not-allowed')).toBeTruthy();
    expect(screen.queryByTestId('vetting-form')).toBeNull();
  });
});

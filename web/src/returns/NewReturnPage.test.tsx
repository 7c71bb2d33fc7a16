import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { ReturnDraft } from '../api/returns';
import en from '../i18n/parts/returns.en.json';
import { apiError, kParties, renderAs, returnCase, routedApi, user } from '../incidents/testing';
import { mayNameOnReport, NewReturnPage } from './NewReturnPage';

vi.mock('../requests/FootprintMap', async () => ({ FootprintMap: (await import('../incidents/testing')).FootprintMapStub }));

const pasf = user('pasf', ['liaison', 'duty'], 'pasf.jenin');
const isfLiaison = user('isf', ['liaison']);

function setup(who = pasf, create: (path: string, body?: unknown) => unknown = () => ({ ...returnCase({ id: 'RET-2026-000009' }), seq: 601 })) {
  const api = routedApi({
    'GET /api/v1/parties': () => ({ items: kParties }),
    'POST /api/v1/returns': create,
  });
  return { api, ...renderAs(<NewReturnPage />, who, api) };
}

afterEach(() => {
  window.location.hash = '';
});

describe('mayNameOnReport', () => {
  it('lets the holding or receiving party, or the coordinator, record the name', () => {
    const me = { party: 'pasf', is_coordinator: false };
    expect(mayNameOnReport(me, { holding_party: 'pasf', receiving_party: 'isf' })).toBe(true);
    expect(mayNameOnReport(me, { holding_party: '', receiving_party: 'pasf' })).toBe(true);
    expect(mayNameOnReport(me, { holding_party: '', receiving_party: 'isf' })).toBe(false);
    expect(mayNameOnReport({ party: 'ussc', is_coordinator: true }, { holding_party: '', receiving_party: 'isf' })).toBe(true);
  });
});

describe('NewReturnPage', () => {
  it('checks before sending', async () => {
    const { api } = setup();
    fireEvent.click(screen.getByTestId('submit'));
    expect((await screen.findByTestId('error-location')).textContent).toBe(en.returns.validation.location_required);
    expect(screen.getByTestId('error-category')).toBeTruthy();
    expect(screen.getByTestId('error-receiving_party')).toBeTruthy();
    expect(screen.getByTestId('error-circumstances')).toBeTruthy();
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('reports the case with the point drawn and opens it', async () => {
    const { api } = setup();
    await waitFor(() => expect(screen.getByTestId('field-receiving_party').querySelectorAll('option').length).toBe(4));
    fireEvent.change(screen.getByTestId('field-category'), { target: { value: 'israeli_civilian' } });
    fireEvent.change(screen.getByTestId('field-count'), { target: { value: '2' } });
    fireEvent.change(screen.getByTestId('field-receiving_party'), { target: { value: 'isf' } });
    // Not the holding or receiving party yet: no name.
    expect(screen.queryByTestId('field-name')).toBeNull();
    expect(screen.getByTestId('name-not-allowed')).toBeTruthy();
    fireEvent.change(screen.getByTestId('field-holding_party'), { target: { value: 'pasf' } });
    fireEvent.change(screen.getByTestId('field-name'), { target: { value: 'Dana Cohen' } });
    fireEvent.change(screen.getByTestId('field-medical_status'), { target: { value: 'lightly_injured' } });
    fireEvent.change(screen.getByTestId('field-circumstances'), { target: { value: 'وصلت بالخطأ إلى جنين' } });
    expect(screen.getByTestId('field-circumstances').getAttribute('dir')).toBe('auto');
    fireEvent.click(screen.getByTestId('map-click-0'));
    fireEvent.click(screen.getByTestId('map-click-2'));
    fireEvent.click(screen.getByTestId('submit'));

    await waitFor(() => expect(window.location.hash).toBe('#/returns/RET-2026-000009'));
    expect(api.calls.find((c) => c.method === 'POST')?.body as ReturnDraft).toEqual({
      category: 'israeli_civilian',
      count: 2,
      location: { type: 'Point', coordinates: [35.23, 32.2] },
      receiving_party: 'isf',
      circumstances: 'وصلت بالخطأ إلى جنين',
      medical_status: 'lightly_injured',
      holding_party: 'pasf',
      name: 'Dana Cohen',
    });
  });

  it('places the server\'s refusal of an identity number on the name', async () => {
    setup(isfLiaison, () => {
      throw apiError(400, { code: 'invalid_argument', field: '/name', detail: 'looks like an identity number' });
    });
    fireEvent.change(screen.getByTestId('field-category'), { target: { value: 'palestinian' } });
    await waitFor(() => expect(screen.getByTestId('field-receiving_party').querySelectorAll('option').length).toBe(4));
    fireEvent.change(screen.getByTestId('field-receiving_party'), { target: { value: 'isf' } });
    fireEvent.change(screen.getByTestId('field-name'), { target: { value: '123456782' } });
    fireEvent.change(screen.getByTestId('field-circumstances'), { target: { value: 'Crossed near Qalqilya' } });
    fireEvent.click(screen.getByTestId('map-click-1'));
    fireEvent.click(screen.getByTestId('submit'));
    expect((await screen.findByTestId('error-name')).textContent).toBe('looks like an identity number');
    expect(window.location.hash).toBe('');
  });
});

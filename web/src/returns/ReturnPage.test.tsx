import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AdvanceBody } from '../api/returns';
import ar from '../i18n/parts/returns.ar.json';
import en from '../i18n/parts/returns.en.json';
import { apiError, kHandoverPoints, kParties, renderAs, returnCase, routedApi, user } from '../incidents/testing';
import { latestCaseEvent, ReturnPage } from './ReturnPage';

vi.mock('../requests/FootprintMap', async () => ({ FootprintMap: (await import('../incidents/testing')).FootprintMapStub }));

const isf = user('isf', ['liaison', 'duty'], 'isf.jenin');
const pasf = user('pasf', ['liaison', 'duty'], 'pasf.jenin');
const nato = user('nato', ['liaison'], 'nato.liaison');
const kPath = '/api/v1/returns/RET-2026-000003';
const kNow = () => Date.parse('2026-11-21T10:00:00Z');

type Handler = (path: string, body?: unknown) => unknown;

function setup(who = isf, detail: unknown = returnCase(), extra: Record<string, Handler> = {}, lang: 'en' | 'ar' = 'en') {
  const api = routedApi({
    'GET /api/v1/parties': () => ({ items: kParties }),
    'GET /api/v1/handover-points': () => ({ items: kHandoverPoints }),
    [`GET ${kPath}`]: () => detail,
    ...extra,
  });
  return { api, ...renderAs(<ReturnPage id="RET-2026-000003" now={kNow} />, who, api, { lang }) };
}

describe('latestCaseEvent', () => {
  it('follows only this case', () => {
    const e = (seq: number, type: string, subject: string) => ({ seq, type, subject });
    expect(latestCaseEvent([e(8, 'return.advanced', 'RET-2'), e(6, 'return.overdue', 'RET-1')], 'RET-1')).toBe(6);
  });
});

describe('ReturnPage', () => {
  it('shows the case, its chain of custody with receipts, and the case on the map', async () => {
    setup();
    expect((await screen.findByTestId('case-circumstances')).textContent).toBe('Drove into Jenin following a navigation app');
    expect(screen.getByTestId('case-circumstances').getAttribute('dir')).toBe('auto');
    expect(screen.getByTestId('case-stage').getAttribute('data-stage')).toBe('secured');
    expect(screen.getByTestId('case-name').textContent).toBe('Dana Cohen');
    expect(screen.queryByTestId('case-overdue')).toBeNull();
    expect(screen.getByTestId('stage-countdown').textContent).toBe('in 1:02:00');
    await waitFor(() => expect(screen.getByTestId('case-holding').textContent).toContain('PASF'));

    const done = within(screen.getByTestId('chain')).getAllByTestId('chain-stage');
    expect(done.map((s) => [s.getAttribute('data-stage'), s.getAttribute('data-seq')])).toEqual([
      ['reported', '501'],
      ['located', '503'],
      ['secured', '507'],
    ]);
    expect(within(done[1]!).getByTestId('chain-by').textContent).toBe('pasf.jenin');
    expect(within(done[1]!).getByTestId('chain-party').textContent).toBe('PASF');
    expect(within(done[1]!).getByTestId('chain-note').textContent).toBe('Near the old market');
    expect(within(done[1]!).getByTestId('receipt-503').textContent).toContain('#503');
    expect(within(screen.getByTestId('chain')).getAllByTestId('chain-pending')).toHaveLength(3);

    expect(screen.getByTestId('case-map').getAttribute('data-vertices')).toBe('1');
    expect(screen.getByTestId('case-map').getAttribute('data-alternative')).toBe('');
  });

  it('shows no name where the server sent none, and marks an overdue case', async () => {
    const { name: _name, ...withoutName } = returnCase({ overdue: true });
    setup(nato, withoutName);
    await screen.findByTestId('case-circumstances');
    expect(screen.queryByTestId('case-name')).toBeNull();
    expect(screen.queryByTestId('name-form')).toBeNull();
    expect(screen.getByTestId('case-overdue').textContent).toBe(en.returns.overdue);
    expect(screen.queryByTestId('advance-form')).toBeNull();
  });

  it('lets the holding party arrange the handover at a listed point, and shows the receipt', async () => {
    const { api } = setup(pasf, returnCase(), {
      [`POST ${kPath}/advance`]: () => ({ ...returnCase({ stage: 'handover_arranged' }), seq: 512 }),
    });
    const form = await screen.findByTestId('advance-form');
    expect(form.getAttribute('data-stage')).toBe('handover_arranged');
    fireEvent.click(within(form).getByTestId('submit-advance'));
    expect(await within(form).findByTestId('error-handover_point')).toBeTruthy();
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    const select = within(form).getByTestId('field-handover_point');
    await waitFor(() => expect(select.querySelectorAll('optgroup')).toHaveLength(2));
    // The points of the case's governorate (Jenin) come first.
    expect([...select.querySelectorAll('optgroup')[0]!.querySelectorAll('option')].map((o) => o.getAttribute('value'))).toEqual([
      'cp-jalama',
      'lp-jenin-dco',
    ]);
    fireEvent.change(select, { target: { value: 'cp-jalama' } });
    fireEvent.change(within(form).getByTestId('field-handover_at'), { target: { value: '2026-11-21T14:00' } });
    fireEvent.change(within(form).getByTestId('field-note'), { target: { value: 'ملاحظة' } });
    fireEvent.click(within(form).getByTestId('submit-advance'));
    expect((await screen.findByTestId('receipt')).textContent).toBe(
      `Stage recorded: ${en.returns.stage.handover_arranged} — event #512.`,
    );
    expect(api.calls.find((c) => c.method === 'POST')?.body as AdvanceBody).toEqual({
      stage: 'handover_arranged',
      handover_point: 'cp-jalama',
      handover_at: new Date(2026, 10, 21, 14, 0).toISOString().replace('.000Z', 'Z'),
      note: 'ملاحظة',
    });
  });

  it('lets only the receiving party confirm the handover; the holding party sees no form', async () => {
    const arranged = returnCase({ stage: 'handover_arranged', handover_point: 'cp-jalama', handover_at: '2026-11-21T14:00:00Z' });
    const first = setup(pasf, arranged);
    await screen.findByTestId('case-circumstances');
    expect(screen.queryByTestId('advance-form')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('case-handover').textContent).toContain('Jalama'));
    expect(screen.getByTestId('case-map').getAttribute('data-alternative')).toBe('Point');
    first.unmount();

    const { api } = setup(isf, arranged, {
      [`POST ${kPath}/advance`]: () => {
        throw apiError(409, { code: 'conflict' });
      },
    });
    const form = await screen.findByTestId('advance-form');
    expect(form.getAttribute('data-stage')).toBe('handed_over');
    fireEvent.change(within(form).getByTestId('field-medical_status'), { target: { value: 'lightly_injured' } });
    fireEvent.click(within(form).getByTestId('submit-advance'));
    expect((await screen.findByTestId('advance-error')).textContent).toContain(en.returns.error.conflict);
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ stage: 'handed_over', medical_status: 'lightly_injured' });
    await waitFor(() => expect(api.calls.filter((c) => c.path === kPath)).toHaveLength(2));
  });

  it('records a corrected name', async () => {
    const { api } = setup(pasf, returnCase(), {
      [`POST ${kPath}/name`]: () => ({ ...returnCase({ name: 'Dana Levi' }), seq: 520 }),
    });
    const form = await screen.findByTestId('name-form');
    expect((within(form).getByTestId('name-input') as HTMLInputElement).value).toBe('Dana Cohen');
    fireEvent.change(within(form).getByTestId('name-input'), { target: { value: ' ' } });
    fireEvent.click(within(form).getByTestId('submit-name'));
    expect(within(form).getByTestId('error-name')).toBeTruthy();
    fireEvent.change(within(form).getByTestId('name-input'), { target: { value: 'Dana Levi' } });
    fireEvent.click(within(form).getByTestId('submit-name'));
    expect((await screen.findByTestId('receipt')).textContent).toBe('Name recorded — event #520.');
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'Dana Levi' });
  });

  it('speaks Arabic', async () => {
    setup(isf, returnCase(), {}, 'ar');
    await screen.findByTestId('case-circumstances');
    expect(screen.getByTestId('case-stage').textContent).toBe(ar.returns.stage.secured);
    expect(screen.getByRole('heading', { name: ar.returns.page.chain })).toBeTruthy();
  });
});

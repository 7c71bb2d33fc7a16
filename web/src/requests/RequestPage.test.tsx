import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { DecideBody, LogCallBody, RequestDetail } from '../api/requests';
import { RequestPage } from './RequestPage';
import { apiError, kParties, renderAs, request, routedApi, user } from './testing';

vi.mock('./FootprintMap', () => ({
  FootprintMap: ({ testId, vertices }: { testId: string; vertices: unknown[] }) => (
    <div data-testid={testId} data-vertices={vertices.length} />
  ),
}));

const kId = 'REQ-2026-000123';
const kPath = `/api/v1/requests/${kId}`;
const pasf = user('pasf', ['liaison'], 'pasf.jenin');
const isf = user('isf', ['liaison'], 'isf.jenin');
const isfAnalyst = user('isf', ['analyst']);
const usscDuty = user('ussc', ['duty'], 'ussc.duty');
/** Half an hour after submission: the acknowledge deadline is now. */
const kNow = Date.parse('2026-11-21T06:20:00Z');

function setup(me = isf, detail: RequestDetail = request(), extra: Record<string, (path: string, body?: unknown) => unknown> = {}) {
  let current = detail;
  const api = routedApi({
    'GET /api/v1/parties': () => ({ items: kParties }),
    [`GET ${kPath}`]: () => current,
    ...extra,
  });
  const view = renderAs(<RequestPage id={kId} now={() => kNow} />, me, api);
  return { api, ...view, setCurrent: (d: RequestDetail) => (current = d) };
}

const testIds = () => [...document.querySelectorAll('[data-testid^="action-"]')].map((e) => e.getAttribute('data-testid'));

describe('RequestPage', () => {
  it('shows the request: id, state, parties, areas, coordination and a live countdown', async () => {
    setup();
    expect((await screen.findByTestId('request-id')).textContent).toBe(kId);
    expect(screen.getByTestId('request-state').textContent).toBe('Submitted');
    expect(screen.getByTestId('request-from').textContent).toContain('PASF');
    expect(screen.getByTestId('request-areas').textContent).toContain('Area C');
    expect(screen.getByTestId('request-coordination').textContent).toContain('ISF approval required');
    expect(screen.getByTestId('countdown-acknowledge').textContent).toBe('in 10:00');
    expect(screen.getByTestId('countdown-acknowledge').getAttribute('data-overdue')).toBe('false');
    expect(screen.getByTestId('request-map').getAttribute('data-vertices')).toBe('2');
  });

  it('marks an overdue deadline', async () => {
    setup(isf, request({ acknowledge_by: '2026-11-21T06:10:00Z', overdue: ['acknowledge'] }));
    const countdown = await screen.findByTestId('countdown-acknowledge');
    expect(countdown.textContent).toBe('overdue by 10:00');
    expect(countdown.getAttribute('data-overdue')).toBe('true');
    expect(screen.getByTestId('overdue-acknowledge')).toBeTruthy();
    expect(screen.queryByTestId('overdue-decide')).toBeNull();
  });

  // Which buttons each user sees, by party and state.
  const table: [string, ReturnType<typeof user>, Partial<RequestDetail>, string[]][] = [
    ['the receiving party acknowledges', isf, { state: 'submitted' }, ['action-acknowledge']],
    ['the requesting party may withdraw', pasf, { state: 'submitted' }, ['action-withdraw']],
    ['the requesting party starts an approved request', pasf, { state: 'approved' }, ['action-start']],
    ['the requesting party completes', pasf, { state: 'in_progress' }, ['action-complete']],
    ['nobody acts on a denied request', pasf, { state: 'denied' }, []],
    ['an analyst only reads', isfAnalyst, { state: 'submitted' }, []],
    ['the coordinator\'s duty officer logs calls', usscDuty, { state: 'submitted' }, ['action-log-call']],
  ];
  for (const [name, me, patch, expected] of table) {
    it(name, async () => {
      setup(me, request(patch));
      await screen.findByTestId('request-id');
      expect(testIds()).toEqual(expected);
    });
  }

  it('shows the decide form to the receiving party once acknowledged', async () => {
    setup(isf, request({ state: 'acknowledged', acknowledged_at: '2026-11-21T06:05:00Z' }));
    expect(await screen.findByTestId('decide-form')).toBeTruthy();
    expect(screen.queryByTestId('action-acknowledge')).toBeNull();
    expect(screen.getByTestId('deadline-acknowledge').textContent).toContain('done');
  });

  it('acknowledges and shows the receipt', async () => {
    const { api, setCurrent } = setup(isf, request(), {
      [`POST ${kPath}/acknowledge`]: () => ({ ...request({ state: 'acknowledged' }), seq: 45 }),
    });
    fireEvent.click(await screen.findByTestId('action-acknowledge'));
    setCurrent(request({ state: 'acknowledged' }));
    expect((await screen.findByTestId('receipt')).textContent).toContain('event #45');
    expect(api.calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([`${kPath}/acknowledge`]);
    await waitFor(() => expect(screen.getByTestId('request-state').textContent).toBe('Acknowledged'));
  });

  it('shows a 409 as a message and reloads instead of crashing', async () => {
    const { api } = setup(isf, request(), {
      [`POST ${kPath}/acknowledge`]: () => {
        throw apiError(409, { code: 'conflict', detail: 'already acknowledged' });
      },
    });
    fireEvent.click(await screen.findByTestId('action-acknowledge'));
    const error = await screen.findByTestId('action-error');
    expect(error.textContent).toContain("not possible in the request's current state");
    expect(error.textContent).toContain('already acknowledged');
    await waitFor(() => expect(api.calls.filter((c) => c.path === kPath).length).toBe(2));
  });

  it('keeps the 409 message when the reload removes the form', async () => {
    const { setCurrent } = setup(isf, request({ state: 'acknowledged' }), {
      [`POST ${kPath}/decide`]: () => {
        setCurrent(request({ state: 'approved', updated_seq: 44 }));
        throw apiError(409, { code: 'conflict' });
      },
    });
    fireEvent.click(await screen.findByTestId('action-decide'));
    await waitFor(() => expect(screen.getByTestId('request-state').textContent).toBe('Approved'));
    expect(screen.queryByTestId('decide-form')).toBeNull();
    expect(screen.getByTestId('action-error').textContent).toContain("not possible in the request's current state");
  });

  it('shows a 403 as a message', async () => {
    setup(pasf, request(), {
      [`POST ${kPath}/withdraw`]: () => {
        throw apiError(403, { code: 'permission_denied' });
      },
    });
    fireEvent.click(await screen.findByTestId('action-withdraw'));
    fireEvent.click(screen.getByTestId('confirm-withdraw'));
    expect((await screen.findByTestId('action-error')).textContent).toContain('You may not do this');
  });

  it('a denial needs a reason', async () => {
    const { api } = setup(isf, request({ state: 'acknowledged' }), {
      [`POST ${kPath}/decide`]: () => ({ ...request({ state: 'denied' }), seq: 46 }),
    });
    fireEvent.change(await screen.findByTestId('decide-outcome'), { target: { value: 'denied' } });
    fireEvent.click(screen.getByTestId('action-decide'));
    expect(screen.getByTestId('decide-error-reason')).toBeTruthy();
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByTestId('decide-reason'), { target: { value: 'closed military zone' } });
    fireEvent.click(screen.getByTestId('action-decide'));
    await screen.findByTestId('receipt');
    const body = api.calls.find((c) => c.path === `${kPath}/decide`)?.body as DecideBody;
    expect(body).toEqual({ outcome: 'denied', reason: 'closed military zone' });
  });

  it('a counter-proposal may move the window', async () => {
    const { api } = setup(isf, request({ state: 'acknowledged' }), {
      [`POST ${kPath}/decide`]: () => ({ ...request({ state: 'counter_proposed' }), seq: 47 }),
    });
    fireEvent.change(await screen.findByTestId('decide-outcome'), { target: { value: 'counter_proposed' } });
    fireEvent.change(screen.getByTestId('decide-conditions'), { target: { value: 'after 10:00' } });
    fireEvent.change(screen.getByTestId('decide-start'), { target: { value: '2026-11-21T10:00' } });
    fireEvent.click(screen.getByTestId('action-decide'));
    await screen.findByTestId('receipt');
    const body = api.calls.find((c) => c.path === `${kPath}/decide`)?.body as DecideBody;
    expect(body.outcome).toBe('counter_proposed');
    expect(body.conditions).toBe('after 10:00');
    expect(body.footprint?.start).toBe(new Date('2026-11-21T10:00').toISOString().replace('.000Z', 'Z'));
    expect(body.footprint?.geometry.type).toBe('LineString');
  });

  it('logs a call on behalf of the receiving party', async () => {
    const { api } = setup(usscDuty, request(), {
      [`POST ${kPath}/log-call`]: () => ({ ...request({ state: 'acknowledged' }), seq: 48 }),
    });
    fireEvent.click(await screen.findByTestId('action-log-call'));
    fireEvent.change(screen.getByTestId('call-action'), { target: { value: 'acknowledge' } });
    fireEvent.click(screen.getByTestId('submit-call'));
    expect(screen.getByTestId('call-error-caller')).toBeTruthy();
    fireEvent.change(screen.getByTestId('call-caller'), { target: { value: 'Maj. Cohen, DCO Jenin' } });
    fireEvent.change(screen.getByTestId('call-summary'), { target: { value: 'received' } });
    fireEvent.click(screen.getByTestId('submit-call'));
    await screen.findByTestId('receipt');
    const body = api.calls.find((c) => c.path === `${kPath}/log-call`)?.body as LogCallBody;
    expect(body).toEqual({ channel: 'phone', caller: 'Maj. Cohen, DCO Jenin', summary: 'received', action: 'acknowledge' });
  });

  it('posts a reminder and shows the thread', async () => {
    const commented = request({
      timeline: [
        ...request().timeline,
        { seq: 50, at: '2026-11-21T06:15:00Z', actor: 'pasf.jenin', type: 'request.commented', body: { text: 'please answer', kind: 'reminder' } },
      ],
    });
    const { api } = setup(pasf, commented, {
      [`POST ${kPath}/comment`]: () => ({ ...commented, seq: 51 }),
    });
    const comment = await screen.findByTestId('comment');
    expect(comment.getAttribute('data-kind')).toBe('reminder');
    expect(comment.textContent).toContain('please answer');
    fireEvent.change(screen.getByTestId('comment-text'), { target: { value: 'still waiting' } });
    fireEvent.change(screen.getByTestId('comment-kind'), { target: { value: 'reminder' } });
    fireEvent.click(screen.getByTestId('comment-submit'));
    await screen.findByTestId('receipt');
    expect(api.calls.find((c) => c.path === `${kPath}/comment`)?.body).toEqual({ text: 'still waiting', kind: 'reminder' });
  });

  it('shows each timeline entry\'s seq and fetches its inclusion proof', async () => {
    const { api } = setup(isf, request(), {
      'GET /api/v1/audit/proof/inclusion': () => ({
        seq: 41,
        leaf_index: 40,
        tree_size: 64,
        leaf_hash: 'ab'.repeat(32),
        audit_path: ['cd'.repeat(32), 'ef'.repeat(32)],
      }),
    });
    const entry = await screen.findByTestId('timeline-entry');
    expect(entry.getAttribute('data-seq')).toBe('41');
    expect(screen.getByTestId('timeline-seq').textContent).toBe('Event #41');
    fireEvent.click(screen.getByTestId('proof-button-41'));
    expect((await screen.findByTestId('proof-leaf-hash')).textContent).toBe('ab'.repeat(32));
    expect(screen.getByTestId('proof-tree-size').textContent).toBe('64');
    expect(api.calls.some((c) => c.path === '/api/v1/audit/proof/inclusion?seq=41')).toBe(true);
  });

  it('says when an event is not yet in a signed tree head, and retries', async () => {
    let signed = false;
    setup(isf, request(), {
      'GET /api/v1/audit/proof/inclusion': () => {
        if (!signed) throw apiError(400, { code: 'invalid_argument', field: '/seq', detail: 'seq must be between 1 and tree_size' });
        return { seq: 41, leaf_index: 40, tree_size: 41, leaf_hash: '0f'.repeat(32), audit_path: [] };
      },
    });
    fireEvent.click(await screen.findByTestId('proof-button-41'));
    expect((await screen.findByTestId('proof-pending-41')).textContent).toContain('Not yet in a signed tree head');
    expect(screen.queryByTestId('proof-error-41')).toBeNull();
    signed = true;
    fireEvent.click(screen.getByTestId('proof-button-41'));
    expect((await screen.findByTestId('proof-leaf-hash')).textContent).toBe('0f'.repeat(32));
  });

  it('shows a request the user may not see as not found', async () => {
    const api = routedApi({
      'GET /api/v1/parties': () => ({ items: kParties }),
      [`GET ${kPath}`]: () => {
        throw apiError(404, { code: 'not_found' });
      },
    });
    renderAs(<RequestPage id={kId} now={() => kNow} />, isf, api);
    expect((await screen.findByTestId('load-error')).textContent).toContain('does not exist or is not shared');
  });

  it('reloads when an event about this request arrives', async () => {
    const { api, pushEvents, setCurrent } = setup(isf);
    await screen.findByTestId('request-id');
    setCurrent(request({ state: 'withdrawn' }));
    pushEvents([
      { seq: 60, at: '', actor: 'x', party: 'isf', type: 'request.submitted', subject: 'REQ-2026-000999', body: {} },
    ]);
    pushEvents([
      { seq: 61, at: '', actor: 'pasf.jenin', party: 'pasf', type: 'request.withdrawn', subject: kId, body: {} },
    ]);
    await waitFor(() => expect(screen.getByTestId('request-state').textContent).toBe('Withdrawn'));
    expect(api.calls.filter((c) => c.path === kPath).length).toBe(2);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { CommentBody, DecideBody, Decision, LogCallBody, RequestDetail } from '../api/requests';
import { RequestPage } from './RequestPage';
import { apiError, kParties, renderAs, request, routedApi, user } from './testing';
import type { FootprintMapProps } from './FootprintMap';

// Leaflet does not run in jsdom: an editable map is replaced by buttons
// that "click" it at fixed places east of Jenin.
vi.mock('./FootprintMap', () => ({
  FootprintMap: (props: FootprintMapProps) => (
    <div
      data-testid={props.testId}
      data-vertices={props.vertices.length}
      data-mode={props.mode}
      data-alternative={props.alternative?.type ?? ''}
    >
      {props.onAddVertex &&
        [
          { lat: 32.45, lng: 35.31 },
          { lat: 32.44, lng: 35.34 },
          { lat: 32.42, lng: 35.32 },
        ].map((v, i) => (
          <button key={i} type="button" data-testid={`${props.testId}-click-${i}`} onClick={() => props.onAddVertex?.(v)}>
            click {i}
          </button>
        ))}
    </div>
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

  it('a counter-proposal may propose a different area drawn on the map', async () => {
    const { api } = setup(isf, request({ state: 'acknowledged' }), {
      [`POST ${kPath}/decide`]: () => ({ ...request({ state: 'counter_proposed' }), seq: 49 }),
    });
    fireEvent.change(await screen.findByTestId('decide-outcome'), { target: { value: 'counter_proposed' } });
    fireEvent.change(screen.getByTestId('decide-conditions'), { target: { value: 'use the bypass road' } });
    expect(screen.queryByTestId('decide-map')).toBeNull();
    fireEvent.click(screen.getByTestId('decide-redraw'));
    // The new drawing starts empty, in the request's mode, over the request's route (dashed).
    const map = screen.getByTestId('decide-map');
    expect(map.getAttribute('data-vertices')).toBe('0');
    expect(map.getAttribute('data-mode')).toBe('route');
    expect(map.getAttribute('data-alternative')).toBe('LineString');

    // Nothing drawn yet: refused before sending.
    fireEvent.click(screen.getByTestId('action-decide'));
    expect(screen.getByTestId('decide-error-geometry').textContent).toBe('Draw the proposed route or area on the map.');
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.click(screen.getByTestId('decide-draw-area'));
    fireEvent.click(screen.getByTestId('decide-map-click-0'));
    fireEvent.click(screen.getByTestId('decide-map-click-1'));
    expect(screen.getByTestId('decide-draw-hint').textContent).toContain('1 more');
    fireEvent.click(screen.getByTestId('decide-map-click-2'));
    fireEvent.click(screen.getByTestId('decide-draw-undo'));
    fireEvent.click(screen.getByTestId('decide-map-click-2'));
    expect(screen.getByTestId('decide-map').getAttribute('data-vertices')).toBe('3');
    fireEvent.change(screen.getByTestId('decide-buffer'), { target: { value: '300' } });
    fireEvent.click(screen.getByTestId('action-decide'));
    await screen.findByTestId('receipt');

    const body = api.calls.find((c) => c.path === `${kPath}/decide`)?.body as DecideBody;
    expect(body.outcome).toBe('counter_proposed');
    expect(body.conditions).toBe('use the bypass road');
    expect(body.footprint).toEqual({
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [35.31, 32.45],
            [35.34, 32.44],
            [35.32, 32.42],
            [35.31, 32.45],
          ],
        ],
      },
      buffer_m: 300,
      // The request's window, unchanged.
      start: '2026-11-21T08:00:00Z',
      end: '2026-11-21T12:00:00Z',
    });
  });

  it('a drawn proposal needs a window and a sane buffer; unchecking sends the request\'s geometry', async () => {
    const { api } = setup(isf, request({ state: 'acknowledged' }), {
      [`POST ${kPath}/decide`]: () => ({ ...request({ state: 'approved_with_conditions' }), seq: 50 }),
    });
    fireEvent.change(await screen.findByTestId('decide-outcome'), { target: { value: 'approved_with_conditions' } });
    fireEvent.change(screen.getByTestId('decide-conditions'), { target: { value: 'escorted' } });
    fireEvent.click(screen.getByTestId('decide-redraw'));
    fireEvent.click(screen.getByTestId('decide-draw-point'));
    fireEvent.click(screen.getByTestId('decide-map-click-1'));
    fireEvent.change(screen.getByTestId('decide-end'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('decide-buffer'), { target: { value: '90000' } });
    fireEvent.click(screen.getByTestId('action-decide'));
    expect(screen.getByTestId('decide-error-end').textContent).toBe('Required.');
    expect(screen.getByTestId('decide-error-buffer_m')).toBeTruthy();
    expect(screen.queryByTestId('decide-error-geometry')).toBeNull();
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);

    // Without the redraw, a window change keeps the request's geometry.
    fireEvent.click(screen.getByTestId('decide-redraw'));
    fireEvent.change(screen.getByTestId('decide-end'), { target: { value: '2026-11-21T14:00' } });
    fireEvent.click(screen.getByTestId('action-decide'));
    await screen.findByTestId('receipt');
    const body = api.calls.find((c) => c.path === `${kPath}/decide`)?.body as DecideBody;
    expect(body.footprint?.geometry).toEqual(request().footprint?.geometry);
    expect(body.footprint?.buffer_m).toBe(200);
    expect(body.footprint?.end).toBe(new Date('2026-11-21T14:00').toISOString().replace('.000Z', 'Z'));
  });

  it('shows a proposed footprint dashed on the map, with its Oslo areas', async () => {
    const decision: Decision = {
      outcome: 'counter_proposed',
      reason: null,
      conditions: 'use the bypass road',
      footprint: {
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [35.31, 32.45],
              [35.34, 32.44],
              [35.32, 32.42],
              [35.31, 32.45],
            ],
          ],
        },
        buffer_m: 300,
        start: '2026-11-21T10:00:00Z',
        end: '2026-11-21T12:00:00Z',
      },
      areas: ['B', 'C'],
      districts: ['PS0101'],
      district: 'PS0101',
      by: 'isf.jenin',
      at: '2026-11-21T06:40:00Z',
      seq: 47,
    };
    setup(pasf, request({ state: 'counter_proposed', decision }));
    const map = await screen.findByTestId('request-map');
    expect(map.getAttribute('data-vertices')).toBe('2');
    expect(map.getAttribute('data-alternative')).toBe('Polygon');
    expect(screen.getByTestId('map-legend').textContent).toContain('Dashed');
    const areas = screen.getByTestId('decision-areas');
    expect([...areas.querySelectorAll('[data-area]')].map((e) => e.getAttribute('data-area'))).toEqual(['B', 'C']);
    expect(screen.getByTestId('decision-footprint').textContent).toBe('Area · buffer 300 m');
    expect(screen.getByTestId('decision-districts').textContent).toBe('Jenin');
  });

  it('does not draw the proposal twice once it is the request\'s own footprint', async () => {
    const footprint = request().footprint;
    const decision: Decision = {
      outcome: 'counter_proposed',
      reason: null,
      conditions: 'after 10:00',
      footprint,
      by: 'isf.jenin',
      at: '2026-11-21T06:40:00Z',
      seq: 47,
    };
    setup(pasf, request({ state: 'in_progress', decision }));
    const map = await screen.findByTestId('request-map');
    expect(map.getAttribute('data-alternative')).toBe('');
    expect(screen.queryByTestId('map-legend')).toBeNull();
  });

  it('shows who logged a request received by phone, and from whom', async () => {
    setup(isf, request({ channel: 'phone', caller: 'Capt. Khalil, DCL Jenin', created_by: 'isf.duty' }));
    const logged = await screen.findByTestId('request-logged-call');
    expect(logged.textContent).toBe('Received by phone from \u2068Capt. Khalil, DCL Jenin\u2069; logged by \u2068isf.duty\u2069.');
    expect(screen.getByTestId('request-channel').getAttribute('data-channel')).toBe('phone');
  });

  it('a request made in the console says nothing about a call', async () => {
    setup();
    await screen.findByTestId('request-id');
    expect(screen.queryByTestId('request-logged-call')).toBeNull();
    expect(screen.queryByTestId('request-channel')).toBeNull();
  });

  it('shows the linked records; a linked request opens its page', async () => {
    setup(
      isf,
      request({
        links: [
          { kind: 'request', id: 'REQ-2026-000100' },
          { kind: 'incident', id: 'INC-7' },
        ],
      }),
    );
    const links = await screen.findByTestId('request-links');
    const items = [...links.querySelectorAll('li')];
    expect(items.map((li) => li.getAttribute('data-kind'))).toEqual(['request', 'incident']);
    expect(items[0]?.textContent).toBe('Request REQ-2026-000100');
    expect(items[0]?.querySelector('a')?.getAttribute('href')).toBe('#/requests/REQ-2026-000100');
    expect(items[1]?.textContent).toBe('Incident INC-7');
    expect(items[1]?.querySelector('a')).toBeNull();
  });

  it('a comment carries links; a server error on one lands on its row', async () => {
    let refuse = true;
    const { api } = setup(pasf, request(), {
      [`POST ${kPath}/comment`]: () => {
        if (refuse) throw apiError(400, { code: 'invalid_argument', field: '/links/1/id', detail: 'no such request' });
        return { ...request(), seq: 52 };
      },
    });
    fireEvent.change(await screen.findByTestId('comment-text'), { target: { value: 'see the earlier convoy' } });
    fireEvent.click(screen.getByTestId('add-link'));
    fireEvent.click(screen.getByTestId('add-link'));
    fireEvent.change(screen.getByTestId('field-links.0.kind'), { target: { value: 'operation' } });
    fireEvent.change(screen.getByTestId('field-links.0.id'), { target: { value: 'OP-12' } });
    fireEvent.click(screen.getByTestId('comment-submit'));
    // The empty second row is caught before sending.
    expect(screen.getByTestId('error-links.1.id').textContent).toBe('Required.');
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByTestId('field-links.1.id'), { target: { value: 'REQ-2026-999999' } });
    fireEvent.click(screen.getByTestId('comment-submit'));
    const error = await screen.findByTestId('error-links.1.id');
    expect(error.textContent).toBe('no such request');
    expect(screen.getByTestId('field-links.1.id').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('error-links.0.id')).toBeNull();
    expect(screen.queryByTestId('comment-error')).toBeNull();
    expect(api.calls.find((c) => c.path === `${kPath}/comment`)?.body).toEqual({
      text: 'see the earlier convoy',
      kind: 'comment',
      links: [
        { kind: 'operation', id: 'OP-12' },
        { kind: 'request', id: 'REQ-2026-999999' },
      ],
    });

    refuse = false;
    fireEvent.change(screen.getByTestId('field-links.1.id'), { target: { value: 'REQ-2026-000100' } });
    expect(screen.queryByTestId('error-links.1.id')).toBeNull();
    fireEvent.click(screen.getByTestId('comment-submit'));
    await screen.findByTestId('receipt');
    const sent = api.calls.filter((c) => c.path === `${kPath}/comment`).map((c) => c.body as CommentBody);
    expect(sent[1]?.links?.[1]).toEqual({ kind: 'request', id: 'REQ-2026-000100' });
    // Sent: the form is empty again.
    await waitFor(() => expect(screen.queryByTestId('link-0')).toBeNull());
  });

  it('shows the links of a comment', async () => {
    setup(
      isf,
      request({
        timeline: [
          ...request().timeline,
          {
            seq: 53,
            at: '2026-11-21T06:16:00Z',
            actor: 'pasf.jenin',
            type: 'request.commented',
            body: { text: 'related', kind: 'comment', links: [{ kind: 'request', id: 'REQ-2026-000100' }, { bogus: 1 }] },
          },
        ],
      }),
    );
    const links = await screen.findByTestId('comment-links');
    expect(links.querySelectorAll('li').length).toBe(1);
    expect(links.querySelector('a')?.getAttribute('href')).toBe('#/requests/REQ-2026-000100');
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

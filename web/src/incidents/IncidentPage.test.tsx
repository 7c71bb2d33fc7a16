import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { IncidentUpdate } from '../api/incidents';
import en from '../i18n/parts/incidents.en.json';
import he from '../i18n/parts/incidents.he.json';
import { IncidentPage, latestIncidentEvent } from './IncidentPage';
import { apiError, incident, kParties, renderAs, routedApi, user } from './testing';

vi.mock('../requests/FootprintMap', async () => ({ FootprintMap: (await import('./testing')).FootprintMapStub }));
vi.mock('../messaging/ChatRoom', () => ({
  ChatRoom: ({ channelId }: { channelId: string }) => <div data-testid="chat-room" data-channel={channelId} />,
}));

const isf = user('isf', ['liaison', 'duty'], 'isf.nablus');
const pasf = user('pasf', ['liaison', 'duty'], 'pasf.nablus');
const analyst = user('pasf', ['analyst']);
const kPath = '/api/v1/incidents/INC-2026-000001';
const kNow = () => Date.parse('2026-11-21T08:17:03Z');

type Handler = (path: string, body?: unknown) => unknown;

function setup(who = isf, extra: Record<string, Handler> = {}, detail = incident(), lang: 'en' | 'he' = 'en') {
  const api = routedApi({
    'GET /api/v1/parties': () => ({ items: kParties }),
    [`GET ${kPath}`]: () => detail,
    ...extra,
  });
  return { api, ...renderAs(<IncidentPage id="INC-2026-000001" now={kNow} />, who, api, { lang }) };
}

describe('latestIncidentEvent', () => {
  it('follows only this incident', () => {
    const e = (seq: number, type: string, subject: string) => ({ seq, type, subject });
    const events = [e(9, 'incident.updated', 'INC-2'), e(7, 'message.posted', 'INC-1'), e(5, 'incident.acknowledged', 'INC-1')];
    expect(latestIncidentEvent(events, 'INC-1')).toBe(5);
    expect(latestIncidentEvent(events, 'INC-3')).toBe(0);
  });
});

describe('IncidentPage', () => {
  it('shows the incident, its acknowledgements, its timeline and its crisis room', async () => {
    setup();
    expect((await screen.findByTestId('incident-title')).textContent).toBe('Collision at Huwwara junction');
    expect(screen.getByTestId('incident-title').getAttribute('dir')).toBe('auto');
    expect(screen.getByTestId('incident-state').getAttribute('data-state')).toBe('open');
    expect(screen.getByTestId('incident-district').textContent).toBe('Nablus');
    expect(screen.getByTestId('incident-map').getAttribute('data-vertices')).toBe('1');
    expect(screen.getByTestId('incident-casualties').textContent).toContain('0 killed, 3 injured');
    expect(within(screen.getByTestId('incident-links')).getByRole('link').getAttribute('href')).toBe('#/returns/RET-2026-000003');

    const ack = within(screen.getByTestId('acknowledgements')).getByTestId('ack');
    expect(ack.getAttribute('data-party')).toBe('pasf');
    expect(within(ack).getByTestId('ack-countdown').textContent).toBe('in 2:00');

    const entries = screen.getAllByTestId('timeline-entry');
    expect(entries.map((e) => e.getAttribute('data-kind'))).toEqual(['reported', 'update']);
    expect(within(entries[1]!).getByTestId('timeline-by').textContent).toBe('pasf.nablus');
    await waitFor(() => expect(within(entries[1]!).getByTestId('timeline-party').textContent).toBe('PASF'));
    expect(within(entries[1]!).getByTestId('timeline-text').getAttribute('dir')).toBe('auto');
    expect(within(entries[1]!).getByTestId('timeline-changes').textContent).toContain('Severity 5');
    expect(within(entries[1]!).getByTestId('timeline-changes').textContent).toContain('Monitoring');
    expect(within(entries[1]!).getByTestId('receipt-1240').textContent).toContain('#1240');

    expect(screen.getByTestId('chat-room').getAttribute('data-channel')).toBe('incident:INC-2026-000001');
  });

  it('offers the reporting party update and close, and the other party acknowledge and update', async () => {
    const first = setup(isf);
    await screen.findByTestId('incident-title');
    expect(screen.queryByTestId('acknowledge-form')).toBeNull();
    expect(screen.getByTestId('update-form')).toBeTruthy();
    expect(screen.getByTestId('close-form')).toBeTruthy();
    first.unmount();

    const second = setup(pasf);
    await screen.findByTestId('incident-title');
    expect(screen.getByTestId('acknowledge-form')).toBeTruthy();
    expect(screen.getByTestId('update-form')).toBeTruthy();
    expect(screen.queryByTestId('close-form')).toBeNull();
    second.unmount();

    const third = setup(analyst);
    await screen.findByTestId('incident-title');
    expect(screen.queryByTestId('update-form')).toBeNull();
    expect(screen.queryByTestId('acknowledge-form')).toBeNull();
    third.unmount();

    setup(isf, {}, incident({ state: 'closed', closed_at: '2026-11-21T10:00:00Z', closed_by: 'isf.nablus', summary: 'Road reopened' }));
    expect((await screen.findByTestId('incident-summary')).textContent).toBe('Road reopened');
    expect(screen.queryByTestId('update-form')).toBeNull();
    expect(screen.queryByTestId('close-form')).toBeNull();
  });

  it('acknowledges for the party and shows the receipt', async () => {
    const { api } = setup(pasf, {
      [`POST ${kPath}/acknowledge`]: () => ({ ...incident(), seq: 1250 }),
    });
    fireEvent.change(await screen.findByTestId('acknowledge-note'), { target: { value: 'وصلنا' } });
    fireEvent.click(screen.getByTestId('submit-acknowledge'));
    expect((await screen.findByTestId('receipt')).textContent).toBe('Acknowledgement recorded — event #1250.');
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ note: 'وصلنا' });
  });

  it('sends an update with only what changed, and refuses an empty one', async () => {
    const { api } = setup(isf, { [`POST ${kPath}/updates`]: () => ({ ...incident({ severity: 5 }), seq: 1260 }) });
    const form = await screen.findByTestId('update-form');
    fireEvent.click(within(form).getByTestId('submit-update'));
    expect((await screen.findByTestId('update-empty')).textContent).toBe(en.incidents.update.empty);
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    fireEvent.change(within(form).getByTestId('field-text'), { target: { value: 'Second ambulance sent' } });
    fireEvent.change(within(form).getByTestId('field-severity'), { target: { value: '5' } });
    fireEvent.click(within(form).getByTestId('move-location'));
    expect(screen.getByTestId('update-map').getAttribute('data-alternative')).toBe('Point');
    fireEvent.click(within(form).getByTestId('map-click-1'));
    fireEvent.click(within(form).getByTestId('submit-update'));
    expect((await screen.findByTestId('receipt')).textContent).toBe('Update recorded — event #1260.');
    expect(api.calls.find((c) => c.method === 'POST')?.body as IncidentUpdate).toEqual({
      text: 'Second ambulance sent',
      severity: 5,
      location: { type: 'Point', coordinates: [35.26, 32.21] },
    });
  });

  it('closes only with a summary, and reloads when the incident changed meanwhile', async () => {
    let reads = 0;
    const { api } = setup(isf, {
      [`GET ${kPath}`]: () => {
        reads += 1;
        return incident();
      },
      [`POST ${kPath}/close`]: () => {
        throw apiError(409, { code: 'conflict' });
      },
    });
    const form = await screen.findByTestId('close-form');
    fireEvent.click(within(form).getByTestId('submit-close'));
    expect(within(form).getByTestId('error-summary')).toBeTruthy();
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    fireEvent.change(within(form).getByTestId('close-summary'), { target: { value: 'Both vehicles removed' } });
    fireEvent.click(within(form).getByTestId('submit-close'));
    expect((await screen.findByTestId('close-error')).textContent).toContain(en.incidents.error.conflict);
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ summary: 'Both vehicles removed' });
    await waitFor(() => expect(reads).toBe(2));
  });

  it('fetches the proof of a timeline entry on demand', async () => {
    setup(isf, {
      'GET /api/v1/audit/proof/inclusion': () => ({ seq: 1234, leaf_index: 1233, tree_size: 1300, leaf_hash: 'ab12', audit_path: ['x', 'y'] }),
    });
    fireEvent.click(await screen.findByTestId('proof-button-1234'));
    expect((await screen.findByTestId('proof-facts-1234')).textContent).toContain('ab12');
  });

  it('says when the incident is not shared with the party, in Hebrew', async () => {
    setup(pasf, { [`GET ${kPath}`]: () => { throw apiError(404, { code: 'not_found' }); } }, incident(), 'he');
    expect((await screen.findByTestId('load-error')).textContent).toContain(he.incidents.error.not_found);
    expect(screen.getByRole('link', { name: he.incidents.page.back }).getAttribute('href')).toBe('#/incidents');
  });
});

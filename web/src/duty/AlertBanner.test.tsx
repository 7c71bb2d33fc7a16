import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import ar from '../i18n/parts/duty.ar.json';
import en from '../i18n/parts/duty.en.json';
import incidentsEn from '../i18n/parts/incidents.en.json';
import { fakeApi } from '../test/render';
import { AlertBanner } from './AlertBanner';
import type { Beeper } from './beep';
import { kDutyOfficer, renderPage, streamEvent } from './testing';

function silentBeeper() {
  return { beep: vi.fn<Beeper['beep']>(), unlock: vi.fn<Beeper['unlock']>() };
}

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

const flash = streamEvent(11, 'request.submitted', {
  subject: 'REQ-2026-000011',
  body: { id: 'REQ-2026-000011', precedence: 'FLASH', to_party: 'isf', from_party: 'pasf', title: 'إخلاء طبي' },
});
const overdue = streamEvent(12, 'request.overdue', {
  actor: 'system',
  subject: 'REQ-2026-000003',
  body: { stage: 'decide', due_at: '2026-11-21T10:00:00Z' },
});
const routine = streamEvent(13, 'request.submitted', { body: { precedence: 'ROUTINE', to_party: 'isf' } });
const graveIncident = streamEvent(14, 'incident.reported', {
  subject: 'INC-2026-000004',
  body: { id: 'INC-2026-000004', severity: 5, title: 'تبادل إطلاق نار', alert: true },
});

afterEach(() => {
  vi.useRealTimers();
  window.location.hash = '';
});

describe('AlertBanner', () => {
  it('shows nothing and stays silent without alerting events', () => {
    const beeper = silentBeeper();
    renderPage(<AlertBanner beeper={beeper} storage={null} />, { api: fakeApi(), events: [routine] });
    expect(screen.queryByTestId('duty-alerts')).toBeNull();
    expect(beeper.beep).not.toHaveBeenCalled();
  });

  it('raises a FLASH arriving on the stream with a beep, until Seen is clicked', () => {
    const beeper = silentBeeper();
    const page = renderPage(<AlertBanner beeper={beeper} storage={memoryStorage()} />, { api: fakeApi() });
    expect(screen.queryByTestId('duty-alerts')).toBeNull();

    page.setEvents([flash]);
    const banner = screen.getByTestId('duty-alerts');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain('REQ-2026-000011');
    expect(banner.textContent).toContain('إخلاء طبي');
    expect(banner.textContent).toContain(en.duty.alert.flash_text);
    expect(beeper.beep).toHaveBeenCalledExactlyOnceWith('flash');
    expect(screen.getByRole('link', { name: en.duty.alert.open }).getAttribute('href')).toBe('#/requests/REQ-2026-000011');

    // Later frames keep it up and do not beep again for the same event.
    page.setEvents([routine, flash]);
    expect(screen.getByTestId('duty-alerts')).toBeTruthy();
    expect(beeper.beep).toHaveBeenCalledOnce();

    fireEvent.click(screen.getByRole('button', { name: en.duty.alert.seen }));
    expect(screen.queryByTestId('duty-alerts')).toBeNull();
  });

  it('raises an overdue deadline with its stage, in Arabic', () => {
    const beeper = silentBeeper();
    const page = renderPage(<AlertBanner beeper={beeper} storage={null} />, { api: fakeApi(), lang: 'ar' });
    page.setEvents([overdue]);
    const item = screen.getByTestId('duty-alerts').querySelector('[data-seq="12"]');
    expect(item?.getAttribute('data-kind')).toBe('overdue');
    expect(item?.textContent).toContain(ar.duty.alert.overdue_text.replace('{{stage}}', ar.duty.stage.decide));
    expect(beeper.beep).toHaveBeenCalledWith('overdue');
  });

  it('does not raise an alert seen before a remount, but raises one never seen', () => {
    const storage = memoryStorage();
    const first = renderPage(<AlertBanner beeper={silentBeeper()} storage={storage} />, { api: fakeApi() });
    first.setEvents([flash]);
    fireEvent.click(screen.getByTestId('alert-seen-11'));
    first.unmount();

    const beeper = silentBeeper();
    renderPage(<AlertBanner beeper={beeper} storage={storage} />, { api: fakeApi(), events: [overdue, flash] });
    const items = screen.getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-seq'))).toEqual(['12']);
    expect(beeper.beep).toHaveBeenCalledExactlyOnceWith('overdue');
  });

  it('repeats the beep while an alert waits, and stops once it is seen', () => {
    vi.useFakeTimers();
    const beeper = silentBeeper();
    const page = renderPage(<AlertBanner beeper={beeper} storage={null} reminderMs={1000} />, { api: fakeApi() });
    page.setEvents([flash]);
    expect(beeper.beep).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersByTime(2500));
    expect(beeper.beep).toHaveBeenCalledTimes(3);
    fireEvent.click(screen.getByTestId('alert-seen-11'));
    act(() => vi.advanceTimersByTime(5000));
    expect(beeper.beep).toHaveBeenCalledTimes(3);
  });

  it('works with the real beeper where jsdom has no AudioContext', () => {
    const page = renderPage(<AlertBanner storage={null} />, { api: fakeApi() });
    expect(() => page.setEvents([flash])).not.toThrow();
    expect(screen.getByTestId('duty-alerts')).toBeTruthy();
    expect(() => fireEvent.pointerDown(document.body)).not.toThrow();
  });

  it('raises a grave incident for a duty officer with the incident tone, until the incident is opened', async () => {
    const beeper = silentBeeper();
    const page = renderPage(<AlertBanner beeper={beeper} storage={memoryStorage()} />, { api: fakeApi() });
    page.setEvents([graveIncident, flash]);
    const item = screen.getByTestId('duty-alerts').querySelector('[data-seq="14"]') as HTMLElement;
    expect(item.getAttribute('data-kind')).toBe('incident');
    expect(item.textContent).toContain(incidentsEn.incidents.alert.kind);
    expect(item.textContent).toContain(incidentsEn.incidents.alert.text.replace('{{severity}}', '5'));
    expect(item.textContent).toContain('تبادل إطلاق نار');
    // The incident tone outranks the FLASH one.
    expect(beeper.beep).toHaveBeenCalledExactlyOnceWith('incident');
    expect(screen.getByTestId('alert-open-14').getAttribute('href')).toBe('#/incidents/INC-2026-000004');
    // No "Seen": only opening the incident ends it.
    expect(screen.queryByTestId('alert-seen-14')).toBeNull();
    expect(screen.getByTestId('alert-seen-11')).toBeTruthy();

    act(() => {
      window.location.hash = '#/incidents/INC-2026-000004';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => expect(screen.getByTestId('duty-alerts').querySelector('[data-seq="14"]')).toBeNull());
    expect(screen.getByTestId('duty-alerts').querySelector('[data-seq="11"]')).not.toBeNull();
  });

  it('does not alert a liaison officer without the duty role about an incident', () => {
    const beeper = silentBeeper();
    const liaison = { ...kDutyOfficer, roles: ['liaison'] };
    const page = renderPage(<AlertBanner beeper={beeper} storage={null} />, { api: fakeApi(), me: liaison });
    page.setEvents([graveIncident]);
    expect(screen.queryByTestId('duty-alerts')).toBeNull();
    expect(beeper.beep).not.toHaveBeenCalled();
  });
});

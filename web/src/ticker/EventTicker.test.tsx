import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import type { StreamEvent } from '../api/types';
import ar from '../i18n/ar.json';
import en from '../i18n/en.json';
import { renderWithProviders } from '../test/render';
import { EventTicker } from './EventTicker';

const events: StreamEvent[] = [
  { seq: 2, at: '2026-11-21T10:00:02Z', actor: 'coord', party: 'ussc', type: 'user.created', subject: 'user/x', body: {} },
  { seq: 1, at: '2026-11-21T10:00:01Z', actor: 'pasf', party: 'pasf', type: 'drill.started', subject: 'drill/4', body: {} },
];

describe('EventTicker', () => {
  it('localises known event types and falls back to the raw type', () => {
    renderWithProviders(<EventTicker events={events} state={{ kind: 'open', lastSeq: 2 }} />, { lang: 'ar' });
    expect(screen.getByText(ar.ticker.type.user_created)).toBeTruthy();
    expect(screen.getByText('drill.started')).toBeTruthy();
    expect(screen.getByTestId('stream-state').textContent).toBe(ar.ticker.state.live);
    const items = screen.getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-seq'))).toEqual(['2', '1']);
  });

  it('shows an empty state and the reconnect countdown', () => {
    renderWithProviders(
      <EventTicker events={[]} state={{ kind: 'waiting', attempt: 2, retryAt: Date.now() + 4_000 }} />,
    );
    expect(screen.getByText(en.ticker.empty)).toBeTruthy();
    expect(screen.getByTestId('stream-state').textContent).toMatch(/Disconnected, retrying in 0:0[34]/);
  });
});

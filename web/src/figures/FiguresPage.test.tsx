import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Figures, Measures } from '../api/duty';
import ar from '../i18n/parts/duty.ar.json';
import en from '../i18n/parts/duty.en.json';
import { renderPage, routedApi } from '../duty/testing';
import { FiguresPage, orderGroups } from './FiguresPage';

function m(count: number, extra: Partial<Measures> = {}): Measures {
  return {
    count,
    acknowledged: count,
    decided: count,
    acknowledge_p50_s: 300,
    acknowledge_p90_s: 1500,
    decide_p50_s: 7200,
    decide_p90_s: 30_000,
    acknowledged_in_time: 0.9,
    decided_in_time: 0.75,
    outcomes: {},
    ...extra,
  };
}

const figures: Figures = {
  period: { from: '2026-10-22T10:00:00Z', to: '2026-11-21T10:00:00Z' },
  overall: m(60, { outcomes: { approved: 30, denied: 10, approved_with_conditions: 5, pending: 15 } }),
  by_party: [{ key: 'isf', ...m(45) }, { key: 'pasf', ...m(15) }],
  by_requesting_party: [{ key: 'pasf', ...m(45) }, { key: 'isf', ...m(15) }],
  by_district: [
    { key: null, ...m(5) },
    { key: 'PS0105', ...m(20) },
    { key: 'PS0101', ...m(40, { decide_p50_s: null }) },
  ],
  by_type: [{ key: 'medical', ...m(10) }, { key: 'movement', ...m(50) }],
  by_precedence: [{ key: 'ROUTINE', ...m(40) }, { key: 'FLASH', ...m(20) }],
};

const kNow = Date.parse('2026-11-21T10:00:00Z');

function setup(lang: 'en' | 'ar' = 'en') {
  const { api, calls } = routedApi({
    'GET /api/v1/stats/requests': () => figures,
    'GET /api/v1/parties': () => ({ items: [] }),
  });
  const page = renderPage(<FiguresPage now={() => kNow} />, { api, lang });
  return { page, calls };
}

function barWidths(chart: HTMLElement): Record<string, number> {
  return Object.fromEntries(
    [...chart.querySelectorAll('.chart__row')].map((g) => [
      g.getAttribute('data-key'),
      Number(g.querySelector('rect')?.getAttribute('width')),
    ]),
  );
}

describe('FiguresPage', () => {
  it('asks for the last 30 days and shows the overall tiles', async () => {
    const { calls } = setup();
    await screen.findByTestId('tile-count');
    expect(calls.find((c) => c.path.startsWith('/api/v1/stats'))?.path).toBe(
      '/api/v1/stats/requests?from=2026-10-22T10%3A00%3A00.000Z&to=2026-11-21T10%3A00%3A00.000Z',
    );
    expect(screen.getByTestId('tile-count').textContent).toContain('60');
    expect(screen.getByTestId('tile-ack-p50').textContent).toContain('5 minutes');
    expect(screen.getByTestId('tile-decide-p50').textContent).toContain('2 hours');
    expect(screen.getByTestId('tile-ack-in-time').textContent).toContain('90%');
    expect(screen.getByTestId('tile-decided-in-time').textContent).toContain('75%');
  });

  it('draws bars proportional to the values, with the data as a table', async () => {
    setup();
    const chart = await screen.findByTestId('chart-by-district');
    const widths = barWidths(chart);
    expect(widths['PS0101']).toBeGreaterThan(0);
    expect(widths['PS0105']! / widths['PS0101']!).toBeCloseTo(20 / 40);
    // Governorate names come from the P-codes; the larger group first.
    const rows = within(chart).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('th')?.textContent)).toEqual(['Jenin', 'Tubas', en.figures.chart.none]);
    expect(rows[0]?.textContent).toContain('40');
    expect(rows[0]?.textContent).toContain(en.figures.no_sample);

    const party = barWidths(screen.getByTestId('chart-by-party'));
    expect(party['pasf']! / party['isf']!).toBeCloseTo(15 / 45);
    const outcomes = barWidths(screen.getByTestId('chart-outcomes'));
    expect(outcomes['denied']! / outcomes['approved']!).toBeCloseTo(10 / 30);
    expect(outcomes['counter_proposed']).toBe(0);
    expect(outcomes['pending']! / outcomes['approved']!).toBeCloseTo(15 / 30);
    expect(screen.getByTestId('chart-outcomes').textContent).toContain(en.figures.outcome.pending);
    // Precedence in its own order, highest first.
    const prec = screen.getByTestId('chart-by-precedence');
    expect([...prec.querySelectorAll('.chart__row')].map((g) => g.getAttribute('data-key'))).toEqual([
      'FLASH',
      'ROUTINE',
    ]);
  });

  it('mirrors the charts in Arabic and labels them in Arabic', async () => {
    setup('ar');
    const chart = await screen.findByTestId('chart-by-type');
    const svg = chart.querySelector('svg')!;
    expect(svg.getAttribute('data-dir')).toBe('rtl');
    const width = Number(svg.getAttribute('viewBox')?.split(' ')[2]);
    const rects = [...chart.querySelectorAll('rect')];
    // Every bar ends at the same right-hand edge and grows to the left.
    const ends = rects.map((r) => Number(r.getAttribute('x')) + Number(r.getAttribute('width')));
    expect(new Set(ends).size).toBe(1);
    expect(ends[0]).toBeGreaterThan(width / 2);
    const [movement, medical] = rects;
    expect(Number(movement!.getAttribute('x'))).toBeLessThan(Number(medical!.getAttribute('x')));
    const label = chart.querySelector('.chart__label')!;
    expect(label.getAttribute('text-anchor')).toBe('start');
    expect(Number(label.getAttribute('x'))).toBeGreaterThan(ends[0]!);
    expect(label.textContent).toBe(ar.figures.type.movement);
    expect(chart.querySelector('figcaption')?.textContent).toBe(ar.figures.chart.by_type);
  });

  it('draws LTR charts from the left', async () => {
    setup('en');
    const chart = await screen.findByTestId('chart-by-type');
    const xs = [...chart.querySelectorAll('rect')].map((r) => Number(r.getAttribute('x')));
    expect(new Set(xs).size).toBe(1);
    expect(chart.querySelector('.chart__label')?.getAttribute('text-anchor')).toBe('end');
  });

  it('asks again for the chosen period', async () => {
    const { calls } = setup();
    await screen.findByTestId('tile-count');
    fireEvent.click(screen.getByTestId('period-7'));
    await waitFor(() =>
      expect(calls.filter((c) => c.path.startsWith('/api/v1/stats')).map((c) => c.path).pop()).toContain(
        'from=2026-11-14T10%3A00%3A00.000Z',
      ),
    );
    expect(screen.getByTestId('period-7').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('period-30').getAttribute('aria-pressed')).toBe('false');
  });
});

describe('orderGroups', () => {
  it('puts listed keys first in order, then the rest by count', () => {
    const g = (key: string, count: number) => ({ key, ...m(count) });
    expect(orderGroups([g('x', 1), g('y', 9), g('b', 2), g('a', 3)], ['a', 'b']).map((x) => x.key)).toEqual([
      'a',
      'b',
      'y',
      'x',
    ]);
  });
});

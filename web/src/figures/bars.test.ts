import { describe, expect, it } from 'vitest';
import { kChartDimensions, layoutBars } from './bars';

const rows = [
  { key: 'isf', label: 'ISF', value: 40 },
  { key: 'pasf', label: 'PASF', value: 10 },
  { key: 'ussc', label: 'USSC', value: 0 },
];
const { width, labelWidth, valueWidth, gap } = kChartDimensions;
const area = width - labelWidth - valueWidth - gap;

describe('layoutBars', () => {
  it('draws bars proportional to the values, the largest filling the area', () => {
    const { bars } = layoutBars(rows, 'ltr');
    expect(bars.map((b) => b.width)).toEqual([area, area / 4, 0]);
    expect(bars[1]!.width / bars[0]!.width).toBeCloseTo(10 / 40);
    expect(new Set(bars.map((b) => b.x))).toEqual(new Set([labelWidth]));
    expect(bars.map((b) => b.y)).toEqual([...bars.map((b) => b.y)].sort((a, b) => a - b));
  });

  it('puts labels at the inline start and values past the bar end in LTR', () => {
    const [b] = layoutBars(rows, 'ltr').bars;
    expect(b).toMatchObject({ labelAnchor: 'end', valueAnchor: 'start' });
    expect(b!.labelX).toBeLessThan(b!.x);
    expect(b!.valueX).toBeGreaterThan(b!.x + b!.width);
  });

  it('mirrors every position in RTL: bars grow leftwards from the right-hand labels', () => {
    const ltr = layoutBars(rows, 'ltr').bars;
    const rtl = layoutBars(rows, 'rtl').bars;
    rtl.forEach((r, i) => {
      const l = ltr[i]!;
      expect(r.width).toBe(l.width);
      expect(r.y).toBe(l.y);
      expect(r.x).toBeCloseTo(width - l.x - l.width);
      expect(r.labelX).toBeCloseTo(width - l.labelX);
      expect(r.valueX).toBeCloseTo(width - l.valueX);
      expect(r.labelAnchor).toBe('start');
      expect(r.valueAnchor).toBe('end');
    });
    // The bars end at the label column's edge on the right.
    expect(rtl[0]!.x + rtl[0]!.width).toBe(width - labelWidth);
    expect(rtl[0]!.labelX).toBeGreaterThan(rtl[0]!.x + rtl[0]!.width);
  });

  it('draws zero, negative and non-finite values as empty bars', () => {
    const { bars, height } = layoutBars(
      [
        { key: 'a', label: 'a', value: 0 },
        { key: 'b', label: 'b', value: -3 },
        { key: 'c', label: 'c', value: Number.NaN },
      ],
      'ltr',
    );
    expect(bars.map((b) => b.width)).toEqual([0, 0, 0]);
    expect(height).toBe(3 * kChartDimensions.rowHeight);
  });
});

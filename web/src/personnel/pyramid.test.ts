import { describe, expect, it } from 'vitest';
import { kPyramidDimensions, layoutPyramid, type PyramidInput } from './pyramid';

const rows: PyramidInput[] = [
  { band: 'officer', label: 'Officers', count: 50, share: 0.25, target: 0.1 },
  { band: 'nco', label: 'NCOs', count: 50, share: 0.25, target: 0.3 },
  { band: 'enlisted', label: 'Enlisted', count: 100, share: 0.5, target: 0.6 },
];

describe('layoutPyramid', () => {
  const { width, labelWidth, valueWidth, gap, rowHeight } = kPyramidDimensions;
  const area = width - labelWidth - valueWidth - 2 * gap;

  it('centres every bar and frame on one axis, the widest filling the area', () => {
    const g = layoutPyramid(rows, 'ltr');
    expect(g.axisX).toBe(labelWidth + gap + area / 2);
    for (const b of g.bars) {
      expect(b.x + b.width / 2).toBeCloseTo(g.axisX);
      expect(b.targetX + b.targetWidth / 2).toBeCloseTo(g.axisX);
    }
    // The enlisted target (0.6) is the widest of all: it fills the area.
    expect(g.bars[2]?.targetWidth).toBeCloseTo(area);
    expect(g.bars[2]?.width).toBeCloseTo((0.5 / 0.6) * area);
    expect(g.bars[0]?.width).toBeCloseTo((0.25 / 0.6) * area);
    expect(g.bars[0]?.targetWidth).toBeCloseTo((0.1 / 0.6) * area);
    // Officers on top, a row each.
    expect(g.bars.map((b) => b.band)).toEqual(['officer', 'nco', 'enlisted']);
    expect(g.bars[1]!.y - g.bars[0]!.y).toBe(rowHeight);
    expect(g.height).toBe(3 * rowHeight);
  });

  it('puts the labels at the inline start and the shares at the inline end, mirrored in RTL', () => {
    const ltr = layoutPyramid(rows, 'ltr').bars[0]!;
    expect(ltr.labelX).toBe(labelWidth);
    expect(ltr.labelAnchor).toBe('end');
    expect(ltr.valueX).toBe(width - valueWidth);
    expect(ltr.valueAnchor).toBe('start');

    const g = layoutPyramid(rows, 'rtl');
    const rtl = g.bars[0]!;
    expect(g.axisX).toBe(width - (labelWidth + gap + area / 2));
    expect(rtl.labelX).toBe(width - labelWidth);
    expect(rtl.labelAnchor).toBe('start');
    expect(rtl.valueX).toBe(valueWidth);
    expect(rtl.valueAnchor).toBe('end');
    expect(rtl.x + rtl.width / 2).toBeCloseTo(g.axisX);
    expect(rtl.width).toBeCloseTo(ltr.width);
  });

  it('draws nothing for zero or broken shares', () => {
    const g = layoutPyramid(
      [
        { band: 'officer', label: 'O', count: 0, share: 0, target: 0 },
        { band: 'nco', label: 'N', count: 0, share: Number.NaN, target: -1 },
      ],
      'ltr',
    );
    expect(g.bars.map((b) => [b.width, b.targetWidth])).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });
});

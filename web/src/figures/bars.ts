// Geometry of a horizontal bar chart drawn as inline SVG. Pure.
//
// Each row is a label, a bar whose length is proportional to its value (the
// largest value fills the bar area), and the value printed past the bar's
// end. Positions are computed left to right and mirrored for right-to-left:
// the label sits at the inline start and bars grow towards the inline end in
// both directions. Text anchors are physical ('start' = left edge at x): the
// SVG is drawn with direction ltr so that the anchors do not flip a second
// time under <html dir="rtl">.
import type { Direction } from '../i18n/languages';

export interface BarInput {
  key: string;
  label: string;
  value: number;
}

export interface BarGeometry {
  key: string;
  label: string;
  value: number;
  /** The bar: x, y, width, height in SVG user units. */
  x: number;
  y: number;
  width: number;
  height: number;
  labelX: number;
  labelAnchor: 'start' | 'end';
  valueX: number;
  valueAnchor: 'start' | 'end';
  /** Baseline of the row's two texts. */
  textY: number;
}

export interface ChartGeometry {
  width: number;
  height: number;
  bars: BarGeometry[];
}

export interface ChartDimensions {
  width: number;
  labelWidth: number;
  valueWidth: number;
  rowHeight: number;
  barHeight: number;
  gap: number;
}

export const kChartDimensions: ChartDimensions = {
  width: 520,
  labelWidth: 150,
  valueWidth: 56,
  rowHeight: 26,
  barHeight: 16,
  gap: 8,
};

/** The distance from the baseline to the middle of the bar, for ~13 px text. */
const kBaselineOffset = 4.5;

function mirror(anchor: 'start' | 'end'): 'start' | 'end' {
  return anchor === 'start' ? 'end' : 'start';
}

/**
 * Lays out `rows` in the given order. Negative and non-finite values draw as
 * zero; a chart whose values are all zero draws empty bars.
 */
export function layoutBars(
  rows: readonly BarInput[],
  dir: Direction,
  dims: ChartDimensions = kChartDimensions,
): ChartGeometry {
  const { width, labelWidth, valueWidth, rowHeight, barHeight, gap } = dims;
  const area = Math.max(0, width - labelWidth - valueWidth - gap);
  const clean = (v: number) => (Number.isFinite(v) && v > 0 ? v : 0);
  const max = rows.reduce((m, r) => Math.max(m, clean(r.value)), 0);
  const bars = rows.map((r, i) => {
    const length = max > 0 ? (clean(r.value) / max) * area : 0;
    const y = i * rowHeight + (rowHeight - barHeight) / 2;
    const textY = i * rowHeight + rowHeight / 2 + kBaselineOffset;
    // Left to right first.
    const ltr = {
      x: labelWidth,
      labelX: labelWidth - gap,
      labelAnchor: 'end' as const,
      valueX: labelWidth + length + gap,
      valueAnchor: 'start' as const,
    };
    const bar = { key: r.key, label: r.label, value: r.value, y, width: length, height: barHeight, textY };
    if (dir === 'ltr') return { ...bar, ...ltr };
    return {
      ...bar,
      x: width - ltr.x - length,
      labelX: width - ltr.labelX,
      labelAnchor: mirror(ltr.labelAnchor),
      valueX: width - ltr.valueX,
      valueAnchor: mirror(ltr.valueAnchor),
    };
  });
  return { width, height: Math.max(rowHeight, rows.length * rowHeight), bars };
}

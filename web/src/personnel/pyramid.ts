// Geometry of a rank pyramid drawn as inline SVG. Pure.
//
// One row a band, the officers on top: a bar centred on the chart's axis
// whose width is the band's share of the strength, and a dashed frame
// around the axis whose width is the band's share in the target ratio, so
// the actual pyramid reads against the wanted one. The widest of all bars
// and frames fills the bar area. The label sits at the inline start and the
// share at the inline end, mirrored for right-to-left; text anchors are
// physical (see figures/bars.ts: the SVG is drawn with direction ltr).
import type { Direction } from '../i18n/languages';
import type { BandShare } from './model';

export interface PyramidInput extends BandShare {
  label: string;
}

export interface PyramidBar extends PyramidInput {
  /** The bar of the actual share. */
  x: number;
  width: number;
  /** The frame of the target share. */
  targetX: number;
  targetWidth: number;
  y: number;
  height: number;
  labelX: number;
  labelAnchor: 'start' | 'end';
  valueX: number;
  valueAnchor: 'start' | 'end';
  textY: number;
}

export interface PyramidGeometry {
  width: number;
  height: number;
  /** The x of the axis the bars are centred on. */
  axisX: number;
  bars: PyramidBar[];
}

export interface PyramidDimensions {
  width: number;
  labelWidth: number;
  valueWidth: number;
  rowHeight: number;
  barHeight: number;
  gap: number;
}

export const kPyramidDimensions: PyramidDimensions = {
  width: 420,
  labelWidth: 90,
  valueWidth: 48,
  rowHeight: 30,
  barHeight: 22,
  gap: 8,
};

/** The distance from the baseline to the middle of the bar, for ~13 px text. */
const kBaselineOffset = 4.5;

const clean = (v: number) => (Number.isFinite(v) && v > 0 ? v : 0);

/** Lays out `rows` top to bottom in the given order (the bands from the top). */
export function layoutPyramid(
  rows: readonly PyramidInput[],
  dir: Direction,
  dims: PyramidDimensions = kPyramidDimensions,
): PyramidGeometry {
  const { width, labelWidth, valueWidth, rowHeight, barHeight, gap } = dims;
  const area = Math.max(0, width - labelWidth - valueWidth - 2 * gap);
  const max = rows.reduce((m, r) => Math.max(m, clean(r.share), clean(r.target)), 0);
  const scale = (v: number) => (max > 0 ? (clean(v) / max) * area : 0);
  // Left to right first: the label, the bar area, the value.
  const ltrAxis = labelWidth + gap + area / 2;
  const axisX = dir === 'ltr' ? ltrAxis : width - ltrAxis;
  const labelX = dir === 'ltr' ? labelWidth : width - labelWidth;
  const valueX = dir === 'ltr' ? width - valueWidth : valueWidth;
  const bars = rows.map((r, i) => {
    const w = scale(r.share);
    const tw = scale(r.target);
    return {
      ...r,
      x: axisX - w / 2,
      width: w,
      targetX: axisX - tw / 2,
      targetWidth: tw,
      y: i * rowHeight + (rowHeight - barHeight) / 2,
      height: barHeight,
      labelX,
      labelAnchor: dir === 'ltr' ? ('end' as const) : ('start' as const),
      valueX,
      valueAnchor: dir === 'ltr' ? ('start' as const) : ('end' as const),
      textY: i * rowHeight + rowHeight / 2 + kBaselineOffset,
    };
  });
  return { width, height: Math.max(rowHeight, rows.length * rowHeight), axisX, bars };
}

import { describe, expect, it } from 'vitest';
import { cellBounds, heatClass, heatLegend, incidentFeatures, incidentRadius, kHeatColors, maxCount } from './heat';
import { incident } from './testing';

describe('the heat view', () => {
  it('draws a cell as a square of its size around its centre', () => {
    const [[south, west], [north, east]] = cellBounds({ lon: 35.2, lat: 32.2 }, 2000);
    const metresPerDegreeLon = 111_320 * Math.cos((32.2 * Math.PI) / 180);
    expect((north - south) * 111_320).toBeCloseTo(2000, 3);
    expect((east - west) * metresPerDegreeLon).toBeCloseTo(2000, 3);
    expect((north + south) / 2).toBeCloseTo(32.2, 9);
    expect((east + west) / 2).toBeCloseTo(35.2, 9);
  });

  it('colours counts in five equal steps of the busiest cell', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => heatClass(n, 10))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(heatClass(1, 1)).toBe(kHeatColors.length - 1);
    expect(heatClass(0, 0)).toBe(0);
  });

  it('lists each colour in use with the counts it stands for', () => {
    expect(heatLegend(3)).toEqual([
      { color: kHeatColors[1], from: 1, to: 1 },
      { color: kHeatColors[3], from: 2, to: 2 },
      { color: kHeatColors[4], from: 3, to: 3 },
    ]);
    expect(heatLegend(10).map((b) => [b.from, b.to])).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
      [9, 10],
    ]);
    expect(heatLegend(0)).toEqual([]);
    expect(maxCount([{ lon: 0, lat: 0, count: 4, max_severity: 2 }, { lon: 0, lat: 0, count: 9, max_severity: 5 }])).toBe(9);
  });
});

describe('the incident layer', () => {
  it('turns incidents into features with what the tooltip shows', () => {
    const fc = incidentFeatures([incident(), incident({ id: 'INC-2026-000002', severity: 2 })]);
    expect(fc.features).toHaveLength(2);
    expect(fc.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [35.26, 32.15] });
    expect(fc.features[1]?.properties).toEqual({
      id: 'INC-2026-000002',
      title: 'Collision at Huwwara junction',
      type: 'joint_accident',
      severity: 2,
      occurred_at: '2026-11-21T08:10:00Z',
    });
    expect(incidentRadius(5)).toBeGreaterThan(incidentRadius(1));
  });
});

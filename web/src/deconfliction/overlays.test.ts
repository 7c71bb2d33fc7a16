import { describe, expect, it } from 'vitest';
import type { LayerData } from '../api/types';
import {
  activityFeatures,
  conflictDistrictFeatures,
  conflictSideFeatures,
  conflictSideStyle,
  partyColor,
  siteFeatures,
} from './overlays';
import { activity, fullConflict, pointerConflict, site } from './testing';

const square = (x: number): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, 32],
      [x + 0.1, 32],
      [x + 0.1, 32.1],
      [x, 32],
    ],
  ],
});

const governorates: LayerData = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', geometry: square(35.2), properties: { pcode: 'PS0115', name_en: 'Nablus' } },
    { type: 'Feature', geometry: square(35.3), properties: { pcode: 'PS0101', name_en: 'Jenin' } },
  ],
};

describe('operational layers', () => {
  it('draw an activity by its footprint, with what its tooltip shows', () => {
    const [f] = activityFeatures([activity()]).features;
    expect(f?.geometry.type).toBe('LineString');
    expect(f?.properties).toEqual({
      id: 'ACT-2026-000001',
      party: 'isf',
      kind: 'patrol',
      title: 'Route check',
      start: '2026-11-22T06:00:00Z',
      end: '2026-11-22T10:00:00Z',
      buffer_m: 300,
    });
  });

  it('draw a protected site by its geometry and buffer', () => {
    const [f] = siteFeatures([site()]).features;
    expect(f?.geometry).toEqual({ type: 'Point', coordinates: [35.235, 32.226] });
    expect(f?.properties).toMatchObject({ id: 'SITE-000001', kind: 'hospital', buffer_m: 150 });
  });

  it('draw a side\'s conflicts as the governorates they are in, one shape per governorate', () => {
    const districts = conflictDistrictFeatures(
      [pointerConflict(), pointerConflict({ id: 'CFL-2026-000002' }), pointerConflict({ id: 'CFL-2026-000003', district: null })],
      governorates,
    );
    expect(districts.features).toHaveLength(1);
    expect(districts.features[0]?.properties).toEqual({ pcode: 'PS0115', conflicts: ['CFL-2026-000001', 'CFL-2026-000002'] });
    expect(conflictSideFeatures([pointerConflict()]).features).toEqual([]);
  });

  it('draw the coordinator\'s conflicts as both footprints, the second dashed', () => {
    const sides = conflictSideFeatures([fullConflict()]).features;
    expect(sides.map((f) => [f.properties.side, f.properties.party, f.properties.ref])).toEqual([
      [0, 'isf', 'ACT-2026-000001'],
      [1, 'pasf', 'ACT-2026-000002'],
    ]);
    expect(conflictDistrictFeatures([fullConflict()], governorates).features).toEqual([]);
    expect(conflictSideStyle(0).dashArray).toBeUndefined();
    expect(conflictSideStyle(1).dashArray).toBeDefined();
  });

  it('without the governorates layer a side\'s conflicts stay in the list only', () => {
    expect(conflictDistrictFeatures([pointerConflict()], null).features).toEqual([]);
  });

  it('give each party a stable colour', () => {
    expect(partyColor('isf')).toBe(partyColor('isf'));
    expect(partyColor('isf')).toMatch(/^#[0-9a-f]{6}$/);
    expect(partyColor('isf')).not.toBe(partyColor('pasf'));
  });
});

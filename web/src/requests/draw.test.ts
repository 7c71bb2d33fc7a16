import { describe, expect, it } from 'vitest';
import {
  addVertex,
  buildGeometry,
  changeMode,
  fromGeometry,
  undoVertex,
  verticesBounds,
  verticesNeeded,
  type Vertex,
} from './draw';

const a: Vertex = { lat: 32.46, lng: 35.29 };
const b: Vertex = { lat: 32.47, lng: 35.31 };
const c: Vertex = { lat: 32.45, lng: 35.33 };

describe('drawing', () => {
  it('a point replaces the previous point', () => {
    expect(addVertex('point', [a], b)).toEqual([b]);
  });

  it('a route gains vertices but ignores a repeated click', () => {
    const v = addVertex('route', addVertex('route', [], a), b);
    expect(v).toEqual([a, b]);
    expect(addVertex('route', v, { lat: 32.4700000001, lng: 35.31 })).toEqual([a, b]);
  });

  it('rounds clicks to six decimals', () => {
    expect(addVertex('route', [], { lat: 32.123456789, lng: 35.987654321 })).toEqual([
      { lat: 32.123457, lng: 35.987654 },
    ]);
  });

  it('undo drops the last vertex', () => {
    expect(undoVertex([a, b, c])).toEqual([a, b]);
    expect(undoVertex([])).toEqual([]);
  });

  it('switching to point keeps only the first vertex', () => {
    expect(changeMode('point', [a, b])).toEqual([a]);
    expect(changeMode('area', [a, b])).toEqual([a, b]);
  });

  it('counts the vertices still needed', () => {
    expect(verticesNeeded('route', [a])).toBe(1);
    expect(verticesNeeded('area', [a, b])).toBe(1);
    expect(verticesNeeded('area', [a, b, c])).toBe(0);
    expect(verticesNeeded('point', [])).toBe(1);
  });
});

describe('buildGeometry', () => {
  it('needs one vertex for a point, two for a route, three for an area', () => {
    expect(buildGeometry('point', [])).toBeNull();
    expect(buildGeometry('route', [a])).toBeNull();
    expect(buildGeometry('area', [a, b])).toBeNull();
  });

  it('writes GeoJSON positions as [lon, lat]', () => {
    expect(buildGeometry('point', [a])).toEqual({ type: 'Point', coordinates: [35.29, 32.46] });
    expect(buildGeometry('route', [a, b])).toEqual({
      type: 'LineString',
      coordinates: [
        [35.29, 32.46],
        [35.31, 32.47],
      ],
    });
  });

  it('closes an area ring', () => {
    expect(buildGeometry('area', [a, b, c])).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [35.29, 32.46],
          [35.31, 32.47],
          [35.33, 32.45],
          [35.29, 32.46],
        ],
      ],
    });
  });

  it('refuses an area that folds back on its first vertex', () => {
    expect(buildGeometry('area', [a, b, a])).toBeNull();
  });

  it('round-trips through fromGeometry', () => {
    for (const [mode, vertices] of [
      ['point', [a]],
      ['route', [a, b, c]],
      ['area', [a, b, c]],
    ] as const) {
      const g = buildGeometry(mode, vertices);
      expect(g).not.toBeNull();
      expect(fromGeometry(g!)).toEqual({ mode, vertices });
    }
  });
});

describe('verticesBounds', () => {
  it('spans the vertices', () => {
    expect(verticesBounds([a, b, c])).toEqual([
      [32.45, 35.29],
      [32.47, 35.33],
    ]);
    expect(verticesBounds([])).toBeNull();
  });
});

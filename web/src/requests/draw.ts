// Footprint drawing as values: the vertices the user clicked, in a mode
// (point, route or area), become a GeoJSON geometry and back. Pure; no
// Leaflet. Vertices are {lat, lng} as the map reports them; GeoJSON
// positions are [lon, lat].
import type { Position } from 'geojson';
import type { FootprintGeometry } from '../api/requests';

export type DrawMode = 'point' | 'route' | 'area';

export const kDrawModes: readonly DrawMode[] = ['point', 'route', 'area'];

export interface Vertex {
  lat: number;
  lng: number;
}

/** Vertices a mode needs before it makes a geometry. */
export const kMinVertices: Record<DrawMode, number> = { point: 1, route: 2, area: 3 };

/** Upper bound on clicked vertices (keeps bodies small; far above any real route). */
export const kMaxVertices = 500;

/** Six decimals: about 0.1 m, finer than any click. */
const kCoordinateScale = 1e6;

function round(v: number): number {
  return Math.round(v * kCoordinateScale) / kCoordinateScale;
}

function samePlace(a: Vertex, b: Vertex): boolean {
  return round(a.lat) === round(b.lat) && round(a.lng) === round(b.lng);
}

/**
 * The vertices after a click: a point replaces the previous one; a route or
 * area gains a vertex unless the click repeats the last one (a double click)
 * or the list is full.
 */
export function addVertex(mode: DrawMode, vertices: readonly Vertex[], v: Vertex): Vertex[] {
  const clean = { lat: round(v.lat), lng: round(v.lng) };
  if (mode === 'point') return [clean];
  const last = vertices[vertices.length - 1];
  if ((last && samePlace(last, clean)) || vertices.length >= kMaxVertices) return [...vertices];
  return [...vertices, clean];
}

/** The vertices after "undo last point". */
export function undoVertex(vertices: readonly Vertex[]): Vertex[] {
  return vertices.slice(0, -1);
}

/** The vertices kept when the mode changes: a point keeps the first vertex only. */
export function changeMode(mode: DrawMode, vertices: readonly Vertex[]): Vertex[] {
  return mode === 'point' ? vertices.slice(0, 1) : [...vertices];
}

/** How many more vertices the mode needs (0 when the geometry is complete). */
export function verticesNeeded(mode: DrawMode, vertices: readonly Vertex[]): number {
  return Math.max(0, kMinVertices[mode] - vertices.length);
}

function position(v: Vertex): Position {
  return [round(v.lng), round(v.lat)];
}

/**
 * The geometry of the drawing, or null while it has too few vertices. An
 * area's ring is closed here (its first position repeated at the end), as
 * GeoJSON requires; the user never clicks the first point again.
 */
export function buildGeometry(mode: DrawMode, vertices: readonly Vertex[]): FootprintGeometry | null {
  if (verticesNeeded(mode, vertices) > 0) return null;
  switch (mode) {
    case 'point':
      return { type: 'Point', coordinates: position(vertices[0] as Vertex) };
    case 'route':
      return { type: 'LineString', coordinates: vertices.map(position) };
    case 'area': {
      const ring = vertices.map(position);
      const first = ring[0] as Position;
      const last = ring[ring.length - 1] as Position;
      if (first[0] !== last[0] || first[1] !== last[1]) ring.push([first[0] as number, first[1] as number]);
      // A closed ring needs four positions: three distinct vertices and the closing one.
      return ring.length >= 4 ? { type: 'Polygon', coordinates: [ring] } : null;
    }
  }
}

/** The mode and vertices of a geometry (an area's closing position dropped). */
export function fromGeometry(g: FootprintGeometry): { mode: DrawMode; vertices: Vertex[] } {
  const vertex = (p: Position): Vertex => ({ lat: p[1] as number, lng: p[0] as number });
  switch (g.type) {
    case 'Point':
      return { mode: 'point', vertices: [vertex(g.coordinates)] };
    case 'LineString':
      return { mode: 'route', vertices: g.coordinates.map(vertex) };
    case 'Polygon': {
      const ring = (g.coordinates[0] ?? []).map(vertex);
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (ring.length > 1 && first && last && samePlace(first, last)) ring.pop();
      return { mode: 'area', vertices: ring };
    }
  }
}

/** [[south, west], [north, east]] of the vertices, or null when there are none. */
export function verticesBounds(vertices: readonly Vertex[]): [[number, number], [number, number]] | null {
  if (vertices.length === 0) return null;
  let south = Infinity;
  let west = Infinity;
  let north = -Infinity;
  let east = -Infinity;
  for (const v of vertices) {
    south = Math.min(south, v.lat);
    north = Math.max(north, v.lat);
    west = Math.min(west, v.lng);
    east = Math.max(east, v.lng);
  }
  return [
    [south, west],
    [north, east],
  ];
}

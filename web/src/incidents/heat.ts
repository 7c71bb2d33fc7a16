// The map's incident layers as values: open incidents as GeoJSON features
// coloured by severity, and the heat view's grid cells as squares coloured
// by how many incidents fell in them. Pure: no Leaflet runtime, so it is
// unit-tested without a DOM.
import type { FeatureCollection } from 'geojson';
import type { PathOptions } from 'leaflet';
import type { HeatCell, Incident, IncidentGeometry } from '../api/incidents';
import { severityColor } from './model';

export interface IncidentProps {
  id: string;
  title: string;
  type: string;
  severity: number;
  occurred_at: string;
}

export function incidentFeatures(items: readonly Incident[]): FeatureCollection<IncidentGeometry, IncidentProps> {
  return {
    type: 'FeatureCollection',
    features: items.map((i) => ({
      type: 'Feature',
      geometry: i.location,
      properties: { id: i.id, title: i.title, type: i.type, severity: i.severity, occurred_at: i.occurred_at },
    })),
  };
}

export function incidentStyle(severity: number): PathOptions {
  const color = severityColor(severity);
  return { color, weight: 2, opacity: 1, fillColor: color, fillOpacity: severity >= 4 ? 0.55 : 0.35 };
}

/** A point incident's marker radius in pixels: graver is larger. */
export function incidentRadius(severity: number): number {
  return 5 + Math.min(5, Math.max(1, severity)) * 1.5;
}

/** Metres per degree of latitude (WGS 84, near enough at the scale of a cell). */
const kMetresPerDegree = 111_320;

/** The square of a cell: [[south, west], [north, east]] around its centre, `cellM` metres a side. */
export function cellBounds(cell: Pick<HeatCell, 'lon' | 'lat'>, cellM: number): [[number, number], [number, number]] {
  const half = cellM / 2;
  const dLat = half / kMetresPerDegree;
  const dLon = half / (kMetresPerDegree * Math.cos((cell.lat * Math.PI) / 180));
  return [
    [cell.lat - dLat, cell.lon - dLon],
    [cell.lat + dLat, cell.lon + dLon],
  ];
}

/** From few to many (ColorBrewer YlOrRd, 5 classes). */
export const kHeatColors = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'] as const;

/**
 * The class (0–4) of a count among counts up to `max`: the range 1…max cut
 * in five equal steps, so the busiest cells are always the darkest.
 */
export function heatClass(count: number, max: number): number {
  if (max <= 0 || count <= 0) return 0;
  const top = kHeatColors.length - 1;
  return Math.min(top, Math.max(0, Math.ceil((count * kHeatColors.length) / max) - 1));
}

/** The outline of every cell: dark, so the palest cells still show on the Oslo areas' fills. */
export const kHeatOutline = '#7a1f1f';

export function heatStyle(count: number, max: number): PathOptions {
  const fill = kHeatColors[heatClass(count, max)] as string;
  return { color: kHeatOutline, weight: 1, opacity: 0.8, fillColor: fill, fillOpacity: 0.7 };
}

/**
 * The legend of a heat view: for each class in use, the least and most
 * count it holds (from 1 to `max`).
 */
export function heatLegend(max: number): { color: string; from: number; to: number }[] {
  const out: { color: string; from: number; to: number }[] = [];
  for (let n = 1; n <= max; n += 1) {
    const color = kHeatColors[heatClass(n, max)] as string;
    const last = out[out.length - 1];
    if (last && last.color === color) last.to = n;
    else out.push({ color, from: n, to: n });
  }
  return out;
}

export function maxCount(cells: readonly HeatCell[]): number {
  return cells.reduce((m, c) => Math.max(m, c.count), 0);
}

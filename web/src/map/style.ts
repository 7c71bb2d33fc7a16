// How each map layer looks and is labelled. Pure: takes feature properties
// and a language, returns Leaflet path options or text. No Leaflet runtime
// import, so it is unit-tested without a DOM.
import type { PathOptions } from 'leaflet';
import type { LayerKind } from '../api/types';
import type { Language } from '../i18n/languages';

/** Known layer ids of the server's catalogue. Others get a style by kind. */
export const kLayerIds = {
  oslo: 'oslo_areas',
  governorates: 'governorates',
  localities: 'localities',
  checkpoints: 'checkpoints',
  barrier: 'barrier',
} as const;

/** The West Bank envelope (from the OCHA outline), fitted on load. */
export const kWestBankBounds: [[number, number], [number, number]] = [
  [31.3427, 34.8806],
  [32.5524, 35.5732],
];

/** Where the user may pan: the West Bank and Gaza with a margin. */
export const kMaxBounds: [[number, number], [number, number]] = [
  [30.6, 33.6],
  [33.3, 36.4],
];

// Colour-blind-safe palette (Okabe & Ito), A/B/C far apart in hue and lightness.
export interface OsloClassStyle {
  /** Value of the `oslo_class` property. */
  value: string;
  color: string;
}

export const kOsloClasses: readonly OsloClassStyle[] = [
  { value: 'A', color: '#d55e00' },
  { value: 'B', color: '#0072b2' },
  { value: 'C', color: '#e6c229' },
  { value: 'H1', color: '#cc79a7' },
  { value: 'H2', color: '#009e73' },
  { value: 'Nature Reserve', color: '#5b8c3a' },
  { value: 'Israeli Declared East Jerusalem', color: '#7a6a9a' },
  { value: "No Man's Land", color: '#8c8c8c' },
];

export const kOsloFallbackColor = '#a0a0a0';

export function osloClassStyle(value: unknown): OsloClassStyle | null {
  return kOsloClasses.find((c) => c.value === value) ?? null;
}

export function osloStyle(oslo_class: unknown): PathOptions {
  const color = osloClassStyle(oslo_class)?.color ?? kOsloFallbackColor;
  return { color, weight: 0.8, opacity: 0.9, fillColor: color, fillOpacity: 0.38 };
}

export const kGovernorateStyle: PathOptions = {
  color: '#2b3440',
  weight: 1.4,
  opacity: 0.85,
  fill: false,
  dashArray: '6 3',
};

export interface PointStyle {
  key: string;
  color: string;
  radius: number;
}

export const kLocalityStyles: Record<'community' | 'refugee_camp', PointStyle> = {
  community: { key: 'community', color: '#455a64', radius: 2.25 },
  refugee_camp: { key: 'refugee_camp', color: '#6a1b9a', radius: 3.5 },
};

export function localityStyle(kind: unknown): PathOptions & { radius: number } {
  const s = kind === 'refugee_camp' ? kLocalityStyles.refugee_camp : kLocalityStyles.community;
  return { radius: s.radius, color: '#ffffff', weight: 0.6, opacity: 0.9, fillColor: s.color, fillOpacity: 0.8 };
}

/** Checkpoint `type` values of the OCHA closures file, in legend order. */
export const kCheckpointTypes: readonly PointStyle[] = [
  { key: 'checkpoint', color: '#b71c1c', radius: 5 },
  { key: 'partial checkpoint', color: '#ef6c00', radius: 4.5 },
  { key: 'road gate', color: '#4e342e', radius: 3.5 },
  { key: 'road block', color: '#37474f', radius: 3.5 },
  { key: 'earthmound', color: '#8d6e63', radius: 3.5 },
];

export function checkpointStyle(type: unknown): PathOptions & { radius: number } {
  const s = kCheckpointTypes.find((c) => c.key === type) ?? { key: '', color: '#b71c1c', radius: 4 };
  return { radius: s.radius, color: '#ffffff', weight: 1, fillColor: s.color, fillOpacity: 0.95 };
}

export function barrierStyle(status: unknown): PathOptions {
  const built = status === 'Constructed' || status === undefined || status === null;
  return built
    ? { color: '#7f0000', weight: 2.2, opacity: 0.9 }
    : { color: '#7f0000', weight: 2, opacity: 0.75, dashArray: '4 4' };
}

export function fallbackStyle(kind: LayerKind): PathOptions & { radius: number } {
  switch (kind) {
    case 'polygon':
      return { radius: 0, color: '#455a64', weight: 1, fillColor: '#90a4ae', fillOpacity: 0.25 };
    case 'line':
      return { radius: 0, color: '#455a64', weight: 2 };
    case 'point':
      return { radius: 3.5, color: '#ffffff', weight: 1, fillColor: '#455a64', fillOpacity: 0.9 };
  }
}

/** i18n key suffix for a property value: "partial checkpoint" -> "partial_checkpoint". */
export function keyOf(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/**
 * A feature's name in the user's language: name_<lang>, then name_en, then
 * name. Null when the feature has none.
 */
export function featureName(props: Record<string, unknown> | null | undefined, lang: Language): string | null {
  if (!props) return null;
  for (const k of [`name_${lang}`, 'name_en', 'name']) {
    const v = props[k];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return null;
}

/** Oslo classes present in a layer, in legend order (unknown values last). */
export function presentOsloClasses(values: Iterable<unknown>): string[] {
  const seen = new Set<string>();
  for (const v of values) if (typeof v === 'string') seen.add(v);
  const known = kOsloClasses.map((c) => c.value).filter((v) => seen.has(v));
  const unknown = [...seen].filter((v) => !osloClassStyle(v)).sort();
  return [...known, ...unknown];
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

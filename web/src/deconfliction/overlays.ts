// The map page's operational layers as values: planned activities, protected
// sites and conflicts turned into GeoJSON features with the properties the
// tooltips show, and how each is styled. Pure: no Leaflet runtime, so it is
// unit-tested without a DOM.
//
// A side knows only the district of a conflict (the pointer), so its
// conflicts are drawn as the governorates they are in; the coordinator's
// duty desk sees both footprints of each conflict.
import type { Feature, FeatureCollection, Polygon, MultiPolygon } from 'geojson';
import type { PathOptions } from 'leaflet';
import type { Activity, Conflict, ProtectedSite } from '../api/deconfliction';
import type { LayerData } from '../api/types';
import { isFullView } from './model';

/** The operational layers, in the order the panel lists them. */
export const kOverlayIds = ['activities', 'protected_sites', 'conflicts'] as const;
export type OverlayId = (typeof kOverlayIds)[number];

export interface ActivityProps {
  id: string;
  party: string;
  kind: string;
  title: string;
  start: string;
  end: string;
  buffer_m: number;
}

export interface SiteProps {
  id: string;
  kind: string;
  name: string;
  buffer_m: number;
}

/** A footprint of one side of a conflict (the coordinator's view). */
export interface ConflictSideProps {
  conflict: string;
  side: 0 | 1;
  party: string;
  ref: string;
  title: string;
  buffer_m: number;
}

/** A governorate with unresolved conflicts (a side's view). */
export interface ConflictDistrictProps {
  pcode: string;
  /** The conflicts in it, newest first. */
  conflicts: string[];
}

export function activityFeatures(items: readonly Activity[]): FeatureCollection<Activity['footprint']['geometry'], ActivityProps> {
  return {
    type: 'FeatureCollection',
    features: items.map((a) => ({
      type: 'Feature',
      geometry: a.footprint.geometry,
      properties: {
        id: a.id,
        party: a.party,
        kind: a.kind,
        title: a.title,
        start: a.footprint.start,
        end: a.footprint.end,
        buffer_m: a.footprint.buffer_m,
      },
    })),
  };
}

export function siteFeatures(items: readonly ProtectedSite[]): FeatureCollection<ProtectedSite['geometry'], SiteProps> {
  return {
    type: 'FeatureCollection',
    features: items.map((s) => ({
      type: 'Feature',
      geometry: s.geometry,
      properties: { id: s.id, kind: s.kind, name: s.name, buffer_m: s.buffer_m },
    })),
  };
}

/** Both footprints of every conflict the user sees in full. */
export function conflictSideFeatures(items: readonly Conflict[]): FeatureCollection<Activity['footprint']['geometry'], ConflictSideProps> {
  const features: Feature<Activity['footprint']['geometry'], ConflictSideProps>[] = [];
  for (const c of items) {
    if (!isFullView(c)) continue;
    c.sides.forEach((s, i) => {
      features.push({
        type: 'Feature',
        geometry: s.footprint.geometry,
        properties: {
          conflict: c.id,
          side: i === 0 ? 0 : 1,
          party: s.party,
          ref: s.ref,
          title: s.title,
          buffer_m: s.footprint.buffer_m,
        },
      });
    });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * The governorates of the conflicts the user sees as pointers, one feature
 * per governorate listing its conflicts. Conflicts without a district, or
 * in one the layer does not have, are left to the list beside the map.
 */
export function conflictDistrictFeatures(
  items: readonly Conflict[],
  governorates: LayerData | null,
): FeatureCollection<Polygon | MultiPolygon, ConflictDistrictProps> {
  const byDistrict = new Map<string, string[]>();
  for (const c of items) {
    if (isFullView(c) || !c.district) continue;
    byDistrict.set(c.district, [...(byDistrict.get(c.district) ?? []), c.id]);
  }
  const features: Feature<Polygon | MultiPolygon, ConflictDistrictProps>[] = [];
  for (const f of governorates?.features ?? []) {
    const pcode = f.properties?.['pcode'];
    if (typeof pcode !== 'string' || !byDistrict.has(pcode)) continue;
    if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') continue;
    features.push({ type: 'Feature', geometry: f.geometry, properties: { pcode, conflicts: byDistrict.get(pcode) ?? [] } });
  }
  return { type: 'FeatureCollection', features };
}

// Okabe & Ito colours not used by the Oslo areas' A, B and C, so a party's
// activities stand out on them.
const kPartyPalette = ['#6a1b9a', '#00838f', '#ad1457', '#283593', '#4e342e'] as const;

/** A stable colour per party id (parties are data, so no table of names). */
export function partyColor(party: string): string {
  let h = 0;
  for (const ch of party) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return kPartyPalette[h % kPartyPalette.length] as string;
}

export function activityStyle(party: string): PathOptions {
  const color = partyColor(party);
  return { color, weight: 3, opacity: 0.95, fillColor: color, fillOpacity: 0.2 };
}

export const kSiteColor = '#1b6e3a';

export const kSiteStyle: PathOptions = {
  color: kSiteColor,
  weight: 2,
  opacity: 0.95,
  fillColor: kSiteColor,
  fillOpacity: 0.25,
  dashArray: '2 4',
};

export const kConflictColor = '#b71c1c';

export function conflictSideStyle(side: 0 | 1): PathOptions {
  return {
    color: kConflictColor,
    weight: 3,
    opacity: 0.95,
    fillColor: kConflictColor,
    fillOpacity: 0.2,
    ...(side === 1 ? { dashArray: '6 5' } : {}),
  };
}

export const kConflictDistrictStyle: PathOptions = {
  color: kConflictColor,
  weight: 2,
  opacity: 0.9,
  fillColor: kConflictColor,
  fillOpacity: 0.22,
};

/** The smallest circle drawn for a point, in metres, so a point without a buffer still shows. */
export const kMinPointRadiusM = 60;

// Turns one server layer (descriptor + GeoJSON) into a Leaflet layer with the
// console's styling and tooltips. Tooltip text is computed when shown, from
// the current language, and set as textContent (never as HTML: names come
// from data files).
import L from 'leaflet';
import type { Feature } from 'geojson';
import type { LayerData, LayerDescriptor } from '../api/types';
import type { Language } from '../i18n/languages';
import {
  barrierStyle,
  checkpointStyle,
  fallbackStyle,
  featureName,
  kGovernorateStyle,
  kLayerIds,
  kMaxBounds,
  kWestBankBounds,
  keyOf,
  localityStyle,
  osloStyle,
} from './style';

/** Panes, bottom to top, so layers stack the same whatever order they load in. */
export const kPanes = {
  areas: { name: 'liaison-areas', zIndex: 410 },
  outlines: { name: 'liaison-outlines', zIndex: 420 },
  lines: { name: 'liaison-lines', zIndex: 430 },
  localities: { name: 'liaison-localities', zIndex: 440 },
  points: { name: 'liaison-points', zIndex: 450 },
} as const;

export interface Renderers {
  areas: L.Renderer;
  outlines: L.Renderer;
  lines: L.Renderer;
  localities: L.Renderer;
  points: L.Renderer;
}

/** Creates the panes and their renderers: SVG for shapes, canvas for the many points. */
/**
 * A Leaflet map over the West Bank with the console's zoom limits and bounds,
 * fitted to the West Bank; `options` adds to or overrides them.
 */
export function createWestBankMap(el: HTMLElement, padding: L.PointExpression, options: L.MapOptions = {}): L.Map {
  const map = L.map(el, {
    zoomSnap: 0.25,
    zoomDelta: 0.5,
    minZoom: 7,
    maxZoom: 17,
    maxBounds: kMaxBounds,
    maxBoundsViscosity: 0.8,
    ...options,
  });
  map.attributionControl.setPrefix('Leaflet');
  map.fitBounds(kWestBankBounds, { padding });
  return map;
}

export function createPanes(map: L.Map): Renderers {
  for (const p of Object.values(kPanes)) {
    const pane = map.createPane(p.name);
    pane.style.zIndex = String(p.zIndex);
  }
  return {
    areas: L.svg({ pane: kPanes.areas.name }),
    outlines: L.svg({ pane: kPanes.outlines.name }),
    lines: L.svg({ pane: kPanes.lines.name }),
    localities: L.canvas({ pane: kPanes.localities.name, tolerance: 3 }),
    points: L.canvas({ pane: kPanes.points.name, tolerance: 3 }),
  };
}

export interface LabelContext {
  language(): Language;
  /** Translate with a fallback for values the translation files do not know. */
  translate(key: string, fallback: string): string;
}

/** A span holding `text` as text (never HTML: names come from data), its direction from its content. */
export function textNode(text: string, className?: string): HTMLElement {
  const span = document.createElement('span');
  span.dir = 'auto';
  span.textContent = text;
  if (className) span.className = className;
  return span;
}

function propsOf(layer: L.Layer): Record<string, unknown> {
  const f = (layer as L.Layer & { feature?: Feature }).feature;
  return (f?.properties ?? {}) as Record<string, unknown>;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function buildLayer(
  d: LayerDescriptor,
  data: LayerData,
  renderers: Renderers,
  labels: LabelContext,
): L.GeoJSON {
  const tr = labels.translate;
  switch (d.id) {
    case kLayerIds.oslo:
      return L.geoJSON(data, {
        pane: kPanes.areas.name,
        renderer: renderers.areas,
        style: (f) => osloStyle(f?.properties?.['oslo_class']),
        onEachFeature: (_f, layer) => {
          layer.bindTooltip(
            (l) => {
              const cls = str(propsOf(l)['oslo_class']);
              return textNode(tr(`map.oslo.${keyOf(cls)}`, cls));
            },
            { sticky: true, className: 'map-tooltip' },
          );
        },
      } as L.GeoJSONOptions);

    case kLayerIds.governorates:
      return L.geoJSON(data, {
        pane: kPanes.outlines.name,
        renderer: renderers.outlines,
        style: kGovernorateStyle,
        interactive: false,
        onEachFeature: (_f, layer) => {
          layer.bindTooltip((l) => textNode(featureName(propsOf(l), labels.language()) ?? ''), {
            permanent: true,
            direction: 'center',
            className: 'map-label',
            opacity: 1,
            interactive: false,
          });
        },
      } as L.GeoJSONOptions);

    case kLayerIds.localities:
      return L.geoJSON(data, {
        pane: kPanes.localities.name,
        pointToLayer: (f, latlng) =>
          L.circleMarker(latlng, {
            ...localityStyle(f.properties?.['kind']),
            renderer: renderers.localities,
            pane: kPanes.localities.name,
          }),
        onEachFeature: (_f, layer) => {
          layer.bindTooltip((l) => textNode(featureName(propsOf(l), labels.language()) ?? ''), {
            direction: 'top',
            className: 'map-tooltip',
          });
        },
      } as L.GeoJSONOptions);

    case kLayerIds.checkpoints:
      return L.geoJSON(data, {
        pane: kPanes.points.name,
        pointToLayer: (f, latlng) =>
          L.circleMarker(latlng, {
            ...checkpointStyle(f.properties?.['type']),
            renderer: renderers.points,
            pane: kPanes.points.name,
          }),
        onEachFeature: (_f, layer) => {
          layer.bindTooltip(
            (l) => {
              const p = propsOf(l);
              const type = str(p['type']);
              const name = featureName(p, labels.language());
              const typeText = type ? tr(`map.checkpoint.${keyOf(type)}`, type) : '';
              const box = document.createElement('span');
              if (name) box.append(textNode(name, 'map-tooltip__title'));
              if (typeText) box.append(textNode(typeText, 'map-tooltip__meta'));
              return box;
            },
            { direction: 'top', className: 'map-tooltip' },
          );
        },
      } as L.GeoJSONOptions);

    case kLayerIds.barrier:
      return L.geoJSON(data, {
        pane: kPanes.lines.name,
        renderer: renderers.lines,
        style: (f) => barrierStyle(f?.properties?.['status']),
        onEachFeature: (_f, layer) => {
          layer.bindTooltip(
            (l) => {
              const status = str(propsOf(l)['status']);
              const title = tr('map.layer.barrier', d.title);
              return textNode(status ? `${title} · ${tr(`map.barrier.${keyOf(status)}`, status)}` : title);
            },
            { sticky: true, className: 'map-tooltip' },
          );
        },
      } as L.GeoJSONOptions);

    default: {
      // A layer this console does not know yet (an operator may add one):
      // draw it plainly by kind, with names where the data has them.
      const style = fallbackStyle(d.kind);
      const renderer = d.kind === 'point' ? renderers.points : d.kind === 'line' ? renderers.lines : renderers.areas;
      const pane = d.kind === 'point' ? kPanes.points.name : d.kind === 'line' ? kPanes.lines.name : kPanes.areas.name;
      return L.geoJSON(data, {
        pane,
        renderer,
        style,
        pointToLayer: (_f, latlng) => L.circleMarker(latlng, { ...style, renderer, pane }),
        onEachFeature: (f, layer) => {
          if (featureName(f.properties as Record<string, unknown>, 'en') === null) return;
          layer.bindTooltip((l) => textNode(featureName(propsOf(l), labels.language()) ?? ''), {
            className: 'map-tooltip',
          });
        },
      } as L.GeoJSONOptions);
    }
  }
}

/** Re-renders open tooltips (permanent labels) after a language change. */
export function refreshOpenTooltips(group: L.LayerGroup): void {
  group.eachLayer((l) => {
    const tooltip = l.getTooltip();
    if (tooltip?.isOpen()) tooltip.update();
  });
}

// A small Leaflet map with the console's base layers (the server's layers
// that are visible by default, drawn by the map page's builders) and a
// footprint on top: the vertices being drawn, or a stored geometry.
//
// Editable when `onAddVertex` is given: each click on the map adds a vertex
// (the caller decides what that means through draw.ts). For tests the
// container carries data-testid, data-vertices (count drawn),
// data-layers-loaded, data-alternative (the dashed geometry's type, if
// any), and data-bounds ("south,west,north,east" of the view) so a browser
// test can turn coordinates into pixels.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { FootprintGeometry } from '../api/requests';
import { useApi } from '../app/context';
import { buildLayer, createPanes, createWestBankMap } from '../map/build';
import { useLanguage } from './common';
import { fromGeometry, verticesBounds, type DrawMode, type Vertex } from './draw';

const kFitPadding: L.PointExpression = [16, 16];
/** Zoom used when the footprint is a single point. */
const kPointZoom = 13;
const kDrawPane = { name: 'liaison-footprint', zIndex: 460 } as const;
const kDrawColor = '#6a1b9a';
const kAltColor = '#b71c1c';

export interface FootprintMapProps {
  testId: string;
  label: string;
  mode: DrawMode;
  vertices: readonly Vertex[];
  /** Metres; a point is drawn as a circle of this radius. */
  bufferM?: number;
  /** When set, clicks add vertices. */
  onAddVertex?: (v: Vertex) => void;
  /** A second geometry to show dashed (a counter-proposal, or the original under a new drawing). */
  alternative?: FootprintGeometry | null;
  /** The dashed geometry's buffer, in metres; default `bufferM`. */
  alternativeBufferM?: number | undefined;
  className?: string | undefined;
}

function drawShape(
  group: L.LayerGroup,
  mode: DrawMode,
  vertices: readonly Vertex[],
  bufferM: number,
  color: string,
  dashed: boolean,
  renderer: L.Renderer,
): void {
  const latlngs = vertices.map((v) => L.latLng(v.lat, v.lng));
  const style: L.PathOptions = {
    color,
    weight: 3,
    opacity: 0.95,
    fillColor: color,
    fillOpacity: 0.18,
    pane: kDrawPane.name,
    renderer,
    interactive: false,
    ...(dashed ? { dashArray: '6 5' } : {}),
  };
  if (mode === 'area' && latlngs.length >= 3) L.polygon(latlngs, style).addTo(group);
  else if (mode !== 'point' && latlngs.length >= 2) L.polyline(latlngs, style).addTo(group);
  if (mode === 'point' && latlngs[0] && bufferM > 0) L.circle(latlngs[0], { ...style, radius: bufferM }).addTo(group);
  latlngs.forEach((ll, i) => {
    L.circleMarker(ll, {
      ...style,
      radius: i === 0 ? 6 : 4.5,
      weight: 2,
      color: '#ffffff',
      fillColor: color,
      fillOpacity: 1,
    }).addTo(group);
  });
}

export function FootprintMap({
  testId,
  label,
  mode,
  vertices,
  bufferM = 0,
  onAddVertex,
  alternative = null,
  alternativeBufferM,
  className,
}: FootprintMapProps) {
  const api = useApi();
  const { t } = useTranslation();
  const { language, dir } = useLanguage();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const drawRef = useRef<{ group: L.LayerGroup; renderer: L.Renderer } | null>(null);
  const onAddRef = useRef(onAddVertex);
  onAddRef.current = onAddVertex;
  const languageRef = useRef(language);
  languageRef.current = language;
  const tRef = useRef(t);
  tRef.current = t;
  const editable = onAddVertex !== undefined;
  const [loaded, setLoaded] = useState<string[]>([]);
  const [bounds, setBounds] = useState('');

  // The map, its base layers and the click handler: created once.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const map = createWestBankMap(el, kFitPadding, { doubleClickZoom: false });
    const renderers = createPanes(map);
    const pane = map.createPane(kDrawPane.name);
    pane.style.zIndex = String(kDrawPane.zIndex);
    const renderer = L.svg({ pane: kDrawPane.name });
    drawRef.current = { group: L.layerGroup().addTo(map), renderer };
    mapRef.current = map;

    const report = () => {
      const b = map.getBounds();
      setBounds([b.getSouth(), b.getWest(), b.getNorth(), b.getEast()].map((n) => n.toFixed(6)).join(','));
    };
    map.on('moveend zoomend resize', report);
    report();
    map.on('click', (e: L.LeafletMouseEvent) => onAddRef.current?.({ lat: e.latlng.lat, lng: e.latlng.lng }));

    const abort = new AbortController();
    let cancelled = false;
    (async () => {
      try {
        const catalog = await api.mapLayers();
        await Promise.all(
          catalog.layers
            .filter((d) => d.default_visible)
            .map(async (d) => {
              try {
                const data = await api.layerData(d.url, abort.signal);
                if (cancelled) return;
                buildLayer(d, data, renderers, {
                  language: () => languageRef.current,
                  translate: (key, fallback) => tRef.current(key, { defaultValue: fallback }),
                }).addTo(map);
                setLoaded((l) => [...l, d.id]);
              } catch {
                // A missing base layer leaves the footprint drawable.
              }
            }),
        );
      } catch {
        // No catalogue: the footprint is still drawn on the bare map.
      }
    })();

    const resize = new ResizeObserver(() => map.invalidateSize({ pan: false }));
    resize.observe(el);
    return () => {
      cancelled = true;
      abort.abort();
      resize.disconnect();
      map.remove();
      mapRef.current = null;
      drawRef.current = null;
    };
  }, [api]);

  // Controls sit at the start side.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const rtl = dir === 'rtl';
    map.zoomControl.setPosition(rtl ? 'topright' : 'topleft');
    map.attributionControl.setPosition(rtl ? 'bottomleft' : 'bottomright');
  }, [dir]);

  // The footprint, redrawn when it changes.
  const altBuffer = alternativeBufferM ?? bufferM;
  useEffect(() => {
    const draw = drawRef.current;
    if (!draw) return;
    draw.group.clearLayers();
    if (alternative) {
      const alt = fromGeometry(alternative);
      drawShape(draw.group, alt.mode, alt.vertices, altBuffer, kAltColor, true, draw.renderer);
    }
    drawShape(draw.group, mode, vertices, bufferM, kDrawColor, false, draw.renderer);
  }, [mode, vertices, bufferM, alternative, altBuffer]);

  // A map frames what it shows once it has something: a read-only map its
  // footprint and the dashed one, an editable map the dashed reference.
  const framed = editable ? [] : vertices;
  const frameVertices = alternative ? [...framed, ...fromGeometry(alternative).vertices] : framed;
  const hasVertices = frameVertices.length > 0;
  const hasAlternative = alternative !== null;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !hasVertices) return;
    const b = verticesBounds(frameVertices);
    if (!b) return;
    if (frameVertices.length === 1) map.setView(b[0], kPointZoom);
    else map.fitBounds(b, { padding: kFitPadding, maxZoom: kPointZoom + 1 });
    // Framed once (deliberately not on every vertex), and again when a
    // proposal appears: later redraws keep the user's view.
  }, [hasVertices, hasAlternative]); // vertices read when they first appear

  return (
    <div
      ref={containerRef}
      className={`req-map${editable ? ' req-map--editable' : ''}${className ? ` ${className}` : ''}`}
      data-testid={testId}
      data-vertices={vertices.length}
      data-mode={mode}
      data-bounds={bounds}
      data-alternative={alternative?.type ?? ''}
      data-layers-loaded={loaded.join(',')}
      role="region"
      aria-label={label}
    />
  );
}

// The map page (the default page after login): a Leaflet map of the West
// Bank with no tile layer, drawing the server's GeoJSON layers, a layer
// panel with the legend, the server's attribution, and the operational
// layers (activities, protected sites, conflicts, incidents and their heat
// view) the user may toggle.
//
// For tests, the map container carries data-testid="map" and
// data-layers-loaded="<ids>" listing the layers whose data has been drawn
// (or, for layers hidden by default, built and ready to show);
// data-layers-failed lists those that failed.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { isApiError } from '../api/client';
import type { LayerDescriptor, LayersResponse } from '../api/types';
import { useApi, useSession } from '../app/context';
import { MapOverlays } from '../deconfliction/MapOverlays';
import { IncidentOverlays } from '../incidents/IncidentOverlays';
import { isLanguage, languageInfo, type Language } from '../i18n/languages';
import { buildLayer, createPanes, createWestBankMap, refreshOpenTooltips, type Renderers } from './build';
import { LayerPanel, type LayerStatus } from './LayerPanel';
import { escapeHtml, kLayerIds, presentOsloClasses } from './style';
import './map.css';

const kFitPadding: L.PointExpression = [12, 12];

interface MapHandles {
  map: L.Map;
  renderers: Renderers;
}

export function MapPage() {
  const api = useApi();
  const session = useSession();
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage;
  const language: Language = isLanguage(lng) ? lng : 'en';
  const dir = languageInfo(language).dir;

  const containerRef = useRef<HTMLDivElement>(null);
  const handlesRef = useRef<MapHandles | null>(null);
  const layersRef = useRef(new Map<string, L.GeoJSON>());
  const languageRef = useRef(language);
  languageRef.current = language;
  const tRef = useRef(t);
  tRef.current = t;
  const expiredRef = useRef(session.expired);
  expiredRef.current = session.expired;

  const [catalog, setCatalog] = useState<LayersResponse | null>(null);
  const [catalogError, setCatalogError] = useState(false);
  const [status, setStatus] = useState<Record<string, LayerStatus>>({});
  const [visible, setVisible] = useState<Record<string, boolean>>({});
  const visibleRef = useRef(visible);
  visibleRef.current = visible;
  const [osloClasses, setOsloClasses] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  // The map for the operational layers, once it exists.
  const [leafletMap, setLeafletMap] = useState<L.Map | null>(null);

  // The map itself: created once, removed on unmount.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const map = createWestBankMap(el, kFitPadding, { attributionControl: true, zoomControl: true });
    handlesRef.current = { map, renderers: createPanes(map) };
    setLeafletMap(map);
    const layers = layersRef.current;

    const resize = new ResizeObserver(() => map.invalidateSize({ pan: false }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      layers.clear();
      setLeafletMap(null);
      map.remove();
      handlesRef.current = null;
    };
  }, []);

  // Controls sit at the start side: top-left in LTR, top-right in RTL.
  useEffect(() => {
    const h = handlesRef.current;
    if (!h) return;
    h.map.zoomControl.setPosition(dir === 'rtl' ? 'topright' : 'topleft');
    h.map.attributionControl.setPosition(dir === 'rtl' ? 'bottomleft' : 'bottomright');
  }, [dir]);

  // Labels follow the language.
  useEffect(() => {
    for (const layer of layersRef.current.values()) refreshOpenTooltips(layer);
  }, [language]);

  // The catalogue, then every layer's data.
  useEffect(() => {
    const abort = new AbortController();
    let cancelled = false;
    let attribution: string | null = null;
    const handles = handlesRef.current;
    if (!handles) return;

    const fail = (e: unknown): boolean => {
      if (isApiError(e) && e.status === 401) {
        expiredRef.current();
        return true;
      }
      return false;
    };

    const loadLayer = async (d: LayerDescriptor) => {
      setStatus((s) => ({ ...s, [d.id]: 'loading' }));
      try {
        const data = await api.layerData(d.url, abort.signal);
        if (cancelled) return;
        const layer = buildLayer(d, data, handles.renderers, {
          language: () => languageRef.current,
          translate: (key, fallback) => tRef.current(key, { defaultValue: fallback }),
        });
        layersRef.current.get(d.id)?.remove();
        layersRef.current.set(d.id, layer);
        if (visibleRef.current[d.id]) layer.addTo(handles.map);
        if (d.id === kLayerIds.oslo) {
          setOsloClasses(presentOsloClasses(data.features.map((f) => f.properties?.['oslo_class'])));
        }
        // Canvas renderers draw on the next frame; report after it.
        requestAnimationFrame(() => {
          if (!cancelled) setStatus((s) => ({ ...s, [d.id]: 'loaded' }));
        });
      } catch (e) {
        if (cancelled || (e instanceof DOMException && e.name === 'AbortError')) return;
        fail(e);
        setStatus((s) => ({ ...s, [d.id]: 'error' }));
      }
    };

    (async () => {
      try {
        const c = await api.mapLayers();
        if (cancelled) return;
        setCatalog(c);
        setCatalogError(false);
        const initial: Record<string, boolean> = {};
        for (const d of c.layers) initial[d.id] = visibleRef.current[d.id] ?? d.default_visible;
        visibleRef.current = initial;
        setVisible(initial);
        if (c.attribution) {
          // Escaped: Leaflet inserts attributions as HTML. dir=auto keeps an
          // English notice readable inside a right-to-left page.
          attribution = `<span dir="auto">${escapeHtml(c.attribution)}</span>`;
          handles.map.attributionControl.addAttribution(attribution);
        }
        await Promise.all(c.layers.map(loadLayer));
      } catch (e) {
        if (cancelled) return;
        if (!fail(e)) setCatalogError(true);
      }
    })();

    return () => {
      cancelled = true;
      abort.abort();
      const h = handlesRef.current;
      if (h) {
        for (const layer of layersRef.current.values()) layer.remove();
        if (attribution) h.map.attributionControl.removeAttribution(attribution);
      }
      layersRef.current.clear();
    };
  }, [api, attempt]);

  // Show or hide layers as the panel says.
  useEffect(() => {
    const h = handlesRef.current;
    if (!h) return;
    for (const [id, layer] of layersRef.current) {
      const want = visible[id] ?? false;
      const has = h.map.hasLayer(layer);
      if (want && !has) layer.addTo(h.map);
      if (!want && has) layer.remove();
    }
  }, [visible, status]);

  const ids = catalog?.layers.map((d) => d.id) ?? [];
  const loaded = ids.filter((id) => status[id] === 'loaded');
  const failed = ids.filter((id) => status[id] === 'error');

  return (
    <div className="map-page">
      <div
        ref={containerRef}
        data-testid="map"
        data-layers-loaded={loaded.join(',')}
        data-layers-failed={failed.join(',')}
        role="region"
        aria-label={t('map.label')}
      />
      {catalogError ? (
        <div className="map-page__error" role="alert">
          {t('map.catalog_failed')}{' '}
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('app.retry')}
          </button>
        </div>
      ) : (
        catalog && (
          <LayerPanel
            layers={catalog.layers}
            status={status}
            visible={visible}
            osloClasses={osloClasses}
            onToggle={(id, on) => setVisible((v) => ({ ...v, [id]: on }))}
          >
            <MapOverlays map={leafletMap} />
            <IncidentOverlays map={leafletMap} />
          </LayerPanel>
        )
      )}
    </div>
  );
}

// The map page's incident layers, each toggled in the layer panel: the
// active incidents (not closed) coloured by severity, over a chosen period
// on when they happened, live (fetched again when an incident.* event
// arrives on the shell's stream); and the heat view, incidents counted on a
// grid over a chosen period (GET /incidents/heat), drawn as squares
// coloured by count. Clicking an incident opens it.
//
// For tests the panel section carries data-testid="incident-layers" and
// data-overlays-loaded="<ids>" listing the layers drawn.
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMapLayer, useOverlayData, type OverlayStatus } from '../map/overlays';
import L from 'leaflet';
import type { Feature, FeatureCollection } from 'geojson';
import { incidentHeat, listIncidents, type HeatMap, type Incident } from '../api/incidents';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { formatDateTime } from '../common/time';
import { kMaxPageSize } from '../common/usePagedList';
import { textNode } from '../map/build';
import { Swatch } from '../map/LayerPanel';
import { useLanguage } from '../requests/common';
import { canReadRequests, navigate, useStreamEvents } from '../shell/routes';
import {
  cellBounds,
  heatLegend,
  heatStyle,
  incidentFeatures,
  incidentRadius,
  incidentStyle,
  kHeatColors,
  maxCount,
  type IncidentProps,
} from './heat';
import { isoSeconds, kIncidentEvents, kPeriods, periodStart, severityColor, type Period } from './model';
import './incidents.css';

const kPane = { name: 'liaison-incidents', zIndex: 458 } as const;

/** The heat view's periods (days; the server allows at most 366) and cell sizes (metres). */
export const kHeatDays = [7, 30, 90, 365] as const;
export const kCellSizes = [1000, 2000, 5000] as const;
const kDayMs = 86_400_000;

type Status = OverlayStatus;
type LayerId = 'incidents' | 'heat';

function tooltipBox(title: string, ...meta: string[]): HTMLElement {
  const box = document.createElement('span');
  box.append(textNode(title, 'map-tooltip__title'));
  for (const m of meta) if (m) box.append(textNode(m, 'map-tooltip__meta'));
  return box;
}

export interface IncidentOverlaysProps {
  map: L.Map | null;
  /** Clock, injectable for tests. */
  now?: () => number;
}

export function IncidentOverlays({ map, now = Date.now }: IncidentOverlaysProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { locale } = useLanguage();
  const ids = useId();
  const changed = latestEventSeq(useStreamEvents(), kIncidentEvents);
  const tRef = useRef(t);
  tRef.current = t;
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const [visible, setVisible] = useState<Record<LayerId, boolean>>({ incidents: false, heat: false });
  const [period, setPeriod] = useState<'' | Period>('7d');
  const [heatDays, setHeatDays] = useState<number>(30);
  const [cellM, setCellM] = useState<number>(2000);

  const incidents = useOverlayData(visible.incidents, `${period}|${changed}`, (signal) =>
    listIncidents(
      api,
      { state: ['active'], limit: kMaxPageSize, ...(period ? { from: periodStart(period, now()) } : {}) },
      signal,
    ).then((l) => l.items),
  );
  const heat = useOverlayData(visible.heat, `${heatDays}|${cellM}|${changed}`, (signal) => {
    const to = now();
    return incidentHeat(api, { from: isoSeconds(to - heatDays * kDayMs), to: isoSeconds(to), cell_m: cellM }, signal);
  });

  useMapLayer<Incident[]>(map, kPane, incidents.data, (items, renderer) => {
    const data = incidentFeatures(items);
    const props = (f: Feature | undefined) => f?.properties as IncidentProps;
    return L.geoJSON(data as FeatureCollection, {
      pane: kPane.name,
      style: (f) => ({ ...incidentStyle(props(f).severity), renderer, pane: kPane.name }),
      pointToLayer: (f: Feature, latlng: L.LatLng) =>
        L.circleMarker(latlng, {
          ...incidentStyle(props(f).severity),
          renderer,
          pane: kPane.name,
          radius: incidentRadius(props(f).severity),
        }),
      onEachFeature: (f: Feature, layer: L.Layer) => {
        const p = props(f);
        layer.bindTooltip(
          () =>
            tooltipBox(
              `${p.id} · ${p.title}`,
              `${tRef.current('incidents.severity_label', { n: p.severity })} · ${tRef.current(`incidents.type.${p.type}`)}`,
              formatDateTime(p.occurred_at, localeRef.current),
            ),
          { sticky: true, className: 'map-tooltip' },
        );
        layer.on('click', () => navigate({ page: 'incident', id: p.id }));
      },
    } as L.GeoJSONOptions);
  });

  useMapLayer<HeatMap>(map, kPane, heat.data, (h, renderer) => {
    const group = L.layerGroup();
    const max = maxCount(h.cells);
    for (const c of h.cells) {
      L.rectangle(cellBounds(c, h.cell_m), { ...heatStyle(c.count, max), renderer, pane: kPane.name })
        .bindTooltip(
          () =>
            tooltipBox(
              tRef.current('incidents.map.cell_count', { n: c.count }),
              tRef.current('incidents.map.cell_gravest', { n: c.max_severity }),
            ),
          { sticky: true, className: 'map-tooltip' },
        )
        .addTo(group);
    }
    return group;
  });

  if (!canReadRequests(me)) return null;
  const status: Record<LayerId, Status | null> = { incidents: incidents.status, heat: heat.status };
  const loaded = (['incidents', 'heat'] as const).filter((id) => status[id] === 'loaded');
  const heatMax = heat.data ? maxCount(heat.data.cells) : 0;

  const toggle = (id: LayerId, swatch: string) => (
    <div className="layer-panel__row">
      <input
        id={`${ids}-${id}`}
        type="checkbox"
        data-testid={`overlay-toggle-${id}`}
        checked={visible[id]}
        onChange={(e) => setVisible((v) => ({ ...v, [id]: e.target.checked }))}
      />
      <label htmlFor={`${ids}-${id}`}>
        <Swatch color={swatch} shape="area" />
        {t(`incidents.map.${id}`)}
      </label>
      {status[id] === 'loading' && <span className="layer-panel__status">{t('map.status.loading')}</span>}
      {status[id] === 'error' && (
        <span className="layer-panel__status layer-panel__status--error" role="alert">
          {t('map.status.error')}
        </span>
      )}
    </div>
  );

  return (
    <section className="inc-overlay" data-testid="incident-layers" data-overlays-loaded={loaded.join(',')}>
      <h2 className="layer-panel__summary inc-overlay__title">{t('incidents.map.title')}</h2>
      <ul className="layer-panel__list">
        <li className="layer-panel__layer">
          {toggle('incidents', severityColor(4))}
          {visible.incidents && (
            <>
              <div className="inc-overlay__controls">
                <label htmlFor={`${ids}-period`} className="visually-hidden">
                  {t('incidents.list.period')}
                </label>
                <select
                  id={`${ids}-period`}
                  data-testid="incident-period"
                  value={period}
                  onChange={(e) => setPeriod(e.target.value as '' | Period)}
                >
                  {kPeriods.map((p) => (
                    <option key={p} value={p}>
                      {t(`incidents.period.${p}`)}
                    </option>
                  ))}
                  <option value="">{t('incidents.map.all_time')}</option>
                </select>
              </div>
              <ul className="inc-legend" aria-label={t('incidents.field.severity')}>
                {[1, 2, 3, 4, 5].map((s) => (
                  <li key={s} className="legend__item">
                    <Swatch color={severityColor(s)} shape="dot" />
                    {s}
                  </li>
                ))}
              </ul>
              {incidents.data && (
                <p className="inc-legend" data-testid="incident-count">
                  {t('incidents.map.shown', { n: incidents.data.length })}
                </p>
              )}
            </>
          )}
        </li>
        <li className="layer-panel__layer">
          {toggle('heat', kHeatColors[3])}
          {visible.heat && (
            <>
              <div className="inc-overlay__controls">
                <label htmlFor={`${ids}-heat-days`} className="visually-hidden">
                  {t('incidents.list.period')}
                </label>
                <select
                  id={`${ids}-heat-days`}
                  data-testid="heat-period"
                  value={heatDays}
                  onChange={(e) => setHeatDays(Number(e.target.value))}
                >
                  {kHeatDays.map((d) => (
                    <option key={d} value={d}>
                      {t('incidents.map.last_days', { n: d })}
                    </option>
                  ))}
                </select>
                <label htmlFor={`${ids}-cell`} className="visually-hidden">
                  {t('incidents.map.cell_size')}
                </label>
                <select
                  id={`${ids}-cell`}
                  data-testid="heat-cell"
                  value={cellM}
                  onChange={(e) => setCellM(Number(e.target.value))}
                >
                  {kCellSizes.map((m) => (
                    <option key={m} value={m}>
                      {t('incidents.map.cell_km', { n: m / 1000 })}
                    </option>
                  ))}
                </select>
              </div>
              {heat.data &&
                (heatMax === 0 ? (
                  <p className="inc-legend" data-testid="heat-empty">
                    {t('incidents.map.heat_empty')}
                  </p>
                ) : (
                  <ul className="inc-legend" data-testid="heat-legend" aria-label={t('incidents.map.heat')}>
                    {heatLegend(heatMax).map((b) => (
                      <li key={b.color} className="legend__item">
                        <Swatch color={b.color} shape="area" />
                        {/* A range reads left to right in every language. */}
                        <bdi dir="ltr">{b.from === b.to ? b.from : `${b.from}–${b.to}`}</bdi>
                      </li>
                    ))}
                  </ul>
                ))}
            </>
          )}
        </li>
      </ul>
    </section>
  );
}

// The operational layers of the map page, each toggled by the user in the
// layer panel: the planned activities the user may see whose window has not
// ended, the protected sites, and the unresolved conflicts. A side sees its
// conflicts as the governorates they are in (the pointer tells no more) and
// as a list beside the map; the coordinator's duty desk sees both
// footprints of each. A layer is fetched when first shown and again when an
// event of its family arrives on the shell's stream.
//
// For tests the panel section carries data-testid="operational-layers" and
// data-overlays-loaded="<ids>" listing the layers drawn.
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import {
  listActivities,
  listConflicts,
  listProtectedSites,
  type Conflict,
} from '../api/deconfliction';
import type { ApiClient } from '../api/client';
import type { LayerData } from '../api/types';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { kMaxPageSize } from '../common/usePagedList';
import { textNode } from '../map/build';
import { useMapLayer, useOverlayData, type OverlayStatus } from '../map/overlays';
import { Swatch } from '../map/LayerPanel';
import { kLayerIds } from '../map/style';
import { canReadRequests, routeHash, useStreamEvents } from '../shell/routes';
import { DistrictName, TimeWindow, useFormatContext } from './common';
import { displayPartyName, formatWindow, type FormatContext } from './format';
import { isFullView, kDeconflictionEvents, kSiteEvents } from './model';
import {
  activityFeatures,
  activityStyle,
  conflictDistrictFeatures,
  conflictSideFeatures,
  conflictSideStyle,
  kConflictColor,
  kConflictDistrictStyle,
  kMinPointRadiusM,
  kOverlayIds,
  kSiteColor,
  kSiteStyle,
  partyColor,
  siteFeatures,
  type ActivityProps,
  type ConflictDistrictProps,
  type ConflictSideProps,
  type OverlayId,
  type SiteProps,
} from './overlays';
import './deconfliction.css';

const kPane = { name: 'liaison-operations', zIndex: 455 } as const;

type Status = OverlayStatus;
const byBuffer = (p: { buffer_m: number }) => p.buffer_m;

/**
 * A GeoJSON layer in the overlay pane. A point is drawn as a circle of
 * `radius` metres (its buffer), at least kMinPointRadiusM so it shows.
 */
function geoJsonLayer<P>(
  data: FeatureCollection<Geometry, P>,
  renderer: L.Renderer,
  style: (p: P) => L.PathOptions,
  tooltip: (p: P) => HTMLElement,
  radius: (p: P) => number = () => 0,
): L.GeoJSON {
  const propsOf = (f: Feature | undefined) => f?.properties as P;
  return L.geoJSON(data as FeatureCollection, {
    pane: kPane.name,
    style: (f) => ({ ...style(propsOf(f)), renderer, pane: kPane.name }),
    pointToLayer: (f: Feature, latlng: L.LatLng) =>
      L.circle(latlng, {
        ...style(propsOf(f)),
        renderer,
        pane: kPane.name,
        radius: Math.max(radius(propsOf(f)), kMinPointRadiusM),
      }),
    onEachFeature: (f: Feature, layer: L.Layer) => {
      layer.bindTooltip(() => tooltip(propsOf(f)), { sticky: true, className: 'map-tooltip' });
    },
  } as L.GeoJSONOptions);
}

function tooltipBox(title: string, ...meta: string[]): HTMLElement {
  const box = document.createElement('span');
  box.append(textNode(title, 'map-tooltip__title'));
  for (const m of meta) if (m) box.append(textNode(m, 'map-tooltip__meta'));
  return box;
}

async function governoratesOf(api: ApiClient, signal: AbortSignal): Promise<LayerData | null> {
  const catalog = await api.mapLayers();
  const d = catalog.layers.find((l) => l.id === kLayerIds.governorates);
  return d ? api.layerData(d.url, signal) : null;
}

function ConflictList({ conflicts, ctx }: { conflicts: readonly Conflict[]; ctx: FormatContext }) {
  const { t } = useTranslation();
  if (conflicts.length === 0) {
    return <p className="legend dcf-overlay__empty">{t('deconfliction.map.no_conflicts')}</p>;
  }
  return (
    <ul className="legend dcf-overlay__conflicts" data-testid="map-conflict-list">
      {conflicts.map((c) => (
        <li key={c.id} className="dcf-overlay__conflict" data-id={c.id}>
          <a href={routeHash({ page: 'conflict', id: c.id })}>
            <bdi>{c.id}</bdi>
          </a>{' '}
          <bdi>
            {isFullView(c)
              ? c.sides.map((s) => displayPartyName({ party: s.party, name: '' }, ctx)).join(' · ')
              : displayPartyName(c.other, ctx)}
          </bdi>
          <br />
          <TimeWindow start={c.start} end={c.end} /> · <DistrictName code={c.district} />
        </li>
      ))}
    </ul>
  );
}

export function MapOverlays({ map }: { map: L.Map | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const ctx = useFormatContext();
  const ids = useId();
  const events = useStreamEvents();
  const tRef = useRef(t);
  tRef.current = t;
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  const reader = canReadRequests(me);
  const offered = kOverlayIds.filter((id) => id === 'protected_sites' || reader);
  const [visible, setVisible] = useState<Record<OverlayId, boolean>>({
    activities: false,
    protected_sites: false,
    conflicts: false,
  });

  const activityChange = latestEventSeq(events, kDeconflictionEvents);
  const conflictChange = latestEventSeq(events, ['conflict.']);
  const siteChange = latestEventSeq(events, kSiteEvents);

  const activities = useOverlayData(visible.activities, activityChange, (signal) =>
    listActivities(api, { active: true, state: 'planned', limit: kMaxPageSize }, signal).then((l) => l.items),
  );
  const sites = useOverlayData(visible.protected_sites, siteChange, (signal) =>
    listProtectedSites(api, { limit: kMaxPageSize }, signal).then((l) => l.items),
  );
  const conflicts = useOverlayData(visible.conflicts, conflictChange, async (signal) => {
    const [list, governorates] = await Promise.all([
      listConflicts(api, { state: 'unresolved', limit: kMaxPageSize }, signal),
      governoratesOf(api, signal).catch(() => null),
    ]);
    return { items: list.items, governorates };
  });

  useMapLayer(map, kPane, activities.data, (items, renderer) =>
    geoJsonLayer<ActivityProps>(activityFeatures(items), renderer, (p) => activityStyle(p.party), (p) =>
      tooltipBox(
        `${p.id} · ${p.title}`,
        `${displayPartyName({ party: p.party, name: '' }, ctxRef.current)} · ${tRef.current(`deconfliction.kind.${p.kind}`)}`,
        formatWindow(p.start, p.end, ctxRef.current.locale),
      ),
      byBuffer,
    ),
  );
  useMapLayer(map, kPane, sites.data, (items, renderer) =>
    geoJsonLayer<SiteProps>(siteFeatures(items), renderer, () => kSiteStyle, (p) =>
      tooltipBox(p.name, tRef.current(`deconfliction.site_kind.${p.kind}`), p.id),
      byBuffer,
    ),
  );
  useMapLayer(map, kPane, conflicts.data, ({ items, governorates }, renderer) => {
    const group = L.layerGroup();
    geoJsonLayer<ConflictSideProps>(conflictSideFeatures(items), renderer, (p) => conflictSideStyle(p.side), (p) =>
      tooltipBox(`${p.conflict} · ${p.ref}`, p.title),
      byBuffer,
    ).addTo(group);
    geoJsonLayer<ConflictDistrictProps>(
      conflictDistrictFeatures(items, governorates),
      renderer,
      () => kConflictDistrictStyle,
      (p) => tooltipBox(tRef.current('deconfliction.map.district_conflicts', { n: p.conflicts.length }), p.conflicts.join(', ')),
    ).addTo(group);
    return group;
  });

  const status: Record<OverlayId, Status | null> = {
    activities: activities.status,
    protected_sites: sites.status,
    conflicts: conflicts.status,
  };
  const swatch: Record<OverlayId, string> = {
    activities: partyColor(me.party),
    protected_sites: kSiteColor,
    conflicts: kConflictColor,
  };
  const loaded = offered.filter((id) => status[id] === 'loaded');

  return (
    <section className="dcf-overlay" data-testid="operational-layers" data-overlays-loaded={loaded.join(',')}>
      <h2 className="layer-panel__summary dcf-overlay__title">{t('deconfliction.map.title')}</h2>
      <ul className="layer-panel__list">
        {offered.map((id) => (
          <li key={id} className="layer-panel__layer">
            <div className="layer-panel__row">
              <input
                id={`${ids}-${id}`}
                type="checkbox"
                data-testid={`overlay-toggle-${id}`}
                checked={visible[id]}
                onChange={(e) => setVisible((v) => ({ ...v, [id]: e.target.checked }))}
              />
              <label htmlFor={`${ids}-${id}`}>
                <Swatch color={swatch[id]} shape="area" />
                {t(`deconfliction.map.${id}`)}
              </label>
              {status[id] === 'loading' && <span className="layer-panel__status">{t('map.status.loading')}</span>}
              {status[id] === 'error' && (
                <span className="layer-panel__status layer-panel__status--error" role="alert">
                  {t('map.status.error')}
                </span>
              )}
            </div>
            {id === 'conflicts' && conflicts.data && <ConflictList conflicts={conflicts.data.items} ctx={ctx} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

// The layer switcher and legend, drawn over the map at the inline-end side.
// Other areas' layers (the operational layers) come as children, after the
// server's layers.
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerDescriptor } from '../api/types';
import {
  fallbackStyle,
  kCheckpointTypes,
  kGovernorateStyle,
  kLayerIds,
  kLocalityStyles,
  keyOf,
  osloClassStyle,
  kOsloFallbackColor,
} from './style';

export type LayerStatus = 'loading' | 'loaded' | 'error';

export interface LayerPanelProps {
  layers: readonly LayerDescriptor[];
  status: Readonly<Record<string, LayerStatus>>;
  visible: Readonly<Record<string, boolean>>;
  osloClasses: readonly string[];
  onToggle(id: string, visible: boolean): void;
  children?: ReactNode;
}

export type SwatchShape = 'area' | 'outline' | 'line' | 'dot';

/** A legend's sample of a layer's colour and shape. */
export function Swatch({ color, shape }: { color: string; shape: SwatchShape }) {
  return <span className={`swatch swatch--${shape}`} style={{ ['--swatch' as string]: color }} aria-hidden="true" />;
}

function layerSwatch(d: LayerDescriptor): { color: string; shape: SwatchShape } {
  switch (d.id) {
    case kLayerIds.oslo: return { color: '#8a8f96', shape: 'area' };
    case kLayerIds.governorates: return { color: kGovernorateStyle.color ?? '#2b3440', shape: 'outline' };
    case kLayerIds.localities: return { color: kLocalityStyles.community.color, shape: 'dot' };
    case kLayerIds.checkpoints: return { color: kCheckpointTypes[0]?.color ?? '#b71c1c', shape: 'dot' };
    case kLayerIds.barrier: return { color: '#7f0000', shape: 'line' };
    default: {
      const s = fallbackStyle(d.kind);
      return {
        color: s.fillColor ?? s.color ?? '#455a64',
        shape: d.kind === 'point' ? 'dot' : d.kind === 'line' ? 'line' : 'area',
      };
    }
  }
}

export function LayerPanel({ layers, status, visible, osloClasses, onToggle, children }: LayerPanelProps) {
  const { t } = useTranslation();
  const ids = useId();

  const legendFor = (d: LayerDescriptor) => {
    if (!visible[d.id] || status[d.id] !== 'loaded') return null;
    if (d.id === kLayerIds.oslo && osloClasses.length > 0) {
      return (
        <ul className="legend" aria-label={t('map.legend.oslo')}>
          {osloClasses.map((cls) => (
            <li key={cls} className="legend__item">
              <Swatch color={osloClassStyle(cls)?.color ?? kOsloFallbackColor} shape="area" />
              {t(`map.oslo.${keyOf(cls)}`, { defaultValue: cls })}
            </li>
          ))}
        </ul>
      );
    }
    if (d.id === kLayerIds.checkpoints) {
      return (
        <ul className="legend" aria-label={t('map.legend.checkpoints')}>
          {kCheckpointTypes.map((c) => (
            <li key={c.key} className="legend__item">
              <Swatch color={c.color} shape="dot" />
              {t(`map.checkpoint.${keyOf(c.key)}`, { defaultValue: c.key })}
            </li>
          ))}
        </ul>
      );
    }
    if (d.id === kLayerIds.localities) {
      return (
        <ul className="legend" aria-label={t('map.legend.localities')}>
          {(['community', 'refugee_camp'] as const).map((k) => (
            <li key={k} className="legend__item">
              <Swatch color={kLocalityStyles[k].color} shape="dot" />
              {t(`map.locality.${k}`)}
            </li>
          ))}
        </ul>
      );
    }
    return null;
  };

  return (
    <details className="layer-panel" open data-testid="layer-panel">
      <summary className="layer-panel__summary">{t('map.layers')}</summary>
      <ul className="layer-panel__list">
        {layers.map((d) => {
          const inputId = `${ids}-${d.id}`;
          const s = status[d.id];
          const sw = layerSwatch(d);
          return (
            <li key={d.id} className="layer-panel__layer">
              <div className="layer-panel__row">
                <input
                  id={inputId}
                  type="checkbox"
                  data-testid={`layer-toggle-${d.id}`}
                  checked={visible[d.id] ?? false}
                  onChange={(e) => onToggle(d.id, e.target.checked)}
                />
                <label htmlFor={inputId}>
                  <Swatch color={sw.color} shape={sw.shape} />
                  {t(`map.layer.${d.id}`, { defaultValue: d.title })}
                </label>
                {s === 'loading' && <span className="layer-panel__status">{t('map.status.loading')}</span>}
                {s === 'error' && (
                  <span className="layer-panel__status layer-panel__status--error" role="alert">
                    {t('map.status.error')}
                  </span>
                )}
              </div>
              {legendFor(d)}
            </li>
          );
        })}
      </ul>
      {children}
    </details>
  );
}

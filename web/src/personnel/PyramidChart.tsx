// A rank pyramid as inline SVG (pyramid.ts lays it out): a centred bar a
// band for the share of the strength, and a dashed frame for the band's
// share in the target ratio. The numbers are in the pyramid table of the
// analytics page, and in each bar's tooltip; the figure's description says
// the same in words for screen readers.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Direction } from '../i18n/languages';
import { formatCount, formatShare } from '../figures/format';
import { layoutPyramid, type PyramidInput } from './pyramid';

export interface PyramidChartProps {
  title: string;
  rows: readonly PyramidInput[];
  total: number;
  dir: Direction;
  locale: string;
  testId?: string;
}

export function PyramidChart({ title, rows, total, dir, locale, testId }: PyramidChartProps) {
  const { t } = useTranslation();
  const ids = useId();
  const geometry = layoutPyramid(rows, dir);
  const share = (v: number) => formatShare(v, locale);
  const describe = rows
    .map((r) => t('personnel.pyramid.bar', { band: r.label, count: formatCount(r.count, locale), share: share(r.share), target: share(r.target) }))
    .join(' ');

  return (
    <figure className="chart per-pyramid" aria-labelledby={`${ids}-title`} aria-describedby={`${ids}-desc`} data-testid={testId}>
      <figcaption id={`${ids}-title`} className="chart__title">
        <bdi>{title}</bdi> <span className="req-muted">{t('personnel.pyramid.strength', { n: formatCount(total, locale) })}</span>
      </figcaption>
      <p id={`${ids}-desc`} className="visually-hidden">
        {describe}
      </p>
      {total === 0 ? (
        <p className="chart__empty">{t('personnel.pyramid.nobody')}</p>
      ) : (
        <svg
          className="chart__svg"
          viewBox={`0 0 ${geometry.width} ${geometry.height}`}
          width="100%"
          preserveAspectRatio="xMinYMin meet"
          direction="ltr"
          aria-hidden="true"
          focusable="false"
          data-dir={dir}
        >
          <line className="per-pyramid__axis" x1={geometry.axisX} x2={geometry.axisX} y1={0} y2={geometry.height} />
          {geometry.bars.map((b) => (
            <g
              key={b.band}
              className="per-pyramid__row"
              data-testid="pyramid-bar"
              data-band={b.band}
              data-count={b.count}
              data-share={b.share}
              data-target={b.target}
            >
              <text className="chart__label" x={b.labelX} y={b.textY} textAnchor={b.labelAnchor}>
                {b.label}
              </text>
              <rect className={`per-pyramid__bar per-pyramid__bar--${b.band}`} x={b.x} y={b.y} width={b.width} height={b.height}>
                <title>{t('personnel.pyramid.bar', { band: b.label, count: formatCount(b.count, locale), share: share(b.share), target: share(b.target) })}</title>
              </rect>
              <rect
                className="per-pyramid__target"
                data-testid="pyramid-target"
                x={b.targetX}
                y={b.y - 2}
                width={b.targetWidth}
                height={b.height + 4}
              />
              <text className="chart__value" x={b.valueX} y={b.textY} textAnchor={b.valueAnchor}>
                {share(b.share)}
              </text>
            </g>
          ))}
        </svg>
      )}
      <p className="per-pyramid__legend req-hint">
        <span className="per-pyramid__key per-pyramid__key--bar" aria-hidden="true" /> {t('personnel.pyramid.legend_actual')}{' '}
        <span className="per-pyramid__key per-pyramid__key--target" aria-hidden="true" /> {t('personnel.pyramid.legend_target')}
      </p>
    </figure>
  );
}

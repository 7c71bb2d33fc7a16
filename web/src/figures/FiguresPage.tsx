// The figures page ("#/figures"): how many requests, how fast they were
// acknowledged and decided, and the share answered in time, over the last
// 7, 30 or 90 days; bar charts by receiving and requesting party,
// governorate, type and precedence, and the decisions' outcomes.
//
// Data: GET /api/v1/stats/requests?from=&to= (docs/requests.md, "Figures").
// The server counts only requests the user may see.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { getFigures, type Figures, type KeyedMeasures, type Measures } from '../api/duty';
import { kOutcomes, kPrecedences, kRequestTypes } from '../api/requests';
import { useApi, useSession } from '../app/context';
import { usePartyNames } from '../duty/parties';
import { isLanguage, languageInfo, type Language } from '../i18n/languages';
import { BarChart, type ChartColumn } from './BarChart';
import type { BarInput } from './bars';
import {
  formatCount,
  formatDate,
  formatDuration,
  formatShare,
  kDefaultPeriod,
  kPeriods,
  periodRange,
  type Period,
} from './format';
import { governorateName } from '../common/governorates';
import './figures.css';

type Load = { kind: 'loading' } | { kind: 'ready'; value: Figures } | { kind: 'failed'; messageKey: string };

export interface FiguresPageProps {
  /** Clock, injectable for tests. */
  now?: () => number;
}

/** The group key of requests without a value (e.g. no district): a key no value takes. */
export const kNoKey = '';

/**
 * Groups in a fixed order first (e.g. precedences), then the rest by count;
 * a null key becomes kNoKey.
 */
export function orderGroups(
  groups: readonly KeyedMeasures[],
  order: readonly string[] = [],
): (Measures & { key: string })[] {
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  return groups
    .map((g) => ({ ...g, key: g.key ?? kNoKey }))
    .sort((a, b) => rank(a.key) - rank(b.key) || b.count - a.count || (a.key < b.key ? -1 : 1));
}

/** The outcome counts of `m` as chart rows, in the contract's order then any others. */
export function outcomeRows(m: Measures, label: (outcome: string) => string): BarInput[] {
  const keys = [...kOutcomes, ...Object.keys(m.outcomes).filter((k) => !(kOutcomes as readonly string[]).includes(k))];
  return keys.map((k) => ({ key: k, label: label(k), value: m.outcomes[k as keyof Measures['outcomes']] ?? 0 }));
}

function Tile({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="figures-tile" data-testid={testId}>
      <dt className="figures-tile__label">{label}</dt>
      <dd className="figures-tile__value">{value || <span className="figures-tile__none">{t('figures.no_sample')}</span>}</dd>
    </div>
  );
}

export function FiguresPage({ now = Date.now }: FiguresPageProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const session = useSession();
  const partyName = usePartyNames();
  const lng = i18n.resolvedLanguage;
  const lang: Language = isLanguage(lng) ? lng : 'en';
  const { locale, dir } = languageInfo(lang);
  const [period, setPeriod] = useState<Period>(kDefaultPeriod);
  const [reload, setReload] = useState(0);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  // Through a ref: a new session object must not reload the figures.
  const expiredRef = useRef(session.expired);
  expiredRef.current = session.expired;

  useEffect(() => {
    const abort = new AbortController();
    setLoad({ kind: 'loading' });
    getFigures(api, periodRange(period, now()), abort.signal)
      .then((value) => setLoad({ kind: 'ready', value }))
      .catch((err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        if (isApiError(err) && err.status === 401) expiredRef.current();
        setLoad({ kind: 'failed', messageKey: isApiError(err) ? `errors.${err.code}` : 'errors.internal' });
      });
    return () => abort.abort();
  }, [api, period, now, reload]);

  const count = (v: number) => formatCount(v, locale);
  const duration = (s: number | null) => formatDuration(s, locale);
  const share = (s: number | null) => formatShare(s, locale);

  function grouped(
    groups: readonly KeyedMeasures[],
    label: (key: string) => string,
    title: string,
    keyLabel: string,
    testId: string,
    order: readonly string[] = [],
  ) {
    const sorted = orderGroups(groups, order);
    const byKey = new Map(sorted.map((g) => [g.key, g]));
    const column = (heading: string, cell: (m: Measures) => string): ChartColumn => ({
      label: heading,
      cell: (key) => {
        const m = byKey.get(key);
        return m ? cell(m) || t('figures.no_sample') : '';
      },
    });
    return (
      <BarChart
        title={title}
        dir={dir}
        rows={sorted.map((g) => ({
          key: g.key,
          label: g.key === kNoKey ? t('figures.chart.none') : label(g.key),
          value: g.count,
        }))}
        format={count}
        keyLabel={keyLabel}
        valueLabel={t('figures.tile.count')}
        columns={[
          column(t('figures.tile.acknowledge_p50'), (m) => duration(m.acknowledge_p50_s)),
          column(t('figures.tile.decide_p50'), (m) => duration(m.decide_p50_s)),
          column(t('figures.tile.acknowledged_in_time'), (m) => share(m.acknowledged_in_time)),
          column(t('figures.tile.decided_in_time'), (m) => share(m.decided_in_time)),
        ]}
        testId={testId}
      />
    );
  }

  const figures = load.kind === 'ready' ? load.value : null;
  const overall = figures?.overall;

  return (
    <div className="figures" data-testid="figures-page">
      <header className="page-header">
        <h1 className="page-title">{t('figures.title')}</h1>
        <div className="figures__periods" role="group" aria-label={t('figures.period.label')}>
          {kPeriods.map((p) => (
            <button
              key={p}
              type="button"
              className={p === period ? 'button button--primary' : 'button'}
              aria-pressed={p === period}
              data-testid={`period-${p}`}
              onClick={() => setPeriod(p)}
            >
              {t(`figures.period.d${p}`)}
            </button>
          ))}
        </div>
        {figures && (
          <p className="figures__range" data-testid="figures-range">
            {/* FSI…PDI: an Arabic date carries its own RTL marks; let it keep them. */}
            {t('figures.period.range', {
              from: `\u2068${formatDate(figures.period.from, locale)}\u2069`,
              to: `\u2068${formatDate(figures.period.to, locale)}\u2069`,
            })}
          </p>
        )}
        <button type="button" className="button" onClick={() => setReload((n) => n + 1)}>
          {t('figures.refresh')}
        </button>
      </header>

      {load.kind === 'loading' && (
        <p className="figures__status" role="status">{t('figures.loading')}</p>
      )}
      {load.kind === 'failed' && (
        <div className="figures__status figures__status--error" role="alert" data-testid="figures-error">
          <p>{t('figures.failed')}</p>
          <p>{t(load.messageKey, { defaultValue: t('errors.internal') })}</p>
        </div>
      )}

      {figures && overall && (
        <>
          <dl className="figures-tiles" aria-label={t('figures.overall')}>
            <Tile testId="tile-count" label={t('figures.tile.count')} value={count(overall.count)} />
            <Tile testId="tile-ack-p50" label={t('figures.tile.acknowledge_p50')} value={duration(overall.acknowledge_p50_s)} />
            <Tile testId="tile-ack-p90" label={t('figures.tile.acknowledge_p90')} value={duration(overall.acknowledge_p90_s)} />
            <Tile testId="tile-decide-p50" label={t('figures.tile.decide_p50')} value={duration(overall.decide_p50_s)} />
            <Tile testId="tile-decide-p90" label={t('figures.tile.decide_p90')} value={duration(overall.decide_p90_s)} />
            <Tile
              testId="tile-ack-in-time"
              label={t('figures.tile.acknowledged_in_time')}
              value={share(overall.acknowledged_in_time)}
            />
            <Tile
              testId="tile-decided-in-time"
              label={t('figures.tile.decided_in_time')}
              value={share(overall.decided_in_time)}
            />
          </dl>

          <div className="figures__charts">
            {grouped(figures.by_party, partyName, t('figures.chart.by_party'), t('figures.chart.party'), 'chart-by-party')}
            {grouped(
              figures.by_requesting_party ?? [],
              partyName,
              t('figures.chart.by_requesting_party'),
              t('figures.chart.party'),
              'chart-by-requesting-party',
            )}
            {grouped(
              figures.by_district,
              (k) => governorateName(k, lang),
              t('figures.chart.by_district'),
              t('figures.chart.district'),
              'chart-by-district',
            )}
            {grouped(
              figures.by_type,
              (k) => t(`figures.type.${k}`, { defaultValue: k }),
              t('figures.chart.by_type'),
              t('figures.chart.type'),
              'chart-by-type',
              kRequestTypes,
            )}
            {grouped(
              figures.by_precedence,
              (k) => t(`duty.precedence.${k}`, { defaultValue: k }),
              t('figures.chart.by_precedence'),
              t('figures.chart.precedence'),
              'chart-by-precedence',
              [...kPrecedences].reverse(),
            )}
            <BarChart
              title={t('figures.chart.outcomes')}
              dir={dir}
              rows={outcomeRows(overall, (k) => t(`figures.outcome.${k}`, { defaultValue: k }))}
              format={count}
              keyLabel={t('figures.chart.outcome')}
              valueLabel={t('figures.tile.count')}
              testId="chart-outcomes"
            />
          </div>
        </>
      )}
    </div>
  );
}

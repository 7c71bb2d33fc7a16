// The returns figures (GET /api/v1/stats/returns) over the last 7, 30 or 90
// days: how many cases, how many handed over, the time from the report to
// the handover (median and 90th percentile), and bar charts per month, per
// governorate and per stage. The server counts only the cases the user may
// see.
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { kReturnStages, returnStats, type ReturnStats } from '../api/returns';
import { useApi } from '../app/context';
import { governorateName } from '../common/governorates';
import { useRecord } from '../common/useRecord';
import { BarChart } from '../figures/BarChart';
import type { BarInput } from '../figures/bars';
import { formatCount, formatDuration, kDefaultPeriod, kPeriods, periodRange, type Period } from '../figures/format';
import { ErrorMessage, useLanguage } from '../requests/common';
import { kReturnErrorKeys } from './common';
import '../figures/figures.css';

/** A duration in minutes (null: no sample) as seconds for formatDuration. */
export function minutesToSeconds(minutes: number | null): number | null {
  return minutes === null ? null : minutes * 60;
}

/** The chart rows of the per-stage counts, in the stages' order. */
export function stageRows(stats: Pick<ReturnStats, 'per_stage'>, label: (stage: string) => string): BarInput[] {
  const count = new Map(stats.per_stage.map((s) => [s.stage, s.count]));
  return kReturnStages.map((s) => ({ key: s, label: label(s), value: count.get(s) ?? 0 }));
}

/** The chart rows of the per-month counts, oldest first. */
export function monthRows(stats: Pick<ReturnStats, 'per_month'>): BarInput[] {
  return [...stats.per_month]
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))
    .map((m) => ({ key: m.month, label: m.month, value: m.count }));
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

export function ReturnFigures({ now = Date.now }: { now?: () => number }) {
  const { t } = useTranslation();
  const api = useApi();
  const { language, locale, dir } = useLanguage();
  const [period, setPeriod] = useState<Period>(kDefaultPeriod);
  const { record: stats, loadError } = useRecord(
    (signal) => returnStats(api, periodRange(period, now()), signal),
    String(period),
    0,
  );
  const count = (n: number) => formatCount(n, locale);
  const minutes = (m: number | null) => formatDuration(minutesToSeconds(m), locale);

  return (
    <section className="req-section ret-figures" data-testid="return-figures" aria-labelledby="return-figures-title">
      <header className="page-header">
        <h2 className="req-section__title" id="return-figures-title">
          {t('returns.figures.title')}
        </h2>
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
      </header>
      <ErrorMessage error={loadError} testId="figures-error" keys={kReturnErrorKeys} />
      {!stats
        ? !loadError && <p className="req-muted" role="status">{t('app.loading')}</p>
        : (
          <>
            <dl className="figures-tiles">
              <Tile testId="tile-cases" label={t('returns.figures.cases')} value={count(stats.cases)} />
              <Tile testId="tile-handed-over" label={t('returns.figures.handed_over')} value={count(stats.handed_over)} />
              <Tile
                testId="tile-p50"
                label={t('returns.figures.p50')}
                value={minutes(stats.time_to_handover.p50_minutes)}
              />
              <Tile
                testId="tile-p90"
                label={t('returns.figures.p90')}
                value={minutes(stats.time_to_handover.p90_minutes)}
              />
            </dl>
            <div className="figures__charts">
              <BarChart
                title={t('returns.figures.per_month')}
                dir={dir}
                rows={monthRows(stats)}
                format={count}
                keyLabel={t('returns.figures.month')}
                valueLabel={t('returns.figures.cases')}
                testId="chart-per-month"
              />
              <BarChart
                title={t('returns.figures.per_district')}
                dir={dir}
                rows={stats.per_district.map((d) => ({
                  key: d.district ?? '',
                  label: d.district ? governorateName(d.district, language) : t('figures.chart.none'),
                  value: d.count,
                }))}
                format={count}
                keyLabel={t('figures.chart.district')}
                valueLabel={t('returns.figures.cases')}
                testId="chart-per-district"
              />
              <BarChart
                title={t('returns.figures.per_stage')}
                dir={dir}
                rows={stageRows(stats, (s) => t(`returns.stage.${s}`))}
                format={count}
                keyLabel={t('returns.field.stage')}
                valueLabel={t('returns.figures.cases')}
                testId="chart-per-stage"
              />
            </div>
          </>
        )}
    </section>
  );
}

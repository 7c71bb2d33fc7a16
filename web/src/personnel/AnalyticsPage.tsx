// The reform's figures ("#/analytics/personnel", docs/personnel.md,
// "Analytics"), over the persons on strength (active and suspended), for
// all services or one, all governorates or one: the headcount by service,
// governorate and band; the rank pyramid of each service against the
// target ratio (a chart a service and the table); vacancies and
// over-establishment per unit and band; the retirements of the next ten
// years under rules the user may change; and the payroll estimate.
// Reloaded when a personnel.* event arrives on the shell's stream.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  getHeadcount,
  getPayroll,
  getRankPyramid,
  getRetirements,
  getVacancies,
  kBands,
  type AnalyticsScope,
  type BandCounts,
  type Headcount,
  type PersonnelReference,
  type PyramidRow,
  type RankPyramid,
  type Vacancy,
} from '../api/personnel';
import { useApi } from '../app/context';
import { latestEventSeq } from '../common/events';
import { governorateName } from '../common/governorates';
import { usePagedList } from '../common/usePagedList';
import { useRecord } from '../common/useRecord';
import { DistrictName } from '../deconfliction/common';
import { BarChart } from '../figures/BarChart';
import { formatCount, formatShare } from '../figures/format';
import { ErrorMessage, FilterSelect, PagedTable, useLanguage } from '../requests/common';
import { useStreamEvents } from '../shell/routes';
import { DistrictOptions, kPersonnelErrorKeys, kPersonnelEvents, ServiceOptions, useReference } from './common';
import { bandShares, localName, parseRatio, pyramidTotal, rankTitle, serviceName } from './model';
import { PyramidChart } from './PyramidChart';
import '../requests/requests.css';
import '../figures/figures.css';
import './personnel.css';

/** An amount in `currency`, whole units; the plain number when the code is not one Intl knows. */
export function formatMoney(amount: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${formatCount(amount, locale)} ${currency}`;
  }
}

function Tile({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="figures-tile" data-testid={testId}>
      <dt className="figures-tile__label">{label}</dt>
      <dd className="figures-tile__value">{value}</dd>
    </div>
  );
}

function Loading({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return error ? null : (
    <p className="req-muted" role="status">
      {t('app.loading')}
    </p>
  );
}

interface SectionProps {
  scope: AnalyticsScope;
  scopeKey: string;
  changed: number;
  /** The reference data, when the user may read it (the rank titles). */
  reference: PersonnelReference | null;
  /** A service's name in the user's language. */
  serviceLabel(code: string): string;
}

/** The services as the headcount names them, for users who may not read the reference data. */
type ServiceNames = ReadonlyMap<string, { name_en: string; name_ar: string }>;

function HeadcountSection({
  scope,
  scopeKey,
  changed,
  serviceLabel,
  onServices,
}: SectionProps & { onServices(services: Headcount['by_service']): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { language, locale, dir } = useLanguage();
  const { record: h, loadError } = useRecord((signal) => getHeadcount(api, scope, signal), scopeKey, changed);
  const count = (n: number) => formatCount(n, locale);
  useEffect(() => {
    if (h) onServices(h.by_service);
  }, [h, onServices]);

  return (
    <section className="req-section" data-testid="headcount" aria-labelledby="per-headcount">
      <h2 id="per-headcount" className="req-section__title">
        {t('personnel.analytics.headcount')}
      </h2>
      <ErrorMessage error={loadError} testId="headcount-error" keys={kPersonnelErrorKeys} />
      {!h ? (
        <Loading error={loadError} />
      ) : (
        <>
          <dl className="figures-tiles per-tiles">
            <Tile testId="tile-total" label={t('personnel.analytics.on_strength')} value={count(h.total)} />
            {kBands.map((b) => (
              <Tile
                key={b}
                testId={`tile-${b}`}
                label={t(`personnel.band.${b}`)}
                value={count(h.by_band.find((x) => x.band === b)?.count ?? 0)}
              />
            ))}
          </dl>
          <div className="figures__charts per-charts">
            <BarChart
              title={t('personnel.analytics.by_service')}
              dir={dir}
              rows={h.by_service.map((s) => ({ key: s.service, label: serviceLabel(s.service), value: s.count }))}
              format={count}
              keyLabel={t('personnel.field.service')}
              valueLabel={t('personnel.analytics.persons')}
              testId="chart-by-service"
            />
            <BarChart
              title={t('personnel.analytics.by_district')}
              dir={dir}
              rows={h.by_district.map((d) => ({
                key: d.district ?? '',
                label: d.district ? governorateName(d.district, language) : t('personnel.analytics.national'),
                value: d.count,
              }))}
              format={count}
              keyLabel={t('personnel.field.district')}
              valueLabel={t('personnel.analytics.persons')}
              testId="chart-by-district"
            />
            <BarChart
              title={t('personnel.analytics.by_band')}
              dir={dir}
              rows={kBands.map((b) => ({ key: b, label: t(`personnel.band.${b}`), value: h.by_band.find((x) => x.band === b)?.count ?? 0 }))}
              format={count}
              keyLabel={t('personnel.field.band')}
              valueLabel={t('personnel.analytics.persons')}
              testId="chart-by-band"
            />
          </div>
        </>
      )}
    </section>
  );
}

/** The ratio as "1 : 3 : 6" in the user's digits. */
function ratioText(r: BandCounts, locale: string): string {
  return kBands.map((b) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(r[b])).join(' : ');
}

function PyramidTable({
  pyramid,
  serviceLabel,
  locale,
}: {
  pyramid: RankPyramid;
  serviceLabel(code: string): string;
  locale: string;
}) {
  const { t } = useTranslation();
  const row = (key: string, label: string, r: PyramidRow) => {
    const shares = bandShares(r, pyramid.target);
    return (
      <tr key={key} data-testid="pyramid-row" data-service={key}>
        <th scope="row">
          <bdi>{label}</bdi>
        </th>
        {shares.map((s) => {
          const off = s.share - s.target;
          return (
            <td key={s.band} data-testid={`count-${s.band}`} data-count={s.count}>
              {formatCount(s.count, locale)}{' '}
              <span className={`per-share${Math.abs(off) >= 0.05 ? ' per-share--off' : ''}`}>
                {formatShare(s.share, locale)}
              </span>
            </td>
          );
        })}
        <td data-testid="pyramid-total" data-count={pyramidTotal(r)}>
          {formatCount(pyramidTotal(r), locale)}
        </td>
      </tr>
    );
  };
  const target = bandShares(pyramid.target, pyramid.target);
  return (
    <div className="per-scroll">
      <table className="req-table" data-testid="pyramid-table">
        <caption className="visually-hidden">{t('personnel.analytics.pyramid')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('personnel.field.service')}</th>
            {kBands.map((b) => (
              <th scope="col" key={b}>
                {t(`personnel.band.${b}`)}
              </th>
            ))}
            <th scope="col">{t('personnel.analytics.total')}</th>
          </tr>
        </thead>
        <tbody>
          {pyramid.items.map((i) => row(i.service, serviceLabel(i.service), i))}
          {row('all', t('personnel.analytics.all_services'), pyramid.all)}
        </tbody>
        <tfoot>
          <tr data-testid="pyramid-target-row">
            <th scope="row">{t('personnel.analytics.target')}</th>
            {target.map((s) => (
              <td key={s.band}>{formatShare(s.target, locale)}</td>
            ))}
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function PyramidSection({ scope, scopeKey, changed, serviceLabel }: SectionProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { locale, dir } = useLanguage();
  const [target, setTarget] = useState<BandCounts | null>(null);
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState(false);
  const { record: pyramid, loadError } = useRecord(
    (signal) => getRankPyramid(api, scope, target, signal),
    `${scopeKey}|${JSON.stringify(target)}`,
    changed,
  );
  const bandLabel = (b: string) => t(`personnel.band.${b}`);
  const chart = (key: string, title: string, row: PyramidRow, ratio: BandCounts) => (
    <PyramidChart
      key={key}
      title={title}
      total={pyramidTotal(row)}
      rows={bandShares(row, ratio).map((s) => ({ ...s, label: bandLabel(s.band) }))}
      dir={dir}
      locale={locale}
      testId={`pyramid-${key}`}
    />
  );
  const onApply = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.trim()) {
      setDraftError(false);
      setTarget(null);
      return;
    }
    const parsed = parseRatio(draft);
    setDraftError(parsed === null);
    if (parsed) setTarget(parsed);
  };

  return (
    <section className="req-section" data-testid="pyramid" aria-labelledby="per-pyramid">
      <h2 id="per-pyramid" className="req-section__title">
        {t('personnel.analytics.pyramid')}
      </h2>
      <p className="req-hint">{t('personnel.analytics.pyramid_intro')}</p>
      <form className="req-filters" noValidate onSubmit={onApply}>
        <div className="field">
          <label htmlFor="per-target">{t('personnel.analytics.target_ratio')}</label>
          <input
            id="per-target"
            type="text"
            dir="ltr"
            inputMode="decimal"
            data-testid="pyramid-target-input"
            aria-invalid={draftError || undefined}
            placeholder={pyramid ? ratioText(pyramid.target, 'en') : '1:3:6'}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
        </div>
        <button type="submit" className="button" data-testid="pyramid-target-apply">
          {t('personnel.analytics.apply')}
        </button>
        {draftError && (
          <p className="req-field__error" role="alert" data-testid="pyramid-target-error">
            {t('personnel.analytics.target_invalid')}
          </p>
        )}
      </form>
      <ErrorMessage error={loadError} testId="pyramid-error" keys={kPersonnelErrorKeys} />
      {!pyramid ? (
        <Loading error={loadError} />
      ) : (
        <>
          <p className="req-muted" data-testid="pyramid-target-shown">
            {t('personnel.analytics.target_is', { ratio: ratioText(pyramid.target, locale) })}
          </p>
          <div className="per-pyramids">
            {chart('all', t('personnel.analytics.all_services'), pyramid.all, pyramid.target)}
            {pyramid.items.map((i) => chart(i.service, serviceLabel(i.service), i, pyramid.target))}
          </div>
          <PyramidTable pyramid={pyramid} serviceLabel={serviceLabel} locale={locale} />
        </>
      )}
    </section>
  );
}

type VacancyRow = Vacancy & { id: string };

function VacanciesSection({ scope, scopeKey, changed, serviceLabel }: SectionProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { language, locale } = useLanguage();
  const [only, setOnly] = useState<'' | 'vacant' | 'over'>('');
  const [totals, setTotals] = useState<{ authorised: number; filled: number; vacant: number; over: number } | null>(null);
  const list = usePagedList<VacancyRow>(
    async (limit, cursor, signal) => {
      const page = await getVacancies(api, { ...scope, only: only || undefined, limit, cursor }, signal);
      if (!cursor) setTotals(page.totals);
      return { items: page.items.map((v) => ({ ...v, id: `${v.unit}/${v.band}` })), next: page.next };
    },
    `${scopeKey}|${only}`,
    changed,
  );
  const count = (n: number) => formatCount(n, locale);

  return (
    <section className="req-section" data-testid="vacancies" aria-labelledby="per-vacancies">
      <h2 id="per-vacancies" className="req-section__title">
        {t('personnel.analytics.vacancies')}
      </h2>
      <div className="req-filters">
        <FilterSelect name="only" label={t('personnel.analytics.show')} value={only} onChange={(v) => setOnly(v as typeof only)}>
          <option value="vacant">{t('personnel.analytics.only_vacant')}</option>
          <option value="over">{t('personnel.analytics.only_over')}</option>
        </FilterSelect>
      </div>
      {totals && (
        <dl className="figures-tiles per-tiles" data-testid="vacancy-totals">
          <Tile testId="tile-authorised" label={t('personnel.establishment.authorised')} value={count(totals.authorised)} />
          <Tile testId="tile-filled" label={t('personnel.establishment.filled')} value={count(totals.filled)} />
          <Tile testId="tile-vacant" label={t('personnel.establishment.vacant')} value={count(totals.vacant)} />
          <Tile testId="tile-over" label={t('personnel.establishment.over')} value={count(totals.over)} />
        </dl>
      )}
      <PagedTable
        list={list}
        testId="vacancy-list"
        empty={t('personnel.analytics.no_vacancies')}
        errorKeys={kPersonnelErrorKeys}
        head={
          <>
            <th scope="col">{t('personnel.field.unit')}</th>
            <th scope="col">{t('personnel.field.service')}</th>
            <th scope="col">{t('personnel.field.district')}</th>
            <th scope="col">{t('personnel.field.band')}</th>
            <th scope="col">{t('personnel.establishment.authorised')}</th>
            <th scope="col">{t('personnel.establishment.filled')}</th>
            <th scope="col">{t('personnel.establishment.vacant')}</th>
            <th scope="col">{t('personnel.establishment.over')}</th>
          </>
        }
        row={(v) => (
          <tr
            key={v.id}
            data-testid="vacancy-row"
            data-unit={v.unit}
            data-band={v.band}
            className={v.vacant > 0 ? 'per-row--vacant' : v.over > 0 ? 'per-row--over' : undefined}
          >
            <td>
              <bdi>{localName(v, language) || v.unit}</bdi> <span className="req-muted">(<bdi>{v.unit}</bdi>)</span>
            </td>
            <td>{serviceLabel(v.service)}</td>
            <td>
              <DistrictName code={v.district} />
            </td>
            <td>{t(`personnel.band.${v.band}`)}</td>
            <td>{count(v.authorised)}</td>
            <td>{count(v.filled)}</td>
            <td className={v.vacant > 0 ? 'per-cell--vacant' : undefined}>{count(v.vacant)}</td>
            <td className={v.over > 0 ? 'per-cell--over' : undefined}>{count(v.over)}</td>
          </tr>
        )}
      />
    </section>
  );
}

/** A whole number in [min, max] from an input, or null. */
function readWhole(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

export const kAgeRange = { min: 40, max: 75 } as const;
export const kServiceYearsRange = { min: 10, max: 50 } as const;

function RetirementsSection({ scope, scopeKey, changed }: SectionProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { locale, dir } = useLanguage();
  const [rules, setRules] = useState<{ age?: number; service_years?: number }>({});
  const [age, setAge] = useState('');
  const [years, setYears] = useState('');
  const [invalid, setInvalid] = useState(false);
  const { record: f, loadError } = useRecord(
    (signal) => getRetirements(api, { ...scope, ...rules }, signal),
    `${scopeKey}|${JSON.stringify(rules)}`,
    changed,
  );
  const count = (n: number) => formatCount(n, locale);
  const onApply = (e: FormEvent) => {
    e.preventDefault();
    const next: { age?: number; service_years?: number } = {};
    let bad = false;
    if (age.trim()) {
      const a = readWhole(age, kAgeRange.min, kAgeRange.max);
      if (a === null) bad = true;
      else next.age = a;
    }
    if (years.trim()) {
      const y = readWhole(years, kServiceYearsRange.min, kServiceYearsRange.max);
      if (y === null) bad = true;
      else next.service_years = y;
    }
    setInvalid(bad);
    if (!bad) setRules(next);
  };
  const byYear = new Map((f?.years ?? []).map((y) => [String(y.year), y]));

  return (
    <section className="req-section" data-testid="retirements" aria-labelledby="per-retirements">
      <h2 id="per-retirements" className="req-section__title">
        {t('personnel.analytics.retirements')}
      </h2>
      <p className="req-hint">{t('personnel.analytics.retirements_intro')}</p>
      <form className="req-filters" noValidate onSubmit={onApply}>
        <div className="field">
          <label htmlFor="per-age">{t('personnel.analytics.retirement_age')}</label>
          <input
            id="per-age"
            type="number"
            min={kAgeRange.min}
            max={kAgeRange.max}
            data-testid="retirement-age"
            placeholder={f ? String(f.rules.age) : ''}
            value={age}
            onChange={(e) => setAge(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="per-years">{t('personnel.analytics.retirement_years')}</label>
          <input
            id="per-years"
            type="number"
            min={kServiceYearsRange.min}
            max={kServiceYearsRange.max}
            data-testid="retirement-service-years"
            placeholder={f ? String(f.rules.service_years) : ''}
            value={years}
            onChange={(e) => setYears(e.target.value)}
          />
        </div>
        <button type="submit" className="button" data-testid="retirement-apply">
          {t('personnel.analytics.apply')}
        </button>
        {invalid && (
          <p className="req-field__error" role="alert" data-testid="retirement-invalid">
            {t('personnel.analytics.rules_invalid', {
              age_min: kAgeRange.min,
              age_max: kAgeRange.max,
              years_min: kServiceYearsRange.min,
              years_max: kServiceYearsRange.max,
            })}
          </p>
        )}
      </form>
      <ErrorMessage error={loadError} testId="retirements-error" keys={kPersonnelErrorKeys} />
      {!f ? (
        <Loading error={loadError} />
      ) : (
        <>
          <p className="req-muted" data-testid="retirement-rules">
            {t('personnel.analytics.rules_are', { age: f.rules.age, years: f.rules.service_years })}
          </p>
          <dl className="figures-tiles per-tiles">
            <Tile testId="tile-overdue" label={t('personnel.analytics.overdue')} value={count(f.overdue)} />
            <Tile
              testId="tile-ten-years"
              label={t('personnel.analytics.ten_years')}
              value={count(f.years.reduce((n, y) => n + y.count, 0))}
            />
          </dl>
          <BarChart
            title={t('personnel.analytics.per_year')}
            dir={dir}
            rows={f.years.map((y) => ({ key: String(y.year), label: String(y.year), value: y.count }))}
            format={count}
            keyLabel={t('personnel.analytics.year')}
            valueLabel={t('personnel.analytics.retiring')}
            columns={[
              { label: t('personnel.analytics.by_age'), cell: (k) => count(byYear.get(k)?.by_reason.age ?? 0) },
              { label: t('personnel.analytics.by_service_years'), cell: (k) => count(byYear.get(k)?.by_reason.service ?? 0) },
              ...kBands.map((b) => ({ label: t(`personnel.band.${b}`), cell: (k: string) => count(byYear.get(k)?.by_band[b] ?? 0) })),
            ]}
            testId="chart-retirements"
          />
        </>
      )}
    </section>
  );
}

function PayrollSection({ scope, scopeKey, changed, reference, serviceLabel }: SectionProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { language, locale, dir } = useLanguage();
  const { record: p, loadError } = useRecord((signal) => getPayroll(api, scope, signal), scopeKey, changed);
  const count = (n: number) => formatCount(n, locale);

  return (
    <section className="req-section" data-testid="payroll" aria-labelledby="per-payroll">
      <h2 id="per-payroll" className="req-section__title">
        {t('personnel.analytics.payroll')}
      </h2>
      <p className="req-hint">{t('personnel.analytics.payroll_intro')}</p>
      <ErrorMessage error={loadError} testId="payroll-error" keys={kPersonnelErrorKeys} />
      {!p ? (
        <Loading error={loadError} />
      ) : (
        <>
          <dl className="figures-tiles per-tiles">
            <Tile testId="tile-paid" label={t('personnel.analytics.persons')} value={count(p.persons)} />
            <Tile testId="tile-monthly" label={t('personnel.analytics.monthly')} value={formatMoney(p.monthly_total, p.currency, locale)} />
            <Tile testId="tile-annual" label={t('personnel.analytics.annual')} value={formatMoney(p.annual_total, p.currency, locale)} />
          </dl>
          <div className="figures__charts per-charts">
            <BarChart
              title={t('personnel.analytics.monthly_by_service')}
              dir={dir}
              rows={p.by_service.map((s) => ({ key: s.service, label: serviceLabel(s.service), value: s.monthly }))}
              format={(v) => formatMoney(v, p.currency, locale)}
              keyLabel={t('personnel.field.service')}
              valueLabel={t('personnel.analytics.monthly')}
              columns={[
                {
                  label: t('personnel.analytics.persons'),
                  cell: (k) => count(p.by_service.find((s) => s.service === k)?.persons ?? 0),
                },
              ]}
              testId="chart-payroll-service"
            />
          </div>
          <div className="per-scroll">
            <table className="req-table" data-testid="payroll-ranks">
              <caption className="req-subtitle">{t('personnel.analytics.by_rank')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('personnel.field.rank')}</th>
                  <th scope="col">{t('personnel.analytics.persons')}</th>
                  <th scope="col">{t('personnel.analytics.monthly_pay')}</th>
                  <th scope="col">{t('personnel.analytics.monthly')}</th>
                </tr>
              </thead>
              <tbody>
                {p.by_rank.map((r) => (
                  <tr key={r.rank} data-testid="payroll-rank" data-rank={r.rank}>
                    <th scope="row">{rankTitle(reference, r.rank, language)}</th>
                    <td>{count(r.persons)}</td>
                    <td>{formatMoney(r.monthly_pay, p.currency, locale)}</td>
                    <td>{formatMoney(r.monthly, p.currency, locale)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('personnel.analytics.total')}</th>
                  <td>{count(p.persons)}</td>
                  <td />
                  <td>{formatMoney(p.monthly_total, p.currency, locale)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export function AnalyticsPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  // Analysts and commanders may not read the reference data (it is the
  // registry's): the services are then named as the headcount names them.
  const reference = useReference();
  const [seen, setSeen] = useState<ServiceNames>(new Map());
  const onServices = useCallback((services: Headcount['by_service']) => {
    setSeen((known) => {
      if (services.every((s) => known.has(s.service))) return known;
      const next = new Map(known);
      for (const s of services) next.set(s.service, { name_en: s.name_en, name_ar: s.name_ar });
      return next;
    });
  }, []);
  const serviceLabel = (code: string): string => {
    if (reference) return serviceName(reference, code, language);
    const named = seen.get(code);
    return (named && localName(named, language)) || code;
  };
  const changed = latestEventSeq(useStreamEvents(), kPersonnelEvents);
  const [scope, setScope] = useState<{ service: string; district: string }>({ service: '', district: '' });
  const query: AnalyticsScope = {};
  if (scope.service) query.service = scope.service;
  if (scope.district) query.district = scope.district;
  const props: SectionProps = { scope: query, scopeKey: JSON.stringify(query), changed, reference, serviceLabel };

  return (
    <div className="req-page" data-testid="analytics-page">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('personnel.analytics.title')}</h1>
      </div>
      <p className="req-hint">{t('personnel.analytics.intro')}</p>
      <form className="req-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          name="service"
          label={t('personnel.field.service')}
          value={scope.service}
          onChange={(service) => setScope((s) => ({ ...s, service }))}
        >
          {reference ? (
            <ServiceOptions reference={reference} language={language} />
          ) : (
            [...seen.keys()].map((code) => (
              <option key={code} value={code}>
                {serviceLabel(code)}
              </option>
            ))
          )}
        </FilterSelect>
        <FilterSelect
          name="district"
          label={t('personnel.field.district')}
          value={scope.district}
          onChange={(district) => setScope((s) => ({ ...s, district }))}
        >
          <DistrictOptions language={language} />
        </FilterSelect>
      </form>
      <HeadcountSection {...props} onServices={onServices} />
      <PyramidSection {...props} />
      <VacanciesSection {...props} />
      <RetirementsSection {...props} />
      <PayrollSection {...props} />
    </div>
  );
}

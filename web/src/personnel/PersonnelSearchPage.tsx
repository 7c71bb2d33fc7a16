// The personnel search ("#/personnel"): persons by a service number prefix
// or part of either name, and by service, unit, rank, band, status and
// governorate, a page at a time. The filters are kept in the address, so
// Back from a profile returns to the same search. Every search is an
// access to personal records, logged by the server. The export downloads
// what the filters select as CSV; HR of the registry party import from
// here. Reloaded when a personnel.* event arrives on the shell's stream.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportHref, searchPersons } from '../api/personnel';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { usePagedList } from '../common/usePagedList';
import { DistrictName } from '../deconfliction/common';
import { FilterSelect, PagedTable, useLanguage } from '../requests/common';
import { routeHash, useStreamEvents } from '../shell/routes';
import {
  BandOptions,
  DistrictOptions,
  kPersonnelErrorKeys,
  kPersonnelEvents,
  RankOptions,
  ServiceOptions,
  StatusBadge,
  StatusOptions,
  SyntheticBadge,
  useReference,
} from './common';
import {
  canManagePersonnel,
  filtersFromHash,
  filtersHash,
  personQuery,
  rankTitle,
  serviceName,
  type PersonnelFilters,
} from './model';
import '../requests/requests.css';
import './personnel.css';

export interface PersonnelSearchPageProps {
  /** The window whose address keeps the filters; injectable for tests. */
  win?: Window;
}

export function PersonnelSearchPage({ win = window }: PersonnelSearchPageProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { language } = useLanguage();
  const reference = useReference();
  const changed = latestEventSeq(useStreamEvents(), kPersonnelEvents);
  const [filters, setFilters] = useState<PersonnelFilters>(() => filtersFromHash(win.location.hash));
  // The text fields apply on submit, not on every key.
  const [text, setText] = useState({ q: filters.q, unit: filters.unit });
  const key = JSON.stringify(filters);
  const list = usePagedList((limit, cursor, signal) => searchPersons(api, { ...personQuery(filters), limit, cursor }, signal), key, changed);

  useEffect(() => {
    // A link to the search (the navigation bar's) while it shows: its filters win.
    const onChange = () => {
      const hash = win.location.hash;
      if (hash !== '#/personnel' && !hash.startsWith('#/personnel?')) return;
      const next = filtersFromHash(hash);
      setFilters((f) => (JSON.stringify(f) === JSON.stringify(next) ? f : next));
      setText({ q: next.q, unit: next.unit });
    };
    win.addEventListener('hashchange', onChange);
    return () => win.removeEventListener('hashchange', onChange);
  }, [win]);

  useEffect(() => {
    // Replaces the address without a history entry (and without a hashchange).
    const hash = filtersHash(filters);
    if (win.location.hash !== hash) win.history.replaceState(win.history.state, '', hash);
  }, [filters, win]);

  const setFilter = (patch: Partial<PersonnelFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const manage = canManagePersonnel(me);

  return (
    <div className="req-page" data-testid="personnel-page">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('personnel.search.title')}</h1>
        <div className="per-actions">
          <a className="button" href={exportHref(personQuery(filters))} download="personnel.csv" data-testid="export-csv">
            {t('personnel.search.export')}
          </a>
          {manage && (
            <a className="button button--primary" href={routeHash({ page: 'personnel_import' })} data-testid="import-link">
              {t('personnel.search.import')}
            </a>
          )}
        </div>
      </div>
      <p className="req-hint">{t('personnel.search.intro')}</p>

      <form
        className="req-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ q: text.q.trim(), unit: text.unit.trim() });
        }}
      >
        <div className="field req-filters__q">
          <label htmlFor="per-q">{t('personnel.search.q')}</label>
          <input
            id="per-q"
            type="search"
            dir="auto"
            data-testid="filter-q"
            value={text.q}
            placeholder={t('personnel.search.q_placeholder')}
            onChange={(e) => setText((s) => ({ ...s, q: e.target.value }))}
          />
        </div>
        <FilterSelect name="service" label={t('personnel.field.service')} value={filters.service} onChange={(service) => setFilter({ service })}>
          <ServiceOptions reference={reference} language={language} />
        </FilterSelect>
        <div className="field">
          <label htmlFor="per-unit">{t('personnel.field.unit')}</label>
          <input
            id="per-unit"
            type="text"
            dir="ltr"
            data-testid="filter-unit"
            value={text.unit}
            placeholder={t('personnel.search.unit_placeholder')}
            onChange={(e) => setText((s) => ({ ...s, unit: e.target.value }))}
          />
        </div>
        <FilterSelect name="band" label={t('personnel.field.band')} value={filters.band} onChange={(band) => setFilter({ band, rank: '' })}>
          <BandOptions />
        </FilterSelect>
        <FilterSelect name="rank" label={t('personnel.field.rank')} value={filters.rank} onChange={(rank) => setFilter({ rank })}>
          <RankOptions reference={reference} language={language} band={filters.band} />
        </FilterSelect>
        <FilterSelect name="status" label={t('personnel.field.status')} value={filters.status} onChange={(status) => setFilter({ status })}>
          <StatusOptions />
        </FilterSelect>
        <FilterSelect name="district" label={t('personnel.field.district')} value={filters.district} onChange={(district) => setFilter({ district })}>
          <DistrictOptions language={language} />
        </FilterSelect>
        <button type="submit" className="button button--primary" data-testid="search-submit">
          {t('personnel.search.submit')}
        </button>
      </form>

      <PagedTable
        list={list}
        testId="person-list"
        empty={t('personnel.search.empty')}
        errorKeys={kPersonnelErrorKeys}
        head={
          <>
            <th scope="col">{t('personnel.field.service_number')}</th>
            <th scope="col">{t('personnel.field.name_ar')}</th>
            <th scope="col">{t('personnel.field.name_en')}</th>
            <th scope="col">{t('personnel.field.service')}</th>
            <th scope="col">{t('personnel.field.unit')}</th>
            <th scope="col">{t('personnel.field.rank')}</th>
            <th scope="col">{t('personnel.field.district')}</th>
            <th scope="col">{t('personnel.field.status')}</th>
          </>
        }
        row={(p) => (
          <tr key={p.id} data-testid="person-row" data-id={p.id}>
            <td>
              <a href={routeHash({ page: 'person', id: p.id })} className="req-id" data-testid="person-link">
                <bdi>{p.service_number}</bdi>
              </a>{' '}
              {p.synthetic && <SyntheticBadge />}
            </td>
            <td>
              <bdi lang="ar" dir="rtl">
                {p.name_ar}
              </bdi>
            </td>
            <td>
              <bdi lang="en" dir="ltr">
                {p.name_en}
              </bdi>
            </td>
            <td>{serviceName(reference, p.service, language)}</td>
            <td>
              <bdi>{p.unit}</bdi>
            </td>
            <td>{rankTitle(reference, p.rank, language)}</td>
            <td>
              <DistrictName code={p.district} />
            </td>
            <td>
              <StatusBadge status={p.status} />
            </td>
          </tr>
        )}
      />
    </div>
  );
}

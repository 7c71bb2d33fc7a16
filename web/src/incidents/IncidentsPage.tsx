// The incidents the user may see, newest first: by state (the active ones
// by default), type, least severity and period (on when it happened), a
// page at a time. Each row shows its acknowledgements still owed. Reloaded
// when an incident.* event arrives on the shell's stream.
import { useTranslation } from 'react-i18next';
import { kIncidentStates, kIncidentTypes, kSeverities, listIncidents, type Incident } from '../api/incidents';
import type { Party } from '../api/requests';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { formatDateTime } from '../common/time';
import { usePagedList } from '../common/usePagedList';
import { DistrictName } from '../deconfliction/common';
import type { Language } from '../i18n/languages';
import { FilterSelect, PagedTable, useFilters, useLanguage, useParties } from '../requests/common';
import { EnumOptions } from '../requests/fields';
import { partyName } from '../requests/format';
import { routeHash, useStreamEvents } from '../shell/routes';
import { IncidentStateBadge, kIncidentErrorKeys, SeverityBadge } from './common';
import {
  canReport,
  incidentQueryFor,
  kDefaultIncidentFilters,
  kIncidentEvents,
  kPeriods,
  type IncidentFilters,
} from './model';
import '../requests/requests.css';
import './incidents.css';

/** Parties that still owe an acknowledgement; those overdue first. */
function Owed({ incident, parties, language }: { incident: Incident; parties: readonly Party[]; language: Language }) {
  const { t } = useTranslation();
  const owed = incident.acknowledgements.filter((a) => a.acknowledged_at === null);
  if (incident.state === 'closed' || owed.length === 0) return <span className="req-muted">—</span>;
  return (
    <ul className="req-chips" data-testid="row-owed">
      {owed.map((a) => (
        <li key={a.party} className={`req-chip${a.overdue ? ' inc-owed--overdue' : ''}`} data-overdue={a.overdue}>
          <bdi>{partyName(a.party, parties, language)}</bdi>
          {a.overdue && <> · {t('requests.deadline.overdue')}</>}
        </li>
      ))}
    </ul>
  );
}

export interface IncidentsPageProps {
  /** Clock, injectable for tests. */
  now?: () => number;
}

export function IncidentsPage({ now = Date.now }: IncidentsPageProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { language, locale } = useLanguage();
  const parties = useParties();
  const changed = latestEventSeq(useStreamEvents(), kIncidentEvents);
  const { filters, setFilter, key } = useFilters<IncidentFilters>(kDefaultIncidentFilters);
  const list = usePagedList(
    (limit, cursor, signal) => listIncidents(api, incidentQueryFor(filters, now(), limit, cursor), signal),
    key,
    changed,
  );

  return (
    <div className="req-page" data-testid="incidents-page">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('incidents.list.title')}</h1>
        {canReport(me) && (
          <a className="button button--primary req-page__new" href={routeHash({ page: 'new_incident' })} data-testid="new-incident">
            {t('incidents.list.new')}
          </a>
        )}
      </div>

      <form className="req-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          name="state"
          label={t('incidents.field.state')}
          value={filters.state}
          onChange={(state) => setFilter({ state: state as IncidentFilters['state'] })}
        >
          <option value="active">{t('incidents.list.active')}</option>
          <EnumOptions values={kIncidentStates} labelKey="incidents.state" />
        </FilterSelect>
        <FilterSelect
          name="type"
          label={t('incidents.field.type')}
          value={filters.type}
          onChange={(type) => setFilter({ type: type as IncidentFilters['type'] })}
        >
          <EnumOptions values={kIncidentTypes} labelKey="incidents.type" />
        </FilterSelect>
        <FilterSelect
          name="severity"
          label={t('incidents.list.severity_min')}
          value={filters.severity}
          onChange={(severity) => setFilter({ severity: severity as IncidentFilters['severity'] })}
        >
          {kSeverities.slice(1).map((s) => (
            <option key={s} value={String(s)}>
              {t('incidents.list.severity_at_least', { n: s })}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          name="period"
          label={t('incidents.list.period')}
          value={filters.period}
          onChange={(period) => setFilter({ period: period as IncidentFilters['period'] })}
        >
          <EnumOptions values={kPeriods} labelKey="incidents.period" />
        </FilterSelect>
      </form>

      <PagedTable
        list={list}
        testId="incident-list"
        empty={t('incidents.list.empty')}
        errorKeys={kIncidentErrorKeys}
        head={
          <>
            <th scope="col">{t('incidents.field.id')}</th>
            <th scope="col">{t('incidents.field.severity')}</th>
            <th scope="col">{t('incidents.field.type')}</th>
            <th scope="col">{t('incidents.field.title')}</th>
            <th scope="col">{t('incidents.field.party')}</th>
            <th scope="col">{t('incidents.field.district')}</th>
            <th scope="col">{t('incidents.field.occurred_at')}</th>
            <th scope="col">{t('incidents.field.state')}</th>
            <th scope="col">{t('incidents.field.owed')}</th>
          </>
        }
        row={(i) => (
          <tr
            key={i.id}
            data-testid="incident-row"
            data-id={i.id}
            className={i.severity >= 4 && i.state !== 'closed' ? 'inc-row--grave' : undefined}
          >
            <td>
              <a href={routeHash({ page: 'incident', id: i.id })} className="req-id" data-testid="incident-link">
                <bdi>{i.id}</bdi>
              </a>
            </td>
            <td>
              <SeverityBadge severity={i.severity} />
            </td>
            <td>{t(`incidents.type.${i.type}`, { defaultValue: i.type })}</td>
            <td className="req-table__title">
              <bdi dir="auto">{i.title}</bdi>
            </td>
            <td>
              <bdi>{partyName(i.party, parties, language)}</bdi>
            </td>
            <td>
              <DistrictName code={i.district} />
            </td>
            <td>
              <time dateTime={i.occurred_at}>{formatDateTime(i.occurred_at, locale)}</time>
            </td>
            <td>
              <IncidentStateBadge state={i.state} />
            </td>
            <td>
              <Owed incident={i} parties={parties} language={language} />
            </td>
          </tr>
        )}
      />
    </div>
  );
}

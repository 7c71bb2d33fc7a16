// The planned activities the user may see, newest first: a party's own, or
// every party's for the coordinator's duty desk (the server filters). By
// state, kind and, for the desk, party; optionally only those whose window
// has not ended. Reloaded when an activity.* or conflict.* event arrives on
// the shell's stream (a conflict changes an activity's count).
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  kActivityKinds,
  kActivityStates,
  listActivities,
  type ActivityKind,
  type ActivityQuery,
  type ActivityState,
} from '../api/deconfliction';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { usePagedList } from '../common/usePagedList';
import { ErrorMessage, LoadMore } from '../requests/common';
import { partyName } from '../requests/format';
import { routeHash, useStreamEvents } from '../shell/routes';
import { ActivityStateBadge, DistrictName, kDeconflictionErrorKeys, TimeWindow, useFormatContext } from './common';
import { canRegisterActivities, isCoordinatorDesk, kDeconflictionEvents } from './model';
import '../requests/requests.css';
import './deconfliction.css';

export interface ActivityFilters {
  state: '' | ActivityState;
  kind: '' | ActivityKind;
  party: string;
  active: boolean;
}

export const kDefaultActivityFilters: ActivityFilters = { state: 'planned', kind: '', party: '', active: false };

/** The list query for the filters. Pure. */
export function activityQueryFor(f: ActivityFilters, limit: number, cursor?: string): ActivityQuery {
  const q: ActivityQuery = { limit };
  if (f.state) q.state = f.state;
  if (f.kind) q.kind = f.kind;
  if (f.party) q.party = f.party;
  if (f.active) q.active = true;
  if (cursor) q.cursor = cursor;
  return q;
}

export function ActivitiesPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const ctx = useFormatContext();
  const ids = useId();
  const desk = isCoordinatorDesk(me);
  const changed = latestEventSeq(useStreamEvents(), kDeconflictionEvents);
  const [filters, setFilters] = useState<ActivityFilters>(kDefaultActivityFilters);
  const key = useMemo(() => JSON.stringify(filters), [filters]);
  const list = usePagedList(
    (limit, cursor, signal) => listActivities(api, activityQueryFor(filters, limit, cursor), signal),
    key,
    changed,
  );
  const setFilter = (patch: Partial<ActivityFilters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <div className="req-page" data-testid="activities-page">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('deconfliction.activities.title')}</h1>
        {canRegisterActivities(me) && (
          <a className="button button--primary req-page__new" href={routeHash({ page: 'new_activity' })} data-testid="new-activity">
            {t('deconfliction.activities.new')}
          </a>
        )}
      </div>
      <p className="req-hint">{t(desk ? 'deconfliction.activities.intro_desk' : 'deconfliction.activities.intro')}</p>

      <form className="req-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${ids}-state`}>{t('deconfliction.field.state')}</label>
          <select
            id={`${ids}-state`}
            data-testid="filter-state"
            value={filters.state}
            onChange={(e) => setFilter({ state: e.target.value as ActivityFilters['state'] })}
          >
            <option value="">{t('requests.list.all')}</option>
            {kActivityStates.map((s) => (
              <option key={s} value={s}>
                {t(`deconfliction.activity_state.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-kind`}>{t('deconfliction.field.kind')}</label>
          <select
            id={`${ids}-kind`}
            data-testid="filter-kind"
            value={filters.kind}
            onChange={(e) => setFilter({ kind: e.target.value as ActivityFilters['kind'] })}
          >
            <option value="">{t('requests.list.all')}</option>
            {kActivityKinds.map((k) => (
              <option key={k} value={k}>
                {t(`deconfliction.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {desk && (
          <div className="field">
            <label htmlFor={`${ids}-party`}>{t('deconfliction.field.party')}</label>
            <select
              id={`${ids}-party`}
              data-testid="filter-party"
              value={filters.party}
              onChange={(e) => setFilter({ party: e.target.value })}
            >
              <option value="">{t('requests.list.all')}</option>
              {ctx.parties.map((p) => (
                <option key={p.id} value={p.id}>
                  {partyName(p.id, ctx.parties, ctx.language)}
                </option>
              ))}
            </select>
          </div>
        )}
        <label className="req-check dcf-filter-check">
          <input
            type="checkbox"
            data-testid="filter-active"
            checked={filters.active}
            onChange={(e) => setFilter({ active: e.target.checked })}
          />
          {t('deconfliction.activities.active_only')}
        </label>
      </form>

      <ErrorMessage error={list.error} testId="list-error" keys={kDeconflictionErrorKeys} />

      {list.loading ? (
        <p className="req-muted" role="status">{t('app.loading')}</p>
      ) : list.items.length === 0 ? (
        <p className="req-muted" data-testid="list-empty">{t('deconfliction.activities.empty')}</p>
      ) : (
        <table className="req-table" data-testid="activity-list">
          <thead>
            <tr>
              <th scope="col">{t('deconfliction.field.id')}</th>
              {desk && <th scope="col">{t('deconfliction.field.party')}</th>}
              <th scope="col">{t('deconfliction.field.kind')}</th>
              <th scope="col">{t('deconfliction.field.title')}</th>
              <th scope="col">{t('deconfliction.field.window')}</th>
              <th scope="col">{t('deconfliction.field.district')}</th>
              <th scope="col">{t('deconfliction.field.state')}</th>
              <th scope="col">{t('deconfliction.field.conflicts')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((a) => (
              <tr key={a.id} data-testid="activity-row" data-id={a.id}>
                <td>
                  <a href={routeHash({ page: 'activity', id: a.id })} className="req-id" data-testid="activity-link">
                    <bdi>{a.id}</bdi>
                  </a>
                </td>
                {desk && (
                  <td>
                    <bdi>{partyName(a.party, ctx.parties, ctx.language)}</bdi>
                  </td>
                )}
                <td>{t(`deconfliction.kind.${a.kind}`, { defaultValue: a.kind })}</td>
                <td className="req-table__title">
                  <bdi>{a.title}</bdi>
                </td>
                <td>
                  <TimeWindow start={a.footprint.start} end={a.footprint.end} />
                </td>
                <td>
                  <DistrictName code={a.district} />
                </td>
                <td>
                  <ActivityStateBadge state={a.state} ended={a.ended} />
                </td>
                <td data-testid="activity-conflict-count">
                  {a.conflict_count > 0 ? (
                    <span className="req-chip dcf-count">{a.conflict_count}</span>
                  ) : (
                    <span className="req-muted">0</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {!list.loading && <LoadMore list={list} />}
    </div>
  );
}

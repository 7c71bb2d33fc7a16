// The planned activities the user may see, newest first: a party's own, or
// every party's for the coordinator's duty desk (the server filters). By
// state, kind and, for the desk, party; optionally only those whose window
// has not ended. Reloaded when an activity.* or conflict.* event arrives on
// the shell's stream (a conflict changes an activity's count).
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
import { FilterSelect, PagedTable, PartyOptions, useFilters } from '../requests/common';
import { EnumOptions } from '../requests/fields';
import { partyName } from '../requests/format';
import { routeHash, useStreamEvents } from '../shell/routes';
import {
  ActivityStateBadge,
  DistrictName,
  kDeconflictionErrorKeys,
  TimeWindow,
  useFormatContext,
} from './common';
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
  const desk = isCoordinatorDesk(me);
  const changed = latestEventSeq(useStreamEvents(), kDeconflictionEvents);
  const { filters, setFilter, key } = useFilters<ActivityFilters>(kDefaultActivityFilters);
  const list = usePagedList(
    (limit, cursor, signal) => listActivities(api, activityQueryFor(filters, limit, cursor), signal),
    key,
    changed,
  );

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
        <FilterSelect
          name="state"
          label={t('deconfliction.field.state')}
          value={filters.state}
          onChange={(state) => setFilter({ state: state as ActivityFilters['state'] })}
        >
          <EnumOptions values={kActivityStates} labelKey="deconfliction.activity_state" />
        </FilterSelect>
        <FilterSelect
          name="kind"
          label={t('deconfliction.field.kind')}
          value={filters.kind}
          onChange={(kind) => setFilter({ kind: kind as ActivityFilters['kind'] })}
        >
          <EnumOptions values={kActivityKinds} labelKey="deconfliction.kind" />
        </FilterSelect>
        {desk && (
          <FilterSelect
            name="party"
            label={t('deconfliction.field.party')}
            value={filters.party}
            onChange={(party) => setFilter({ party })}
          >
            <PartyOptions parties={ctx.parties} language={ctx.language} />
          </FilterSelect>
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

      <PagedTable
        list={list}
        testId="activity-list"
        empty={t('deconfliction.activities.empty')}
        errorKeys={kDeconflictionErrorKeys}
        head={
          <>
            <th scope="col">{t('deconfliction.field.id')}</th>
            {desk && <th scope="col">{t('deconfliction.field.party')}</th>}
            <th scope="col">{t('deconfliction.field.kind')}</th>
            <th scope="col">{t('deconfliction.field.title')}</th>
            <th scope="col">{t('deconfliction.field.window')}</th>
            <th scope="col">{t('deconfliction.field.district')}</th>
            <th scope="col">{t('deconfliction.field.state')}</th>
            <th scope="col">{t('deconfliction.field.conflicts')}</th>
          </>
        }
        row={(a) => (
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
        )}
      />
    </div>
  );
}

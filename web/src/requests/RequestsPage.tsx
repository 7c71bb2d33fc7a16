// The request lists: the inbox (addressed to my party) and the outbox (from
// my party), filtered by state, type, precedence and text, newest first,
// a page at a time. Each row counts down to its next deadline. The list is
// reloaded when a request.* event arrives on the shell's stream.
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  kPrecedences,
  kRequestStates,
  kRequestTypes,
  listRequests,
  type Precedence,
  type RequestQuery,
  type RequestState,
  type RequestType,
} from '../api/requests';
import { useApi, useSession } from '../app/context';
import { routeHash, useStreamEvents, type RequestBox } from '../shell/routes';
import { canWrite } from './state';
import { latestEventSeq, type EventFacts } from '../common/events';
import { kPageSize, usePagedList } from '../common/usePagedList';
import { useNow } from '../common/useNow';
import { Countdown, FilterSelect, PagedTable, PrecedenceBadge, StateBadge, useLanguage, useParties } from './common';
import { EnumOptions } from './fields';
import { partyName } from './format';
import './requests.css';

/** Wait this long after the last keystroke before searching. */
export const kSearchDelayMs = 300;

type StateFilter = '' | 'open' | RequestState;

export interface Filters {
  state: StateFilter;
  type: '' | RequestType;
  precedence: '' | Precedence;
  q: string;
}

export const kDefaultFilters: Filters = { state: 'open', type: '', precedence: '', q: '' };

/** The list query for a box and filters. Pure. */
export function queryFor(box: RequestBox, f: Filters, limit = kPageSize, cursor?: string): RequestQuery {
  const query: RequestQuery = { role: box, limit };
  if (f.state) query.state = [f.state];
  if (f.type) query.type = [f.type];
  if (f.precedence) query.precedence = [f.precedence];
  if (f.q.trim()) query.q = f.q.trim();
  if (cursor) query.cursor = cursor;
  return query;
}

/** The highest seq of a request.* event, 0 when none: changes when a list may be stale. */
export function latestRequestEvent(events: readonly EventFacts[]): number {
  return latestEventSeq(events, ['request.']);
}

export function RequestsPage({ box }: { box: RequestBox }) {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const { language, dir } = useLanguage();
  const parties = useParties();
  const nowMs = useNow();
  const ids = useId();
  const events = useStreamEvents();
  const changed = latestRequestEvent(events);

  const [filters, setFilters] = useState<Filters>(kDefaultFilters);
  const [q, setQ] = useState('');
  // Text search follows typing, a moment later.
  useEffect(() => {
    const timer = window.setTimeout(() => setFilters((f) => (f.q === q ? f : { ...f, q })), kSearchDelayMs);
    return () => window.clearTimeout(timer);
  }, [q]);

  const filterKey = useMemo(() => JSON.stringify([box, filters]), [box, filters]);
  // The first page; on a stream event, as many rows as are shown.
  const list = usePagedList(
    (limit, cursor, signal) => listRequests(api, queryFor(box, filters, limit, cursor), signal),
    filterKey,
    changed,
  );

  const setFilter = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <div className="req-page" data-testid="requests-page" data-box={box}>
      <div className="req-page__head">
        <h1 className="req-page__title">{t('requests.list.title')}</h1>
        <nav className="req-tabs" aria-label={t('requests.list.boxes')}>
          {(['inbox', 'outbox'] as const).map((b) => (
            <a
              key={b}
              className="req-tabs__tab"
              href={routeHash({ page: 'requests', box: b })}
              aria-current={b === box ? 'page' : undefined}
              data-testid={`box-${b}`}
            >
              {t(`requests.list.${b}`)}
            </a>
          ))}
        </nav>
        {canWrite(session.me) && (
          <a className="button button--primary req-page__new" href={routeHash({ page: 'new_request' })} data-testid="new-request">
            {t('requests.list.new')}
          </a>
        )}
      </div>

      <form className="req-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          name="state"
          label={t('requests.field.state')}
          value={filters.state}
          onChange={(state) => setFilter({ state: state as StateFilter })}
        >
          <option value="open">{t('requests.list.open')}</option>
          <EnumOptions values={kRequestStates} labelKey="requests.state" />
        </FilterSelect>
        <FilterSelect
          name="type"
          label={t('requests.field.type')}
          value={filters.type}
          onChange={(type) => setFilter({ type: type as Filters['type'] })}
        >
          <EnumOptions values={kRequestTypes} labelKey="requests.type" />
        </FilterSelect>
        <FilterSelect
          name="precedence"
          label={t('requests.field.precedence')}
          value={filters.precedence}
          onChange={(precedence) => setFilter({ precedence: precedence as Filters['precedence'] })}
        >
          <EnumOptions values={kPrecedences} labelKey="requests.precedence" />
        </FilterSelect>
        <div className="field req-filters__q">
          <label htmlFor={`${ids}-q`}>{t('requests.list.search')}</label>
          <input
            id={`${ids}-q`}
            type="search"
            dir="auto"
            data-testid="filter-q"
            value={q}
            placeholder={t('requests.list.search_hint')}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
      </form>

      <PagedTable
        list={list}
        testId="request-list"
        empty={t('requests.list.empty')}
        head={
          <>
            <th scope="col">{t('requests.field.id')}</th>
            <th scope="col">{t('requests.field.precedence')}</th>
            <th scope="col">{t('requests.field.type')}</th>
            <th scope="col">{t('requests.field.title')}</th>
            <th scope="col">{t('requests.field.parties')}</th>
            <th scope="col">{t('requests.field.state')}</th>
            <th scope="col">{t('requests.field.next_deadline')}</th>
          </>
        }
        row={(r) => (
          <tr
            key={r.id}
            data-testid="request-row"
            data-id={r.id}
            className={r.precedence === 'FLASH' ? 'req-table__row--flash' : undefined}
          >
            <td>
              <a href={routeHash({ page: 'request', id: r.id })} className="req-id" data-testid="request-link">
                <bdi>{r.id}</bdi>
              </a>
            </td>
            <td>
              <PrecedenceBadge precedence={r.precedence} />
            </td>
            <td>{t(`requests.type.${r.type}`)}</td>
            <td className="req-table__title">
              <bdi>{r.title}</bdi>
            </td>
            <td className="req-table__parties">
              <bdi>{partyName(r.from_party, parties, language)}</bdi>
              <span aria-hidden="true" className="req-arrow">
                {dir === 'rtl' ? ' ← ' : ' → '}
              </span>
              <span className="visually-hidden">{t('requests.list.to')}</span>
              <bdi>{partyName(r.to_party, parties, language)}</bdi>
            </td>
            <td>
              <StateBadge state={r.state} />
            </td>
            <td>
              {r.next_deadline ? (
                <span className="req-deadline">
                  <span className="req-muted">{t(`requests.stage.${r.next_deadline.stage}`)}</span>{' '}
                  <Countdown at={r.next_deadline.at} nowMs={nowMs} testId="row-countdown" />
                </span>
              ) : (
                <span className="req-muted">—</span>
              )}
            </td>
          </tr>
        )}
      />
    </div>
  );
}

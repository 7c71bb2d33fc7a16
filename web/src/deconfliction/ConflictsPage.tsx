// The conflicts inbox: the conflicts the user's party is a side of (every
// conflict for the coordinator's duty desk), unresolved first by default,
// newest first. A side sees the pointer (the other party, the overlap
// window, the district, its own record, who has acknowledged); the desk
// sees both records. Reloaded live when a conflict.* or activity.* event
// arrives on the shell's stream.
import { useTranslation } from 'react-i18next';
import { kConflictStates, listConflicts, type Conflict, type ConflictQuery } from '../api/deconfliction';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { usePagedList } from '../common/usePagedList';
import { FilterSelect, PagedTable, PartyOptions, useFilters } from '../requests/common';
import { EnumOptions } from '../requests/fields';
import { partyName } from '../requests/format';
import { routeHash, useStreamEvents } from '../shell/routes';
import { ConflictStateBadge, DistrictName, kDeconflictionErrorKeys, TimeWindow, useFormatContext } from './common';
import type { FormatContext } from './format';
import { displayPartyName } from './format';
import { isCoordinatorDesk, isFullView, kDeconflictionEvents, recordHref } from './model';
import '../requests/requests.css';
import './deconfliction.css';

export type ConflictStateFilter = '' | NonNullable<ConflictQuery['state']>;

export interface ConflictFilters {
  state: ConflictStateFilter;
  party: string;
}

export const kDefaultConflictFilters: ConflictFilters = { state: 'unresolved', party: '' };

/** The list query for the filters. Pure. */
export function conflictQueryFor(f: ConflictFilters, limit: number, cursor?: string): ConflictQuery {
  const q: ConflictQuery = { limit };
  if (f.state) q.state = f.state;
  if (f.party) q.party = f.party;
  if (cursor) q.cursor = cursor;
  return q;
}

/** "Who with" and "which records" of a row, by the view the server gave. */
function RowParties({ conflict, ctx }: { conflict: Conflict; ctx: FormatContext }) {
  if (isFullView(conflict)) {
    return (
      <>
        {conflict.sides.map((s, i) => (
          <span key={s.ref}>
            {i > 0 && ' · '}
            <bdi>{partyName(s.party, ctx.parties, ctx.language)}</bdi>
          </span>
        ))}
      </>
    );
  }
  return <bdi data-testid="conflict-other">{displayPartyName(conflict.other, ctx)}</bdi>;
}

function RowRecords({ conflict }: { conflict: Conflict }) {
  const sides = isFullView(conflict) ? conflict.sides : [conflict.mine];
  return (
    <ul className="dcf-records">
      {sides.map((s) => (
        <li key={s.ref}>
          <a href={recordHref(s.ref, s.type)}>
            <bdi>{s.ref}</bdi>
          </a>{' '}
          <bdi dir="auto" className="req-muted" data-testid="conflict-record-title">
            {s.title}
          </bdi>
        </li>
      ))}
    </ul>
  );
}

/** Which sides have acknowledged, as "1/2" with the party names in the tooltip. */
function AckCount({ conflict, ctx }: { conflict: Conflict; ctx: FormatContext }) {
  const { t } = useTranslation();
  const done = conflict.parties.filter((p) => conflict.acknowledged[p]);
  return (
    <span
      title={done.map((p) => partyName(p, ctx.parties, ctx.language)).join(', ')}
      data-testid="conflict-acks"
      data-count={done.length}
    >
      {t('deconfliction.conflicts.acks', { n: done.length, total: conflict.parties.length })}
    </span>
  );
}

export function ConflictsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const ctx = useFormatContext();
  const desk = isCoordinatorDesk(me);
  const changed = latestEventSeq(useStreamEvents(), kDeconflictionEvents);
  const { filters, setFilter, key } = useFilters<ConflictFilters>(kDefaultConflictFilters);
  const list = usePagedList(
    (limit, cursor, signal) => listConflicts(api, conflictQueryFor(filters, limit, cursor), signal),
    key,
    changed,
  );

  return (
    <div className="req-page" data-testid="conflicts-page">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('deconfliction.conflicts.title')}</h1>
      </div>
      <p className="req-hint">{t(desk ? 'deconfliction.conflicts.intro_desk' : 'deconfliction.conflicts.intro')}</p>

      <form className="req-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          name="state"
          label={t('deconfliction.field.state')}
          value={filters.state}
          onChange={(state) => setFilter({ state: state as ConflictStateFilter })}
          allLast
        >
          <option value="unresolved">{t('deconfliction.conflict_state.unresolved')}</option>
          <EnumOptions values={kConflictStates} labelKey="deconfliction.conflict_state" />
        </FilterSelect>
        {desk && (
          <FilterSelect
            name="party"
            label={t('deconfliction.field.party')}
            value={filters.party}
            onChange={(party) => setFilter({ party })}
          >
            <PartyOptions
              parties={ctx.parties.filter((p) => !p.is_coordinator)}
              directory={ctx.parties}
              language={ctx.language}
            />
          </FilterSelect>
        )}
      </form>

      <PagedTable
        list={list}
        testId="conflict-list"
        empty={t('deconfliction.conflicts.empty')}
        errorKeys={kDeconflictionErrorKeys}
        head={
          <>
            <th scope="col">{t('deconfliction.field.id')}</th>
            <th scope="col">{t('deconfliction.field.state')}</th>
            <th scope="col">{desk ? t('deconfliction.field.parties') : t('deconfliction.field.other')}</th>
            <th scope="col">{t('deconfliction.field.window')}</th>
            <th scope="col">{t('deconfliction.field.district')}</th>
            <th scope="col">{desk ? t('deconfliction.field.records') : t('deconfliction.field.mine')}</th>
            <th scope="col">{t('deconfliction.field.acknowledged')}</th>
          </>
        }
        row={(c) => (
          <tr key={c.id} data-testid="conflict-row" data-id={c.id} data-view={c.view} data-state={c.state}>
            <td>
              <a href={routeHash({ page: 'conflict', id: c.id })} className="req-id" data-testid="conflict-link">
                <bdi>{c.id}</bdi>
              </a>
            </td>
            <td>
              <ConflictStateBadge state={c.state} />
            </td>
            <td>
              <RowParties conflict={c} ctx={ctx} />
            </td>
            <td>
              <TimeWindow start={c.start} end={c.end} />
            </td>
            <td>
              <DistrictName code={c.district} />
            </td>
            <td>
              <RowRecords conflict={c} />
            </td>
            <td>
              <AckCount conflict={c} ctx={ctx} />
            </td>
          </tr>
        )}
      />
    </div>
  );
}

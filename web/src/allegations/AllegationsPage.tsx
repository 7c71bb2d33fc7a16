// The allegations register (the coordinator's vetting officers and
// auditors only): every allegation, newest first, by status, a page at a
// time. Vetting officers register new ones. Reloaded when an allegation
// event arrives on the shell's stream.
import { useTranslation } from 'react-i18next';
import { kAllegationStatuses, listAllegations, type AllegationStatus } from '../api/allegations';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { usePagedList } from '../common/usePagedList';
import { FilterSelect, PagedTable, useFilters, useLanguage, useParties } from '../requests/common';
import { EnumOptions } from '../requests/fields';
import { partyName } from '../requests/format';
import { routeHash, useStreamEvents } from '../shell/routes';
import { formatDay } from '../training/format';
import { AllegationStatusBadge, AllegationSubjectLine, kAllegationErrorKeys, RegisterClosed } from './common';
import { canManageAllegations, canReadAllegations, kAllegationEvents } from './model';
import '../requests/requests.css';
import '../vetting/vetting.css';

interface Filters {
  status: '' | AllegationStatus;
}

function Register() {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { language, locale } = useLanguage();
  const parties = useParties();
  const changed = latestEventSeq(useStreamEvents(), kAllegationEvents);
  const { filters, setFilter, key } = useFilters<Filters>({ status: '' });
  const list = usePagedList(
    (limit, cursor, signal) => listAllegations(api, { status: filters.status || undefined, limit, cursor }, signal),
    key,
    changed,
  );
  return (
    <div className="req-page" data-testid="allegations-page">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('allegations.list.title')}</h1>
        {canManageAllegations(me) && (
          <a className="button button--primary req-page__new" href={routeHash({ page: 'new_allegation' })} data-testid="new-allegation">
            {t('allegations.list.new')}
          </a>
        )}
      </div>
      <p className="req-hint">{t('allegations.list.intro')}</p>
      <form className="req-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          name="status"
          label={t('allegations.field.status')}
          value={filters.status}
          onChange={(status) => setFilter({ status: status as Filters['status'] })}
        >
          <EnumOptions values={kAllegationStatuses} labelKey="allegations.status" />
        </FilterSelect>
      </form>
      <PagedTable
        list={list}
        testId="allegation-list"
        empty={t('allegations.list.empty')}
        errorKeys={kAllegationErrorKeys}
        head={
          <>
            <th scope="col">{t('allegations.field.id')}</th>
            <th scope="col">{t('allegations.field.subject')}</th>
            <th scope="col">{t('allegations.field.category')}</th>
            <th scope="col">{t('allegations.field.received_on')}</th>
            <th scope="col">{t('allegations.field.status')}</th>
          </>
        }
        row={(a) => (
          <tr key={a.id} data-testid="allegation-row" data-id={a.id} data-status={a.status}>
            <td>
              <a href={routeHash({ page: 'allegation', id: a.id })} className="req-id" data-testid="allegation-link">
                <bdi>{a.id}</bdi>
              </a>
            </td>
            <td>
              <AllegationSubjectLine subject={a.subject} partyName={partyName(a.subject.party, parties, language)} />
            </td>
            <td>{t(`allegations.category.${a.category}`, { defaultValue: a.category })}</td>
            <td>{formatDay(a.received_on, locale)}</td>
            <td>
              <AllegationStatusBadge status={a.status} />
            </td>
          </tr>
        )}
      />
    </div>
  );
}

export function AllegationsPage() {
  const { me } = useSession();
  // Nothing is read for a user outside the register: the page is not theirs.
  return canReadAllegations(me) ? <Register /> : <RegisterClosed testId="allegations-page" />;
}

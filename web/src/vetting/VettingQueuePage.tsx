// The vetting queue: requests waiting for a decision, the nearest deadline
// first and those past it marked, or the decided ones; by subject kind and
// purpose, or only the overdue. Below it, the clearances that end within
// 30 days, to renew in time. Reloaded when a vetting event arrives on the
// shell's stream.
import { useTranslation } from 'react-i18next';
import {
  kSubjectKinds,
  kVettingPurposes,
  listExpiring,
  listVetting,
  type ExpiringClearance,
  type QueueState,
  type SubjectKind,
  type VettingPurpose,
  type VettingQuery,
} from '../api/vetting';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { formatDateTime } from '../common/time';
import { useNow } from '../common/useNow';
import { usePagedList } from '../common/usePagedList';
import { useRecord } from '../common/useRecord';
import { ErrorMessage, FilterSelect, PagedTable, useFilters, useLanguage } from '../requests/common';
import { EnumOptions } from '../requests/fields';
import { routeHash, useStreamEvents } from '../shell/routes';
import { formatDay } from '../training/format';
import { DueText, kVettingErrorKeys, RequestStateBadge, StandingBadge, SubjectLine } from './common';
import { canReadVetting, canRequestVetting, daysLeft, isOverdue, kExpiringDays, kVettingEvents, queueOrder } from './model';
import '../requests/requests.css';
import './vetting.css';

export interface QueueFilters {
  /** '' is every state. */
  state: '' | Exclude<QueueState, 'all'>;
  subject_kind: '' | SubjectKind;
  purpose: '' | VettingPurpose;
  overdue: boolean;
}

export const kDefaultQueueFilters: QueueFilters = { state: 'pending', subject_kind: '', purpose: '', overdue: false };

/** The list query of the filters. Pure. */
export function queueQuery(f: QueueFilters, limit: number, cursor?: string): VettingQuery {
  const q: VettingQuery = { state: f.state || 'all', limit };
  if (f.subject_kind) q.subject_kind = f.subject_kind;
  if (f.purpose) q.purpose = f.purpose;
  if (f.overdue) q.overdue = true;
  if (cursor) q.cursor = cursor;
  return q;
}

function Expiring({ nowMs, changed }: { nowMs: number; changed: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { locale } = useLanguage();
  const { record, loadError } = useRecord((signal) => listExpiring(api, kExpiringDays, signal), 'expiring', changed);
  const renew = canRequestVetting(me);
  const renewHref = (c: ExpiringClearance) =>
    routeHash({ page: 'new_vetting', kind: c.subject.kind, subject: c.subject.id, purpose: 'review', ref: '' });

  return (
    <section className="req-section" aria-labelledby="vet-expiring" data-testid="expiring">
      <h2 className="req-section__title" id="vet-expiring">
        {t('vetting.expiring.title', { days: kExpiringDays })}
      </h2>
      <ErrorMessage error={loadError} testId="expiring-error" keys={kVettingErrorKeys} />
      {!record ? (
        !loadError && (
          <p className="req-muted" role="status">
            {t('app.loading')}
          </p>
        )
      ) : record.items.length === 0 ? (
        <p className="req-muted" data-testid="expiring-empty">
          {t('vetting.expiring.empty', { days: kExpiringDays })}
        </p>
      ) : (
        <table className="req-table" data-testid="expiring-list">
          <thead>
            <tr>
              <th scope="col">{t('vetting.field.subject')}</th>
              <th scope="col">{t('vetting.field.standing')}</th>
              <th scope="col">{t('vetting.field.valid_until')}</th>
              <th scope="col">{t('vetting.expiring.left')}</th>
              {renew && <th scope="col">{t('vetting.field.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {record.items.map((c) => {
              const left = daysLeft(c.valid_until, nowMs);
              return (
                <tr key={`${c.subject.kind}/${c.subject.id}`} data-testid="expiring-row" data-id={c.subject.id}>
                  <td>
                    <SubjectLine subject={c.subject} label={c.subject_label} />
                  </td>
                  <td>
                    <StandingBadge status={c.status} />
                  </td>
                  <td>{formatDay(c.valid_until, locale)}</td>
                  <td data-testid="expiring-left">{left === null ? '—' : t('vetting.expiring.days_left', { n: Math.max(0, left) })}</td>
                  {renew && (
                    <td>
                      <a href={renewHref(c)} data-testid="renew">
                        {t('vetting.expiring.renew')}
                      </a>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

export interface VettingQueuePageProps {
  /** Clock, injectable for tests. */
  now?: () => number;
}

function Queue({ now }: { now: () => number }) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { locale } = useLanguage();
  const nowMs = useNow(now);
  const changed = latestEventSeq(useStreamEvents(), kVettingEvents);
  const { filters, setFilter, key } = useFilters<QueueFilters>(kDefaultQueueFilters);
  const list = usePagedList((limit, cursor, signal) => listVetting(api, queueQuery(filters, limit, cursor), signal), key, changed);
  const ordered = { ...list, items: queueOrder(list.items) };

  return (
    <div className="req-page" data-testid="vetting-queue">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('vetting.queue.title')}</h1>
        {canRequestVetting(me) && (
          <a
            className="button button--primary req-page__new"
            href={routeHash({ page: 'new_vetting', kind: '', subject: '', purpose: '', ref: '' })}
            data-testid="new-vetting"
          >
            {t('vetting.queue.new')}
          </a>
        )}
      </div>
      <p className="req-hint">{t('vetting.queue.intro')}</p>

      <form className="req-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          name="state"
          label={t('vetting.field.state')}
          value={filters.state}
          allLast
          onChange={(state) => setFilter({ state: state as QueueFilters['state'] })}
        >
          <option value="pending">{t('vetting.queue.pending')}</option>
          <option value="decided">{t('vetting.queue.decided')}</option>
          <option value="withdrawn">{t('vetting.state.withdrawn')}</option>
        </FilterSelect>
        <FilterSelect
          name="kind"
          label={t('vetting.field.subject_kind')}
          value={filters.subject_kind}
          onChange={(kind) => setFilter({ subject_kind: kind as QueueFilters['subject_kind'] })}
        >
          <EnumOptions values={kSubjectKinds} labelKey="vetting.kind" />
        </FilterSelect>
        <FilterSelect
          name="purpose"
          label={t('vetting.field.purpose')}
          value={filters.purpose}
          onChange={(purpose) => setFilter({ purpose: purpose as QueueFilters['purpose'] })}
        >
          <EnumOptions values={kVettingPurposes} labelKey="vetting.purpose" />
        </FilterSelect>
        <label className="req-check">
          <input
            type="checkbox"
            data-testid="filter-overdue"
            checked={filters.overdue}
            onChange={(e) => setFilter({ overdue: e.target.checked })}
          />
          {t('vetting.queue.only_overdue')}
        </label>
      </form>

      <PagedTable
        list={ordered}
        testId="vetting-list"
        empty={t('vetting.queue.empty')}
        errorKeys={kVettingErrorKeys}
        head={
          <>
            <th scope="col">{t('vetting.field.id')}</th>
            <th scope="col">{t('vetting.field.subject')}</th>
            <th scope="col">{t('vetting.field.purpose')}</th>
            <th scope="col">{t('vetting.field.submitted')}</th>
            <th scope="col">{t('vetting.field.deadline')}</th>
            <th scope="col">{t('vetting.field.state')}</th>
          </>
        }
        row={(r) => {
          const overdue = isOverdue(r, nowMs);
          return (
            <tr
              key={r.id}
              data-testid="vetting-row"
              data-id={r.id}
              data-overdue={overdue}
              className={overdue ? 'vet-row--overdue' : undefined}
            >
              <td>
                <a href={routeHash({ page: 'vetting_request', id: r.id })} className="req-id" data-testid="vetting-link">
                  <bdi>{r.id}</bdi>
                </a>
              </td>
              <td>
                <SubjectLine subject={r.subject} label={r.subject_label} />
              </td>
              <td>
                {t(`vetting.purpose.${r.purpose}`, { defaultValue: r.purpose })}
                {r.purpose_ref && (
                  <span className="req-muted">
                    {' · '}
                    <bdi>{r.purpose_ref}</bdi>
                  </span>
                )}
              </td>
              <td>
                <time dateTime={r.submitted_at}>{formatDateTime(r.submitted_at, locale)}</time>
                <span className="req-muted">
                  {' · '}
                  <bdi>{r.submitted_by}</bdi>
                </span>
              </td>
              <td data-testid="vetting-deadline">
                {r.state === 'pending' ? (
                  <>
                    <time dateTime={r.due_at}>{formatDay(r.due_at, locale)}</time> <DueText at={r.due_at} nowMs={nowMs} />
                  </>
                ) : (
                  <span className="req-muted">—</span>
                )}
              </td>
              <td>
                {r.state === 'decided' && r.decision ? (
                  <StandingBadge status={r.decision.status} testId="vetting-decision" />
                ) : (
                  <RequestStateBadge state={r.state} />
                )}
              </td>
            </tr>
          );
        }}
      />

      <Expiring nowMs={nowMs} changed={changed} />
    </div>
  );
}

export function VettingQueuePage({ now = Date.now }: VettingQueuePageProps) {
  const { t } = useTranslation();
  const { me } = useSession();
  // Nothing is read for a user outside the programme.
  if (!canReadVetting(me)) {
    return (
      <div className="req-page" data-testid="vetting-queue">
        <p className="req-error" role="alert" data-testid="not-allowed">
          {t('vetting.error.forbidden')}
        </p>
      </div>
    );
  }
  return <Queue now={now} />;
}

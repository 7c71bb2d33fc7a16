// One vetting request: its subject, purpose, justification and deadline;
// the decision (status and validity for every reader; the reason and
// sources only where the server sends them, to the coordinator's vetting
// officers); the subject's standing now, its history and its other
// requests; and, for the coordinator's vetting officers while the request
// waits, the decision form. Reloaded when a vetting event arrives.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getSubject, getVetting, type SubjectRecord, type VettingRequest, withdrawVetting } from '../api/vetting';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { formatDateTime } from '../common/time';
import { useNow } from '../common/useNow';
import { useRecord } from '../common/useRecord';
import { ErrorMessage, RecordPlaceholder, useLanguage } from '../requests/common';
import { routeHash, useStreamEvents } from '../shell/routes';
import { formatDay } from '../training/format';
import { ReasonActionForm } from '../common/ReasonActionForm';
import { DecisionForm } from './DecisionForm';
import {
  DueText,
  kVettingErrorKeys,
  OverdueMark,
  RequestStateBadge,
  StandingBadge,
  SubjectLine,
  Validity,
} from './common';
import { canDecideVetting, canWithdrawVetting, isOverdue, kVettingEvents } from './model';
import '../requests/requests.css';
import './vetting.css';

function Decision({ request }: { request: VettingRequest }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const d = request.decision;
  if (!d) return null;
  const reason = d.reason ?? request.reason ?? null;
  const sources = d.sources ?? request.sources ?? null;
  return (
    <section className="req-section" aria-labelledby="vet-decision" data-testid="decision">
      <h2 className="req-section__title" id="vet-decision">
        {t('vetting.request.decision')}
      </h2>
      <dl className="req-facts">
        <dt>{t('vetting.field.decision')}</dt>
        <dd>
          <StandingBadge status={d.status} testId="decision-status" />
        </dd>
        {d.valid_until && (
          <>
            <dt>{t('vetting.field.validity')}</dt>
            <dd>
              <Validity from={d.valid_from} until={d.valid_until} testId="decision-validity" />
            </dd>
          </>
        )}
        <dt>{t('vetting.field.decided_at')}</dt>
        <dd>
          <time dateTime={d.decided_at}>{formatDateTime(d.decided_at, locale)}</time>
          {d.decided_by && (
            <span className="req-muted">
              {' · '}
              <bdi>{d.decided_by}</bdi>
            </span>
          )}
        </dd>
      </dl>
      {(reason || sources) && (
        <div className="vet-restricted" data-testid="decision-reasons">
          <p className="vet-restricted__note">{t('vetting.request.restricted')}</p>
          {reason && (
            <>
              <h3 className="vet-restricted__label">{t('vetting.field.reason')}</h3>
              <p dir="auto" data-testid="decision-reason">
                {reason}
              </p>
            </>
          )}
          {sources && (
            <>
              <h3 className="vet-restricted__label">{t('vetting.field.sources')}</h3>
              <p dir="auto" data-testid="decision-sources">
                {sources}
              </p>
            </>
          )}
        </div>
      )}
    </section>
  );
}

function SubjectHistory({ request, changed }: { request: VettingRequest; changed: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const { locale } = useLanguage();
  const subject = request.subject;
  const { record, loadError } = useRecord<SubjectRecord>(
    (signal) => getSubject(api, subject, signal),
    `${subject.kind}/${subject.id}`,
    changed,
  );
  return (
    <section className="req-section" aria-labelledby="vet-subject" data-testid="subject">
      <h2 className="req-section__title" id="vet-subject">
        {t('vetting.request.subject_title')}
      </h2>
      <ErrorMessage error={loadError} testId="subject-error" keys={kVettingErrorKeys} />
      {!record ? (
        !loadError && (
          <p className="req-muted" role="status">
            {t('app.loading')}
          </p>
        )
      ) : (
        <>
          <dl className="req-facts">
            <dt>{t('vetting.field.standing')}</dt>
            <dd>
              <StandingBadge status={record.standing.status} testId="subject-standing" />{' '}
              <Validity from={record.standing.valid_from} until={record.standing.valid_until} testId="subject-validity" />
            </dd>
          </dl>
          <h3 className="vet-subhead">{t('vetting.request.history')}</h3>
          {record.history.length === 0 ? (
            <p className="req-muted" data-testid="history-empty">
              {t('vetting.request.no_history')}
            </p>
          ) : (
            <ol className="req-timeline" data-testid="history">
              {record.history.map((h) => (
                <li key={h.seq} className="req-timeline__entry" data-testid="history-entry" data-kind={h.kind} data-seq={h.seq}>
                  <div className="req-timeline__head">
                    <strong>{t(`vetting.history.${h.kind}`, { defaultValue: h.kind })}</strong>
                    {h.status && <StandingBadge status={h.status} testId="history-status" />}
                    <time dateTime={h.at}>{formatDateTime(h.at, locale)}</time>
                    <bdi className="req-muted">{h.actor}</bdi>
                  </div>
                  {(h.valid_until || h.request) && (
                    <p className="req-muted">
                      {h.valid_until && t('vetting.validity.until', { until: formatDay(h.valid_until, locale) })}
                      {h.valid_until && h.request && ' · '}
                      {h.request &&
                        (h.request === request.id ? (
                          <bdi>{h.request}</bdi>
                        ) : (
                          <a href={routeHash({ page: 'vetting_request', id: h.request })}>
                            <bdi>{h.request}</bdi>
                          </a>
                        ))}
                    </p>
                  )}
                </li>
              ))}
            </ol>
          )}
          {record.requests.filter((r) => r.id !== request.id).length > 0 && (
            <>
              <h3 className="vet-subhead">{t('vetting.request.other_requests')}</h3>
              <ul className="vet-others" data-testid="other-requests">
                {record.requests
                  .filter((r) => r.id !== request.id)
                  .map((r) => (
                    <li key={r.id}>
                      <a href={routeHash({ page: 'vetting_request', id: r.id })} className="req-id">
                        <bdi>{r.id}</bdi>
                      </a>{' '}
                      {t(`vetting.purpose.${r.purpose}`, { defaultValue: r.purpose })}{' '}
                      {r.decision ? <StandingBadge status={r.decision.status} testId="other-decision" /> : <RequestStateBadge state={r.state} />}
                    </li>
                  ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

const kWithdrawLabels = {
  open: 'vetting.withdraw.open',
  hint: 'vetting.withdraw.hint',
  reason: 'vetting.withdraw.reason',
  submit: 'vetting.withdraw.submit',
  cancel: 'vetting.withdraw.cancel',
};

export interface VettingRequestPageProps {
  id: string;
  /** Clock, injectable for tests. */
  now?: () => number;
}

export function VettingRequestPage({ id, now = Date.now }: VettingRequestPageProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { locale } = useLanguage();
  const nowMs = useNow(now);
  const changed = latestEventSeq(useStreamEvents(), kVettingEvents);
  const { record, loadError, reload } = useRecord((signal) => getVetting(api, id, signal), id, changed);
  const [receipt, setReceipt] = useState<string | null>(null);
  const [decisions, setDecisions] = useState(0);
  const onDecided = useCallback(
    (reply: VettingRequest) => {
      setReceipt(reply.decision?.status ?? 'decided');
      setDecisions((n) => n + 1);
      reload();
    },
    [reload],
  );

  if (!record || record.id !== id) {
    return (
      <div className="req-page" data-testid="vetting-page">
        <RecordPlaceholder error={loadError} errorKeys={kVettingErrorKeys} backHref="#/vetting" backLabel={t('vetting.request.back')} />
      </div>
    );
  }
  const r = record;
  const overdue = isOverdue(r, nowMs);
  return (
    <div className="req-page req-detail" data-testid="vetting-page" data-id={r.id} data-state={r.state}>
      <header className="req-detail__head">
        <h1 className="req-page__title">
          <bdi data-testid="vetting-id">{r.id}</bdi>
        </h1>
        <RequestStateBadge state={r.state} />
        {overdue && <OverdueMark />}
      </header>

      {receipt && (
        <p className="req-receipt" role="status" data-testid="receipt">
          {t('vetting.decide.done', { status: t(`vetting.standing.${receipt}`, { defaultValue: receipt }) })}
        </p>
      )}

      <section className="req-section" aria-label={t('vetting.request.summary')}>
        <dl className="req-facts">
          <dt>{t('vetting.field.subject')}</dt>
          <dd>
            <SubjectLine subject={r.subject} label={r.subject_label} />
          </dd>
          <dt>{t('vetting.field.purpose')}</dt>
          <dd data-testid="vetting-purpose">
            {t(`vetting.purpose.${r.purpose}`, { defaultValue: r.purpose })}
            {r.purpose_ref && (
              <span className="req-muted">
                {' · '}
                <bdi>{r.purpose_ref}</bdi>
              </span>
            )}
          </dd>
          <dt>{t('vetting.field.submitted')}</dt>
          <dd>
            <time dateTime={r.submitted_at}>{formatDateTime(r.submitted_at, locale)}</time>
            <span className="req-muted">
              {' · '}
              <bdi>{r.submitted_by}</bdi>
            </span>
          </dd>
          {r.state === 'pending' && (
            <>
              <dt>{t('vetting.field.deadline')}</dt>
              <dd data-testid="vetting-deadline">
                <time dateTime={r.due_at}>{formatDay(r.due_at, locale)}</time> <DueText at={r.due_at} nowMs={nowMs} />
              </dd>
            </>
          )}
        </dl>
        {r.justification && (
          <>
            <h2 className="vet-subhead">{t('vetting.field.justification')}</h2>
            <p className="req-detail__details" dir="auto" data-testid="vetting-justification">
              {r.justification}
            </p>
          </>
        )}
      </section>

      <Decision request={r} />
      {r.state === 'pending' && canDecideVetting(me) && <DecisionForm key={r.id} request={r} onDone={onDecided} />}
      {canWithdrawVetting(me, r) && (
        <ReasonActionForm<VettingRequest>
          labels={kWithdrawLabels}
          required={false}
          testId="withdraw-vetting"
          errorKeys={kVettingErrorKeys}
          run={(reason) => withdrawVetting(api, r.id, reason)}
          onDone={() => reload()}
        />
      )}
      <SubjectHistory request={r} changed={changed + decisions} />
    </div>
  );
}

// One allegation (the coordinator's vetting officers and auditors only):
// whom it is about, its source, date received, category and summary, its
// status with every change (who, when, note), and for vetting officers the
// form to move it on, offering only the statuses the workflow allows. A
// substantiated allegation suspends the subject's clearance, and bars the
// unit if it is about a unit, until a vetting officer decides again: the
// form says so before the change is made.
import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changeAllegationStatus, getAllegation, type Allegation, type AllegationStatus } from '../api/allegations';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { formatDateTime } from '../common/time';
import { useCall } from '../common/useCall';
import { useRecord } from '../common/useRecord';
import { ErrorMessage, RecordPlaceholder, useLanguage, useParties } from '../requests/common';
import { partyName } from '../requests/format';
import { routeHash, useStreamEvents } from '../shell/routes';
import { formatDay } from '../training/format';
import { AllegationStatusBadge, AllegationSubjectLine, kAllegationErrorKeys, RegisterClosed } from './common';
import { allowedTransitions, canManageAllegations, canReadAllegations, kAllegationEvents } from './model';
import '../requests/requests.css';
import '../vetting/vetting.css';

function StatusForm({ allegation, onDone, onStale }: { allegation: Allegation; onDone(a: Allegation): void; onStale(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const ids = useId();
  const allowed = allowedTransitions(allegation);
  const [status, setStatus] = useState<AllegationStatus | ''>('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const call = useCall<Allegation>((a) => {
    setStatus('');
    setNote('');
    setTried(false);
    onDone(a);
  }, onStale);

  if (allowed.length === 0) {
    return (
      <p className="req-muted" data-testid="status-final">
        {t('allegations.change.final')}
      </p>
    );
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!status) return;
    void call.run(() => changeAllegationStatus(api, allegation.id, note.trim() ? { status, note: note.trim() } : { status }));
  };
  return (
    <section className="req-section req-panel" data-testid="status-form" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="req-section__title">
        {t('allegations.change.title')}
      </h2>
      <form className="req-form" noValidate onSubmit={onSubmit}>
        <fieldset className="req-fieldset">
          <legend>{t('allegations.change.to')}</legend>
          <div className="vet-choices" data-testid="transitions">
            {allowed.map((s) => (
              <label key={s} className="req-check vet-choice">
                <input
                  type="radio"
                  name={`${ids}-status`}
                  value={s}
                  data-testid={`to-${s}`}
                  checked={status === s}
                  onChange={() => setStatus(s)}
                />
                {t(`allegations.status.${s}`)}
              </label>
            ))}
          </div>
          {tried && !status && (
            <p className="req-field__error" data-testid="error-status">
              {t('allegations.validation.status')}
            </p>
          )}
        </fieldset>
        {allowed.includes('substantiated') && (
          <p className={`vet-warning${status === 'substantiated' ? ' vet-warning--active' : ''}`} data-testid="substantiated-warning">
            {allegation.subject.kind === 'unit'
              ? t('allegations.change.substantiated_unit')
              : t('allegations.change.substantiated_person')}
          </p>
        )}
        <div className="field req-field">
          <label htmlFor={`${ids}-note`}>{t('allegations.field.note')}</label>
          <textarea id={`${ids}-note`} dir="auto" rows={3} data-testid="field-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <ErrorMessage error={call.error} testId="status-error" keys={kAllegationErrorKeys} />
        <div className="req-actions">
          <button type="submit" className="button button--primary" data-testid="submit-status" disabled={call.pending}>
            {call.pending ? t('requests.new.sending') : t('allegations.change.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function AllegationView({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { language, locale } = useLanguage();
  const parties = useParties();
  const changed = latestEventSeq(useStreamEvents(), kAllegationEvents);
  const { record, loadError, reload } = useRecord((signal) => getAllegation(api, id, signal), id, changed);
  const [receipt, setReceipt] = useState<AllegationStatus | null>(null);
  const onChanged = useCallback(
    (a: Allegation) => {
      setReceipt(a.status);
      reload();
    },
    [reload],
  );

  if (!record || record.id !== id) {
    return (
      <div className="req-page" data-testid="allegation-page">
        <RecordPlaceholder
          error={loadError}
          errorKeys={kAllegationErrorKeys}
          backHref={routeHash({ page: 'allegations' })}
          backLabel={t('allegations.page.back')}
        />
      </div>
    );
  }
  const a = record;
  const history = a.history ?? [];
  return (
    <div className="req-page req-detail" data-testid="allegation-page" data-id={a.id} data-status={a.status}>
      <header className="req-detail__head">
        <h1 className="req-page__title">
          <bdi data-testid="allegation-id">{a.id}</bdi>
        </h1>
        <AllegationStatusBadge status={a.status} />
      </header>
      {receipt && (
        <p className="req-receipt" role="status" data-testid="receipt">
          {t('allegations.change.done', { status: t(`allegations.status.${receipt}`) })}
        </p>
      )}
      {a.status === 'substantiated' && (
        <p className="vet-warning vet-warning--active" data-testid="suspends-clearance">
          {a.subject.kind === 'unit' ? t('allegations.page.unit_barred') : t('allegations.page.person_suspended')}
        </p>
      )}
      <section className="req-section" aria-label={t('allegations.page.summary')}>
        <dl className="req-facts">
          <dt>{t('allegations.field.subject')}</dt>
          <dd>
            <AllegationSubjectLine subject={a.subject} partyName={partyName(a.subject.party, parties, language)} />
          </dd>
          <dt>{t('allegations.field.category')}</dt>
          <dd data-testid="allegation-category">{t(`allegations.category.${a.category}`, { defaultValue: a.category })}</dd>
          <dt>{t('allegations.field.source')}</dt>
          <dd dir="auto" data-testid="allegation-source">
            {a.source}
          </dd>
          <dt>{t('allegations.field.received_on')}</dt>
          <dd data-testid="allegation-received">{formatDay(a.received_on, locale)}</dd>
          {a.created_by && (
            <>
              <dt>{t('allegations.field.registered_by')}</dt>
              <dd>
                <bdi>{a.created_by}</bdi>
                {a.created_at && (
                  <span className="req-muted">
                    {' · '}
                    <time dateTime={a.created_at}>{formatDateTime(a.created_at, locale)}</time>
                  </span>
                )}
              </dd>
            </>
          )}
        </dl>
        <p className="req-detail__details" dir="auto" data-testid="allegation-summary">
          {a.summary}
        </p>
      </section>

      {canManageAllegations(me) && <StatusForm key={`${a.id}-${a.status}`} allegation={a} onDone={onChanged} onStale={reload} />}

      <section className="req-section" aria-label={t('allegations.page.history')}>
        <h2 className="req-section__title">{t('allegations.page.history')}</h2>
        {history.length === 0 ? (
          <p className="req-muted">{t('allegations.page.no_history')}</p>
        ) : (
          <ol className="req-timeline" data-testid="allegation-history">
            {history.map((h) => (
              <li key={h.seq} className="req-timeline__entry" data-testid="history-entry" data-status={h.status} data-seq={h.seq}>
                <div className="req-timeline__head">
                  <AllegationStatusBadge status={h.status} testId="history-status" />
                  <time dateTime={h.at}>{formatDateTime(h.at, locale)}</time>
                  <bdi className="req-muted">{h.actor}</bdi>
                  <span className="req-seq">{t('requests.timeline.seq', { seq: h.seq })}</span>
                </div>
                {h.note && (
                  <p className="req-comment__text" dir="auto" data-testid="history-note">
                    {h.note}
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

export function AllegationPage({ id }: { id: string }) {
  const { me } = useSession();
  return canReadAllegations(me) ? <AllegationView id={id} /> : <RegisterClosed testId="allegation-page" />;
}

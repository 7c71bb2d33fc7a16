// One session of a course: its dates, location, instructors and seats, the
// persons enrolled with their state and result; for those who enrol, the
// enrolment panel (check, enrol, refusal reasons); for the coordinator's
// trainers, recording each result; for enrollers, withdrawing an
// enrolment. Reloaded when a training event arrives on the shell's stream.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getSession, withdrawEnrolment, type Enrolment, type TrainingSession } from '../api/training';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { useCall } from '../common/useCall';
import { useRecord } from '../common/useRecord';
import { ErrorMessage, RecordPlaceholder, useLanguage } from '../requests/common';
import { routeHash, useStreamEvents } from '../shell/routes';
import { EnrolmentStateBadge, kTrainingErrorKeys, Seats } from './common';
import { EnrolPanel } from './EnrolPanel';
import { CancelSessionForm } from './CancelSessionForm';
import { formatDay, todayIso } from './format';
import { canEnrol, canManageTraining, daysBetween, kTrainingEvents, sessionCourseTitle } from './model';
import { ResultForm } from './ResultForm';
import '../requests/requests.css';
import './training.css';

function EnrolledName({ e }: { e: Enrolment }) {
  const { language } = useLanguage();
  const name = language === 'ar' ? e.person_name_ar || e.person_name_en : e.person_name_en || e.person_name_ar;
  return (
    <span data-testid="enrolment-person">
      {name ? <bdi>{name}</bdi> : <bdi>{e.person}</bdi>}
      <span className="req-muted">
        {e.service_number && (
          <>
            {' · '}
            <bdi>{e.service_number}</bdi>
          </>
        )}
        {name && (
          <>
            {' · '}
            <bdi>{e.person}</bdi>
          </>
        )}
      </span>
    </span>
  );
}

function Enrolments({ session, onChanged }: { session: TrainingSession; onChanged(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const [recording, setRecording] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const withdraw = useCall<Enrolment>(onChanged, onChanged, setError);
  const manage = canManageTraining(me);
  const enroller = canEnrol(me);
  const days = daysBetween(session.starts_on, session.ends_on);
  const list = session.enrolments ?? [];

  if (list.length === 0) {
    return (
      <p className="req-muted" data-testid="enrolments-empty">
        {t('training.session.no_enrolments')}
      </p>
    );
  }
  return (
    <>
      <ErrorMessage error={error} testId="withdraw-error" keys={kTrainingErrorKeys} />
      <table className="req-table" data-testid="enrolments">
        <thead>
          <tr>
            <th scope="col">{t('training.field.enrolment')}</th>
            <th scope="col">{t('training.field.person')}</th>
            <th scope="col">{t('training.field.state')}</th>
            <th scope="col">{t('training.field.attendance')}</th>
            <th scope="col">{t('training.field.score')}</th>
            {(manage || enroller) && <th scope="col">{t('training.field.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {list.map((e) => (
            <tr key={e.id} data-testid="enrolment-row" data-id={e.id} data-state={e.state}>
              <td>
                <bdi className="req-id">{e.id}</bdi>
              </td>
              <td>
                <EnrolledName e={e} />
              </td>
              <td>
                <EnrolmentStateBadge state={e.state} />
              </td>
              <td data-testid="enrolment-attendance">
                {e.attendance === null || e.attendance === undefined
                  ? '—'
                  : days !== null
                    ? t('training.session.attendance_of', { n: e.attendance, days })
                    : e.attendance}
              </td>
              <td data-testid="enrolment-score">{e.score ?? '—'}</td>
              {(manage || enroller) && (
                <td>
                  {e.state === 'enrolled' && recording !== e.id && (
                    <span className="trn-row-actions">
                      {manage && (
                        <button type="button" className="button" data-testid="record-result" onClick={() => setRecording(e.id)}>
                          {t('training.result.record')}
                        </button>
                      )}
                      {enroller && (
                        <button
                          type="button"
                          className="button button--quiet"
                          data-testid="withdraw"
                          disabled={withdraw.pending}
                          onClick={() => void withdraw.run(() => withdrawEnrolment(api, e.id))}
                        >
                          {t('training.enrol.withdraw')}
                        </button>
                      )}
                    </span>
                  )}
                  {recording === e.id && (
                    <ResultForm
                      enrolment={e}
                      days={days}
                      onDone={() => {
                        setRecording(null);
                        onChanged();
                      }}
                      onCancel={() => setRecording(null)}
                    />
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function SessionPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { language, locale } = useLanguage();
  const changed = latestEventSeq(useStreamEvents(), kTrainingEvents);
  const { record, loadError, reload } = useRecord((signal) => getSession(api, id, signal), id, changed);
  const onEnrolled = useCallback(() => reload(), [reload]);

  if (!record || record.id !== id) {
    return (
      <div className="req-page" data-testid="session-page">
        <RecordPlaceholder
          error={loadError}
          errorKeys={kTrainingErrorKeys}
          backHref={routeHash({ page: 'sessions', course: '' })}
          backLabel={t('training.session.back')}
        />
      </div>
    );
  }
  const s = record;
  const days = daysBetween(s.starts_on, s.ends_on);
  return (
    <div className="req-page req-detail" data-testid="session-page" data-id={s.id}>
      <header className="req-detail__head">
        <h1 className="req-page__title">
          <bdi data-testid="session-id">{s.id}</bdi>
          {' · '}
          <a href={routeHash({ page: 'course', code: s.course })} data-testid="session-course">
            <bdi>{sessionCourseTitle(s, language)}</bdi>
          </a>
        </h1>
        {s.state && s.state !== 'scheduled' && (
          <span className="req-state req-state--closed" data-testid="session-state">
            {t(`training.session_state.${s.state}`, { defaultValue: s.state })}
          </span>
        )}
      </header>

      <section className="req-section" aria-label={t('training.session.facts')}>
        <dl className="req-facts">
          <dt>{t('training.field.course')}</dt>
          <dd>
            <bdi>{s.course}</bdi>
          </dd>
          <dt>{t('training.field.dates')}</dt>
          <dd data-testid="session-dates">
            {t('training.session.dates', { from: formatDay(s.starts_on, locale), to: formatDay(s.ends_on, locale) })}
            {days !== null && <span className="req-muted"> · {t('training.session.days_count', { n: days })}</span>}
          </dd>
          <dt>{t('training.field.location')}</dt>
          <dd dir="auto" data-testid="session-location">
            {s.location}
          </dd>
          <dt>{t('training.field.instructors')}</dt>
          <dd data-testid="session-instructors">
            {s.instructors.length === 0 ? (
              <span className="req-muted">{t('training.session.no_instructors')}</span>
            ) : (
              s.instructors.map((name, i) => (
                <span key={`${name}-${i}`}>
                  {i > 0 && ', '}
                  <bdi>{name}</bdi>
                </span>
              ))
            )}
          </dd>
          <dt>{t('training.field.seats')}</dt>
          <dd>
            <Seats taken={s.seats_taken} capacity={s.capacity} />
          </dd>
        </dl>
      </section>

      {canManageTraining(me) && s.state !== 'cancelled' && s.starts_on > todayIso(Date.now()) && (
        <CancelSessionForm session={s} onDone={() => reload()} />
      )}

      {canEnrol(me) && s.state !== 'cancelled' && <EnrolPanel session={s} onEnrolled={onEnrolled} />}

      <section className="req-section" aria-label={t('training.session.enrolments')}>
        <h2 className="req-section__title">{t('training.session.enrolments')}</h2>
        <Enrolments session={s} onChanged={reload} />
      </section>
    </div>
  );
}

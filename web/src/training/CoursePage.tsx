// One course: its titles in English, Arabic and Hebrew, providing nation,
// duration, seats per session, prerequisites, the qualification it grants
// and for how long, and its sessions. The coordinator's trainers change it
// and schedule sessions. Reloaded when a training event arrives.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getCourse, listSessions } from '../api/training';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { usePagedList } from '../common/usePagedList';
import { useRecord } from '../common/useRecord';
import { RecordPlaceholder, useLanguage } from '../requests/common';
import { routeHash, useStreamEvents } from '../shell/routes';
import { CodeList, kTrainingErrorKeys, nationName, TrainingTabs, useNations } from './common';
import { CourseForm } from './CourseForm';
import { canManageTraining, courseTitle, kTrainingEvents } from './model';
import { SessionTable } from './SessionsPage';
import '../requests/requests.css';
import './training.css';

export function CoursePage({ code }: { code: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { language } = useLanguage();
  const nations = useNations();
  const changed = latestEventSeq(useStreamEvents(), kTrainingEvents);
  const { record, setRecord, loadError } = useRecord((signal) => getCourse(api, code, signal), code, changed);
  const sessions = usePagedList(
    (limit, cursor, signal) => listSessions(api, { course: code, limit, cursor }, signal),
    code,
    changed,
  );
  const [editing, setEditing] = useState(false);
  const manage = canManageTraining(me);

  if (!record || record.code !== code) {
    return (
      <div className="req-page" data-testid="course-page">
        <RecordPlaceholder
          error={loadError}
          errorKeys={kTrainingErrorKeys}
          backHref={routeHash({ page: 'courses' })}
          backLabel={t('training.course.back')}
        />
      </div>
    );
  }
  const c = record;
  return (
    <div className="req-page req-detail" data-testid="course-page" data-id={c.code}>
      <div className="req-page__head">
        <h1 className="req-page__title">
          <bdi data-testid="course-code">{c.code}</bdi> · <bdi data-testid="course-title">{courseTitle(c, language)}</bdi>
        </h1>
        <TrainingTabs current="courses" />
        {manage && !editing && (
          <button type="button" className="button req-page__new" data-testid="edit-course" onClick={() => setEditing(true)}>
            {t('training.course.edit')}
          </button>
        )}
      </div>

      {editing ? (
        <section className="req-section req-panel" aria-label={t('training.course.edit')}>
          <CourseForm
            course={c}
            onDone={(updated) => {
              setRecord({ ...c, ...updated });
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        </section>
      ) : (
        <section className="req-section" aria-label={t('training.course.facts')}>
          <dl className="req-facts">
            <dt>{t('training.field.title_en')}</dt>
            <dd dir="ltr" data-testid="course-title-en">
              {c.title_en}
            </dd>
            <dt>{t('training.field.title_ar')}</dt>
            <dd dir="rtl" lang="ar" data-testid="course-title-ar">
              {c.title_ar}
            </dd>
            {c.title_he && (
              <>
                <dt>{t('training.field.title_he')}</dt>
                <dd dir="rtl" lang="he" data-testid="course-title-he">
                  {c.title_he}
                </dd>
              </>
            )}
            <dt>{t('training.field.nation')}</dt>
            <dd data-testid="course-nation">
              <bdi>{nationName(c.nation, nations, language)}</bdi>
            </dd>
            <dt>{t('training.field.duration_days')}</dt>
            <dd data-testid="course-duration">{c.duration_days}</dd>
            <dt>{t('training.field.capacity')}</dt>
            <dd data-testid="course-capacity">{c.capacity}</dd>
            <dt>{t('training.field.prerequisites')}</dt>
            <dd>
              <CodeList codes={c.prerequisites} testId="course-prerequisites" none={t('training.course.no_prerequisites')} />
            </dd>
            <dt>{t('training.field.qualification')}</dt>
            <dd data-testid="course-qualification">
              <bdi>{c.qualification}</bdi>
              <span className="req-muted">
                {' · '}
                {c.validity_months === null
                  ? t('training.course.no_expiry')
                  : t('training.course.valid_months', { n: c.validity_months })}
              </span>
            </dd>
          </dl>
          {c.description && (
            <p className="req-detail__details" dir="auto" data-testid="course-description">
              {c.description}
            </p>
          )}
        </section>
      )}

      <section className="req-section" aria-label={t('training.sessions.title')}>
        <div className="trn-section-head">
          <h2 className="req-section__title">{t('training.sessions.title')}</h2>
          {manage && (
            <a className="button" href={routeHash({ page: 'new_session', course: c.code })} data-testid="schedule-session">
              {t('training.sessions.new')}
            </a>
          )}
        </div>
        <SessionTable list={sessions} showCourse={false} />
      </section>
    </div>
  );
}

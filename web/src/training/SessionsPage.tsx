// Sessions of the courses, soonest first as the server lists them: dates,
// location, seats taken of the capacity; by course. The coordinator's
// trainers schedule new ones. Reloaded when a training event arrives.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listCourses, listSessions, type Course, type TrainingSession } from '../api/training';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { kMaxPageSize, usePagedList, type PagedList } from '../common/usePagedList';
import { FilterSelect, PagedTable, useLanguage } from '../requests/common';
import { navigate, routeHash, useStreamEvents } from '../shell/routes';
import { kTrainingErrorKeys, Seats, TrainingTabs } from './common';
import { formatDay } from './format';
import { canManageTraining, courseTitle, kTrainingEvents, sessionCourseTitle } from './model';
import '../requests/requests.css';
import './training.css';

/** The catalogue's first page (enough for a choice of course); empty until loaded or on failure. */
export function useCourses(): Course[] {
  const api = useApi();
  const [courses, setCourses] = useState<Course[]>([]);
  useEffect(() => {
    const abort = new AbortController();
    listCourses(api, { limit: kMaxPageSize }, abort.signal)
      .then((page) => setCourses(page.items))
      .catch(() => {
        // The choice then holds only what the route names.
      });
    return () => abort.abort();
  }, [api]);
  return courses;
}

/** Sessions as a table; `showCourse` adds the course column (not on a course's own page). */
export function SessionTable({ list, showCourse = true }: { list: PagedList<TrainingSession>; showCourse?: boolean }) {
  const { t } = useTranslation();
  const { language, locale } = useLanguage();
  return (
    <PagedTable
      list={list}
      testId="session-list"
      empty={t('training.sessions.empty')}
      errorKeys={kTrainingErrorKeys}
      head={
        <>
          <th scope="col">{t('training.field.session')}</th>
          {showCourse && <th scope="col">{t('training.field.course')}</th>}
          <th scope="col">{t('training.field.dates')}</th>
          <th scope="col">{t('training.field.location')}</th>
          <th scope="col">{t('training.field.seats')}</th>
        </>
      }
      row={(s) => (
        <tr key={s.id} data-testid="session-row" data-id={s.id}>
          <td>
            <a href={routeHash({ page: 'training_session', id: s.id })} className="req-id" data-testid="session-link">
              <bdi>{s.id}</bdi>
            </a>
          </td>
          {showCourse && (
            <td className="req-table__title">
              <bdi>{sessionCourseTitle(s, language)}</bdi>
              {sessionCourseTitle(s, language) !== s.course && (
                <span className="req-muted">
                  {' · '}
                  <bdi>{s.course}</bdi>
                </span>
              )}
            </td>
          )}
          <td>{t('training.session.dates', { from: formatDay(s.starts_on, locale), to: formatDay(s.ends_on, locale) })}</td>
          <td dir="auto">{s.location}</td>
          <td>
            <Seats taken={s.seats_taken} capacity={s.capacity} />
          </td>
        </tr>
      )}
    />
  );
}

export function SessionsPage({ course }: { course: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { language } = useLanguage();
  const courses = useCourses();
  const changed = latestEventSeq(useStreamEvents(), kTrainingEvents);
  const list = usePagedList(
    (limit, cursor, signal) => listSessions(api, { course: course || undefined, limit, cursor }, signal),
    course,
    changed,
  );

  return (
    <div className="req-page" data-testid="sessions-page">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('training.sessions.title')}</h1>
        <TrainingTabs current="sessions" />
        {canManageTraining(me) && (
          <a className="button button--primary req-page__new" href={routeHash({ page: 'new_session', course })} data-testid="new-session">
            {t('training.sessions.new')}
          </a>
        )}
      </div>
      <form className="req-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          name="course"
          label={t('training.field.course')}
          value={course}
          onChange={(code) => navigate({ page: 'sessions', course: code })}
        >
          {courses.map((c) => (
            <option key={c.code} value={c.code}>
              {c.code} — {courseTitle(c, language)}
            </option>
          ))}
          {course && !courses.some((c) => c.code === course) && <option value={course}>{course}</option>}
        </FilterSelect>
      </form>
      <SessionTable list={list} />
    </div>
  );
}

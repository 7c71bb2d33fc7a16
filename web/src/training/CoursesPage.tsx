// The course catalogue: each course's code, title, providing nation,
// duration, seats, prerequisites, and the qualification it grants with its
// validity, a page at a time. The coordinator's trainers define new ones.
// Reloaded when a training event arrives on the shell's stream.
import { useTranslation } from 'react-i18next';
import { listCourses } from '../api/training';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { usePagedList } from '../common/usePagedList';
import { PagedTable, useLanguage } from '../requests/common';
import { routeHash, useStreamEvents } from '../shell/routes';
import { CodeList, kTrainingErrorKeys, nationName, TrainingTabs, useNations } from './common';
import { canManageTraining, courseTitle, kTrainingEvents } from './model';
import '../requests/requests.css';
import './training.css';

export function CoursesPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { language } = useLanguage();
  const nations = useNations();
  const changed = latestEventSeq(useStreamEvents(), kTrainingEvents);
  const list = usePagedList(
    async (limit, cursor, signal) => {
      const page = await listCourses(api, { limit, cursor }, signal);
      return { ...page, items: page.items.map((c) => ({ ...c, id: c.code })) };
    },
    'courses',
    changed,
  );

  return (
    <div className="req-page" data-testid="courses-page">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('training.courses.title')}</h1>
        <TrainingTabs current="courses" />
        {canManageTraining(me) && (
          <a className="button button--primary req-page__new" href={routeHash({ page: 'new_course' })} data-testid="new-course">
            {t('training.courses.new')}
          </a>
        )}
      </div>
      <p className="req-hint">{t('training.courses.intro')}</p>
      <PagedTable
        list={list}
        testId="course-list"
        empty={t('training.courses.empty')}
        errorKeys={kTrainingErrorKeys}
        head={
          <>
            <th scope="col">{t('training.field.code')}</th>
            <th scope="col">{t('training.field.title')}</th>
            <th scope="col">{t('training.field.nation')}</th>
            <th scope="col">{t('training.field.duration_days')}</th>
            <th scope="col">{t('training.field.capacity')}</th>
            <th scope="col">{t('training.field.prerequisites')}</th>
            <th scope="col">{t('training.field.qualification')}</th>
          </>
        }
        row={(c) => (
          <tr key={c.code} data-testid="course-row" data-id={c.code}>
            <td>
              <a href={routeHash({ page: 'course', code: c.code })} className="req-id" data-testid="course-link">
                <bdi>{c.code}</bdi>
              </a>
            </td>
            <td className="req-table__title">
              <bdi>{courseTitle(c, language)}</bdi>
            </td>
            <td>
              <bdi>{nationName(c.nation, nations, language)}</bdi>
            </td>
            <td>{c.duration_days}</td>
            <td>{c.capacity}</td>
            <td>
              <CodeList codes={c.prerequisites} none={t('training.course.no_prerequisites')} />
            </td>
            <td>
              <bdi>{c.qualification}</bdi>
              <span className="req-muted">
                {' · '}
                {c.validity_months === null
                  ? t('training.course.no_expiry')
                  : t('training.course.valid_months', { n: c.validity_months })}
              </span>
            </td>
          </tr>
        )}
      />
    </div>
  );
}

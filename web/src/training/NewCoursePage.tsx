// Defining a new course (the coordinator's trainers); its page opens once
// it is in the catalogue.
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/context';
import { navigate, routeHash } from '../shell/routes';
import { TrainingTabs } from './common';
import { CourseForm } from './CourseForm';
import { canManageTraining } from './model';
import '../requests/requests.css';
import './training.css';

export function NewCoursePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  return (
    <div className="req-page" data-testid="new-course-page">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('training.course.new_title')}</h1>
        <TrainingTabs current="courses" />
      </div>
      {canManageTraining(me) ? (
        <section className="req-section req-panel">
          <CourseForm
            onDone={(c) => navigate({ page: 'course', code: c.code })}
            onCancel={() => navigate({ page: 'courses' })}
          />
        </section>
      ) : (
        <p className="req-error" role="alert" data-testid="not-allowed">
          {t('training.error.forbidden')}{' '}
          <a href={routeHash({ page: 'courses' })}>{t('training.courses.title')}</a>
        </p>
      )}
    </div>
  );
}

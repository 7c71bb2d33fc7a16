// Scheduling a session of a course (the coordinator's trainers): its first
// and last day, location, instructors, and seats when not the course's.
// The session's page opens once it is scheduled.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { kMaxCapacity, scheduleSession, type SessionDraft, type TrainingSession } from '../api/training';
import { useApi, useSession } from '../app/context';
import { useCall } from '../common/useCall';
import { ErrorMessage, useLanguage } from '../requests/common';
import { focusFirstInvalid, serverFieldError, TextAreaField, TextField, useFormFields } from '../requests/fields';
import { navigate, routeHash } from '../shell/routes';
import { kTrainingErrorKeys, TrainingTabs } from './common';
import { isCalendarDate } from './format';
import { canManageTraining, courseTitle, splitList } from './model';
import { useCourses } from './SessionsPage';
import '../requests/requests.css';
import './training.css';

export interface SessionFields {
  course: string;
  starts_on: string;
  ends_on: string;
  location: string;
  instructors: string;
  capacity: string;
}

/** Local checks, i18n keys by field name. Pure. */
export function validateSession(f: SessionFields): Record<string, string> {
  const errors: Record<string, string> = {};
  const required = 'requests.validation.required';
  if (!f.course) errors['course'] = required;
  if (!isCalendarDate(f.starts_on)) errors['starts_on'] = f.starts_on ? 'training.validation.date' : required;
  if (!isCalendarDate(f.ends_on)) errors['ends_on'] = f.ends_on ? 'training.validation.date' : required;
  else if (isCalendarDate(f.starts_on) && f.ends_on < f.starts_on) errors['ends_on'] = 'training.validation.ends_before';
  if (!f.location.trim()) errors['location'] = required;
  if (f.capacity.trim() !== '') {
    const n = /^\d+$/.test(f.capacity.trim()) ? Number(f.capacity.trim()) : 0;
    if (n < 1 || n > kMaxCapacity) errors['capacity'] = 'training.validation.capacity';
  }
  return errors;
}

export function buildSession(f: SessionFields): SessionDraft {
  const draft: SessionDraft = {
    course: f.course,
    starts_on: f.starts_on,
    ends_on: f.ends_on,
    location: f.location.trim(),
    instructors: splitList(f.instructors),
  };
  if (f.capacity.trim() !== '') draft.capacity = Number(f.capacity.trim());
  return draft;
}

const kFieldNames = new Set(['course', 'starts_on', 'ends_on', 'location', 'instructors', 'capacity']);

export function NewSessionPage({ course }: { course: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { language } = useLanguage();
  const courses = useCourses();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<SessionFields>({
    course,
    starts_on: '',
    ends_on: '',
    location: '',
    instructors: '',
    capacity: '',
  });
  const [tried, setTried] = useState(false);
  const call = useCall<TrainingSession>((s) => navigate({ page: 'training_session', id: s.id }));
  const errors = validateSession(form);
  const fields = useFormFields(tried ? errors : {}, serverFieldError(call.error, kFieldNames));
  const update = (patch: Partial<SessionFields>) => setForm((f) => ({ ...f, ...patch }));
  const chosen = courses.find((c) => c.code === form.course);

  if (!canManageTraining(me)) {
    return (
      <div className="req-page" data-testid="new-session-page">
        <p className="req-error" role="alert" data-testid="not-allowed">
          {t('training.error.forbidden')}{' '}
          <a href={routeHash({ page: 'sessions', course: '' })}>{t('training.sessions.title')}</a>
        </p>
      </div>
    );
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(errors).length > 0) {
      focusFirstInvalid(formRef.current);
      return;
    }
    void call.run(() => scheduleSession(api, buildSession(form)));
  };
  const date = (name: 'starts_on' | 'ends_on', label: string) =>
    fields.field(
      name,
      label,
      <input {...fields.fieldProps(name)} type="date" value={form[name]} onChange={(e) => update({ [name]: e.target.value })} />,
    );

  return (
    <div className="req-page" data-testid="new-session-page">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('training.sessions.new_title')}</h1>
        <TrainingTabs current="sessions" />
      </div>
      <section className="req-section req-panel">
        <form ref={formRef} className="req-form" noValidate onSubmit={onSubmit} data-testid="session-form">
          <div className="req-row">
            {fields.field(
              'course',
              t('training.field.course'),
              <select {...fields.fieldProps('course')} value={form.course} onChange={(e) => update({ course: e.target.value })}>
                <option value="">{t('requests.new.choose')}</option>
                {courses.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.code} — {courseTitle(c, language)}
                  </option>
                ))}
                {form.course && !chosen && <option value={form.course}>{form.course}</option>}
              </select>,
              chosen ? t('training.sessions.course_hint', { days: chosen.duration_days, capacity: chosen.capacity }) : undefined,
            )}
          </div>
          <div className="req-row">
            {date('starts_on', t('training.field.starts_on'))}
            {date('ends_on', t('training.field.ends_on'))}
          </div>
          <div className="req-row">
            <TextField
              fields={fields}
              name="location"
              label={t('training.field.location')}
              required
              maxLength={200}
              value={form.location}
              onChange={(location) => update({ location })}
            />
            {fields.field(
              'capacity',
              t('training.field.capacity'),
              <input
                {...fields.fieldProps('capacity')}
                type="number"
                min={1}
                inputMode="numeric"
                placeholder={chosen ? String(chosen.capacity) : undefined}
                value={form.capacity}
                onChange={(e) => update({ capacity: e.target.value })}
              />,
              t('training.sessions.capacity_hint'),
            )}
          </div>
          <TextAreaField
            fields={fields}
            name="instructors"
            label={t('training.field.instructors')}
            hint={t('training.sessions.instructors_hint')}
            rows={3}
            value={form.instructors}
            onChange={(instructors) => update({ instructors })}
          />
          <ErrorMessage error={call.error} testId="session-error" keys={kTrainingErrorKeys} />
          <div className="req-actions">
            <button type="submit" className="button button--primary" data-testid="submit-session" disabled={call.pending}>
              {call.pending ? t('requests.new.sending') : t('training.sessions.schedule')}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}

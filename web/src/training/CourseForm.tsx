// Defining a course, or changing one (the coordinator's trainers): its code
// (fixed once created), titles in English and Arabic (and Hebrew), the
// providing coalition nation, duration, seats per session, prerequisite
// qualifications, the qualification a pass grants and how long it lasts.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createCourse,
  kMaxCapacity,
  kMaxDurationDays,
  kMaxTitleLength,
  updateCourse,
  type Course,
  type CourseDraft,
} from '../api/training';
import { useApi } from '../app/context';
import { useCall } from '../common/useCall';
import { ErrorMessage, useLanguage } from '../requests/common';
import { focusFirstInvalid, serverFieldError, TextAreaField, TextField, useFormFields } from '../requests/fields';
import { kTrainingErrorKeys, nationName, useNations } from './common';
import { splitList } from './model';

export interface CourseFields {
  code: string;
  title_en: string;
  title_ar: string;
  title_he: string;
  nation: string;
  duration_days: string;
  capacity: string;
  prerequisites: string;
  qualification: string;
  validity_months: string;
  description: string;
}

export function courseFields(c?: Course): CourseFields {
  return {
    code: c?.code ?? '',
    title_en: c?.title_en ?? '',
    title_ar: c?.title_ar ?? '',
    title_he: c?.title_he ?? '',
    nation: c?.nation ?? '',
    duration_days: c ? String(c.duration_days) : '',
    capacity: c ? String(c.capacity) : '',
    prerequisites: c ? c.prerequisites.join(', ') : '',
    qualification: c?.qualification ?? '',
    validity_months: c?.validity_months != null ? String(c.validity_months) : '',
    description: c?.description ?? '',
  };
}

const kCode = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : null);

/** Local checks, i18n keys by field name. Pure. */
export function validateCourse(f: CourseFields): Record<string, string> {
  const errors: Record<string, string> = {};
  const required = 'requests.validation.required';
  if (!f.code.trim()) errors['code'] = required;
  else if (!kCode.test(f.code.trim())) errors['code'] = 'training.validation.code';
  if (!f.title_en.trim()) errors['title_en'] = required;
  if (!f.title_ar.trim()) errors['title_ar'] = required;
  if (!f.nation) errors['nation'] = required;
  const duration = whole(f.duration_days);
  if (duration === null || duration < 1 || duration > kMaxDurationDays) errors['duration_days'] = 'training.validation.duration';
  const capacity = whole(f.capacity);
  if (capacity === null || capacity < 1 || capacity > kMaxCapacity) errors['capacity'] = 'training.validation.capacity';
  if (!f.qualification.trim()) errors['qualification'] = required;
  else if (!kCode.test(f.qualification.trim())) errors['qualification'] = 'training.validation.code';
  if (splitList(f.prerequisites).some((p) => !kCode.test(p))) errors['prerequisites'] = 'training.validation.code';
  if (f.validity_months.trim() !== '') {
    const months = whole(f.validity_months);
    if (months === null || months < 1) errors['validity_months'] = 'training.validation.validity';
  }
  return errors;
}

export function buildCourse(f: CourseFields): CourseDraft {
  const draft: CourseDraft = {
    code: f.code.trim(),
    title_en: f.title_en.trim(),
    title_ar: f.title_ar.trim(),
    nation: f.nation,
    duration_days: Number(f.duration_days.trim()),
    capacity: Number(f.capacity.trim()),
    prerequisites: splitList(f.prerequisites),
    qualification: f.qualification.trim(),
    validity_months: f.validity_months.trim() === '' ? null : Number(f.validity_months.trim()),
  };
  if (f.title_he.trim()) draft.title_he = f.title_he.trim();
  if (f.description.trim()) draft.description = f.description.trim();
  return draft;
}

const kFieldNames = new Set([
  'code',
  'title_en',
  'title_ar',
  'title_he',
  'nation',
  'duration_days',
  'capacity',
  'prerequisites',
  'qualification',
  'validity_months',
  'description',
]);

export interface CourseFormProps {
  /** The course to change; a new one when absent. */
  course?: Course;
  onDone(course: Course): void;
  onCancel?(): void;
}

export function CourseForm({ course, onDone, onCancel }: CourseFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { language } = useLanguage();
  const nations = useNations();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<CourseFields>(() => courseFields(course));
  const [tried, setTried] = useState(false);
  const call = useCall<Course>(onDone);
  const errors = validateCourse(form);
  const fields = useFormFields(tried ? errors : {}, serverFieldError(call.error, kFieldNames));
  const update = (patch: Partial<CourseFields>) => setForm((f) => ({ ...f, ...patch }));
  const editing = course !== undefined;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(errors).length > 0) {
      focusFirstInvalid(formRef.current);
      return;
    }
    const draft = buildCourse(form);
    void call.run(() => (editing ? updateCourse(api, course.code, draft) : createCourse(api, draft)));
  };
  const number = (name: 'duration_days' | 'capacity' | 'validity_months', label: string, hint?: string) =>
    fields.field(
      name,
      label,
      <input
        {...fields.fieldProps(name)}
        type="number"
        min={1}
        inputMode="numeric"
        value={form[name]}
        onChange={(e) => update({ [name]: e.target.value })}
      />,
      hint,
    );

  return (
    <form ref={formRef} className="req-form" noValidate onSubmit={onSubmit} data-testid="course-form">
      <div className="req-row">
        {editing ? (
          fields.field(
            'code',
            t('training.field.code'),
            <input {...fields.fieldProps('code')} type="text" dir="ltr" value={form.code} readOnly />,
          )
        ) : (
          <TextField
            fields={fields}
            name="code"
            label={t('training.field.code')}
            dir="ltr"
            required
            maxLength={32}
            value={form.code}
            onChange={(code) => update({ code })}
            hint={t('training.course.code_hint')}
          />
        )}
        {fields.field(
          'nation',
          t('training.field.nation'),
          <select {...fields.fieldProps('nation')} value={form.nation} onChange={(e) => update({ nation: e.target.value })}>
            <option value="">{t('requests.new.choose')}</option>
            {nations.map((n) => (
              <option key={n.code} value={n.code}>
                {nationName(n.code, nations, language)}
              </option>
            ))}
            {form.nation && !nations.some((n) => n.code === form.nation) && <option value={form.nation}>{form.nation}</option>}
          </select>,
        )}
      </div>
      <div className="req-row">
        <TextField
          fields={fields}
          name="title_en"
          label={t('training.field.title_en')}
          dir="ltr"
          required
          maxLength={kMaxTitleLength}
          value={form.title_en}
          onChange={(title_en) => update({ title_en })}
        />
        <TextField
          fields={fields}
          name="title_ar"
          label={t('training.field.title_ar')}
          required
          maxLength={kMaxTitleLength}
          value={form.title_ar}
          onChange={(title_ar) => update({ title_ar })}
        />
        <TextField
          fields={fields}
          name="title_he"
          label={t('training.field.title_he')}
          maxLength={kMaxTitleLength}
          value={form.title_he}
          onChange={(title_he) => update({ title_he })}
        />
      </div>
      <div className="req-row">
        {number('duration_days', t('training.field.duration_days'))}
        {number('capacity', t('training.field.capacity'), t('training.course.capacity_hint'))}
      </div>
      <div className="req-row">
        <TextField
          fields={fields}
          name="prerequisites"
          label={t('training.field.prerequisites')}
          dir="ltr"
          value={form.prerequisites}
          onChange={(prerequisites) => update({ prerequisites })}
          hint={t('training.course.prerequisites_hint')}
        />
        <TextField
          fields={fields}
          name="qualification"
          label={t('training.field.qualification')}
          dir="ltr"
          required
          maxLength={32}
          value={form.qualification}
          onChange={(qualification) => update({ qualification })}
        />
        {number('validity_months', t('training.field.validity_months'), t('training.course.validity_hint'))}
      </div>
      <TextAreaField
        fields={fields}
        name="description"
        label={t('training.field.description')}
        rows={3}
        value={form.description}
        onChange={(description) => update({ description })}
      />
      <ErrorMessage error={call.error} testId="course-error" keys={kTrainingErrorKeys} />
      <div className="req-actions">
        <button type="submit" className="button button--primary" data-testid="submit-course" disabled={call.pending}>
          {call.pending ? t('requests.new.sending') : editing ? t('training.course.save') : t('training.course.create')}
        </button>
        {onCancel && (
          <button type="button" className="button button--quiet" data-testid="cancel-course" onClick={onCancel}>
            {t('training.form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

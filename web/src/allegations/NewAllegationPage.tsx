// Registering an allegation (the coordinator's vetting officers): whom it
// is about (a person or a unit, of any party, as the source names it, and
// the registry's id when known), its source, the date it was received, its
// category and a summary. The allegation's page opens once registered.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  kAllegationCategories,
  kMaxLabelLength,
  kMaxSummaryLength,
  registerAllegation,
  type Allegation,
  type AllegationDraft,
} from '../api/allegations';
import { kSubjectKinds, type SubjectKind } from '../api/vetting';
import { useApi, useSession } from '../app/context';
import { useCall } from '../common/useCall';
import { useNow } from '../common/useNow';
import { ErrorMessage, PartyOptions, useLanguage, useParties } from '../requests/common';
import { EnumOptions, focusFirstInvalid, serverFieldError, TextAreaField, TextField, useFormFields } from '../requests/fields';
import { navigate, routeHash } from '../shell/routes';
import { isCalendarDate, todayIso } from '../training/format';
import { kAllegationErrorKeys, RegisterClosed } from './common';
import { canManageAllegations } from './model';
import '../requests/requests.css';
import '../vetting/vetting.css';

export interface AllegationFields {
  kind: SubjectKind;
  party: string;
  subject_id: string;
  label: string;
  source: string;
  received_on: string;
  category: string;
  summary: string;
}

/** Local checks, i18n keys by field name (the body's pointers, dotted). Pure. */
export function validateAllegation(f: AllegationFields, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const required = 'requests.validation.required';
  if (!f.party) errors['subject.party'] = required;
  if (!f.label.trim()) errors['subject.label'] = required;
  if (!f.source.trim()) errors['source'] = required;
  if (!isCalendarDate(f.received_on)) errors['received_on'] = f.received_on ? 'training.validation.date' : required;
  else if (f.received_on > today) errors['received_on'] = 'allegations.validation.future';
  if (!f.category.trim()) errors['category'] = required;
  if (!f.summary.trim()) errors['summary'] = required;
  else if (f.summary.length > kMaxSummaryLength) errors['summary'] = 'vetting.validation.too_long';
  return errors;
}

export function buildAllegation(f: AllegationFields): AllegationDraft {
  const subject: AllegationDraft['subject'] = { kind: f.kind, party: f.party, label: f.label.trim() };
  if (f.subject_id.trim()) subject.id = f.subject_id.trim();
  return {
    subject,
    source: f.source.trim(),
    received_on: f.received_on,
    category: f.category.trim(),
    summary: f.summary.trim(),
  };
}

const kFieldNames = new Set(['subject.kind', 'subject.party', 'subject.id', 'subject.label', 'source', 'received_on', 'category', 'summary']);

export interface NewAllegationPageProps {
  /** Clock, injectable for tests. */
  now?: () => number;
}

function RegisterForm({ now }: { now: () => number }) {
  const { t } = useTranslation();
  const api = useApi();
  const { language } = useLanguage();
  const parties = useParties();
  const ids = useId();
  const today = todayIso(useNow(now));
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<AllegationFields>(() => ({
    kind: 'unit',
    party: '',
    subject_id: '',
    label: '',
    source: '',
    received_on: todayIso(now()),
    category: '',
    summary: '',
  }));
  const [tried, setTried] = useState(false);
  const call = useCall<Allegation>((a) => navigate({ page: 'allegation', id: a.id }));
  const errors = validateAllegation(form, today);
  const fields = useFormFields(tried ? errors : {}, serverFieldError(call.error, kFieldNames));
  const update = (patch: Partial<AllegationFields>) => setForm((f) => ({ ...f, ...patch }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(errors).length > 0) {
      focusFirstInvalid(formRef.current);
      return;
    }
    void call.run(() => registerAllegation(api, buildAllegation(form)));
  };

  return (
    <form ref={formRef} className="req-form" noValidate onSubmit={onSubmit} data-testid="allegation-form">
      <div className="req-row">
        {fields.field(
          'subject.kind',
          t('vetting.field.subject_kind'),
          <select {...fields.fieldProps('subject.kind')} value={form.kind} onChange={(e) => update({ kind: e.target.value as SubjectKind })}>
            <EnumOptions values={kSubjectKinds} labelKey="vetting.kind" />
          </select>,
        )}
        {fields.field(
          'subject.party',
          t('allegations.field.party'),
          <select {...fields.fieldProps('subject.party')} value={form.party} onChange={(e) => update({ party: e.target.value })}>
            <option value="">{t('requests.new.choose')}</option>
            <PartyOptions parties={parties} language={language} />
          </select>,
        )}
      </div>
      <div className="req-row">
        <TextField
          fields={fields}
          name="subject.label"
          label={t('allegations.field.label')}
          required
          maxLength={kMaxLabelLength}
          value={form.label}
          onChange={(label) => update({ label })}
          hint={t('allegations.new.label_hint')}
        />
        <TextField
          fields={fields}
          name="subject.id"
          label={t('allegations.field.subject_id')}
          dir="ltr"
          maxLength={64}
          value={form.subject_id}
          onChange={(subject_id) => update({ subject_id })}
          hint={t('allegations.new.id_hint')}
        />
      </div>
      <div className="req-row">
        <TextField
          fields={fields}
          name="source"
          label={t('allegations.field.source')}
          required
          maxLength={400}
          value={form.source}
          onChange={(source) => update({ source })}
        />
        {fields.field(
          'received_on',
          t('allegations.field.received_on'),
          <input
            {...fields.fieldProps('received_on')}
            type="date"
            max={today}
            value={form.received_on}
            onChange={(e) => update({ received_on: e.target.value })}
          />,
        )}
        {fields.field(
          'category',
          t('allegations.field.category'),
          <>
            <input
              {...fields.fieldProps('category')}
              type="text"
              dir="auto"
              list={`${ids}-categories`}
              maxLength={64}
              value={form.category}
              onChange={(e) => update({ category: e.target.value })}
            />
            <datalist id={`${ids}-categories`}>
              {kAllegationCategories.map((c) => (
                <option key={c} value={c} label={t(`allegations.category.${c}`)} />
              ))}
            </datalist>
          </>,
          t('allegations.new.category_hint'),
        )}
      </div>
      <TextAreaField
        fields={fields}
        name="summary"
        label={t('allegations.field.summary')}
        rows={5}
        value={form.summary}
        onChange={(summary) => update({ summary })}
      />
      <ErrorMessage error={call.error} testId="allegation-error" keys={kAllegationErrorKeys} />
      <div className="req-actions">
        <button type="submit" className="button button--primary" data-testid="submit-allegation" disabled={call.pending}>
          {call.pending ? t('requests.new.sending') : t('allegations.new.submit')}
        </button>
      </div>
    </form>
  );
}

export function NewAllegationPage({ now = Date.now }: NewAllegationPageProps) {
  const { t } = useTranslation();
  const { me } = useSession();
  if (!canManageAllegations(me)) return <RegisterClosed testId="new-allegation-page" />;
  return (
    <div className="req-page" data-testid="new-allegation-page">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('allegations.new.title')}</h1>
        <a className="button button--quiet req-page__new" href={routeHash({ page: 'allegations' })}>
          {t('allegations.page.back')}
        </a>
      </div>
      <p className="req-hint">{t('allegations.new.intro')}</p>
      <section className="req-section req-panel">
        <RegisterForm now={now} />
      </section>
    </div>
  );
}

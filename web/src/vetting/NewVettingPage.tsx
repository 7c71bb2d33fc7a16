// Requesting vetting of a person or a unit (HR, for their own party's
// subjects; the coordinator's trainers and vetting officers): the subject
// (a person found in the registry, or a unit's id), the purpose, what it is
// for (a course code, a session, an equipment or assistance reference) and
// why. The request's page opens once it is in the queue.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../api/training';
import {
  kMaxJustificationLength,
  kSubjectKinds,
  kVettingPurposes,
  requestVetting,
  type SubjectKind,
  type VettingPurpose,
  type VettingRequest,
  type VettingRequestDraft,
} from '../api/vetting';
import { useApi, useSession } from '../app/context';
import { useCall } from '../common/useCall';
import { ErrorMessage } from '../requests/common';
import { EnumOptions, focusFirstInvalid, serverFieldError, TextAreaField, TextField, useFormFields } from '../requests/fields';
import { navigate, routeHash } from '../shell/routes';
import { PersonPicker } from '../training/PersonPicker';
import { kVettingErrorKeys } from './common';
import { canRequestVetting } from './model';
import '../requests/requests.css';
import './vetting.css';

export interface VettingFields {
  kind: SubjectKind;
  subject: string;
  purpose: VettingPurpose;
  purpose_ref: string;
  justification: string;
}

/** What a link may fill in ("#/vetting/new?kind=person&id=...&purpose=course&ref=SES-..."). */
export interface VettingPrefill {
  kind: string;
  subject: string;
  purpose: string;
  ref: string;
}

export function initialFields(p: VettingPrefill): VettingFields {
  return {
    kind: (kSubjectKinds as readonly string[]).includes(p.kind) ? (p.kind as SubjectKind) : 'person',
    subject: p.subject,
    purpose: (kVettingPurposes as readonly string[]).includes(p.purpose) ? (p.purpose as VettingPurpose) : 'course',
    purpose_ref: p.ref,
    justification: '',
  };
}

/** Local checks, i18n keys by field name. Pure. */
export function validateVetting(f: VettingFields): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!f.subject.trim()) errors['subject.id'] = f.kind === 'person' ? 'vetting.validation.person' : 'vetting.validation.unit';
  if (f.justification.length > kMaxJustificationLength) errors['justification'] = 'vetting.validation.too_long';
  return errors;
}

export function buildVetting(f: VettingFields): VettingRequestDraft {
  const draft: VettingRequestDraft = { subject: { kind: f.kind, id: f.subject.trim() }, purpose: f.purpose };
  if (f.purpose_ref.trim()) draft.purpose_ref = f.purpose_ref.trim();
  if (f.justification.trim()) draft.justification = f.justification.trim();
  return draft;
}

const kFieldNames = new Set(['subject.id', 'subject.kind', 'purpose', 'purpose_ref', 'justification']);

export function NewVettingPage({ prefill }: { prefill: VettingPrefill }) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<VettingFields>(() => initialFields(prefill));
  const [person, setPerson] = useState<PersonSummary | null>(null);
  const [tried, setTried] = useState(false);
  const call = useCall<VettingRequest>((r) => navigate({ page: 'vetting_request', id: r.id }));
  const errors = validateVetting(form);
  const fields = useFormFields(tried ? errors : {}, serverFieldError(call.error, kFieldNames));
  const update = (patch: Partial<VettingFields>) => setForm((f) => ({ ...f, ...patch }));

  if (!canRequestVetting(me)) {
    return (
      <div className="req-page" data-testid="new-vetting-page">
        <p className="req-error" role="alert" data-testid="not-allowed">
          {t('vetting.error.forbidden')} <a href="#/vetting">{t('vetting.queue.title')}</a>
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
    void call.run(() => requestVetting(api, buildVetting(form)));
  };
  const pick = (p: PersonSummary | null) => {
    setPerson(p);
    update({ subject: p?.id ?? '' });
  };

  return (
    <div className="req-page" data-testid="new-vetting-page">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('vetting.new.title')}</h1>
        <a className="button button--quiet req-page__new" href={routeHash({ page: 'vetting' })}>
          {t('vetting.request.back')}
        </a>
      </div>
      <p className="req-hint">{t('vetting.new.intro')}</p>
      <section className="req-section req-panel">
        <form ref={formRef} className="req-form" noValidate onSubmit={onSubmit} data-testid="vetting-form">
          <div className="req-row">
            {fields.field(
              'subject.kind',
              t('vetting.field.subject_kind'),
              <select
                {...fields.fieldProps('subject.kind')}
                value={form.kind}
                onChange={(e) => {
                  setPerson(null);
                  update({ kind: e.target.value as SubjectKind, subject: '' });
                }}
              >
                <EnumOptions values={kSubjectKinds} labelKey="vetting.kind" />
              </select>,
            )}
            {form.kind === 'unit' || (form.subject && !person) ? (
              <TextField
                fields={fields}
                name="subject.id"
                label={form.kind === 'unit' ? t('vetting.field.unit_id') : t('vetting.field.person_id')}
                dir="ltr"
                required
                maxLength={64}
                value={form.subject}
                onChange={(subject) => update({ subject })}
                {...(form.kind === 'unit' ? { hint: t('vetting.new.unit_hint') } : {})}
              />
            ) : (
              <div className="field req-field" data-field="subject.id">
                <PersonPicker picked={person} onPick={pick} label={t('vetting.new.find_person')} />
                {fields.errorFor('subject.id') && (
                  <p className="req-field__error" data-testid="error-subject.id">
                    {fields.errorFor('subject.id')}
                  </p>
                )}
              </div>
            )}
          </div>
          <div className="req-row">
            {fields.field(
              'purpose',
              t('vetting.field.purpose'),
              <select
                {...fields.fieldProps('purpose')}
                value={form.purpose}
                onChange={(e) => update({ purpose: e.target.value as VettingPurpose })}
              >
                <EnumOptions values={kVettingPurposes} labelKey="vetting.purpose" />
              </select>,
            )}
            <TextField
              fields={fields}
              name="purpose_ref"
              label={t('vetting.field.purpose_ref')}
              dir="ltr"
              maxLength={64}
              value={form.purpose_ref}
              onChange={(purpose_ref) => update({ purpose_ref })}
              hint={t(`vetting.new.ref_hint.${form.purpose}`)}
            />
          </div>
          <TextAreaField
            fields={fields}
            name="justification"
            label={t('vetting.field.justification')}
            rows={3}
            value={form.justification}
            onChange={(justification) => update({ justification })}
          />
          <ErrorMessage error={call.error} testId="vetting-error" keys={kVettingErrorKeys} />
          <div className="req-actions">
            <button type="submit" className="button button--primary" data-testid="submit-vetting" disabled={call.pending}>
              {call.pending ? t('requests.new.sending') : t('vetting.new.submit')}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}

// Recording a career event (docs/personnel.md, "Career events"): a
// promotion (the new rank), a transfer (the new unit and post), a
// suspension, a reinstatement, a retirement, a separation or a death, with
// its effective date and a note. The server derives the band, service,
// district and status. For the registry party's HR staff.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { kRecordableKinds, recordCareerEvent, type CareerEvent, type PersonDetail, type PersonnelReference } from '../api/personnel';
import { useApi } from '../app/context';
import { useCall } from '../common/useCall';
import { ErrorMessage, useLanguage } from '../requests/common';
import { EnumOptions, serverFieldError, TextAreaField, TextField, useFormFields } from '../requests/fields';
import type { FormErrors } from '../requests/draft';
import { buildCareer, initialCareerForm, kCareerFields, kKindFields, validateCareer, type CareerForm } from './career';
import { kPersonnelErrorKeys, RankOptions } from './common';

export interface CareerEventFormProps {
  person: PersonDetail;
  reference: PersonnelReference | null;
  onDone(reply: CareerEvent): void;
  /** Clock, injectable for tests. */
  now?: () => number;
}

export function CareerEventForm({ person, reference, onDone, now = Date.now }: CareerEventFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { language } = useLanguage();
  const [form, setForm] = useState<CareerForm>(() => initialCareerForm(now()));
  const [errors, setErrors] = useState<FormErrors>({});
  const call = useCall<CareerEvent>((reply) => {
    setForm(initialCareerForm(now()));
    onDone(reply);
  });
  const fields = useFormFields(errors, serverFieldError(call.error, kCareerFields));
  const { ids, fieldProps, field } = fields;
  const shows = (f: 'rank' | 'unit' | 'post') => kKindFields[form.kind].includes(f);
  const update = (patch: Partial<CareerForm>) => setForm((f) => ({ ...f, ...patch }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateCareer(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    void call.run(() => recordCareerEvent(api, person.id, buildCareer(form)));
  };

  return (
    <section className="req-section req-panel" data-testid="career-form" aria-labelledby={`${ids}-career-title`}>
      <h2 id={`${ids}-career-title`} className="req-section__title">
        {t('personnel.career.record')}
      </h2>
      <form className="req-form" noValidate onSubmit={onSubmit}>
        <div className="req-row">
          {field(
            'kind',
            t('personnel.career.kind'),
            <select {...fieldProps('kind')} value={form.kind} onChange={(e) => update({ kind: e.target.value as CareerForm['kind'] })}>
              <EnumOptions values={kRecordableKinds} labelKey="personnel.career.kinds" />
            </select>,
          )}
          {field(
            'effective',
            t('personnel.career.effective'),
            <input {...fieldProps('effective')} type="date" required value={form.effective} onChange={(e) => update({ effective: e.target.value })} />,
          )}
        </div>
        {shows('rank') &&
          field(
            'rank',
            t('personnel.career.new_rank'),
            <select {...fieldProps('rank')} value={form.rank} onChange={(e) => update({ rank: e.target.value })}>
              <option value="">{t('personnel.career.choose')}</option>
              <RankOptions reference={reference} language={language} />
            </select>,
          )}
        {shows('unit') && (
          <div className="req-row">
            <TextField
              fields={fields}
              name="unit"
              label={t('personnel.career.new_unit')}
              hint={t('personnel.career.unit_hint')}
              dir="ltr"
              value={form.unit}
              onChange={(unit) => update({ unit })}
            />
            <TextField fields={fields} name="post" label={t('personnel.career.new_post')} dir="ltr" value={form.post} onChange={(post) => update({ post })} />
          </div>
        )}
        <TextAreaField fields={fields} name="note" label={t('personnel.career.note')} rows={2} value={form.note} onChange={(note) => update({ note })} />
        <ErrorMessage error={call.error} testId="career-error" keys={kPersonnelErrorKeys} />
        <div className="req-actions">
          <button type="submit" className="button button--primary" disabled={call.pending} data-testid="career-submit">
            {call.pending ? t('app.loading') : t('personnel.career.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

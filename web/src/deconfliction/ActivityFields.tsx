// The inputs of an activity, for registering one and for changing one: what
// (kind, title, details, unit, point of contact, confidentiality) and where
// and when (the footprint drawn on the map, its window and buffer), with the
// live dry run of the footprint beside the map.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { kActivityKinds, kConfidentialities } from '../api/deconfliction';
import type { FootprintGeometry } from '../api/requests';
import { EnumSelectField, TextAreaField, TextField, TitleField, type FormFields } from '../requests/fields';
import type { Drawing } from '../requests/FootprintDrawer';
import { FootprintInputs } from '../requests/FootprintInputs';
import { checkRequestOf, type ActivityForm } from './draft';
import { DryRunPanel } from './DryRunPanel';

export interface ActivityFieldsProps {
  form: ActivityForm;
  onChange(patch: Partial<ActivityForm>): void;
  onDraw(update: (d: Drawing) => Drawing): void;
  fields: FormFields;
  /** The activity being changed: left out of its own dry run. */
  exclude?: string;
  /** The footprint being redrawn, dashed for reference. */
  reference?: FootprintGeometry | null;
}

export function ActivityFields({ form, onChange, onDraw, fields, exclude, reference = null }: ActivityFieldsProps) {
  const { t } = useTranslation();
  const { ids } = fields;
  const check = useMemo(() => checkRequestOf(form, exclude), [form, exclude]);

  return (
    <div className="req-new__columns">
      <section className="req-new__fields" aria-labelledby={`${ids}-what`}>
        <h2 id={`${ids}-what`} className="req-section__title">
          {t('deconfliction.form.what')}
        </h2>
        <div className="req-row">
          <EnumSelectField
            fields={fields}
            name="kind"
            label={t('deconfliction.field.kind')}
            value={form.kind}
            values={kActivityKinds}
            labelKey="deconfliction.kind"
            onChange={(kind) => onChange({ kind })}
          />
          <EnumSelectField
            fields={fields}
            name="confidentiality"
            label={t('deconfliction.field.confidentiality')}
            value={form.confidentiality}
            values={kConfidentialities}
            labelKey="deconfliction.confidentiality"
            onChange={(confidentiality) => onChange({ confidentiality })}
          />
        </div>
        <p className="req-hint">{t(`deconfliction.confidentiality_hint.${form.confidentiality}`)}</p>
        <TitleField
          fields={fields}
          name="title"
          label={t('deconfliction.field.title')}
          value={form.title}
          onChange={(title) => onChange({ title })}
        />
        <TextAreaField
          fields={fields}
          name="details"
          label={t('deconfliction.field.details')}
          hint={t('deconfliction.form.details_hint')}
          value={form.details}
          onChange={(details) => onChange({ details })}
        />
        <div className="req-row">
          <TextField
            fields={fields}
            name="unit"
            label={t('deconfliction.field.unit')}
            hint={t('deconfliction.form.unit_hint')}
            dir="ltr"
            value={form.unit}
            onChange={(unit) => onChange({ unit })}
          />
          <TextField
            fields={fields}
            name="poc"
            label={t('deconfliction.field.poc')}
            hint={t('deconfliction.form.poc_hint')}
            value={form.poc}
            onChange={(poc) => onChange({ poc })}
          />
        </div>
      </section>

      <section className="req-new__where" aria-labelledby={`${ids}-where`}>
        <h2 id={`${ids}-where`} className="req-section__title">
          {t('deconfliction.form.where')}
        </h2>
        <FootprintInputs value={form} onDraw={onDraw} onChange={onChange} fields={fields} reference={reference} />
        <DryRunPanel check={check} />
      </section>
    </div>
  );
}

// The inputs of an activity, for registering one and for changing one: what
// (kind, title, details, unit, point of contact, confidentiality) and where
// and when (the footprint drawn on the map, its window and buffer), with the
// live dry run of the footprint beside the map.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { kActivityKinds, kConfidentialities, type ActivityKind, type Confidentiality } from '../api/deconfliction';
import type { FootprintGeometry } from '../api/requests';
import { kMaxTitleLength } from '../requests/draft';
import type { Drawing } from '../requests/FootprintDrawer';
import { FootprintInputs, type FormFields } from '../requests/FootprintInputs';
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
  const { ids, fieldProps, field } = fields;
  const check = useMemo(() => checkRequestOf(form, exclude), [form, exclude]);

  return (
    <div className="req-new__columns">
      <section className="req-new__fields" aria-labelledby={`${ids}-what`}>
        <h2 id={`${ids}-what`} className="req-section__title">
          {t('deconfliction.form.what')}
        </h2>
        <div className="req-row">
          {field(
            'kind',
            t('deconfliction.field.kind'),
            <select
              {...fieldProps('kind')}
              value={form.kind}
              onChange={(e) => onChange({ kind: e.target.value as ActivityKind })}
            >
              {kActivityKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`deconfliction.kind.${k}`)}
                </option>
              ))}
            </select>,
          )}
          {field(
            'confidentiality',
            t('deconfliction.field.confidentiality'),
            <select
              {...fieldProps('confidentiality')}
              value={form.confidentiality}
              onChange={(e) => onChange({ confidentiality: e.target.value as Confidentiality })}
            >
              {kConfidentialities.map((c) => (
                <option key={c} value={c}>
                  {t(`deconfliction.confidentiality.${c}`)}
                </option>
              ))}
            </select>,
          )}
        </div>
        <p className="req-hint">{t(`deconfliction.confidentiality_hint.${form.confidentiality}`)}</p>
        {field(
          'title',
          t('deconfliction.field.title'),
          <input
            {...fieldProps('title')}
            type="text"
            dir="auto"
            required
            maxLength={kMaxTitleLength}
            value={form.title}
            onChange={(e) => onChange({ title: e.target.value })}
          />,
        )}
        {field(
          'details',
          t('deconfliction.field.details'),
          <textarea
            {...fieldProps('details')}
            dir="auto"
            rows={4}
            value={form.details}
            onChange={(e) => onChange({ details: e.target.value })}
          />,
          t('deconfliction.form.details_hint'),
        )}
        <div className="req-row">
          {field(
            'unit',
            t('deconfliction.field.unit'),
            <input
              {...fieldProps('unit')}
              type="text"
              dir="ltr"
              value={form.unit}
              onChange={(e) => onChange({ unit: e.target.value })}
            />,
            t('deconfliction.form.unit_hint'),
          )}
          {field(
            'poc',
            t('deconfliction.field.poc'),
            <input
              {...fieldProps('poc')}
              type="text"
              dir="auto"
              value={form.poc}
              onChange={(e) => onChange({ poc: e.target.value })}
            />,
            t('deconfliction.form.poc_hint'),
          )}
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

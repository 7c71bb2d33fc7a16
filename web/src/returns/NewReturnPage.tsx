// A new return case: who strayed (category, how many, their medical
// status), where they were found (a point drawn on the map), the force
// that receives them, who holds them if known, the circumstances, and
// optionally their name (only where the reporter's party holds or receives
// them, or is the coordinator: nobody else may record it) and a linked
// incident. Server validation errors are placed on the field they name; on
// success the page goes to the new case.
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { kMaxCount, kMaxNameLength, kMedicalStatuses, kReturnCategories, reportReturn } from '../api/returns';
import { useApi, useSession } from '../app/context';
import { LocationDrawer } from '../incidents/LocationDrawer';
import { ErrorMessage, PartyOptions, useLanguage, useParties } from '../requests/common';
import { EnumOptions, EnumSelectField, TextAreaField, TextField } from '../requests/fields';
import { useDrawnForm } from '../requests/useDrawnForm';
import { navigate } from '../shell/routes';
import { kReturnErrorKeys } from './common';
import { buildReport, initialReportForm, kReportFields, validateReport, type ReportForm } from './draft';
import '../requests/requests.css';
import './returns.css';

const kPointOnly = ['point'] as const;

/** Whether the reporter may record the name: their party will hold or receive the person, or is the coordinator. */
export function mayNameOnReport(me: { party: string; is_coordinator: boolean }, form: Pick<ReportForm, 'holding_party' | 'receiving_party'>): boolean {
  return me.is_coordinator || form.receiving_party === me.party || form.holding_party === me.party;
}

export function NewReturnPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { language } = useLanguage();
  const parties = useParties();
  const drawn = useDrawnForm(initialReportForm);
  const { form, update, onDraw, fields } = drawn;
  const { ids, errorFor, fieldProps, field } = fields;
  const nameAllowed = mayNameOnReport(me, form);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const created = await drawn.submit(
      (f) => validateReport(f, nameAllowed),
      (f) => reportReturn(api, buildReport(f, nameAllowed)),
      kReportFields,
    );
    if (created) navigate({ page: 'return_case', id: created.id });
  };

  return (
    <div className="req-page req-new" data-testid="new-return-page">
      <h1 className="req-page__title">{t('returns.new.title')}</h1>
      <form ref={drawn.formRef} className="req-new__form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <div className="req-new__columns">
          <section className="req-new__fields" aria-labelledby={`${ids}-who`}>
            <h2 id={`${ids}-who`} className="req-section__title">
              {t('returns.new.who')}
            </h2>
            <div className="req-row">
              {field(
                'category',
                t('returns.field.category'),
                <select
                  {...fieldProps('category')}
                  value={form.category}
                  required
                  onChange={(e) => update({ category: e.target.value as ReportForm['category'] })}
                >
                  <option value="">{t('requests.new.choose')}</option>
                  <EnumOptions values={kReturnCategories} labelKey="returns.category" />
                </select>,
              )}
              {field(
                'count',
                t('returns.field.count'),
                <input
                  {...fieldProps('count')}
                  type="number"
                  min={1}
                  max={kMaxCount}
                  step={1}
                  inputMode="numeric"
                  value={form.count}
                  onChange={(e) => update({ count: e.target.value })}
                />,
              )}
              <EnumSelectField
                fields={fields}
                name="medical_status"
                label={t('returns.field.medical_status')}
                value={form.medical_status}
                values={kMedicalStatuses}
                labelKey="returns.medical"
                onChange={(medical_status) => update({ medical_status })}
              />
            </div>
            <div className="req-row">
              {field(
                'receiving_party',
                t('returns.field.receiving_party'),
                <select
                  {...fieldProps('receiving_party')}
                  value={form.receiving_party}
                  required
                  onChange={(e) => update({ receiving_party: e.target.value })}
                >
                  <option value="">{t('requests.new.choose')}</option>
                  <PartyOptions parties={parties} language={language} />
                </select>,
                t('returns.new.receiving_hint'),
              )}
              {field(
                'holding_party',
                t('returns.field.holding_party'),
                <select
                  {...fieldProps('holding_party')}
                  value={form.holding_party}
                  onChange={(e) => update({ holding_party: e.target.value })}
                >
                  <option value="">{t('returns.new.not_known')}</option>
                  <PartyOptions parties={parties} language={language} />
                </select>,
              )}
              <TextField
                fields={fields}
                name="holding_unit"
                label={t('returns.field.holding_unit')}
                dir="ltr"
                value={form.holding_unit}
                onChange={(holding_unit) => update({ holding_unit })}
              />
            </div>
            <TextAreaField
              fields={fields}
              name="circumstances"
              label={t('returns.field.circumstances')}
              hint={t('returns.new.circumstances_hint')}
              rows={4}
              value={form.circumstances}
              onChange={(circumstances) => update({ circumstances })}
            />
            {nameAllowed ? (
              <TextField
                fields={fields}
                name="name"
                label={t('returns.field.name')}
                hint={t('returns.new.name_hint')}
                maxLength={kMaxNameLength}
                value={form.name}
                onChange={(name) => update({ name })}
              />
            ) : (
              <p className="req-hint" data-testid="name-not-allowed">
                {t('returns.new.name_not_allowed')}
              </p>
            )}
            <TextField
              fields={fields}
              name="incident"
              label={t('returns.field.incident')}
              hint={t('returns.new.incident_hint')}
              dir="ltr"
              value={form.incident}
              onChange={(incident) => update({ incident })}
            />
          </section>

          <section className="req-new__where" aria-labelledby={`${ids}-where`}>
            <h2 id={`${ids}-where`} className="req-section__title">
              {t('returns.new.where')}
            </h2>
            <LocationDrawer
              drawing={{ mode: form.mode, vertices: form.vertices }}
              onChange={onDraw}
              modes={kPointOnly}
              mapTestId="return-map"
              mapLabel={t('returns.new.map_label')}
              error={errorFor('location')}
            />
          </section>
        </div>

        <ErrorMessage error={drawn.submitError} testId="submit-error" keys={kReturnErrorKeys} />
        <div className="req-actions">
          <button type="submit" className="button button--primary" data-testid="submit" disabled={drawn.pending}>
            {drawn.pending ? t('requests.new.sending') : t('returns.new.submit')}
          </button>
          <a className="button button--quiet" href="#/returns">
            {t('requests.action.cancel')}
          </a>
        </div>
      </form>
    </div>
  );
}

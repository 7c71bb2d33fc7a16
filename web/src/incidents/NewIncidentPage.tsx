// The incident report: what happened (type, severity, title, description),
// when, where (a point or an area drawn on the map), with whom it is
// shared (the coordinator always), and optionally the casualties by side
// and linked records. Server validation errors are placed on the field
// their JSON Pointer names; on success the page goes to the new incident.
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { kAlertSeverity, kIncidentTypes, kSeverities, reportIncident } from '../api/incidents';
import { useApi, useSession } from '../app/context';
import { ErrorMessage, useLanguage, useParties } from '../requests/common';
import { EnumOptions, TextAreaField, TitleField } from '../requests/fields';
import { partyName } from '../requests/format';
import { useDrawnForm } from '../requests/useDrawnForm';
import { navigate } from '../shell/routes';
import { CasualtyInputs, kIncidentErrorKeys, LinkIdInputs } from './common';
import { buildReport, initialReportForm, kLocationModes, reportFields, validateReport } from './draft';
import { LocationDrawer } from './LocationDrawer';
import '../requests/requests.css';
import './incidents.css';

export interface NewIncidentPageProps {
  /** Clock, injectable for tests. */
  now?: () => number;
}

export function NewIncidentPage({ now = Date.now }: NewIncidentPageProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { language } = useLanguage();
  const parties = useParties();
  const drawn = useDrawnForm(() => initialReportForm(now()));
  const { form, update, onDraw, fields } = drawn;
  const { ids, errorFor, fieldProps, field } = fields;

  const others = parties.filter((p) => p.id !== me.party);
  const coordinators = others.filter((p) => p.is_coordinator).map((p) => p.id);
  const toggleShare = (party: string, on: boolean) =>
    update({ shared_with: on ? [...form.shared_with, party] : form.shared_with.filter((p) => p !== party) });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const created = await drawn.submit(
      (f) => validateReport(f, now()),
      (f) => reportIncident(api, buildReport(f, coordinators)),
      reportFields(form),
    );
    if (created) navigate({ page: 'incident', id: created.id });
  };

  return (
    <div className="req-page req-new" data-testid="new-incident-page">
      <h1 className="req-page__title">{t('incidents.new.title')}</h1>
      <p className="req-hint">{t('incidents.new.intro')}</p>
      <form ref={drawn.formRef} className="req-new__form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <div className="req-new__columns">
          <section className="req-new__fields" aria-labelledby={`${ids}-what`}>
            <h2 id={`${ids}-what`} className="req-section__title">
              {t('incidents.new.what')}
            </h2>
            <div className="req-row">
              {field(
                'type',
                t('incidents.field.type'),
                <select {...fieldProps('type')} value={form.type} required onChange={(e) => update({ type: e.target.value as typeof form.type })}>
                  <option value="">{t('requests.new.choose')}</option>
                  <EnumOptions values={kIncidentTypes} labelKey="incidents.type" />
                </select>,
              )}
              {field(
                'severity',
                t('incidents.field.severity'),
                <select
                  {...fieldProps('severity')}
                  value={form.severity}
                  required
                  onChange={(e) => update({ severity: e.target.value as typeof form.severity })}
                >
                  <option value="">{t('requests.new.choose')}</option>
                  {kSeverities.map((s) => (
                    <option key={s} value={String(s)}>
                      {t('incidents.severity_option', { n: s, meaning: t(`incidents.severity_hint.${s}`) })}
                    </option>
                  ))}
                </select>,
              )}
              {field(
                'occurred_at',
                t('incidents.field.occurred_at'),
                <input
                  {...fieldProps('occurred_at')}
                  type="datetime-local"
                  value={form.occurred_at}
                  onChange={(e) => update({ occurred_at: e.target.value })}
                />,
              )}
            </div>
            {Number(form.severity) >= kAlertSeverity && (
              <p className="req-warning" role="note" data-testid="alert-note">
                {t('incidents.new.alert_note')}
              </p>
            )}
            <TitleField
              fields={fields}
              name="title"
              label={t('incidents.field.title')}
              value={form.title}
              onChange={(title) => update({ title })}
            />
            <TextAreaField
              fields={fields}
              name="description"
              label={t('incidents.field.description')}
              hint={t('incidents.new.description_hint')}
              rows={6}
              value={form.description}
              onChange={(description) => update({ description })}
            />

            <fieldset className="req-fieldset" data-testid="shared-with" aria-describedby={`${ids}-shared-hint`}>
              <legend>{t('incidents.field.shared_with')}</legend>
              <p className="req-hint" id={`${ids}-shared-hint`}>
                {t('incidents.new.shared_hint')}
              </p>
              {others.map((p) => {
                const always = p.is_coordinator;
                return (
                  <label key={p.id} className="req-check">
                    <input
                      type="checkbox"
                      data-testid={`share-${p.id}`}
                      checked={always || form.shared_with.includes(p.id)}
                      disabled={always}
                      onChange={(e) => toggleShare(p.id, e.target.checked)}
                    />
                    <bdi>{partyName(p.id, parties, language)}</bdi>
                    {always && <span className="req-muted"> ({t('incidents.new.always')})</span>}
                  </label>
                );
              })}
              {errorFor('shared_with') && (
                <p className="req-field__error" data-testid="error-shared_with">
                  {errorFor('shared_with')}
                </p>
              )}
            </fieldset>

            <label className="req-check">
              <input
                type="checkbox"
                data-testid="with-casualties"
                checked={form.with_casualties}
                onChange={(e) => update({ with_casualties: e.target.checked })}
              />
              {t('incidents.new.with_casualties')}
            </label>
            {form.with_casualties && (
              <CasualtyInputs
                value={form.casualties}
                onChange={(casualties) => update({ casualties })}
                parties={parties}
                errorFor={errorFor}
              />
            )}
            <LinkIdInputs links={form.links} onChange={(links) => update({ links })} errorFor={errorFor} />
          </section>

          <section className="req-new__where" aria-labelledby={`${ids}-where`}>
            <h2 id={`${ids}-where`} className="req-section__title">
              {t('incidents.new.where')}
            </h2>
            <LocationDrawer
              drawing={{ mode: form.mode, vertices: form.vertices }}
              onChange={onDraw}
              modes={kLocationModes}
              mapTestId="incident-map"
              mapLabel={t('incidents.new.map_label')}
              error={errorFor('location')}
            />
          </section>
        </div>

        <ErrorMessage error={drawn.submitError} testId="submit-error" keys={kIncidentErrorKeys} />
        <div className="req-actions">
          <button type="submit" className="button button--primary" data-testid="submit" disabled={drawn.pending}>
            {drawn.pending ? t('requests.new.sending') : t('incidents.new.submit')}
          </button>
          <a className="button button--quiet" href="#/incidents">
            {t('requests.action.cancel')}
          </a>
        </div>
      </form>
    </div>
  );
}

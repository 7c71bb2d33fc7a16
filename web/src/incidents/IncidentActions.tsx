// What a user may do to an incident, each form shown only when it applies
// (model.ts): add an update (a text and new values for the severity, the
// state, the casualties, the location or the links: nothing is
// overwritten, the update is appended to the timeline), acknowledge it for
// their party, and close it with a summary. A 409 means the incident
// changed meanwhile (or was closed): the page reloads.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import {
  acknowledgeIncident,
  closeIncident,
  kAlertSeverity,
  kSeverities,
  kUpdatableStates,
  updateIncident,
  type Incident,
} from '../api/incidents';
import { useApi, useSession } from '../app/context';
import { useCall } from '../common/useCall';
import { formatDateTime } from '../common/time';
import { Countdown, ErrorMessage, useLanguage, useParties } from '../requests/common';
import { EnumOptions, TextAreaField } from '../requests/fields';
import { useDrawnForm } from '../requests/useDrawnForm';
import { CasualtyInputs, kIncidentErrorKeys, LinkIdInputs } from './common';
import { buildUpdate, initialUpdateForm, kLocationModes, updateFields, validateUpdate } from './draft';
import { LocationDrawer } from './LocationDrawer';
import { canAcknowledge, canClose, canUpdate, owedAcknowledgement } from './model';

export type IncidentAction = 'updated' | 'acknowledged' | 'closed';

export interface IncidentActionProps {
  incident: Incident;
  /** Called with each successful reply (its seq is the receipt). */
  onDone(reply: Incident, action: IncidentAction): void;
  /** Called after a 409: the page is stale and reloads. */
  onStale(): void;
  /** The page's clock (ms), for the acknowledgement countdown. */
  nowMs: number;
}

export function UpdateForm({ incident, onDone, onStale }: IncidentActionProps) {
  const { t } = useTranslation();
  const api = useApi();
  const parties = useParties();
  const drawn = useDrawnForm(() => initialUpdateForm(incident));
  const { form, update, onDraw, fields } = drawn;
  const { ids, errorFor, fieldProps, field } = fields;
  const [empty, setEmpty] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const body = buildUpdate(form);
    setEmpty(body === null && Object.keys(validateUpdate(form)).length === 0);
    const reply = await drawn.submit(validateUpdate, () => (body ? updateIncident(api, incident.id, body) : null), updateFields(form));
    if (reply) {
      drawn.reset(initialUpdateForm(reply));
      onDone(reply, 'updated');
    }
  };
  // Closed or changed meanwhile: the page reloads (the error stays shown).
  const stale = isApiError(drawn.submitError) && drawn.submitError.status === 409;
  useEffect(() => {
    if (stale) onStale();
  }, [stale, onStale]);

  return (
    <section className="req-section req-panel" data-testid="update-form" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="req-section__title">
        {t('incidents.update.title')}
      </h2>
      <form ref={drawn.formRef} className="req-form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextAreaField
          fields={fields}
          name="text"
          label={t('incidents.update.text')}
          rows={3}
          value={form.text}
          onChange={(text) => update({ text })}
        />
        <div className="req-row">
          {field(
            'severity',
            t('incidents.field.severity'),
            <select
              {...fieldProps('severity')}
              value={form.severity}
              onChange={(e) => update({ severity: e.target.value as typeof form.severity })}
            >
              <option value="">{t('incidents.update.unchanged', { value: t('incidents.severity_label', { n: incident.severity }) })}</option>
              {kSeverities
                .filter((s) => s !== incident.severity)
                .map((s) => (
                  <option key={s} value={String(s)}>
                    {t('incidents.severity_option', { n: s, meaning: t(`incidents.severity_hint.${s}`) })}
                  </option>
                ))}
            </select>,
          )}
          {field(
            'state',
            t('incidents.field.state'),
            <select
              {...fieldProps('state')}
              value={form.state}
              onChange={(e) => update({ state: e.target.value as typeof form.state })}
            >
              <option value="">
                {t('incidents.update.unchanged', { value: t(`incidents.state.${incident.state}`) })}
              </option>
              <EnumOptions values={kUpdatableStates.filter((s) => s !== incident.state)} labelKey="incidents.state" />
            </select>,
          )}
        </div>
        {Number(form.severity) >= kAlertSeverity && incident.severity < kAlertSeverity && (
          <p className="req-warning" role="note" data-testid="alert-note">
            {t('incidents.new.alert_note')}
          </p>
        )}

        <label className="req-check">
          <input
            type="checkbox"
            data-testid="edit-casualties"
            checked={form.edit_casualties}
            onChange={(e) => update({ edit_casualties: e.target.checked })}
          />
          {t('incidents.update.edit_casualties')}
        </label>
        {form.edit_casualties && (
          <CasualtyInputs
            value={form.casualties}
            onChange={(casualties) => update({ casualties })}
            parties={parties}
            errorFor={errorFor}
          />
        )}

        <label className="req-check">
          <input
            type="checkbox"
            data-testid="move-location"
            checked={form.move}
            onChange={(e) => update({ move: e.target.checked })}
          />
          {t('incidents.update.move')}
        </label>
        {form.move && (
          <LocationDrawer
            drawing={{ mode: form.mode, vertices: form.vertices }}
            onChange={onDraw}
            modes={kLocationModes}
            mapTestId="update-map"
            mapLabel={t('incidents.new.map_label')}
            reference={incident.location}
            error={errorFor('location')}
          />
        )}

        <label className="req-check">
          <input
            type="checkbox"
            data-testid="edit-links"
            checked={form.edit_links}
            onChange={(e) => update({ edit_links: e.target.checked })}
          />
          {t('incidents.update.edit_links')}
        </label>
        {form.edit_links && <LinkIdInputs links={form.links} onChange={(links) => update({ links })} errorFor={errorFor} />}

        {empty && (
          <p className="req-warning" role="alert" data-testid="update-empty">
            {t('incidents.update.empty')}
          </p>
        )}
        <ErrorMessage error={drawn.submitError} testId="update-error" keys={kIncidentErrorKeys} />
        <div className="req-actions">
          <button type="submit" className="button button--primary" data-testid="submit-update" disabled={drawn.pending}>
            {drawn.pending ? t('requests.new.sending') : t('incidents.update.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function AcknowledgeForm({ incident, onDone, onStale, nowMs }: IncidentActionProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { locale } = useLanguage();
  const ids = useId();
  const [note, setNote] = useState('');
  const call = useCall<Incident>((r) => onDone(r, 'acknowledged'), onStale);
  const owed = owedAcknowledgement(me, incident);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void call.run(() => acknowledgeIncident(api, incident.id, note.trim() || undefined));
  };
  return (
    <section className="req-section req-panel inc-ack-form" data-testid="acknowledge-form" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="req-section__title">
        {t('incidents.acknowledge.title')}
      </h2>
      {owed && (
        <p className="req-hint">
          {t('incidents.acknowledge.due', { at: formatDateTime(owed.due_at, locale) })}{' '}
          <Countdown at={owed.due_at} nowMs={nowMs} testId="acknowledge-countdown" />
        </p>
      )}
      <form className="req-form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={`${ids}-note`}>{t('incidents.acknowledge.note')}</label>
          <textarea
            id={`${ids}-note`}
            dir="auto"
            rows={2}
            data-testid="acknowledge-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        <ErrorMessage error={call.error} testId="acknowledge-error" keys={kIncidentErrorKeys} />
        <div className="req-actions">
          <button type="submit" className="button button--primary" data-testid="submit-acknowledge" disabled={call.pending}>
            {t('incidents.acknowledge.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function CloseForm({ incident, onDone, onStale }: IncidentActionProps) {
  const { t } = useTranslation();
  const api = useApi();
  const ids = useId();
  const [summary, setSummary] = useState('');
  const [tried, setTried] = useState(false);
  const call = useCall<Incident>((r) => onDone(r, 'closed'), onStale);
  const missing = summary.trim() === '';
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (missing) return;
    void call.run(() => closeIncident(api, incident.id, summary.trim()));
  };
  return (
    <section className="req-section req-panel" data-testid="close-form" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="req-section__title">
        {t('incidents.close.title')}
      </h2>
      <p className="req-hint">{t('incidents.close.hint')}</p>
      <form className="req-form" noValidate onSubmit={onSubmit}>
        <div className="field req-field">
          <label htmlFor={`${ids}-summary`}>{t('incidents.close.summary')}</label>
          <textarea
            id={`${ids}-summary`}
            dir="auto"
            rows={3}
            data-testid="close-summary"
            aria-invalid={tried && missing ? true : undefined}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
          />
          {tried && missing && (
            <p className="req-field__error" data-testid="error-summary">
              {t('requests.validation.required')}
            </p>
          )}
        </div>
        <ErrorMessage error={call.error} testId="close-error" keys={kIncidentErrorKeys} />
        <div className="req-actions">
          <button type="submit" className="button button--primary" data-testid="submit-close" disabled={call.pending}>
            {t('incidents.close.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The forms that apply to this user and incident, in the order they are usually needed. */
export function IncidentActions(props: IncidentActionProps) {
  const { me } = useSession();
  const { incident } = props;
  return (
    <>
      {canAcknowledge(me, incident) && <AcknowledgeForm {...props} />}
      {canUpdate(me, incident) && <UpdateForm {...props} />}
      {canClose(me, incident) && <CloseForm {...props} />}
    </>
  );
}

// Moving a case to its next stage, with that stage's data (docs/returns.md,
// "Stages"): located (who holds the person, where they were found if not
// where reported), secured, handover arranged (the handover point from the
// published list, the time, the receiving unit), handed over (the receiving
// party confirms), closed (a summary). The medical status may change at
// any stage. And, for the parties entitled to it, recording or correcting
// the person's name. A 409 means the case moved meanwhile: the page
// reloads.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import {
  advanceReturn,
  kMaxNameLength,
  kMedicalStatuses,
  recordReturnName,
  type AdvanceStage,
  type HandoverPoint,
  type ReturnCase,
} from '../api/returns';
import { useApi } from '../app/context';
import { useCall } from '../common/useCall';
import { LocationDrawer } from '../incidents/LocationDrawer';
import { ErrorMessage, PartyOptions, useLanguage, useParties } from '../requests/common';
import { EnumOptions, TextAreaField, TextField } from '../requests/fields';
import { useDrawnForm } from '../requests/useDrawnForm';
import { kReturnErrorKeys } from './common';
import { advanceFields, buildAdvance, initialAdvanceForm, kStageFields, nameError, validateAdvance } from './draft';
import { pointGovernorate, pointName, pointsFor } from './model';

const kPointOnly = ['point'] as const;

export interface AdvanceFormProps {
  record: ReturnCase;
  stage: AdvanceStage;
  points: readonly HandoverPoint[];
  /** The handover points could not be read. */
  pointsFailed: boolean;
  onDone(reply: ReturnCase): void;
  /** Called after a 409: the page is stale and reloads. */
  onStale(): void;
}

export function AdvanceForm({ record, stage, points, pointsFailed, onDone, onStale }: AdvanceFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { language } = useLanguage();
  const parties = useParties();
  const drawn = useDrawnForm(initialAdvanceForm);
  const { form, update, onDraw, fields } = drawn;
  const { ids, errorFor, fieldProps, field } = fields;
  const shows = (f: string) => (kStageFields[stage] as readonly string[]).includes(f);
  const { near, other } = pointsFor(points, record.district, language);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const reply = await drawn.submit(
      (f) => validateAdvance(stage, f),
      (f) => advanceReturn(api, record.id, buildAdvance(stage, f)),
      advanceFields(stage),
    );
    if (reply) {
      drawn.reset(initialAdvanceForm());
      onDone(reply);
    }
  };
  const stale = isApiError(drawn.submitError) && drawn.submitError.status === 409;
  useEffect(() => {
    if (stale) onStale();
  }, [stale, onStale]);

  return (
    <section className="req-section req-panel" data-testid="advance-form" data-stage={stage} aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="req-section__title">
        {t('returns.advance.title', { stage: t(`returns.stage.${stage}`) })}
      </h2>
      <p className="req-hint">{t(`returns.advance.hint.${stage}`)}</p>
      <form ref={drawn.formRef} className="req-form" noValidate onSubmit={(e) => void onSubmit(e)}>
        {shows('holding_party') && record.holding_party === null && (
          <div className="req-row">
            {field(
              'holding_party',
              t('returns.field.holding_party'),
              <select {...fieldProps('holding_party')} value={form.holding_party} onChange={(e) => update({ holding_party: e.target.value })}>
                <option value="">{t('returns.advance.my_party')}</option>
                <PartyOptions parties={parties} language={language} />
              </select>,
            )}
          </div>
        )}
        {shows('handover_point') && (
          <div className="req-row">
            {field(
              'handover_point',
              t('returns.field.handover_point'),
              <select
                {...fieldProps('handover_point')}
                value={form.handover_point}
                required
                onChange={(e) => update({ handover_point: e.target.value })}
              >
                <option value="">{t('requests.new.choose')}</option>
                {near.length > 0 && (
                  <optgroup label={t('returns.advance.points_near')}>
                    {near.map((p) => (
                      <option key={p.id} value={p.id}>
                        {pointName(p, language)}
                      </option>
                    ))}
                  </optgroup>
                )}
                <optgroup label={near.length > 0 ? t('returns.advance.points_other') : t('returns.advance.points_all')}>
                  {other.map((p) => (
                    <option key={p.id} value={p.id}>
                      {pointName(p, language)}
                      {p.governorate ? ` (${pointGovernorate(p, language)})` : ''}
                    </option>
                  ))}
                </optgroup>
              </select>,
              pointsFailed ? t('returns.advance.points_failed') : undefined,
            )}
            {field(
              'handover_at',
              t('returns.field.handover_at'),
              <input
                {...fieldProps('handover_at')}
                type="datetime-local"
                value={form.handover_at}
                onChange={(e) => update({ handover_at: e.target.value })}
              />,
            )}
          </div>
        )}
        <div className="req-row">
          {shows('holding_unit') && (
            <TextField
              fields={fields}
              name="holding_unit"
              label={t('returns.field.holding_unit')}
              dir="ltr"
              value={form.holding_unit}
              onChange={(holding_unit) => update({ holding_unit })}
            />
          )}
          {shows('receiving_unit') && (
            <TextField
              fields={fields}
              name="receiving_unit"
              label={t('returns.field.receiving_unit')}
              dir="ltr"
              value={form.receiving_unit}
              onChange={(receiving_unit) => update({ receiving_unit })}
            />
          )}
          {shows('medical_status') &&
            field(
              'medical_status',
              t('returns.field.medical_status'),
              <select
                {...fieldProps('medical_status')}
                value={form.medical_status}
                onChange={(e) => update({ medical_status: e.target.value as typeof form.medical_status })}
              >
                <option value="">
                  {t('returns.advance.unchanged', { value: t(`returns.medical.${record.medical_status}`) })}
                </option>
                <EnumOptions values={kMedicalStatuses.filter((m) => m !== record.medical_status)} labelKey="returns.medical" />
              </select>,
            )}
        </div>
        {shows('location') && (
          <>
            <label className="req-check">
              <input
                type="checkbox"
                data-testid="moved"
                checked={form.moved}
                onChange={(e) => update({ moved: e.target.checked })}
              />
              {t('returns.advance.moved')}
            </label>
            {form.moved && (
              <LocationDrawer
                drawing={{ mode: form.mode, vertices: form.vertices }}
                onChange={onDraw}
                modes={kPointOnly}
                mapTestId="advance-map"
                mapLabel={t('returns.new.map_label')}
                reference={record.location}
                error={errorFor('location')}
              />
            )}
          </>
        )}
        {shows('summary') && (
          <TextAreaField
            fields={fields}
            name="summary"
            label={t('returns.field.summary')}
            rows={3}
            value={form.summary}
            onChange={(summary) => update({ summary })}
          />
        )}
        {shows('note') && (
          <TextAreaField
            fields={fields}
            name="note"
            label={t('returns.advance.note')}
            rows={2}
            value={form.note}
            onChange={(note) => update({ note })}
          />
        )}
        <ErrorMessage error={drawn.submitError} testId="advance-error" keys={kReturnErrorKeys} />
        <div className="req-actions">
          <button type="submit" className="button button--primary" data-testid="submit-advance" disabled={drawn.pending}>
            {drawn.pending ? t('requests.new.sending') : t(`returns.advance.submit.${stage}`)}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Records or corrects the person's name (the holding and receiving parties and the coordinator). */
export function NameForm({ record, onDone, onStale }: Pick<AdvanceFormProps, 'record' | 'onDone' | 'onStale'>) {
  const { t } = useTranslation();
  const api = useApi();
  const ids = useId();
  const [name, setName] = useState(record.name ?? '');
  const [tried, setTried] = useState(false);
  const call = useCall<ReturnCase>(onDone, onStale);
  const error = !name.trim() ? 'requests.validation.required' : nameError(name);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (error) return;
    void call.run(() => recordReturnName(api, record.id, name.trim()));
  };
  return (
    <section className="req-section req-panel" data-testid="name-form" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="req-section__title">
        {record.name ? t('returns.name.correct') : t('returns.name.record')}
      </h2>
      <p className="req-hint">{t('returns.new.name_hint')}</p>
      <form className="req-form" noValidate onSubmit={onSubmit}>
        <div className="field req-field">
          <label htmlFor={`${ids}-name`}>{t('returns.field.name')}</label>
          <input
            id={`${ids}-name`}
            type="text"
            dir="auto"
            maxLength={kMaxNameLength}
            data-testid="name-input"
            aria-invalid={tried && error ? true : undefined}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          {tried && error && (
            <p className="req-field__error" data-testid="error-name">
              {t(error)}
            </p>
          )}
        </div>
        <ErrorMessage error={call.error} testId="name-error" keys={kReturnErrorKeys} />
        <div className="req-actions">
          <button type="submit" className="button" data-testid="submit-name" disabled={call.pending}>
            {t('returns.name.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

// Deciding a vetting request (the coordinator's vetting officers only):
// cleared, denied or suspended, the reason, a sources note, and for a
// clearance its validity in months (the server's default when blank). The
// reason and sources are recorded apart and read by the coordinator alone.
//
// Clearing a person whose unit, or a unit above it, is denied or suspended
// is refused by the server (409 on /status): the form says so plainly.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import {
  decideVetting,
  kMaxReasonLength,
  kMaxValidityMonths,
  kVettingDecisions,
  type DecisionDraft,
  type VettingDecisionStatus,
  type VettingRequest,
} from '../api/vetting';
import { useApi } from '../app/context';
import { useCall } from '../common/useCall';
import { ErrorMessage } from '../requests/common';
import { kVettingErrorKeys } from './common';
import { isUnitBarred, kDefaultValidityMonths } from './model';

export interface DecisionFields {
  status: VettingDecisionStatus | '';
  reason: string;
  sources: string;
  valid_months: string;
}

/** Local checks, i18n keys by field name. Pure. */
export function validateDecision(f: DecisionFields): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!f.status) errors['status'] = 'vetting.validation.status';
  if (!f.reason.trim()) errors['reason'] = 'vetting.validation.reason';
  else if (f.reason.length > kMaxReasonLength) errors['reason'] = 'vetting.validation.too_long';
  if (f.sources.length > kMaxReasonLength) errors['sources'] = 'vetting.validation.too_long';
  if (f.status === 'cleared' && f.valid_months.trim() !== '') {
    const n = /^\d+$/.test(f.valid_months.trim()) ? Number(f.valid_months.trim()) : 0;
    if (n < 1 || n > kMaxValidityMonths) errors['valid_months'] = 'vetting.validation.valid_months';
  }
  return errors;
}

export function buildDecision(f: DecisionFields): DecisionDraft {
  const draft: DecisionDraft = { status: f.status as VettingDecisionStatus, reason: f.reason.trim() };
  if (f.sources.trim()) draft.sources = f.sources.trim();
  if (f.status === 'cleared' && f.valid_months.trim() !== '') draft.valid_months = Number(f.valid_months.trim());
  return draft;
}

export interface DecisionFormProps {
  request: VettingRequest;
  onDone(reply: VettingRequest): void;
}

export function DecisionForm({ request, onDone }: DecisionFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const ids = useId();
  const [form, setForm] = useState<DecisionFields>({ status: '', reason: '', sources: '', valid_months: '' });
  const [tried, setTried] = useState(false);
  const call = useCall<VettingRequest>(onDone);
  const errors = validateDecision(form);
  const shown = (name: string) => (tried ? errors[name] : undefined);
  const update = (patch: Partial<DecisionFields>) => setForm((f) => ({ ...f, ...patch }));
  const barred = isUnitBarred(call.error);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(errors).length > 0) return;
    void call.run(() => decideVetting(api, request.id, buildDecision(form)));
  };
  const error = (name: string) =>
    shown(name) && (
      <p className="req-field__error" id={`${ids}-${name}-error`} data-testid={`error-${name}`}>
        {t(errors[name] as string, { max: kMaxValidityMonths })}
      </p>
    );

  return (
    <section className="req-section req-panel" data-testid="decision-form" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="req-section__title">
        {t('vetting.decide.title')}
      </h2>
      <p className="req-hint">{t('vetting.decide.hint')}</p>
      <form className="req-form" noValidate onSubmit={onSubmit}>
        <fieldset className="req-fieldset" aria-invalid={shown('status') ? true : undefined}>
          <legend>{t('vetting.field.decision')}</legend>
          <div className="vet-choices">
            {kVettingDecisions.map((status) => (
              <label key={status} className={`req-check vet-choice vet-choice--${status}`}>
                <input
                  type="radio"
                  name={`${ids}-status`}
                  value={status}
                  data-testid={`decision-${status}`}
                  checked={form.status === status}
                  onChange={() => update({ status })}
                />
                {t(`vetting.standing.${status}`)}
              </label>
            ))}
          </div>
          {error('status')}
        </fieldset>
        <div className="field req-field">
          <label htmlFor={`${ids}-reason`}>{t('vetting.field.reason')}</label>
          <textarea
            id={`${ids}-reason`}
            dir="auto"
            rows={4}
            data-testid="field-reason"
            aria-invalid={shown('reason') ? true : undefined}
            aria-describedby={shown('reason') ? `${ids}-reason-error` : undefined}
            value={form.reason}
            onChange={(e) => update({ reason: e.target.value })}
          />
          {error('reason')}
        </div>
        <div className="field req-field">
          <label htmlFor={`${ids}-sources`}>{t('vetting.field.sources')}</label>
          <textarea
            id={`${ids}-sources`}
            dir="auto"
            rows={2}
            data-testid="field-sources"
            aria-invalid={shown('sources') ? true : undefined}
            value={form.sources}
            onChange={(e) => update({ sources: e.target.value })}
          />
          <p className="req-hint">{t('vetting.decide.sources_hint')}</p>
          {error('sources')}
        </div>
        {form.status === 'cleared' && (
          <div className="field req-field">
            <label htmlFor={`${ids}-months`}>{t('vetting.field.valid_months')}</label>
            <input
              id={`${ids}-months`}
              type="number"
              min={1}
              max={kMaxValidityMonths}
              inputMode="numeric"
              placeholder={String(kDefaultValidityMonths)}
              data-testid="field-valid_months"
              aria-invalid={shown('valid_months') ? true : undefined}
              value={form.valid_months}
              onChange={(e) => update({ valid_months: e.target.value })}
            />
            <p className="req-hint">{t('vetting.decide.valid_months_hint', { n: kDefaultValidityMonths })}</p>
            {error('valid_months')}
          </div>
        )}
        {barred ? (
          <div className="req-error vet-barred" role="alert" data-testid="unit-barred">
            <p>
              <strong>{t('vetting.decide.barred_title')}</strong>
            </p>
            <p>{t('vetting.decide.barred')}</p>
            {isApiError(call.error) && call.error.problem.detail && (
              <p className="req-error__detail" dir="auto">
                {call.error.problem.detail}
              </p>
            )}
          </div>
        ) : (
          <ErrorMessage error={call.error} testId="decision-error" keys={kVettingErrorKeys} />
        )}
        <div className="req-actions">
          <button type="submit" className="button button--primary" data-testid="submit-decision" disabled={call.pending}>
            {call.pending ? t('requests.new.sending') : t('vetting.decide.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

// Recording an enrolment's result (the coordinator's trainers): passed,
// failed or absent, the days attended and, optionally, a score out of 100.
// A pass grants the course's qualification (docs/training.md, "Results").
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { kMaxScore, kResults, recordResult, type Enrolment, type ResultDraft, type TrainingResult } from '../api/training';
import { useApi } from '../app/context';
import { useCall } from '../common/useCall';
import { ErrorMessage } from '../requests/common';
import { EnumOptions } from '../requests/fields';
import { kTrainingErrorKeys } from './common';

export interface ResultFields {
  result: TrainingResult;
  attendance: string;
  score: string;
}

const isWhole = (s: string) => /^\d+$/.test(s.trim());

/** Local checks: attendance 0..days (0 when absent), score 0..100 or blank. Pure; i18n keys by field. */
export function validateResult(f: ResultFields, days: number | null): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!isWhole(f.attendance)) errors['attendance'] = 'training.validation.whole_number';
  else if (days !== null && Number(f.attendance) > days) errors['attendance'] = 'training.validation.attendance_max';
  else if (f.result === 'absent' && Number(f.attendance) !== 0) errors['attendance'] = 'training.validation.absent_attendance';
  if (f.score.trim() !== '' && (!isWhole(f.score) || Number(f.score) > kMaxScore)) errors['score'] = 'training.validation.score';
  return errors;
}

export function buildResult(f: ResultFields): ResultDraft {
  const draft: ResultDraft = { result: f.result, attendance: Number(f.attendance) };
  if (f.score.trim() !== '') draft.score = Number(f.score);
  return draft;
}

export interface ResultFormProps {
  enrolment: Enrolment;
  /** The session's length in days, when known: the most days attended. */
  days: number | null;
  onDone(reply: Enrolment): void;
  onCancel(): void;
}

export function ResultForm({ enrolment, days, onDone, onCancel }: ResultFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const ids = useId();
  const [form, setForm] = useState<ResultFields>({ result: 'passed', attendance: days !== null ? String(days) : '', score: '' });
  const [tried, setTried] = useState(false);
  const call = useCall<Enrolment>(onDone);
  const errors = validateResult(form, days);
  const shown = (name: string) => (tried ? errors[name] : undefined);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(errors).length > 0) return;
    void call.run(() => recordResult(api, enrolment.id, buildResult(form)));
  };
  const update = (patch: Partial<ResultFields>) => setForm((f) => ({ ...f, ...patch }));

  return (
    <form className="req-form trn-result" noValidate onSubmit={onSubmit} data-testid="result-form" data-id={enrolment.id}>
      <div className="req-row">
        <div className="field req-field">
          <label htmlFor={`${ids}-result`}>{t('training.field.result')}</label>
          <select
            id={`${ids}-result`}
            data-testid="field-result"
            value={form.result}
            onChange={(e) => {
              const result = e.target.value as TrainingResult;
              update(result === 'absent' ? { result, attendance: '0', score: '' } : { result });
            }}
          >
            <EnumOptions values={kResults} labelKey="training.enrolment_state" />
          </select>
        </div>
        <div className="field req-field">
          <label htmlFor={`${ids}-attendance`}>
            {days !== null ? t('training.field.attendance_of', { days }) : t('training.field.attendance')}
          </label>
          <input
            id={`${ids}-attendance`}
            type="number"
            min={0}
            max={days ?? undefined}
            inputMode="numeric"
            data-testid="field-attendance"
            aria-invalid={shown('attendance') ? true : undefined}
            value={form.attendance}
            onChange={(e) => update({ attendance: e.target.value })}
          />
          {shown('attendance') && (
            <p className="req-field__error" data-testid="error-attendance">
              {t(errors['attendance'] as string, { days })}
            </p>
          )}
        </div>
        {form.result !== 'absent' && (
          <div className="field req-field">
            <label htmlFor={`${ids}-score`}>{t('training.field.score')}</label>
            <input
              id={`${ids}-score`}
              type="number"
              min={0}
              max={kMaxScore}
              inputMode="numeric"
              data-testid="field-score"
              aria-invalid={shown('score') ? true : undefined}
              value={form.score}
              onChange={(e) => update({ score: e.target.value })}
            />
            {shown('score') && (
              <p className="req-field__error" data-testid="error-score">
                {t(errors['score'] as string)}
              </p>
            )}
          </div>
        )}
      </div>
      {form.result === 'passed' && <p className="req-hint">{t('training.result.pass_hint')}</p>}
      <ErrorMessage error={call.error} testId="result-error" keys={kTrainingErrorKeys} />
      <div className="req-actions">
        <button type="submit" className="button button--primary" data-testid="submit-result" disabled={call.pending}>
          {t('training.result.submit')}
        </button>
        <button type="button" className="button button--quiet" data-testid="cancel-result" onClick={onCancel}>
          {t('training.form.cancel')}
        </button>
      </div>
    </form>
  );
}

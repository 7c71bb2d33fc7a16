// The two things done to a conflict: a side acknowledges it ("we have seen
// it", with an optional note), and the coordinator's duty desk resolves it
// with an outcome and a note. A 409 means the conflict changed meanwhile:
// the page reloads.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  acknowledgeConflict,
  kConflictOutcomes,
  resolveConflict,
  type Conflict,
  type ConflictOutcome,
  type ConflictReceipt,
} from '../api/deconfliction';
import { useApi } from '../app/context';
import { useCall } from '../common/useCall';
import { ErrorMessage } from '../requests/common';
import { kDeconflictionErrorKeys } from './common';

export interface ConflictActionProps {
  conflict: Conflict;
  onDone(receipt: ConflictReceipt): void;
  /** Called after a 409: the page is stale and reloads. */
  onStale(): void;
}

export function AcknowledgeForm({ conflict, onDone, onStale }: ConflictActionProps) {
  const { t } = useTranslation();
  const api = useApi();
  const ids = useId();
  const call = useCall<ConflictReceipt>(onDone, onStale);
  const [note, setNote] = useState('');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void call.run(() => acknowledgeConflict(api, conflict.id, note.trim() || undefined));
  };
  return (
    <form className="req-form req-panel" data-testid="acknowledge-form" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor={`${ids}-note`}>{t('deconfliction.field.note_optional')}</label>
        <textarea
          id={`${ids}-note`}
          dir="auto"
          rows={2}
          data-testid="acknowledge-note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <ErrorMessage error={call.error} testId="acknowledge-error" keys={kDeconflictionErrorKeys} />
      <div className="req-actions">
        <button type="submit" className="button button--primary" data-testid="action-acknowledge" disabled={call.pending}>
          {t('deconfliction.conflict.acknowledge')}
        </button>
      </div>
    </form>
  );
}

export function ResolveForm({ conflict, onDone, onStale }: ConflictActionProps) {
  const { t } = useTranslation();
  const api = useApi();
  const ids = useId();
  const call = useCall<ConflictReceipt>(onDone, onStale);
  const [outcome, setOutcome] = useState<ConflictOutcome>('proceed');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const missingNote = note.trim() === '';
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (missingNote) return;
    void call.run(() => resolveConflict(api, conflict.id, { outcome, note: note.trim() }));
  };
  return (
    <section className="req-section req-panel" data-testid="resolve-form" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="req-section__title">
        {t('deconfliction.conflict.resolve')}
      </h2>
      <form className="req-form" noValidate onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={`${ids}-outcome`}>{t('deconfliction.field.outcome')}</label>
          <select
            id={`${ids}-outcome`}
            data-testid="resolve-outcome"
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as ConflictOutcome)}
          >
            {kConflictOutcomes.map((o) => (
              <option key={o} value={o}>
                {t(`deconfliction.outcome.${o}`)}
              </option>
            ))}
          </select>
          <p className="req-hint">{t(`deconfliction.outcome_hint.${outcome}`)}</p>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-note`}>{t('deconfliction.field.note')}</label>
          <textarea
            id={`${ids}-note`}
            dir="auto"
            rows={3}
            data-testid="resolve-note"
            aria-invalid={tried && missingNote ? true : undefined}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          {tried && missingNote && (
            <p className="req-field__error" data-testid="error-note">
              {t('requests.validation.required')}
            </p>
          )}
        </div>
        <ErrorMessage error={call.error} testId="resolve-error" keys={kDeconflictionErrorKeys} />
        <div className="req-actions">
          <button type="submit" className="button button--primary" data-testid="action-resolve" disabled={call.pending}>
            {t('deconfliction.conflict.resolve')}
          </button>
        </div>
      </form>
    </section>
  );
}

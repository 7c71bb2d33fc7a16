// A record action that takes a reason (cancel a session, withdraw a vetting
// request): a button that opens a small form with the reason, required or
// not, then runs the call and reports its problem like any other form.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from './useCall';
import { ErrorMessage, type ErrorKeys } from '../requests/common';

export interface ReasonActionFormProps<R> {
  /** i18n keys: open (the button), hint, reason (the label), reason_required, submit. */
  labels: { open: string; hint: string; reason: string; reason_required?: string; submit: string; cancel: string };
  required: boolean;
  /** Prefix of the test ids: `open-<id>`, `<id>-form`, `field-<id>-reason`, `submit-<id>`. */
  testId: string;
  errorKeys: ErrorKeys;
  run(reason: string): Promise<R>;
  onDone(reply: R): void;
}

export function ReasonActionForm<R>({ labels, required, testId, errorKeys, run, onDone }: ReasonActionFormProps<R>) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const call = useCall<R>((reply) => {
    setOpen(false);
    onDone(reply);
  });
  const missing = required && reason.trim() === '';

  if (!open) {
    return (
      <div className="req-actions">
        <button type="button" className="button button--quiet" data-testid={`open-${testId}`} onClick={() => setOpen(true)}>
          {t(labels.open)}
        </button>
      </div>
    );
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (missing) return;
    void call.run(() => run(reason.trim()));
  };
  return (
    <form className="req-form" noValidate onSubmit={onSubmit} data-testid={`${testId}-form`}>
      <p className="req-hint">{t(labels.hint)}</p>
      <div className="field req-field">
        <label htmlFor={`${id}-reason`}>{t(labels.reason)}</label>
        <textarea
          id={`${id}-reason`}
          dir="auto"
          data-testid={`field-${testId}-reason`}
          aria-invalid={tried && missing ? true : undefined}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        {tried && missing && labels.reason_required && (
          <p className="req-field__error" data-testid={`error-${testId}-reason`}>
            {t(labels.reason_required)}
          </p>
        )}
      </div>
      <ErrorMessage error={call.error} testId={`${testId}-error`} keys={errorKeys} />
      <div className="req-actions">
        <button type="submit" className="button button--primary" data-testid={`submit-${testId}`} disabled={call.pending}>
          {t(labels.submit)}
        </button>
        <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
          {t(labels.cancel)}
        </button>
      </div>
    </form>
  );
}

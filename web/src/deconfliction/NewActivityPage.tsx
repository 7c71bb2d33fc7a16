// Registering a planned activity: what it is and its footprint drawn on the
// map, with the live dry run ("would this conflict?") before anything is
// sent. Server validation errors are placed on the field their JSON Pointer
// names. Once registered, the page shows what the registration found: the
// conflicts it created (as this user may see them) and the protected sites
// nearby, with a link to the new activity.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createActivity, type ActivityReceipt } from '../api/deconfliction';
import { useApi } from '../app/context';
import { ErrorMessage } from '../requests/common';
import { routeHash } from '../shell/routes';
import { ActivityFields } from './ActivityFields';
import { kDeconflictionErrorKeys } from './common';
import { buildActivityDraft, initialActivityForm, kActivityFields, validateActivityForm } from './draft';
import { ReceiptPanel } from './ReceiptPanel';
import '../requests/requests.css';
import { useDrawnForm } from '../requests/useDrawnForm';
import './deconfliction.css';

export interface NewActivityPageProps {
  /** Clock, injectable for tests. */
  now?: () => number;
}

export function NewActivityPage({ now = Date.now }: NewActivityPageProps) {
  const { t } = useTranslation();
  const api = useApi();
  const drawn = useDrawnForm(() => initialActivityForm(now()));
  const [receipt, setReceipt] = useState<ActivityReceipt | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const created = await drawn.submit(
      validateActivityForm,
      (form) => {
        const draft = buildActivityDraft(form);
        return draft ? createActivity(api, draft) : null;
      },
      kActivityFields,
    );
    if (created) setReceipt(created);
  };

  if (receipt) {
    return (
      <div className="req-page" data-testid="new-activity-page" data-registered={receipt.id}>
        <h1 className="req-page__title">{t('deconfliction.new.title')}</h1>
        <ReceiptPanel receipt={receipt} message={t('deconfliction.new.registered', { id: receipt.id, seq: receipt.seq })} />
        <div className="req-actions">
          <a
            className="button button--primary"
            href={routeHash({ page: 'activity', id: receipt.id })}
            data-testid="open-activity"
          >
            {t('deconfliction.new.open')}
          </a>
          <button
            type="button"
            className="button"
            data-testid="register-another"
            onClick={() => {
              setReceipt(null);
              drawn.reset(initialActivityForm(now()));
            }}
          >
            {t('deconfliction.new.another')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="req-page req-new" data-testid="new-activity-page">
      <h1 className="req-page__title">{t('deconfliction.new.title')}</h1>
      <p className="req-hint">{t('deconfliction.new.intro')}</p>
      <form ref={drawn.formRef} className="req-new__form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <ActivityFields form={drawn.form} onChange={drawn.update} onDraw={drawn.onDraw} fields={drawn.fields} />
        <ErrorMessage error={drawn.submitError} testId="submit-error" keys={kDeconflictionErrorKeys} />
        <div className="req-actions">
          <button type="submit" className="button button--primary" data-testid="submit-activity" disabled={drawn.pending}>
            {drawn.pending ? t('requests.new.sending') : t('deconfliction.new.submit')}
          </button>
          <a className="button button--quiet" href={routeHash({ page: 'activities' })}>
            {t('requests.new.cancel')}
          </a>
        </div>
      </form>
    </div>
  );
}

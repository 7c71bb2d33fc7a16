// What the owner party's staff may do to a planned activity: change it (any
// field, the footprint redrawn on the map with the old one dashed beside
// it, with the live dry run leaving the activity itself out) and cancel it
// with a reason. Each reply is a receipt listing the conflicts the change
// created, updated or resolved.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelActivity, changeActivity, type Activity, type ActivityReceipt } from '../api/deconfliction';
import { useApi } from '../app/context';
import { useCall } from '../common/useCall';
import { ErrorMessage } from '../requests/common';
import { useDrawnForm } from '../requests/useDrawnForm';
import { ActivityFields } from './ActivityFields';
import { kDeconflictionErrorKeys } from './common';
import { activityFormOf, activityPatch, kActivityFields, validateActivityForm } from './draft';

export interface ActivityActionsProps {
  activity: Activity;
  /** Called with each successful reply. */
  onDone(receipt: ActivityReceipt, action: 'changed' | 'cancelled'): void;
}

type Open = 'none' | 'edit' | 'cancel';

function EditForm({ activity, onDone, onClose }: ActivityActionsProps & { onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const drawn = useDrawnForm(() => activityFormOf(activity));
  const [unchanged, setUnchanged] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const patch = activityPatch(activity, drawn.form);
    const empty = Object.keys(patch).length === 0;
    setUnchanged(empty);
    if (empty) return;
    const receipt = await drawn.submit(validateActivityForm, () => changeActivity(api, activity.id, patch), kActivityFields);
    if (receipt) onDone(receipt, 'changed');
  };
  return (
    <section className="req-panel" data-testid="edit-activity">
      <h2 className="req-section__title">{t('deconfliction.activity.edit')}</h2>
      <form ref={drawn.formRef} className="req-new__form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <ActivityFields
          form={drawn.form}
          onChange={drawn.update}
          onDraw={drawn.onDraw}
          fields={drawn.fields}
          exclude={activity.id}
          reference={activity.footprint.geometry}
        />
        {unchanged && (
          <p className="req-warning" role="alert" data-testid="edit-unchanged">
            {t('deconfliction.activity.unchanged')}
          </p>
        )}
        <ErrorMessage error={drawn.submitError} testId="edit-error" keys={kDeconflictionErrorKeys} />
        <div className="req-actions">
          <button type="submit" className="button button--primary" data-testid="save-activity" disabled={drawn.pending}>
            {drawn.pending ? t('requests.new.sending') : t('deconfliction.activity.save')}
          </button>
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t('requests.action.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

function CancelForm({ activity, onDone, onClose }: ActivityActionsProps & { onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const ids = useId();
  const [reason, setReason] = useState('');
  const { pending, error, run } = useCall((r: ActivityReceipt) => onDone(r, 'cancelled'));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await run(() => cancelActivity(api, activity.id, reason.trim() || undefined));
  };
  return (
    <section className="req-panel" data-testid="cancel-activity">
      <h2 className="req-section__title">{t('deconfliction.activity.cancel')}</h2>
      <p className="req-hint">{t('deconfliction.activity.cancel_hint')}</p>
      <form className="req-form" onSubmit={(e) => void onSubmit(e)}>
        <div className="field">
          <label htmlFor={`${ids}-reason`}>{t('deconfliction.field.reason')}</label>
          <textarea
            id={`${ids}-reason`}
            dir="auto"
            rows={2}
            data-testid="cancel-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <ErrorMessage error={error} testId="cancel-error" keys={kDeconflictionErrorKeys} />
        <div className="req-actions">
          <button type="submit" className="button button--primary" data-testid="confirm-cancel" disabled={pending}>
            {t('deconfliction.activity.confirm_cancel')}
          </button>
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t('requests.action.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function ActivityActions({ activity, onDone }: ActivityActionsProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open>('none');
  const close = () => setOpen('none');
  const done: ActivityActionsProps['onDone'] = (receipt, action) => {
    close();
    onDone(receipt, action);
  };
  if (open === 'edit') return <EditForm activity={activity} onDone={done} onClose={close} />;
  if (open === 'cancel') return <CancelForm activity={activity} onDone={done} onClose={close} />;
  return (
    <div className="req-actions" data-testid="activity-actions">
      <button type="button" className="button" data-testid="action-edit" onClick={() => setOpen('edit')}>
        {t('deconfliction.activity.edit')}
      </button>
      <button type="button" className="button" data-testid="action-cancel" onClick={() => setOpen('cancel')}>
        {t('deconfliction.activity.cancel')}
      </button>
    </div>
  );
}

// Small pieces shared by the allegations screens: error words, the status
// badge, the subject's line, and the gate shown to anyone outside the
// coordinator's vetting officers and auditors.
import { useTranslation } from 'react-i18next';
import type { AllegationStatus, AllegationSubject } from '../api/allegations';
import type { ErrorKeys } from '../requests/common';
import { statusTone } from './model';

/** 403, 409 and 404 in the register's words. */
export const kAllegationErrorKeys: ErrorKeys = {
  forbidden: 'allegations.error.forbidden',
  conflict: 'allegations.error.conflict',
  not_found: 'allegations.error.not_found',
};

export function AllegationStatusBadge({ status, testId = 'allegation-status' }: { status: AllegationStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`req-state req-state--${statusTone(status)}`} data-testid={testId} data-status={status}>
      {t(`allegations.status.${status}`, { defaultValue: status })}
    </span>
  );
}

/** "Unit 3, Jenin (unit · PASF · NSF-PS0101-3)". */
export function AllegationSubjectLine({ subject, partyName }: { subject: AllegationSubject; partyName: string }) {
  const { t } = useTranslation();
  return (
    <span className="vet-subject" data-testid="allegation-subject" data-kind={subject.kind}>
      <bdi className="vet-subject__label">{subject.label}</bdi>
      <span className="req-muted">
        {' ('}
        {t(`vetting.kind.${subject.kind}`, { defaultValue: subject.kind })}
        {' · '}
        <bdi>{partyName}</bdi>
        {subject.id && (
          <>
            {' · '}
            <bdi>{subject.id}</bdi>
          </>
        )}
        {')'}
      </span>
    </span>
  );
}

/** What a user outside the register sees instead of it: nothing of its content, no call made. */
export function RegisterClosed({ testId }: { testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="req-page" data-testid={testId}>
      <p className="req-error" role="alert" data-testid="not-allowed">
        {t('allegations.error.forbidden')}
      </p>
    </div>
  );
}

// Small pieces shared by the return-case screens: the stage and medical
// badges, the overdue mark, and the handover points directory.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listHandoverPoints, type HandoverPoint, type MedicalStatus, type ReturnStage } from '../api/returns';
import { useApi } from '../app/context';
import type { ErrorKeys } from '../requests/common';

/** 403, 409 and 404 in the return screens' words. */
export const kReturnErrorKeys: ErrorKeys = {
  forbidden: 'returns.error.forbidden',
  conflict: 'returns.error.conflict',
  not_found: 'returns.error.not_found',
};

const kStageTone: Record<ReturnStage, string> = {
  reported: 'bad',
  located: 'waiting',
  secured: 'waiting',
  handover_arranged: 'active',
  handed_over: 'good',
  closed: 'closed',
};

export function StageBadge({ stage }: { stage: ReturnStage }) {
  const { t } = useTranslation();
  return (
    <span className={`req-state req-state--${kStageTone[stage]}`} data-testid="case-stage" data-stage={stage}>
      {t(`returns.stage.${stage}`)}
    </span>
  );
}

export function OverdueMark() {
  const { t } = useTranslation();
  return (
    <span className="req-chip ret-overdue" data-testid="case-overdue">
      {t('returns.overdue')}
    </span>
  );
}

const kGraveStatuses: readonly MedicalStatus[] = ['seriously_injured', 'deceased'];

export function MedicalBadge({ status }: { status: MedicalStatus }) {
  const { t } = useTranslation();
  return (
    <span
      className={`req-chip${kGraveStatuses.includes(status) ? ' ret-medical--grave' : ''}`}
      data-testid="case-medical"
      data-status={status}
    >
      {t(`returns.medical.${status}`)}
    </span>
  );
}

/** The handover points (empty until loaded, or on failure: the form then says so). */
export function useHandoverPoints(): { points: HandoverPoint[]; failed: boolean } {
  const api = useApi();
  const [state, setState] = useState<{ points: HandoverPoint[]; failed: boolean }>({ points: [], failed: false });
  useEffect(() => {
    const abort = new AbortController();
    listHandoverPoints(api, abort.signal)
      .then((points) => setState({ points, failed: false }))
      .catch(() => {
        if (!abort.signal.aborted) setState({ points: [], failed: true });
      });
    return () => abort.abort();
  }, [api]);
  return state;
}

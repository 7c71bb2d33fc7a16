// Small pieces shared by the vetting screens: error words, the standing and
// request-state badges, the overdue mark, a subject's line, and a
// clearance's validity.
import { useTranslation } from 'react-i18next';
import type { StandingStatus, VettingRequestState, VettingSubject } from '../api/vetting';
import { useSession } from '../app/context';
import { canReadPersonnel } from '../personnel/model';
import type { ErrorKeys } from '../requests/common';
import { useLanguage } from '../requests/common';
import { routeHash } from '../shell/routes';
import { formatDay } from '../training/format';
import { standingTone } from './model';

/** 403, 409 and 404 in the vetting screens' words. */
export const kVettingErrorKeys: ErrorKeys = {
  forbidden: 'vetting.error.forbidden',
  conflict: 'vetting.error.conflict',
  not_found: 'vetting.error.not_found',
};

/** A standing or a decision: cleared, denied, suspended, expired, none. */
export function StandingBadge({ status, testId = 'standing' }: { status: StandingStatus | string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`req-state req-state--${standingTone(status)}`} data-testid={testId} data-status={status}>
      {t(`vetting.standing.${status}`, { defaultValue: status })}
    </span>
  );
}

const kStateTone: Record<VettingRequestState, string> = { pending: 'waiting', decided: 'closed', withdrawn: 'closed' };

export function RequestStateBadge({ state }: { state: VettingRequestState }) {
  const { t } = useTranslation();
  return (
    <span className={`req-state req-state--${kStateTone[state] ?? 'closed'}`} data-testid="vetting-state" data-state={state}>
      {t(`vetting.state.${state}`, { defaultValue: state })}
    </span>
  );
}

export function OverdueMark() {
  const { t } = useTranslation();
  return (
    <span className="req-chip vet-overdue" data-testid="vetting-overdue">
      {t('vetting.overdue')}
    </span>
  );
}

/** "Ahmad Saleh (person · PER-0000123)"; a person's id opens their personnel record for those who read it. */
export function SubjectLine({ subject, label }: { subject: VettingSubject; label?: string | null }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const id =
    subject.kind === 'person' && subject.id && canReadPersonnel(me) ? (
      <a href={routeHash({ page: 'person', id: subject.id })} data-testid="subject-person-link">
        <bdi>{subject.id}</bdi>
      </a>
    ) : (
      <bdi>{subject.id}</bdi>
    );
  return (
    <span className="vet-subject" data-testid="vetting-subject" data-kind={subject.kind} data-id={subject.id}>
      {label && <bdi className="vet-subject__label">{label}</bdi>}
      <span className="req-muted">
        {label ? ' (' : ''}
        {t(`vetting.kind.${subject.kind}`, { defaultValue: subject.kind })}
        {' · '}
        {id}
        {label ? ')' : ''}
      </span>
    </span>
  );
}

/** "21/11/2026 – 21/11/2027", or "until 21/11/2027", or nothing. */
export function Validity({ from, until, testId }: { from?: string | null; until?: string | null; testId?: string }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  if (!until) return null;
  return (
    <span data-testid={testId}>
      {from
        ? t('vetting.validity.range', { from: formatDay(from, locale), until: formatDay(until, locale) })
        : t('vetting.validity.until', { until: formatDay(until, locale) })}
    </span>
  );
}

const kDayMs = 86_400_000;

/** A decision's deadline in whole days: "Days left: 3", "Due within a day", "Days overdue: 2". */
export function DueText({ at, nowMs }: { at: string; nowMs: number }) {
  const { t } = useTranslation();
  const due = Date.parse(at);
  if (Number.isNaN(due)) return null;
  const overdue = due <= nowMs;
  const days = Math.floor(Math.abs(due - nowMs) / kDayMs);
  let text: string;
  if (overdue) text = days === 0 ? t('vetting.due.overdue_today') : t('vetting.due.overdue_days', { n: days });
  else text = days === 0 ? t('vetting.due.today') : t('vetting.due.days_left', { n: days });
  return (
    <span className={`vet-due${overdue ? ' vet-due--overdue' : ''}`} data-testid="vetting-due" data-overdue={overdue} title={at}>
      {text}
    </span>
  );
}

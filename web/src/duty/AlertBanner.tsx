// The duty alert banner: a FLASH request for the user's party or an overdue
// deadline, with a beep, until the user clicks "Seen". Mount one per shell:
// inside StreamEventsProvider it reads the shell's events itself; elsewhere
// pass them in.
import { useTranslation } from 'react-i18next';
import type { StreamEvent } from '../api/types';
import { useSession } from '../app/context';
import { routeHash, useStreamEvents } from '../shell/routes';
import type { DutyAlert } from './alerts';
import { useDutyAlerts, type DutyAlertsOptions } from './useDutyAlerts';
import './alert-banner.css';

export interface AlertBannerProps extends DutyAlertsOptions {
  /** The stream events, newest first; defaults to the shell's. */
  events?: readonly StreamEvent[];
}

function AlertText({ alert }: { alert: DutyAlert }) {
  const { t } = useTranslation();
  const what =
    alert.kind === 'flash'
      ? t('duty.alert.flash_text')
      : t('duty.alert.overdue_text', {
          stage: alert.stage ? t(`duty.stage.${alert.stage}`, { defaultValue: alert.stage }) : t('duty.alert.no_stage'),
        });
  return (
    <>
      <bdi className="duty-alert__id">{alert.requestId}</bdi>
      {alert.title && <bdi className="duty-alert__title">{alert.title}</bdi>}
      <span>{what}</span>
    </>
  );
}

export function AlertBanner({ events, ...options }: AlertBannerProps) {
  const { t } = useTranslation();
  const { me } = useSession();
  const shellEvents = useStreamEvents();
  const { pending, dismiss } = useDutyAlerts(events ?? shellEvents, me, options);

  if (pending.length === 0) return null;
  return (
    <section className="duty-alerts" role="alert" aria-label={t('duty.alert.label')} data-testid="duty-alerts">
      <ul className="duty-alerts__list">
        {pending.map((a) => (
          <li key={a.seq} className={`duty-alert duty-alert--${a.kind}`} data-seq={a.seq} data-kind={a.kind}>
            <span className="duty-alert__kind">
              {a.kind === 'flash' ? t('duty.alert.flash') : t('duty.alert.overdue')}
            </span>
            <span className="duty-alert__text">
              <AlertText alert={a} />
            </span>
            <span className="duty-alert__actions">
              {a.requestId && (
                <a className="button button--quiet" href={routeHash({ page: 'request', id: a.requestId })}>
                  {t('duty.alert.open')}
                </a>
              )}
              <button
                type="button"
                className="button"
                data-testid={`alert-seen-${a.seq}`}
                onClick={() => dismiss(a.seq)}
              >
                {t('duty.alert.seen')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

// The duty alert banner: a FLASH request for the user's party or an overdue
// deadline, with a beep, until the user clicks "Seen"; a grave incident
// (severity 4 or 5) until the user opens it. Mount one per shell: inside
// StreamEventsProvider it reads the shell's events itself; elsewhere pass
// them in.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { StreamEvent } from '../api/types';
import { useSession } from '../app/context';
import { routeHash, useRoute, useStreamEvents, type Route } from '../shell/routes';
import { incidentAlertsOf, type AlertKind, type DutyAlert } from './alerts';
import { useDutyAlerts, type DutyAlertsOptions } from './useDutyAlerts';
import './alert-banner.css';

export interface AlertBannerProps extends DutyAlertsOptions {
  /** The stream events, newest first; defaults to the shell's. */
  events?: readonly StreamEvent[];
}

const kKindLabels: Record<AlertKind, string> = {
  incident: 'incidents.alert.kind',
  flash: 'duty.alert.flash',
  overdue: 'duty.alert.overdue',
};

/** The page an alert opens. */
function alertRoute(alert: DutyAlert): Route {
  return alert.kind === 'incident' ? { page: 'incident', id: alert.recordId } : { page: 'request', id: alert.recordId };
}

function AlertText({ alert }: { alert: DutyAlert }) {
  const { t } = useTranslation();
  let what: string;
  if (alert.kind === 'incident') {
    what =
      alert.severity === null
        ? t('incidents.alert.text_grave')
        : t('incidents.alert.text', { severity: alert.severity });
  } else if (alert.kind === 'flash') {
    what = t('duty.alert.flash_text');
  } else {
    what = t('duty.alert.overdue_text', {
      stage: alert.stage ? t(`duty.stage.${alert.stage}`, { defaultValue: alert.stage }) : t('duty.alert.no_stage'),
    });
  }
  return (
    <>
      <bdi className="duty-alert__id">{alert.recordId}</bdi>
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
  const route = useRoute();

  // An incident alert is seen once its incident is open on screen.
  const opened = route.page === 'incident' ? incidentAlertsOf(pending, route.id).map((a) => a.seq) : [];
  const openedKey = opened.join(',');
  useEffect(() => {
    if (openedKey) dismiss(...openedKey.split(',').map(Number));
  }, [openedKey, dismiss]);

  if (pending.length === 0) return null;
  return (
    <section className="duty-alerts" role="alert" aria-label={t('duty.alert.label')} data-testid="duty-alerts">
      <ul className="duty-alerts__list">
        {pending.map((a) => (
          <li key={a.seq} className={`duty-alert duty-alert--${a.kind}`} data-seq={a.seq} data-kind={a.kind}>
            <span className="duty-alert__kind">{t(kKindLabels[a.kind])}</span>
            <span className="duty-alert__text">
              <AlertText alert={a} />
            </span>
            <span className="duty-alert__actions">
              {a.recordId && (
                <a
                  className={a.kind === 'incident' ? 'button button--primary' : 'button button--quiet'}
                  href={routeHash(alertRoute(a))}
                  data-testid={`alert-open-${a.seq}`}
                >
                  {t('duty.alert.open')}
                </a>
              )}
              {/* A grave incident stays up until it is opened. */}
              {(a.kind !== 'incident' || !a.recordId) && (
                <button
                  type="button"
                  className="button"
                  data-testid={`alert-seen-${a.seq}`}
                  onClick={() => dismiss(a.seq)}
                >
                  {t('duty.alert.seen')}
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

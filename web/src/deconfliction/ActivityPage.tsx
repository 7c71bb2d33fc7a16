// One planned activity: what, who, where and when (the footprint on a small
// map), the protected sites near it, its conflicts as this user may see
// them, and for its own party's staff the change and cancel actions. A
// change or cancellation shows its receipt with the conflicts it created,
// updated or resolved. Reloaded when an event about this activity, or any
// conflict event (its conflicts may have changed), arrives on the stream.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getActivity, type ActivityReceipt } from '../api/deconfliction';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { formatDateTime } from '../common/time';
import { useRecord } from '../common/useRecord';
import { RecordPlaceholder } from '../requests/common';
import { fromGeometry } from '../requests/draw';
import { partyName } from '../requests/format';
import { FootprintMap } from '../requests/FootprintMap';
import { routeHash, useStreamEvents } from '../shell/routes';
import { ActivityActions } from './ActivityActions';
import {
  ActivityStateBadge,
  DistrictName,
  kDeconflictionErrorKeys,
  TimeWindow,
  useFormatContext,
  WarningList,
} from './common';
import { ConflictCard } from './ConflictCard';
import { canChangeActivity } from './model';
import { ReceiptPanel } from './ReceiptPanel';
import '../requests/requests.css';
import './deconfliction.css';

/** The seq of the latest event that may change activity `id`'s page. */
export function latestActivityEvent(events: Parameters<typeof latestEventSeq>[0], id: string): number {
  return Math.max(latestEventSeq(events, ['activity.'], id), latestEventSeq(events, ['conflict.']));
}

export function ActivityPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const ctx = useFormatContext();
  const changed = latestActivityEvent(useStreamEvents(), id);
  const { record: detail, loadError, reload } = useRecord((signal) => getActivity(api, id, signal), id, changed);
  const [receipt, setReceipt] = useState<{ receipt: ActivityReceipt; action: 'changed' | 'cancelled' } | null>(null);

  useEffect(() => setReceipt(null), [id]);

  const footprint = useMemo(() => (detail ? fromGeometry(detail.footprint.geometry) : null), [detail]);
  const onDone = useCallback(
    (r: ActivityReceipt, action: 'changed' | 'cancelled') => {
      setReceipt({ receipt: r, action });
      reload();
    },
    [reload],
  );

  if (!detail || !footprint) {
    return (
      <div className="req-page" data-testid="activity-page">
        <RecordPlaceholder
          error={loadError}
          errorKeys={kDeconflictionErrorKeys}
          backHref={routeHash({ page: 'activities' })}
          backLabel={t('deconfliction.activity.back')}
        />
      </div>
    );
  }

  const a = detail;
  return (
    <div className="req-page req-detail" data-testid="activity-page" data-id={a.id} data-state={a.state}>
      <header className="req-detail__head">
        <h1 className="req-page__title">
          <bdi data-testid="activity-id">{a.id}</bdi>
        </h1>
        <ActivityStateBadge state={a.state} ended={a.ended} />
        <span className="req-chip" data-testid="activity-kind">
          {t(`deconfliction.kind.${a.kind}`, { defaultValue: a.kind })}
        </span>
        <span className={`req-chip dcf-confidentiality--${a.confidentiality}`} data-testid="activity-confidentiality">
          {t(`deconfliction.confidentiality.${a.confidentiality}`)}
        </span>
      </header>
      <p className="req-detail__title" dir="auto" data-testid="activity-title">
        {a.title}
      </p>

      {receipt && (
        <ReceiptPanel
          receipt={receipt.receipt}
          message={t(`deconfliction.activity.receipt_${receipt.action}`, { seq: receipt.receipt.seq })}
        />
      )}

      <div className="req-detail__grid">
        <section className="req-section" aria-label={t('deconfliction.activity.summary')}>
          <dl className="req-facts">
            <dt>{t('deconfliction.field.party')}</dt>
            <dd data-testid="activity-party">
              <bdi>{partyName(a.party, ctx.parties, ctx.language)}</bdi>
            </dd>
            <dt>{t('deconfliction.field.unit')}</dt>
            <dd>
              <bdi>{a.unit ?? '—'}</bdi>
            </dd>
            <dt>{t('deconfliction.field.poc')}</dt>
            <dd data-testid="activity-poc">
              <bdi dir="auto">{a.poc ?? '—'}</bdi>
            </dd>
            <dt>{t('deconfliction.field.created')}</dt>
            <dd>
              <time dateTime={a.created_at}>{formatDateTime(a.created_at, ctx.locale)}</time>
              {' · '}
              <bdi>{a.created_by}</bdi>
            </dd>
            <dt>{t('deconfliction.field.window')}</dt>
            <dd data-testid="activity-window">
              <TimeWindow start={a.footprint.start} end={a.footprint.end} />
            </dd>
            <dt>{t('requests.field.buffer_m')}</dt>
            <dd>{a.footprint.buffer_m}</dd>
            <dt>{t('deconfliction.field.district')}</dt>
            <dd data-testid="activity-districts">
              {(a.districts.length > 0 ? a.districts : [a.district]).map((d, i) => (
                <span key={d ?? i}>
                  {i > 0 && ', '}
                  <DistrictName code={d} />
                </span>
              ))}
            </dd>
            {a.state === 'cancelled' && a.cancel_reason && (
              <>
                <dt>{t('deconfliction.field.reason')}</dt>
                <dd dir="auto" data-testid="activity-cancel-reason">
                  {a.cancel_reason}
                </dd>
              </>
            )}
          </dl>
          {a.details && (
            <p className="req-detail__details" dir="auto" data-testid="activity-details">
              {a.details}
            </p>
          )}
          <WarningList warnings={a.warnings ?? []} testId="activity-warnings" />
        </section>

        <section className="req-section" aria-label={t('deconfliction.activity.footprint')}>
          <h2 className="req-section__title">{t('deconfliction.activity.footprint')}</h2>
          <FootprintMap
            testId="activity-map"
            label={t('deconfliction.activity.footprint')}
            mode={footprint.mode}
            vertices={footprint.vertices}
            bufferM={a.footprint.buffer_m}
            className="req-map--small"
          />
        </section>
      </div>

      <section className="req-section" aria-label={t('deconfliction.activity.conflicts')}>
        <h2 className="req-section__title">{t('deconfliction.activity.conflicts')}</h2>
        {a.conflicts.length === 0 ? (
          <p className="req-muted" data-testid="activity-no-conflicts">
            {t('deconfliction.activity.no_conflicts')}
          </p>
        ) : (
          <div className="dcf-cards" data-testid="activity-conflicts">
            {a.conflicts.map((c) => (
              <ConflictCard key={c.id} conflict={c} ctx={ctx} />
            ))}
          </div>
        )}
      </section>

      {canChangeActivity(session.me, a) && <ActivityActions key={a.id} activity={a} onDone={onDone} />}
    </div>
  );
}

// One incident, as every party it concerns reads it: what happened, where
// (on a small map), how bad, with whom it is shared, the acknowledgement
// each party owes (with its deadline counting down, or overdue), the forms
// this user may use (update, acknowledge, close), and the timeline (the
// report and every update in order, each with its time, author, party and
// receipt). Its crisis room sits beside it. Reloaded when an event about
// this incident arrives on the shell's stream.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  getIncident,
  type Acknowledgement,
  type Casualties,
  type Incident,
  type IncidentTimelineEntry,
} from '../api/incidents';
import type { Party } from '../api/requests';
import { useApi } from '../app/context';
import { latestEventSeq } from '../common/events';
import { formatDateTime } from '../common/time';
import { useNow } from '../common/useNow';
import { useRecord } from '../common/useRecord';
import { DistrictName } from '../deconfliction/common';
import { Countdown, isolate, RecordPlaceholder, useLanguage, useParties } from '../requests/common';
import { FootprintMap } from '../requests/FootprintMap';
import { partyName } from '../requests/format';
import { useStreamEvents } from '../shell/routes';
import {
  CasualtySummary,
  IncidentStateBadge,
  kIncidentErrorKeys,
  LinkedIds,
  Receipt,
  SeverityBadge,
} from './common';
import { CrisisRoom } from './CrisisRoom';
import { locationFieldsOf } from './draft';
import { IncidentActions, type IncidentAction } from './IncidentActions';
import { casualtyTotals, kIncidentEvents } from './model';
import '../requests/requests.css';
import './incidents.css';

/** The highest seq of an event about incident `id`, 0 when none. */
export function latestIncidentEvent(events: readonly { seq: number; type: string; subject?: string }[], id: string): number {
  return latestEventSeq(events, kIncidentEvents, id);
}

function AckRow({ ack, parties, nowMs }: { ack: Acknowledgement; parties: readonly Party[]; nowMs: number }) {
  const { t } = useTranslation();
  const { language, locale } = useLanguage();
  const done = ack.acknowledged_at !== null;
  return (
    <tr data-testid="ack" data-party={ack.party} data-acknowledged={done} data-overdue={ack.overdue}>
      <th scope="row">
        <bdi>{partyName(ack.party, parties, language)}</bdi>
      </th>
      <td>
        <time dateTime={ack.due_at}>{formatDateTime(ack.due_at, locale)}</time>
      </td>
      <td>
        {done ? (
          <span className={Date.parse(ack.acknowledged_at ?? '') > Date.parse(ack.due_at) ? 'req-late' : 'req-ok'}>
            {t('incidents.ack.done', {
              at: isolate(formatDateTime(ack.acknowledged_at, locale)),
              by: isolate(ack.acknowledged_by ?? '—'),
            })}
          </span>
        ) : (
          <Countdown at={ack.due_at} nowMs={nowMs} testId="ack-countdown" />
        )}
      </td>
      <td>
        {ack.overdue && (
          <span className="req-overdue" data-testid="ack-overdue">
            {t('requests.deadline.overdue')}
          </span>
        )}
      </td>
    </tr>
  );
}

function Changes({ changes, parties }: { changes: Record<string, unknown>; parties: readonly Party[] }) {
  const { t } = useTranslation();
  const items: [string, ReactNode][] = [];
  const severity = changes['severity'];
  if (typeof severity === 'number') items.push(['severity', <SeverityBadge severity={severity} />]);
  const state = changes['state'];
  if (typeof state === 'string') items.push(['state', t(`incidents.state.${state}`, { defaultValue: state })]);
  const casualties = changes['casualties'];
  if (typeof casualties === 'object' && casualties !== null) {
    items.push(['casualties', <CasualtySummary casualties={casualties as Casualties} parties={parties} />]);
  }
  if (changes['location'] !== undefined) items.push(['location', t('incidents.timeline.moved')]);
  const links = changes['links'];
  if (Array.isArray(links)) {
    const ids = links.filter((l): l is string => typeof l === 'string');
    items.push(['links', ids.length > 0 ? <LinkedIds ids={ids} /> : t('incidents.timeline.no_links')]);
  }
  if (items.length === 0) return null;
  return (
    <dl className="req-timeline__body" data-testid="timeline-changes">
      {items.map(([k, v]) => (
        <div key={k} className="req-timeline__field" data-field={k}>
          <dt>{t(`incidents.field.${k}`)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Timeline({ entries, parties }: { entries: readonly IncidentTimelineEntry[]; parties: readonly Party[] }) {
  const { t } = useTranslation();
  const { language, locale } = useLanguage();
  return (
    <ol className="req-timeline" data-testid="timeline">
      {entries.map((e) => (
        <li key={e.seq} className="req-timeline__entry" data-testid="timeline-entry" data-seq={e.seq} data-kind={e.kind}>
          <div className="req-timeline__head">
            <strong>{t(`incidents.timeline.kind.${e.kind}`, { defaultValue: e.kind })}</strong>
            <time dateTime={e.at} className="req-muted">
              {formatDateTime(e.at, locale)}
            </time>
            <bdi className="req-muted" data-testid="timeline-by">
              {e.by}
            </bdi>
            <bdi className="req-muted" data-testid="timeline-party">
              {partyName(e.party, parties, language)}
            </bdi>
          </div>
          {e.text && (
            <p className="req-comment__text" dir="auto" data-testid="timeline-text">
              {e.text}
            </p>
          )}
          {e.changes && <Changes changes={e.changes} parties={parties} />}
          <Receipt seq={e.seq} keys={kIncidentErrorKeys} />
        </li>
      ))}
    </ol>
  );
}

export interface IncidentPageProps {
  id: string;
  /** Clock, injectable for tests. */
  now?: () => number;
}

export function IncidentPage({ id, now = Date.now }: IncidentPageProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { language, locale } = useLanguage();
  const parties = useParties();
  const nowMs = useNow(now);
  const changed = latestIncidentEvent(useStreamEvents(), id);
  const { record, loadError, reload } = useRecord((signal) => getIncident(api, id, signal), id, changed);
  const [receipt, setReceipt] = useState<{ action: IncidentAction; seq: number } | null>(null);

  useEffect(() => setReceipt(null), [id]);
  const location = useMemo(() => (record ? locationFieldsOf(record.location) : null), [record]);
  const onDone = useCallback(
    (reply: Incident, action: IncidentAction) => {
      setReceipt({ action, seq: reply.seq });
      reload();
    },
    [reload],
  );

  if (!record || record.id !== id) {
    return (
      <div className="req-page" data-testid="incident-page">
        <RecordPlaceholder
          error={loadError}
          errorKeys={kIncidentErrorKeys}
          backHref="#/incidents"
          backLabel={t('incidents.page.back')}
        />
      </div>
    );
  }

  const i = record;
  const party = (p: string) => partyName(p, parties, language);
  const totals = casualtyTotals(i);

  return (
    <div className="req-page inc-page" data-testid="incident-page" data-id={i.id} data-state={i.state}>
      <div className="inc-layout">
        <div className="inc-layout__main">
          <header className="req-detail__head">
            <h1 className="req-page__title">
              <bdi data-testid="incident-id">{i.id}</bdi>
            </h1>
            <SeverityBadge severity={i.severity} />
            <IncidentStateBadge state={i.state} />
            <span className="req-chip" data-testid="incident-type">
              {t(`incidents.type.${i.type}`, { defaultValue: i.type })}
            </span>
          </header>
          <p className="req-detail__title" dir="auto" data-testid="incident-title">
            {i.title}
          </p>

          {receipt && (
            <p className="req-receipt" role="status" data-testid="receipt">
              {t(`incidents.page.receipt_${receipt.action}`, { seq: receipt.seq })}
            </p>
          )}

          <div className="req-detail__grid">
            <section className="req-section" aria-label={t('incidents.page.summary')}>
              <dl className="req-facts">
                <dt>{t('incidents.field.occurred_at')}</dt>
                <dd>
                  <time dateTime={i.occurred_at}>{formatDateTime(i.occurred_at, locale)}</time>
                </dd>
                <dt>{t('incidents.field.reported')}</dt>
                <dd data-testid="incident-reported">
                  <time dateTime={i.reported_at}>{formatDateTime(i.reported_at, locale)}</time>
                  {' · '}
                  <bdi>{i.reported_by}</bdi>
                  {' · '}
                  <bdi>{party(i.party)}</bdi>
                  {i.unit && (
                    <span className="req-muted">
                      {' · '}
                      <bdi>{i.unit}</bdi>
                    </span>
                  )}
                </dd>
                <dt>{t('incidents.field.district')}</dt>
                <dd data-testid="incident-district">
                  <DistrictName code={i.district} />
                </dd>
                <dt>{t('incidents.field.shared_with')}</dt>
                <dd data-testid="incident-shared">
                  <bdi>{i.shared_with.map(party).join(', ') || '—'}</bdi>
                </dd>
                <dt>{t('incidents.field.casualties')}</dt>
                <dd>
                  {totals && i.casualties ? (
                    <CasualtySummary casualties={i.casualties} parties={parties} />
                  ) : (
                    <span className="req-muted">{t('incidents.casualties.none')}</span>
                  )}
                </dd>
                {i.links.length > 0 && (
                  <>
                    <dt>{t('incidents.field.links')}</dt>
                    <dd>
                      <LinkedIds ids={i.links} testId="incident-links" />
                    </dd>
                  </>
                )}
                {i.state === 'closed' && (
                  <>
                    <dt>{t('incidents.field.closed')}</dt>
                    <dd data-testid="incident-closed">
                      <time dateTime={i.closed_at ?? ''}>{formatDateTime(i.closed_at, locale)}</time>
                      {i.closed_by && (
                        <>
                          {' · '}
                          <bdi>{i.closed_by}</bdi>
                        </>
                      )}
                    </dd>
                    <dt>{t('incidents.field.summary')}</dt>
                    <dd dir="auto" data-testid="incident-summary">
                      {i.summary}
                    </dd>
                  </>
                )}
              </dl>
              {i.description && (
                <p className="req-detail__details" dir="auto" data-testid="incident-description">
                  {i.description}
                </p>
              )}
            </section>

            <section className="req-section" aria-label={t('incidents.field.location')}>
              <h2 className="req-section__title">{t('incidents.field.location')}</h2>
              <FootprintMap
                testId="incident-map"
                label={t('incidents.field.location')}
                mode={location?.mode ?? 'point'}
                vertices={location?.vertices ?? []}
                className="req-map--small"
              />
            </section>

            <section className="req-section" aria-label={t('incidents.page.acknowledgements')}>
              <h2 className="req-section__title">{t('incidents.page.acknowledgements')}</h2>
              {i.acknowledgements.length === 0 ? (
                <p className="req-muted" data-testid="no-acks">
                  {t('incidents.page.no_acks')}
                </p>
              ) : (
                <table className="req-deadlines" data-testid="acknowledgements">
                  <thead>
                    <tr>
                      <th scope="col">{t('incidents.field.party')}</th>
                      <th scope="col">{t('incidents.ack.due_at')}</th>
                      <th scope="col">{t('incidents.ack.status')}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t('requests.deadline.overdue')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {i.acknowledgements.map((a) => (
                      <AckRow key={a.party} ack={a} parties={parties} nowMs={nowMs} />
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>

          <IncidentActions incident={i} onDone={onDone} onStale={reload} nowMs={nowMs} />

          <section className="req-section" aria-label={t('incidents.page.timeline')}>
            <h2 className="req-section__title">{t('incidents.page.timeline')}</h2>
            <Timeline entries={i.timeline} parties={parties} />
          </section>
        </div>
        <aside className="inc-layout__room">
          <CrisisRoom channelId={i.channel_id} />
        </aside>
      </div>
    </div>
  );
}
